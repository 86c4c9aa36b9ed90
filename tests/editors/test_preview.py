"""Voorbeeld: the public page with what is in the form now, nothing saved."""

import pytest
from django.urls import reverse
from reversion.models import Version

from instrumenten.models import Instrument
from kennisbank.models import Artikel
from tests.editors.forms import form_data
from tests.factories import ArtikelFactory, InstrumentFactory, StapFactory, StappenplanFactory

pytestmark = pytest.mark.django_db

BANNER = "Er is niets opgeslagen"


def urls(item):
    info = item._meta.app_label, item._meta.model_name
    change = reverse("admin:{}_{}_change".format(*info), args=[item.pk])
    return change, reverse("admin:{}_{}_preview".format(*info), args=[item.pk])


def test_the_preview_shows_the_forms_text_on_the_public_page_and_saves_nothing(
    editor_client, client
):
    tool = InstrumentFactory(titel="Werkbalans", tekst="De oude uitleg.")
    change, preview = urls(tool)
    form = editor_client.get(change)
    assert f'formaction="{preview}"' in form.content.decode(), "the Voorbeeld button"
    data = form_data(form, "instrument_form")
    data["tekst"] = ["De **nieuwe** uitleg, nog niet opgeslagen."]
    versions = Version.objects.get_for_object(tool).count()

    page = editor_client.post(preview, data)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<strong>nieuwe</strong> uitleg" in html and BANNER in html
    assert 'class="site-header' in html, "the public template, not the admin's"
    assert "no-store" in page["Cache-Control"]

    assert Instrument.objects.get(pk=tool.pk).tekst == "De oude uitleg."
    assert Version.objects.get_for_object(tool).count() == versions
    assert "De oude uitleg." in client.get(tool.get_absolute_url()).content.decode()


def test_the_preview_of_a_stappenplan_shows_its_changed_steps(editor_client):
    plan = StappenplanFactory()
    step = StapFactory(stappenplan=plan, titel="Verkennen")
    change, preview = urls(plan)
    data = form_data(editor_client.get(change), "stappenplan_form")
    step_field = next(name for name, value in data.items() if value == ["Verkennen"])
    data[step_field] = ["Samen verkennen"]
    html = editor_client.post(preview, data).content.decode()
    assert "Samen verkennen" in html
    step.refresh_from_db()
    assert step.titel == "Verkennen"


def test_a_new_article_can_be_previewed_before_its_first_save(editor_client):
    add = reverse("admin:kennisbank_artikel_add")
    data = form_data(editor_client.get(add), "artikel_form")
    data.update(titel=["Een nieuw artikel"], slug=["een-nieuw-artikel"], tekst=["Eerste alinea."])
    page = editor_client.post(reverse("admin:kennisbank_artikel_preview_new"), data)
    assert page.status_code == 200 and "Eerste alinea." in page.content.decode()
    assert not Artikel.objects.filter(slug="een-nieuw-artikel").exists()


def test_a_form_with_errors_says_so_and_saves_nothing(editor_client):
    article = ArtikelFactory()
    change, preview = urls(article)
    data = form_data(editor_client.get(change), "artikel_form")
    data["titel"] = [""]
    page = editor_client.post(preview, data)
    assert page.status_code == 400
    assert "Het voorbeeld kan niet worden gemaakt" in page.content.decode()


def test_the_preview_is_for_editors_only(client, editor_client):
    article = ArtikelFactory()
    change, preview = urls(article)
    data = form_data(editor_client.get(change), "artikel_form")
    assert editor_client.get(preview).status_code == 302, "nothing to show without the form"
    client.logout()
    response = client.post(preview, data)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_preview_is_no_conflict_for_the_next_save(editor_client):
    tool = InstrumentFactory()
    change, preview = urls(tool)
    data = form_data(editor_client.get(change), "instrument_form")
    data["samenvatting"] = ["Eerst bekeken, dan opgeslagen."]
    assert editor_client.post(preview, data).status_code == 200
    assert editor_client.post(change, data).status_code == 302
    assert Instrument.objects.get(pk=tool.pk).samenvatting == "Eerst bekeken, dan opgeslagen."
