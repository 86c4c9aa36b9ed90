"""The media library as an editor uses it: upload, describe, attach, replace, delete."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse

from tests.editors.forms import form_data
from tests.factories import (
    PDF_BYTES,
    AfbeeldingFactory,
    ArtikelFactory,
    DocumentFactory,
    InstrumentFactory,
    image_bytes,
)
from voion_portal.media.models import Afbeelding, Document

pytestmark = pytest.mark.django_db

ADD_IMAGE = reverse("admin:voion_portal_afbeelding_add")
ADD_DOCUMENT = reverse("admin:voion_portal_document_add")


def stored(settings, name) -> bool:
    return Path(settings.MEDIA_ROOT, name).exists()


def test_an_editor_uploads_a_logo_and_it_is_stored_re_encoded(editor_client, settings):
    response = editor_client.post(
        ADD_IMAGE,
        {
            "upload": SimpleUploadedFile("TNO_logo-2025.png", image_bytes(500, 200, "PNG")),
            "titel": "",
            "alt_tekst": "Logo van TNO",
            "bijschrift": "",
            "maker": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Afbeelding.objects.get()
    assert image.titel == "TNO logo 2025"  # from the file name, left empty
    assert image.origineel_naam == "TNO_logo-2025.png"
    assert [w for w, _h, _n in image.formaten] == [320, 500]
    assert all(name.endswith(".webp") and stored(settings, name) for name in image.file_names())
    assert image.aangemaakt_door.username == "redacteur"


def test_an_image_without_alt_text_or_with_the_wrong_content_keeps_the_form(editor_client):
    response = editor_client.post(
        ADD_IMAGE,
        {"upload": SimpleUploadedFile("foto.jpg", PDF_BYTES), "titel": "Foto", "alt_tekst": ""},
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "alt_tekst" in errors
    assert "geen afbeelding" in errors["upload"][0]
    assert 'value="Foto"' in response.content.decode()  # what was typed stays
    assert not Afbeelding.objects.exists()


def test_the_same_file_twice_points_to_the_one_already_there(editor_client):
    data = image_bytes(400, 300)
    editor_client.post(
        ADD_IMAGE,
        {"upload": SimpleUploadedFile("a.jpg", data), "titel": "Eerste", "alt_tekst": "x"},
    )
    response = editor_client.post(
        ADD_IMAGE,
        {"upload": SimpleUploadedFile("b.jpg", data), "titel": "Tweede", "alt_tekst": "x"},
    )
    assert response.status_code == 200
    assert "staat al in de bibliotheek" in response.content.decode()
    assert list(Afbeelding.objects.values_list("titel", flat=True)) == ["Eerste"]


def test_a_pdf_is_added_as_a_document_with_kind_and_size(editor_client):
    response = editor_client.post(
        ADD_DOCUMENT,
        {
            "upload": SimpleUploadedFile("upload.bin", PDF_BYTES),
            "titel": "Jaarplan Voion 2025",
            "beschrijving": "",
        },
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.soort == "pdf"
    assert document.kind_and_size.startswith("PDF, ")
    changelist = editor_client.get(reverse("admin:voion_portal_document_changelist"))
    assert "PDF, " in changelist.content.decode()


def test_an_editor_attaches_a_pdf_and_a_logo_to_an_instrument(editor_client):
    instrument = InstrumentFactory(titel="Werkbalans")
    logo = AfbeeldingFactory(alt_tekst="Logo van Voion")
    pdf = DocumentFactory(titel="Jaarplan Voion 2025")
    url = reverse("admin:instrumenten_instrument_change", args=[instrument.pk])
    data = form_data(editor_client.get(url), "instrument_form")
    data.update({"logo": [str(logo.pk)], "documenten": [str(pdf.pk)], "_save": ["1"]})

    response = editor_client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    page = editor_client.logout() or editor_client.get(instrument.get_absolute_url())
    body = page.content.decode()
    assert 'alt="Logo van Voion"' in body
    assert "Jaarplan Voion 2025 <span" in body


def test_deleting_a_file_in_use_is_refused_with_where_it_is_used(editor_client, settings):
    logo = AfbeeldingFactory(titel="Logo TNO")
    in_text = AfbeeldingFactory(titel="Grafiek")
    InstrumentFactory(titel="Arboscan-VO", logo=logo)
    ArtikelFactory(titel="Werkdruk in cijfers", tekst=f"![](afbeelding:{in_text.pk})")
    pdf = DocumentFactory(titel="Handleiding")
    ArtikelFactory(titel="Over de scan").documenten.add(pdf)

    for medium, used_by in [
        (logo, "Arboscan-VO"),
        (in_text, "Werkdruk in cijfers"),
        (pdf, "Over de scan"),
    ]:
        meta = medium._meta
        url = reverse(f"admin:voion_portal_{meta.model_name}_delete", args=[medium.pk])
        page = editor_client.get(url).content.decode()
        assert "kan niet weg: het wordt nog gebruikt" in page
        assert used_by in page
        assert 'name="post"' not in page  # no button to confirm
        editor_client.post(url, {"post": "yes"})
        assert type(medium).objects.filter(pk=medium.pk).exists()
        with pytest.raises(ProtectedError), transaction.atomic():
            medium.delete()
    assert all(stored(settings, name) for name in in_text.file_names())


def test_bulk_delete_refuses_files_in_use_and_names_them(editor_client):
    used = DocumentFactory(titel="In gebruik")
    ArtikelFactory(titel="Artikel met bijlage").documenten.add(used)
    DocumentFactory(titel="Los")
    response = editor_client.post(
        reverse("admin:voion_portal_document_changelist"),
        {"action": "delete_selected", "_selected_action": [d.pk for d in Document.objects.all()]},
    )
    body = response.content.decode()
    assert "Niets is verwijderd" in body and "Artikel met bijlage" in body
    assert Document.objects.count() == 2


def test_the_file_page_says_where_it_is_used(editor_client):
    logo = AfbeeldingFactory()
    InstrumentFactory(titel="Arboscan-VO", logo=logo)
    ArtikelFactory(titel="Werkdruk in cijfers", tekst=f"![](afbeelding:{logo.pk})")
    page = editor_client.get(reverse("admin:voion_portal_afbeelding_change", args=[logo.pk]))
    used = page.content.decode().split('class="media-usage"')[1].split("</ul>")[0]
    assert "instrument ‘Arboscan-VO’ (logo van de aanbieder)" in used
    assert "artikel ‘Werkdruk in cijfers’ (in de tekst)" in used


def test_an_unused_image_is_deleted_with_its_files(
    editor_client, settings, django_capture_on_commit_callbacks
):
    image = AfbeeldingFactory()
    names = image.file_names()
    url = reverse("admin:voion_portal_afbeelding_delete", args=[image.pk])
    assert (
        "Nergens"
        in editor_client.get(
            reverse("admin:voion_portal_afbeelding_change", args=[image.pk])
        ).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Afbeelding.objects.exists()
    assert not any(stored(settings, name) for name in names)


def test_replacing_an_image_updates_the_texts_and_removes_the_old_files(
    editor_client, settings, django_capture_on_commit_callbacks
):
    image = AfbeeldingFactory(titel="Schema", width=800)
    artikel = ArtikelFactory(tekst=f"![](afbeelding:{image.pk})")
    old_names = image.file_names()
    url = reverse("admin:voion_portal_afbeelding_change", args=[image.pk])
    data = form_data(editor_client.get(url), "afbeelding_form")
    data["upload"] = SimpleUploadedFile("nieuw.png", image_bytes(1000, 500, "PNG", color=(1, 2, 3)))

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url, data)

    assert response.status_code == 302
    image.refresh_from_db()
    artikel.refresh_from_db()
    assert image.breedte == 1000
    assert not any(stored(settings, name) for name in old_names)
    assert all(name in artikel.tekst_html for name in image.file_names())


def test_the_chooser_lists_the_newest_media_first_and_finds_them_by_title(editor_client):
    AfbeeldingFactory(titel="Lerarenkamer", alt_tekst="Docenten in gesprek")
    AfbeeldingFactory(titel="Schoolplein")
    url = reverse("choose_media")

    newest = editor_client.get(url, {"soort": "afbeelding"}).json()
    assert [r["label"] for r in newest["results"]] == ["Schoolplein", "Lerarenkamer"]

    found = editor_client.get(url, {"soort": "afbeelding", "q": "leraren"}).json()
    (result,) = found["results"]
    image = Afbeelding.objects.get(titel="Lerarenkamer")
    assert result["markdown"] == f"![Docenten in gesprek](afbeelding:{image.pk})"
    assert result["thumbnail"] == image.sizes[0][2]

    assert editor_client.get(url, {"soort": "iets"}).status_code == 400


def test_uploading_from_the_editor_answers_with_the_markdown_or_the_form_errors(editor_client):
    url = reverse("upload_media")
    refused = editor_client.post(
        url, {"soort": "afbeelding", "upload": SimpleUploadedFile("x.jpg", b"no image")}
    )
    assert refused.status_code == 400
    errors = refused.json()["errors"]
    assert "geen afbeelding" in errors["upload"][0] and "alt_tekst" in errors

    added = editor_client.post(
        url,
        {
            "soort": "document",
            "upload": SimpleUploadedFile("Handreiking werkdruk.pdf", PDF_BYTES),
            "titel": "",
        },
    )
    assert added.status_code == 201
    document = Document.objects.get()
    assert document.titel == "Handreiking werkdruk"
    assert added.json()["result"]["markdown"] == f"[Handreiking werkdruk](document:{document.pk})"


def test_the_live_preview_renders_as_the_text_will_be_stored(editor_client):
    url = reverse("preview_markdown")
    html = editor_client.post(url, {"tekst": "## Kop\n\n<script>x</script>[a](javascript:x)"})
    assert html.json()["html"].startswith("<h2>Kop</h2>")
    assert "<script" not in html.json()["html"] and "javascript" not in html.json()["html"]
    assert editor_client.post(url, {"tekst": "x" * 200_001}).status_code == 400
    assert editor_client.get(url).status_code == 405
    assert Client().post(url, {"tekst": "x"}).status_code == 302  # to the log-in page


def test_a_reader_without_upload_rights_cannot_upload(client, django_user_model):
    staff = django_user_model.objects.create_user("lezer", password="x-x-x-x-x-1", is_staff=True)
    client.force_login(staff)
    response = client.post(
        reverse("upload_media"),
        {"soort": "document", "upload": SimpleUploadedFile("a.pdf", PDF_BYTES)},
    )
    assert response.status_code == 403
    assert not Document.objects.exists()
