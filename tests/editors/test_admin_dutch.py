"""What editors meet in /admin/ is Dutch: no English leftovers, the right article."""

import re

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.editors.forms import form_data
from tests.factories import (
    ActiviteitFactory,
    ArtikelFactory,
    InstrumentFactory,
    JaarplanFactory,
    PilotFactory,
    StapFactory,
    StappenplanFactory,
    ThemaFactory,
)
from voion_portal.core.dutch_admin import DutchMessagesMixin, lidwoord

pytestmark = pytest.mark.django_db

# English Django or a package wrote into pages editors read (seen before this was fixed).
ENGLISH = [
    "Model name",
    "Add link",
    "Change or view list link",
    'alt="Search"',
    'alt="False"',
    'alt="True"',
    "This exporter",
    " object (",
    "Reversion |",
    "Axes |",
]


@pytest.fixture
def content():
    thema = ThemaFactory(naam="Gezond werken")
    artikel = ArtikelFactory(titel="Werkdruk aanpakken")
    artikel.themas.add(thema, ThemaFactory(naam="Veilig werken"))
    plan = StappenplanFactory(titel="Het gesprek over werkdruk")
    jaarplan = JaarplanFactory(titel="Jaarplan Voion 2024")
    return {
        "artikel": artikel,
        "instrument": InstrumentFactory(titel="Werkbalans"),
        "pilot": PilotFactory(titel="Samen opleiden"),
        "stappenplan": plan,
        "stap": StapFactory(stappenplan=plan, titel="Verkennen"),
        "jaarplan": jaarplan,
        "activiteit": ActiviteitFactory(jaarplan=jaarplan, thema=thema, titel="Monitor"),
        "thema": thema,
    }


def admin_url(item, view, *args):
    return reverse(f"admin:{item._meta.app_label}_{item._meta.model_name}_{view}", args=args)


def english_in(body: str) -> list[str]:
    return [word for word in ENGLISH if word in body]


def test_changelists_forms_and_deletes_of_every_content_type_have_no_english(
    editor_client, content
):
    for item in content.values():
        for url in (
            admin_url(item, "changelist"),
            admin_url(item, "add"),
            admin_url(item, "change", item.pk),
            admin_url(item, "history", item.pk),
            admin_url(item, "delete", item.pk),
        ):
            response = editor_client.get(url)
            assert response.status_code == 200, url
            assert english_in(response.content.decode()) == [], url


def test_the_dashboard_and_old_addresses_have_no_english(editor_client, content):
    for url in ("/admin/", "/admin/voion_portal/oudadres/", "/admin/kennisbank/artikel/export/"):
        assert english_in(editor_client.get(url).content.decode()) == [], url


def test_yes_and_no_icons_say_ja_and_nee(editor_client, content):
    body = editor_client.get("/admin/instrumenten/instrument/").content.decode()
    assert 'alt="nee"' in body  # the "uitgelicht" column


def test_a_delete_confirmation_names_the_links_readably(editor_client, content):
    thema = content["artikel"].themas.get(naam="Veilig werken")
    body = editor_client.get(admin_url(thema, "delete", thema.pk))
    text = re.sub(r"\s+", " ", body.content.decode())
    assert "Koppeling artikel – thema: Werkdruk aanpakken – Veilig werken" in text
    assert "Artikel_themas" not in text


def save_unchanged(client, item):
    url = admin_url(item, "change", item.pk)
    data = form_data(client.get(url), f"{item._meta.model_name}_form")
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    # the item's name is a link to it: compare the text
    return [re.sub(r"<[^>]+>", "", str(message)) for message in response.context["messages"]]


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("artikel", "Het artikel ‘Werkdruk aanpakken’ is met succes gewijzigd."),
        ("instrument", "Het instrument ‘Werkbalans’ is met succes gewijzigd."),
        ("stappenplan", "Het stappenplan ‘Het gesprek over werkdruk’ is met succes gewijzigd."),
        ("pilot", "De pilot ‘Samen opleiden’ is met succes gewijzigd."),
        ("stap", "De stap ‘Verkennen’ is met succes gewijzigd."),
    ],
)
def test_a_save_message_takes_the_article_of_its_type(editor_client, content, key, expected):
    messages = save_unchanged(editor_client, content[key])
    assert any(expected in message for message in messages), messages


def test_the_delete_message_of_a_het_word(editor_client, content):
    item = content["instrument"]
    response = editor_client.post(admin_url(item, "delete", item.pk), {"post": "yes"}, follow=True)
    messages = [str(message) for message in response.context["messages"]]
    assert "Het instrument ‘Werkbalans’ is met succes verwijderd." in messages


def test_every_admin_of_a_het_word_fixes_its_messages():
    for model, model_admin in admin.site._registry.items():
        if lidwoord(model) == "het":
            assert isinstance(model_admin, DutchMessagesMixin), model._meta.label
