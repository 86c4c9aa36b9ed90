"""CSV and XLSX import and export of instruments and articles from the admin."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from reversion.models import Version

from instrumenten.models import Instrument
from kennisbank.models import Artikel
from tests.factories import (
    DiPijlerFactory,
    DoelgroepFactory,
    InstrumentFactory,
    InstrumentSoortFactory,
    OrganisatieFactory,
    PilotFactory,
    SectorFactory,
    ThemaFactory,
)
from voion_portal.core.content import Status

pytestmark = pytest.mark.django_db

CSV_FORMAT, XLSX_FORMAT = "0", "1"
IMPORT_URL = "/admin/instrumenten/instrument/import/"
EXPORT_URL = "/admin/instrumenten/instrument/export/"
COLUMNS = [
    "slug",
    "titel",
    "status",
    "publicatiedatum",
    "soort",
    "aanbieder",
    "samenvatting",
    "url",
    "kosten",
    "uitgelicht",
    "sectoren",
    "themas",
    "pijlers",
    "doelgroepen",
]


@pytest.fixture
def taxonomy():
    SectorFactory(slug="vo", naam="Voortgezet onderwijs")
    SectorFactory(slug="po", naam="Primair onderwijs")
    return {
        "thema": ThemaFactory(slug="gezond-werken", naam="Gezond werken"),
        "pijler": DiPijlerFactory(slug="kunnen-werken", naam="Kunnen werken"),
        "doelgroep": DoelgroepFactory(slug="hr-medewerker", naam="HR-medewerker"),
        "scan": InstrumentSoortFactory(slug="scan", naam="Scan"),
        "monitor": InstrumentSoortFactory(slug="monitor", naam="Monitor"),
        "voion": OrganisatieFactory(slug="voion", naam="Voion"),
        "tno": OrganisatieFactory(slug="tno", naam="TNO"),
    }


def row(n, **values):
    base = {
        "slug": f"tool-{n}",
        "titel": f"Tool {n}",
        "status": "gepubliceerd",
        "publicatiedatum": "2025-01-15 09:00",
        "soort": "scan" if n % 2 else "Monitor",  # by slug or by name
        "aanbieder": "Voion" if n % 2 else "tno",
        "samenvatting": f"Tool nummer {n}.",
        "url": f"https://www.example.nl/tool-{n}",
        "kosten": "gratis",
        "uitgelicht": "nee",
        "sectoren": "vo, Primair onderwijs",
        "themas": "Gezond werken",
        "pijlers": "kunnen-werken",
        "doelgroepen": "HR-medewerker",
    }
    base.update(values)
    return base


def as_csv(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def as_xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(COLUMNS)
    for values in rows:
        sheet.append([values.get(column) for column in COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def preview(client, content: bytes, name="instrumenten.csv", fmt=CSV_FORMAT, url=IMPORT_URL):
    upload = SimpleUploadedFile(name, content)
    response = client.post(url, {"import_file": upload, "format": fmt, "resource": "0"})
    assert response.status_code == 200, response.content.decode()[:2000]
    return response


def confirm(client, response, url="/admin/instrumenten/instrument/process_import/"):
    form = response.context["confirm_form"]
    assert form is not None, "the preview offers to confirm"
    return client.post(url, {name: form.initial.get(name, "") for name in form.fields})


def test_twenty_rows_with_one_bad_row_change_nothing_and_report_the_row(editor_client, taxonomy):
    existing = InstrumentFactory(slug="tool-3", titel="Oude titel", soort=taxonomy["scan"])
    rows = [row(n) for n in range(1, 21)]
    rows[6] = row(7, sectoren="vo, hbo", url="geen adres", kosten="soms", soort="Gadget")
    response = preview(editor_client, as_csv(rows))

    result = response.context["result"]
    assert [invalid.number for invalid in result.invalid_rows] == [7]
    errors = result.invalid_rows[0].field_specific_errors
    assert "onbekende sector: ‘hbo’" in " ".join(errors["Sectoren"])
    assert "onbekende soort ‘Gadget’" in " ".join(errors["Soort"])
    assert "Voer een geldige URL in." in errors["Externe link"]
    assert "onbekende kosten ‘soms’ (kies uit: gratis, betaald)" in errors["Kosten"]
    assert response.context.get("confirm_form") is None, "no way to confirm a bad file"
    body = response.content.decode()
    assert "Er wordt niets geïmporteerd" in body
    assert "18 nieuw, 1 gewijzigd, 0 ongewijzigd, 1 met fouten" in body
    assert "<strong>Sectoren</strong>: onbekende sector: ‘hbo’" in body, "errors name the column"

    assert Instrument.objects.count() == 1
    existing.refresh_from_db()
    assert existing.titel == "Oude titel"


def test_preview_shows_new_and_update_per_row_and_confirm_imports(editor_client, editor, taxonomy):
    existing = InstrumentFactory(slug="tool-2", titel="Oude titel")
    response = preview(editor_client, as_csv([row(1), row(2), row(3)]))
    result = response.context["result"]
    assert [r.import_type for r in result.valid_rows()] == ["new", "update", "new"]
    body = response.content.decode()
    assert "2 nieuw, 1 gewijzigd, 0 ongewijzigd" in body
    assert body.count(">Nieuw<") == 2 and body.count(">Gewijzigd<") == 1
    assert Instrument.objects.count() == 1, "a preview saves nothing"

    done = confirm(editor_client, response)
    assert done.status_code == 302
    assert Instrument.objects.count() == 3
    existing.refresh_from_db()
    assert existing.titel == "Tool 2"
    one = Instrument.objects.get(slug="tool-1")
    assert one.soort == taxonomy["scan"] and one.aanbieder == taxonomy["voion"]
    assert sorted(s.slug for s in one.sectoren.all()) == ["po", "vo"]
    assert [t.slug for t in one.themas.all()] == ["gezond-werken"]
    assert [p.slug for p in one.pijlers.all()] == ["kunnen-werken"]
    assert [d.slug for d in one.doelgroepen.all()] == ["hr-medewerker"]
    assert Instrument.objects.get(slug="tool-2").soort == taxonomy["monitor"]
    assert one.aangemaakt_door == editor and one.gewijzigd_door == editor
    (version,) = Version.objects.get_for_object(one)
    assert version.revision.get_comment() == "Geïmporteerd uit instrumenten.csv."
    assert version.revision.version_set.count() == 1, "one revision per imported item"
    messages = [str(m) for m in done.wsgi_request._messages]
    assert messages == ["Import klaar: 2 nieuw, 1 gewijzigd, 0 ongewijzigd."]


def test_an_error_at_confirmation_rolls_back_every_row(editor_client, taxonomy):
    response = preview(editor_client, as_csv([row(1), row(2), row(3, themas="Nieuw thema")]))
    assert response.context["result"].invalid_rows[0].number == 3
    response = preview(editor_client, as_csv([row(1), row(2), row(3)]))
    taxonomy["thema"].delete()  # changed by someone else between preview and confirmation
    done = confirm(editor_client, response)
    assert done.status_code == 302 and done["Location"] == IMPORT_URL
    assert Instrument.objects.count() == 0, "rows 1 and 2 were rolled back with row 3"
    assert "Er is niets geïmporteerd" in str(next(iter(done.wsgi_request._messages)))


def test_xlsx_import_with_a_future_moment_schedules_publication(editor_client, taxonomy):
    moment = (timezone.localtime() + datetime.timedelta(days=2)).replace(tzinfo=None, microsecond=0)
    rows = [row(1, publicatiedatum=moment, uitgelicht="ja"), row(2, slug="", titel="Zonder Slug")]
    response = preview(editor_client, as_xlsx(rows), name="instrumenten.xlsx", fmt=XLSX_FORMAT)
    confirm(editor_client, response)
    scheduled = Instrument.objects.get(slug="tool-1")
    assert scheduled.publication_state == "gepland" and scheduled.uitgelicht is True
    assert Instrument.objects.filter(slug="zonder-slug").exists(), "slug made from the title"


def export(client, query: str, fmt: str):
    response = client.post(f"{EXPORT_URL}?{query}", {"format": fmt, "resource": "0"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return response


def test_export_honours_the_current_filters(editor_client, taxonomy):
    for n in range(3):
        InstrumentFactory(titel=f"Scan {n}", soort=taxonomy["scan"])
    InstrumentFactory(titel="Een monitor", soort=taxonomy["monitor"])
    query = f"soort__id__exact={taxonomy['scan'].pk}"

    changelist = editor_client.get(f"/admin/instrumenten/instrument/?{query}").content.decode()
    assert f'href="{EXPORT_URL}?{query}"' in changelist, "the export link keeps the filters"

    rows = list(
        csv.DictReader(io.StringIO(export(editor_client, query, CSV_FORMAT).content.decode()))
    )
    assert sorted(r["Titel"] for r in rows) == ["Scan 0", "Scan 1", "Scan 2"]
    assert rows[0]["Soort"] == "scan"

    book = openpyxl.load_workbook(io.BytesIO(export(editor_client, query, XLSX_FORMAT).content))
    titles = [cells[1] for cells in book.active.iter_rows(min_row=2, values_only=True)]
    assert sorted(titles) == ["Scan 0", "Scan 1", "Scan 2"]


def test_export_then_import_changes_nothing(editor_client, taxonomy):
    item = InstrumentFactory(titel="Werkbalans", soort=taxonomy["scan"], aanbieder=taxonomy["tno"])
    item.sectoren.set(Instrument.sectoren.field.related_model.objects.all())
    item.themas.add(taxonomy["thema"])
    exported = export(editor_client, "publicatie=gepubliceerd", CSV_FORMAT).content
    response = preview(editor_client, exported)
    assert [r.import_type for r in response.context["result"].valid_rows()] == ["skip"]
    body = response.content.decode()
    assert "0 nieuw, 0 gewijzigd, 1 ongewijzigd" in body
    assert "Het bestand verandert niets" in body and "import-row" not in body


def test_articles_import_with_taxonomy_and_related_content(editor_client, editor, taxonomy):
    instrument = InstrumentFactory(slug="arboscan-vo")
    pilot = PilotFactory(slug="mentoring")
    columns = "slug,titel,soort,status,publicatiedatum,themas,sectoren,instrumenten,pilots,tekst\n"
    good = columns + (
        "werkdruk,Werkdruk aanpakken,Praktijkvoorbeeld,concept,,Gezond werken,vo,"
        'arboscan-vo,mentoring,"Een **goed** verhaal."\n'
    )
    url = "/admin/kennisbank/artikel/import/"
    response = preview(editor_client, good.encode(), name="artikelen.csv", url=url)
    confirm(editor_client, response, url="/admin/kennisbank/artikel/process_import/")
    article = Artikel.objects.get(slug="werkdruk")
    assert article.soort == "praktijkvoorbeeld" and article.status == Status.CONCEPT
    assert list(article.instrumenten.all()) == [instrument]
    assert list(article.pilots.all()) == [pilot]
    assert article.tekst_html == "<p>Een <strong>goed</strong> verhaal.</p>"

    bad = columns + "ander,Ander,nieuws,concept,,,,bestaat-niet,,\n"
    response = preview(editor_client, bad.encode(), name="artikelen.csv", url=url)
    (invalid,) = response.context["result"].invalid_rows
    assert invalid.field_specific_errors["Gerelateerde instrumenten"] == [
        "onbekende instrumenten: ‘bestaat-niet’ (gebruik slugs)"
    ]


def test_import_page_explains_the_columns_in_dutch(editor_client):
    body = editor_client.get(IMPORT_URL).content.decode()
    assert "Voorbeeld bekijken" in body and "Slug" in body and "Bestandsformaat" in body
    assert "onclick" not in body and "<script>" not in body.replace(" ", ""), "CSP: no inline JS"


def test_import_and_export_need_model_permissions(client, django_user_model):
    staff = django_user_model.objects.create_user("staf", password="x", is_staff=True)
    client.force_login(staff)
    assert client.get(IMPORT_URL).status_code == 403
    assert client.get(EXPORT_URL).status_code == 403


def test_changelist_offers_import_and_export(editor_client):
    body = editor_client.get("/admin/instrumenten/instrument/").content.decode()
    assert IMPORT_URL in body and EXPORT_URL in body
    assert "/admin/instrumenten/instrument/recover/" in body, "and recovering deleted items"


def test_a_file_without_slugs_or_titles(editor_client, taxonomy):
    response = preview(editor_client, b"titel,soort\nNieuwe scan,scan\n")
    (result,) = response.context["result"].valid_rows()
    assert result.import_type == "new"
    confirm(editor_client, response)
    assert Instrument.objects.get().slug == "nieuwe-scan"

    response = preview(editor_client, b"naam,soort\nNieuwe scan,scan\n")
    assert "mist de kolommen ‘Slug’ en ‘Titel’" in response.content.decode()
    assert response.context.get("confirm_form") is None


def test_a_spreadsheet_with_crlf_in_a_text_changes_nothing(editor_client, taxonomy):
    InstrumentFactory(titel="Werkbalans", soort=taxonomy["scan"], tekst="Een.\n\nTwee.")
    exported = export(editor_client, "publicatie=gepubliceerd", CSV_FORMAT).content.decode()
    with_crlf = exported.replace("Een.\n\nTwee.", "Een.\r\n\r\nTwee.")
    assert with_crlf != exported
    response = preview(editor_client, with_crlf.encode())
    assert [r.import_type for r in response.context["result"].valid_rows()] == ["skip"]


def test_exports_neutralise_formulas_and_read_back_unchanged(editor_client, taxonomy):
    InstrumentFactory(
        titel='=HYPERLINK("http://evil","x")',
        soort=taxonomy["scan"],
        samenvatting="+31 20 123 45 67",
        tekst="- een lijst\n- met punten",
    )
    exported = export(editor_client, "publicatie=gepubliceerd", CSV_FORMAT).content
    row = next(csv.DictReader(io.StringIO(exported.decode())))
    assert row["Titel"] == '\'=HYPERLINK("http://evil","x")'
    assert row["Samenvatting"] == "'+31 20 123 45 67"
    assert row["Tekst"].startswith("'- een lijst")
    book = openpyxl.load_workbook(
        io.BytesIO(export(editor_client, "publicatie=gepubliceerd", XLSX_FORMAT).content)
    )
    cells = [cell for row in book.active.iter_rows() for cell in row]
    assert not [cell for cell in cells if cell.data_type == "f"], "no formula cells"
    # Read back, the quote goes again: nothing changes.
    response = preview(editor_client, exported)
    assert [r.import_type for r in response.context["result"].valid_rows()] == ["skip"]
