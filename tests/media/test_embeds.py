"""Library images and documents in texts: shown from the library, never from a raw URL."""

import pytest

from tests.factories import AfbeeldingFactory, ArtikelFactory, DocumentFactory, StapFactory
from voion_portal.core.markup import render_markdown

pytestmark = pytest.mark.django_db


def test_an_image_on_its_own_line_is_a_figure_with_srcset_caption_and_maker():
    image = AfbeeldingFactory(
        titel="Lerarenkamer",
        alt_tekst="Twee docenten in gesprek",
        bijschrift="Het gesprek over werkdruk",
        maker="Foto: Voion",
        width=1400,
    )

    html = render_markdown(f"Inleiding.\n\n![]({'afbeelding'}:{image.pk})\n\nVerder.")

    assert '<figure class="figuur"><img' in html
    assert 'alt="Twee docenten in gesprek"' in html
    assert "640w" in html and "1400w" in html
    assert 'width="640" height="320"' in html
    assert "<figcaption>Het gesprek over werkdruk" in html
    assert '<span class="figuur-maker">Foto: Voion</span>' in html
    assert "<p><figure" not in html


def test_the_text_in_brackets_overrides_the_alt_text_and_is_escaped():
    image = AfbeeldingFactory(alt_tekst="Standaard")
    html = render_markdown(f'Zie ![een "grafiek" <b>]({"afbeelding"}:{image.pk}) hier.')
    assert 'alt="een &quot;grafiek&quot; &lt;b&gt;"' in html
    assert "<figure" not in html  # inline in a sentence: just the image


def test_raw_image_urls_and_html_images_are_dropped():
    html = render_markdown(
        "![tracker](https://evil.example/pixel.gif)\n\n"
        '<img src="https://evil.example/x.png" onerror="alert(1)">\n\n'
        "![](javascript:alert(1))\n\nTekst."
    )
    assert "<img" not in html and "evil" not in html and "alert" not in html
    assert "<p>Tekst.</p>" in html


def test_a_deleted_or_unknown_image_leaves_nothing_behind():
    assert "<img" not in render_markdown("![iets](afbeelding:999999)")


def test_private_use_characters_cannot_smuggle_an_image_in():
    image = AfbeeldingFactory()
    text = f"![x](afbeelding:{image.pk})\n\n\ue0000\ue001 and \ue000" + "0\ue001"
    html = render_markdown(text)
    assert html.count("<img") == 1


def test_a_document_link_says_kind_and_size_and_follows_the_document():
    document = DocumentFactory(titel="Jaarplan Voion 2025")

    html = render_markdown(f"Lees [het jaarplan](document:{document.pk}).")

    url = document.get_absolute_url()
    assert f'<a href="{url}">het jaarplan (PDF, ' in html
    assert url == f"/documenten/{document.pk}/jaarplan-voion-2025.pdf"
    assert "document:" not in html
    assert render_markdown("[weg](document:999999)") == "<p>weg</p>"


def test_changing_an_images_alt_text_updates_every_text_that_shows_it():
    image = AfbeeldingFactory(alt_tekst="Oude beschrijving")
    artikel = ArtikelFactory(tekst=f"![](afbeelding:{image.pk})")
    stap = StapFactory(tekst=f"Zie:\n\n![](afbeelding:{image.pk})")
    assert "Oude beschrijving" in artikel.tekst_html

    image.alt_tekst = "Nieuwe beschrijving"
    image.save()

    artikel.refresh_from_db()
    stap.refresh_from_db()
    assert 'alt="Nieuwe beschrijving"' in artikel.tekst_html
    assert 'alt="Nieuwe beschrijving"' in stap.tekst_html
