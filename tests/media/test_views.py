"""The library's files as visitors get them: safe headers, nothing else from the disk."""

from pathlib import Path

import pytest

from tests.factories import (
    AfbeeldingFactory,
    ArtikelFactory,
    DocumentFactory,
    InstrumentFactory,
    PilotFactory,
    StapFactory,
)

pytestmark = pytest.mark.django_db


def test_an_image_is_served_as_webp_cached_for_a_year_and_never_sniffed(client):
    image = AfbeeldingFactory(width=700)
    response = client.get(image.src)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "immutable" in response["Cache-Control"]
    assert b"".join(response.streaming_content)[:4] == b"RIFF"
    assert client.head(image.src).status_code == 200


def test_nothing_but_library_images_is_served_from_the_media_folder(client, settings):
    Path(settings.MEDIA_ROOT, "afbeeldingen").mkdir(exist_ok=True)
    Path(settings.MEDIA_ROOT, "afbeeldingen", "evil.html").write_text("<script>alert(1)</script>")
    Path(settings.MEDIA_ROOT, "notes.webp").write_bytes(b"RIFF")
    for path in [
        "/media/afbeeldingen/evil.html",
        "/media/notes.webp",
        "/media/afbeeldingen/../../etc/passwd.webp",
        "/media/afbeeldingen/bestaat-niet.webp",
        "/media/afbeeldingen/%00.webp",
    ]:
        assert client.get(path).status_code == 404, path


def test_a_document_is_a_download_with_its_kind_and_a_clean_name(client):
    document = DocumentFactory(titel="Jaarplan Voion 2025", origineel_naam="JP 2025 def (2).pdf")
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="jaarplan-voion-2025.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_an_old_document_name_redirects_and_an_unknown_one_is_not_found(client):
    document = DocumentFactory(titel="Handreiking")
    old = document.get_absolute_url()
    document.titel = "Handreiking werkdruk"
    document.save()
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == document.get_absolute_url()
    assert client.get("/documenten/999999/iets.pdf").status_code == 404


@pytest.mark.parametrize(
    "factory, field", [(InstrumentFactory, "documenten"), (ArtikelFactory, "documenten")]
)
def test_a_page_lists_its_documents_with_kind_and_size(client, factory, field):
    item = factory()
    document = DocumentFactory(titel="Handleiding", beschrijving="Stap voor stap uitgelegd.")
    getattr(item, field).add(document)
    body = client.get(item.get_absolute_url()).content.decode()
    assert '<h2 id="kop-downloads">Downloads</h2>' in body
    assert f'href="{document.get_absolute_url()}">Handleiding' in body
    assert "(PDF, " in body and "Stap voor stap uitgelegd." in body


def test_an_instrument_shows_its_providers_logo_with_alt_text(client):
    logo = AfbeeldingFactory(alt_tekst="Logo van TNO", width=400)
    instrument = InstrumentFactory(logo=logo)
    body = client.get(instrument.get_absolute_url()).content.decode()
    assert 'class="provider-logo"' in body and 'alt="Logo van TNO"' in body
    assert "srcset=" in body


def test_an_article_and_a_pilot_show_their_picture_with_caption(client):
    picture = AfbeeldingFactory(alt_tekst="Schoolplein", bijschrift="Een pauze", maker="Foto: X")
    for item in (ArtikelFactory(afbeelding=picture), PilotFactory(afbeelding=picture)):
        body = client.get(item.get_absolute_url()).content.decode()
        assert 'alt="Schoolplein"' in body
        assert "<figcaption>Een pauze" in body


def test_a_step_lists_its_documents(client):
    stap = StapFactory()
    stap.documenten.add(DocumentFactory(titel="Werkblad"))
    body = client.get(stap.get_absolute_url()).content.decode()
    assert "Werkblad" in body and "kop-downloads" in body
