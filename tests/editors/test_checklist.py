"""The content checklist: warnings after a save about images, headings and link texts."""

import re

import pytest
from django.urls import reverse

from tests.editors.forms import form_data
from tests.factories import (
    AfbeeldingFactory,
    ArtikelFactory,
    PilotFactory,
    StapFactory,
    StappenplanFactory,
)
from voion_portal.editors.checklist import check_html


def test_an_image_without_alt_text_is_named():
    (problem,) = check_html('<p><img src="/media/grafiek.png" alt=""></p>')
    assert "grafiek.png" in problem and "alternatieve tekst" in problem
    assert check_html('<img src="/media/grafiek.png" alt="Verzuim per maand, 2024">') == []


def test_a_skipped_heading_level_is_named_with_the_fix():
    (problem,) = check_html("<h2>Aanpak</h2><p>…</p><h4>Resultaten</h4>")
    assert "‘Resultaten’" in problem and "h2 → h4" in problem and "###" in problem
    assert check_html("<h2>Aanpak</h2><h3>Stap 1</h3><h2>Resultaten</h2>") == []


def test_a_text_under_the_page_title_starts_at_h2_and_under_a_section_at_h3():
    assert check_html("<h3>Eerst</h3>")  # straight under the h1
    assert check_html("<h3>Eerst</h3>", parent_level=2) == []


@pytest.mark.parametrize("text", ["klik hier", "Hier", "lees meer…", "Meer informatie", "link"])
def test_link_texts_that_say_nothing(text):
    (problem,) = check_html(f'<p>Zie <a href="https://www.voion.nl/werkdruk">{text}</a>.</p>')
    assert f"‘{text}’" in problem and "https://www.voion.nl/werkdruk" in problem


def test_a_bare_address_as_link_text():
    (problem,) = check_html('<a href="https://www.voion.nl">https://www.voion.nl</a>')
    assert "kaal webadres" in problem
    assert check_html('<a href="https://www.voion.nl">de website van Voion</a>') == []


def save(client, item, **changes):
    url = reverse(f"admin:{item._meta.app_label}_{item._meta.model_name}_change", args=[item.pk])
    data = form_data(client.get(url), f"{item._meta.model_name}_form")
    for name, value in changes.items():
        data[name] = [value]
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    return [
        (message.level_tag, re.sub(r"<[^>]+>", "", str(message)))
        for message in response.context["messages"]
    ]


@pytest.mark.django_db
def test_saving_an_article_with_klik_hier_warns_naming_the_field(editor_client):
    article = ArtikelFactory(titel="Werkdruk")
    messages = save(
        editor_client,
        article,
        tekst="## Aanpak\n\nLees het rapport: [klik hier](https://www.voion.nl/rapport).",
    )
    warnings = [text for level, text in messages if level == "warning"]
    assert len(warnings) == 1, messages
    assert warnings[0].startswith("Controleer: Tekst: de linktekst ‘klik hier’")
    assert ("success", "Het artikel ‘Werkdruk’ is met succes gewijzigd.") in messages
    article.refresh_from_db()
    assert "klik hier" in article.tekst, "a warning, not a refusal: the text is saved"


@pytest.mark.django_db
def test_a_clean_text_gives_no_warning(editor_client):
    messages = save(
        editor_client,
        ArtikelFactory(),
        tekst="## Aanpak\n\n### Stap 1\n\nZie [het rapport over werkdruk](https://www.voion.nl/r).",
    )
    assert [text for level, text in messages if level == "warning"] == []


@pytest.mark.django_db
def test_a_pilot_text_may_start_at_h3_under_its_section_heading(editor_client):
    messages = save(editor_client, PilotFactory(), aanleiding="### Waarom nu\n\nOmdat.")
    assert [text for level, text in messages if level == "warning"] == []
    messages = save(editor_client, PilotFactory(), aanleiding="#### Waarom nu\n\nOmdat.")
    (warning,) = [text for level, text in messages if level == "warning"]
    assert warning.startswith("Controleer: Aanleiding: de kop ‘Waarom nu’")


@pytest.mark.django_db
def test_a_step_saved_with_its_guide_is_checked_and_named(editor_client):
    plan = StappenplanFactory(titel="Het gesprek over werkdruk")
    StapFactory(stappenplan=plan, titel="Verkennen", tekst="## Doel\n\n#### Wie doet mee\n")
    messages = save(editor_client, plan)
    (warning,) = [text for level, text in messages if level == "warning"]
    assert warning.startswith("Controleer: Stap ‘Verkennen’ – tekst: de kop ‘Wie doet mee’")


@pytest.mark.django_db
def test_an_image_the_portal_leaves_out_is_reported(editor_client):
    messages = save(editor_client, ArtikelFactory(), tekst="![Grafiek verzuim](/media/g.png)")
    (warning,) = [text for level, text in messages if level == "warning"]
    assert "‘Grafiek verzuim’ wordt niet getoond" in warning


@pytest.mark.django_db
def test_a_library_image_passes_and_a_raw_or_deleted_one_is_reported(editor_client):
    image = AfbeeldingFactory(alt_tekst="Grafiek verzuim")
    text = (
        f"![]({'afbeelding'}:{image.pk})\n\n![Logo](https://example.org/logo.png)\n\n"
        "![Oud schema](afbeelding:999999)"
    )
    messages = save(editor_client, ArtikelFactory(), tekst=text)
    raw, deleted = [text for level, text in messages if level == "warning"]
    assert "‘Logo’ wordt niet getoond: een afbeelding van een webadres" in raw
    assert "‘Oud schema’ staat niet (meer) in de mediabibliotheek" in deleted
