"""The import preview shows editors only what changes, and the files speak their language."""

import csv
import io
import re

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile

from kennisbank.models import Artikel
from tests.factories import ArtikelFactory, SectorFactory, ThemaFactory

pytestmark = pytest.mark.django_db

URL = "/admin/kennisbank/artikel/"


@pytest.fixture
def articles():
    thema = ThemaFactory(slug="gezond-werken", naam="Gezond werken")
    vo = SectorFactory(slug="vo", naam="Voortgezet onderwijs")
    items = []
    for n in range(6):
        item = ArtikelFactory(
            slug=f"artikel-{n}",
            titel=f"Artikel {n}",
            samenvatting="Wat scholen doen tegen werkdruk.",
            tekst="## Aanpak\n\nEen lange tekst. " * 20,
            bron_url="https://www.voion.nl/publicatie",
        )
        item.themas.add(thema)
        item.sectoren.add(vo)
        items.append(item)
    return items


def exported_csv(client) -> str:
    response = client.post(f"{URL}export/", {"format": "0", "resource": "0"})
    assert response.status_code == 200
    return response.content.decode()


def preview(client, text: str):
    upload = SimpleUploadedFile("artikelen.csv", text.encode())
    response = client.post(f"{URL}import/", {"import_file": upload, "format": "0", "resource": "0"})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def with_title_changed(text: str, old: str, new: str) -> str:
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        if row["Titel"] == old:
            row["Titel"] = new
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def test_the_export_has_the_headings_editors_know(editor_client, articles):
    headings = next(csv.reader(io.StringIO(exported_csv(editor_client))))
    assert headings[:3] == ["Slug", "Titel", "Soort"]
    assert {"Thema's", "Sectoren", "DI-pijlers", "Bron (webadres)", "Publicatiemoment"} <= set(
        headings
    )
    assert not {"themas", "bron_url", "publicatiedatum"} & set(headings)


def test_an_export_imported_back_unchanged_changes_nothing(editor_client, articles):
    page = preview(editor_client, exported_csv(editor_client))
    assert "0 nieuw, 0 gewijzigd, 6 ongewijzigd" in page.select_one(".import-summary").text
    assert page.select(".import-row") == []
    assert "Het bestand verandert niets" in page.text


def test_one_changed_title_shows_one_row_with_the_title_cell_marked(editor_client, articles):
    text = with_title_changed(exported_csv(editor_client), "Artikel 3", "Artikel drie")
    page = preview(editor_client, text)

    assert "0 nieuw, 1 gewijzigd, 5 ongewijzigd" in page.select_one(".import-summary").text
    (row,) = page.select(".import-row")
    assert "Gewijzigd" in row.select_one(".import-row__badge").text
    assert "Artikel drie" in row.select_one(".import-row__title").text
    (changed,) = row.select(".import-cell--changed")
    assert changed.dt.text == "Titel"
    assert changed.dd.select_one("del").text == "3"
    assert changed.dd.select_one("ins").text == "drie"
    # the other columns are folded away, not shown beside the change
    folded = row.select_one("details.import-unchanged")
    assert "ongewijzigde kolommen" in folded.summary.text
    assert "Thema's" in [dt.text for dt in folded.select("dt")]
    assert Artikel.objects.get(slug="artikel-3").titel == "Artikel 3", "a preview saves nothing"


def test_a_change_in_a_long_text_shows_the_change_not_the_whole_text(editor_client, articles):
    rows = list(csv.DictReader(io.StringIO(exported_csv(editor_client))))
    rows[0]["Tekst"] = rows[0]["Tekst"].replace("## Aanpak", "## Onze aanpak", 1)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    page = preview(editor_client, out.getvalue())
    (cell,) = page.select(".import-cell--changed")
    assert cell.dt.text == "Tekst" and "Onze" in cell.ins.text
    assert len(cell.dd.text) < 200, "the unchanged rest of the text is shortened"


def test_old_technical_headings_are_still_read(editor_client, articles):
    old = (
        "slug,titel,themas,sectoren,bron_url\n"
        "artikel-1,Artikel 1,gezond-werken,vo,https://www.voion.nl/publicatie\n"
        "nieuw-artikel,Nieuw artikel,Gezond werken,vo,https://www.voion.nl/nieuw\n"
    )
    page = preview(editor_client, old)
    assert "1 nieuw, 0 gewijzigd, 1 ongewijzigd" in page.select_one(".import-summary").text
    (row,) = page.select(".import-row")
    assert "Nieuw" in row.select_one(".import-row__badge").text
    changed = {cell.dt.text: cell.dd.text for cell in row.select(".import-cell--changed")}
    assert changed["Thema's"] == "gezond-werken"
    assert changed["Bron (webadres)"] == "https://www.voion.nl/nieuw"


def test_the_export_page_is_dutch(editor_client, articles):
    body = editor_client.get(f"{URL}export/").content.decode()
    page = BeautifulSoup(body, "html.parser")
    text = page.select_one("#content").text
    assert "Het bestand heeft deze kolommen" in text and "Thema's" in text
    for english in ("This exporter", "Submit", "Export", "Select all", "fields"):
        assert not re.search(rf"\b{english}\b", text), english
    assert page.select_one('input[type="submit"]')["value"] == "Exporteren"
