import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from instrumenten.models import Instrument
from tests.factories import (
    ActiviteitFactory,
    ArtikelFactory,
    DiPijlerFactory,
    DoelgroepFactory,
    InstrumentFactory,
    InteresseaanmeldingFactory,
    PilotFactory,
    SectorFactory,
    StapFactory,
    ThemaFactory,
)
from voion_portal.core.content import Status

pytestmark = pytest.mark.django_db

CONTENT_APPS = ("taxonomy", "instrumenten", "kennisbank", "jaarplan", "pilots")


def registered_content_models():
    return [model for model in admin.site._registry if model._meta.app_label in CONTENT_APPS]


@pytest.fixture
def one_of_everything():
    instrument = InstrumentFactory()
    instrument.sectoren.add(SectorFactory(slug="vo"))
    instrument.pijlers.add(DiPijlerFactory(slug="kunnen-werken"))
    instrument.doelgroepen.add(DoelgroepFactory())
    activiteit = ActiviteitFactory(thema=ThemaFactory())
    activiteit.links.create(titel="Bron", url="https://www.voion.nl/")
    StapFactory()
    ArtikelFactory()
    InteresseaanmeldingFactory(pilot=PilotFactory())


def test_every_content_model_is_registered():
    registered = set(registered_content_models())
    for app_label in CONTENT_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if model._meta.model_name == "activiteitlink":
                continue  # edited inline on the activity
            assert model in registered, f"{model.__name__} is missing from the admin"


def test_editor_can_open_every_changelist_and_change_page(editor_client, one_of_everything):
    for model in registered_content_models():
        info = (model._meta.app_label, model._meta.model_name)
        changelist = editor_client.get(reverse("admin:{}_{}_changelist".format(*info)))
        assert changelist.status_code == 200, f"changelist of {model.__name__}"
        obj = model.objects.first()
        assert obj is not None, f"no {model.__name__} to open"
        change = editor_client.get(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
        assert change.status_code == 200, f"change page of {model.__name__}"


def test_admin_search_works_on_every_changelist(editor_client, one_of_everything):
    for model in registered_content_models():
        info = (model._meta.app_label, model._meta.model_name)
        response = editor_client.get(reverse("admin:{}_{}_changelist".format(*info)), {"q": "werk"})
        assert response.status_code == 200


def test_editor_can_edit_an_instrument(editor_client):
    instrument = InstrumentFactory(titel="Oude naam")
    url = reverse("admin:instrumenten_instrument_change", args=[instrument.pk])
    response = editor_client.post(
        url,
        {
            "titel": "Arboscan-VO",
            "slug": instrument.slug,
            "samenvatting": "Risico-inventarisatie voor scholen.",
            "tekst": "Een **RI&E** voor het vo.",
            "url": "https://www.arboscan-vo.nl/",
            "kosten": "gratis",
            "publiceren": "nu",
            "publicatiedatum_0": "01-01-2024",
            "publicatiedatum_1": "09:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    instrument.refresh_from_db()
    assert instrument.titel == "Arboscan-VO"
    assert instrument.tekst_html == "<p>Een <strong>RI&amp;E</strong> voor het vo.</p>"


def test_change_page_shows_rendered_markdown_preview(editor_client):
    instrument = InstrumentFactory(tekst="Een **vette** tekst")
    url = reverse("admin:instrumenten_instrument_change", args=[instrument.pk])
    assert "<strong>vette</strong>" in editor_client.get(url).content.decode()


@pytest.mark.parametrize("name", ["auth_user", "auth_group"])
def test_editor_gets_403_on_users_and_groups(editor_client, name):
    assert editor_client.get(reverse(f"admin:{name}_changelist")).status_code == 403
    assert editor_client.get(reverse(f"admin:{name}_add")).status_code == 403


def test_editor_cannot_add_or_delete_registrations_but_can_mark_them_handled(editor_client):
    registration = InteresseaanmeldingFactory()
    assert editor_client.get(reverse("admin:pilots_interesseaanmelding_add")).status_code == 403
    delete_url = reverse("admin:pilots_interesseaanmelding_delete", args=[registration.pk])
    assert editor_client.get(delete_url).status_code == 403
    change_url = reverse("admin:pilots_interesseaanmelding_change", args=[registration.pk])
    response = editor_client.post(
        change_url, {"afgehandeld": "on", "notitie": "Gebeld", "naam": "Iemand anders"}
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.afgehandeld is True
    assert registration.notitie == "Gebeld"
    assert registration.naam == "Anna de Vries", "visitor data is read-only"


def test_publish_and_unpublish_actions(editor_client):
    draft = InstrumentFactory(status=Status.CONCEPT)
    url = reverse("admin:instrumenten_instrument_changelist")
    editor_client.post(url, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Status.GEPUBLICEERD
    editor_client.post(url, {"action": "unpublish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Status.CONCEPT


def test_non_staff_user_is_redirected_to_login(client, django_user_model):
    user = django_user_model.objects.create_user(username="bezoeker", password="x")
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_admin_login_page_is_dutch(client):
    body = client.get("/admin/login/").content.decode()
    assert "Gebruikersnaam" in body and "Wachtwoord" in body
    assert 'lang="nl"' in body


def test_instrument_unknown_to_editor_lookup_tables_is_still_listed(editor_client):
    Instrument.objects.create(titel="Zonder soort", slug="zonder-soort")
    response = editor_client.get(reverse("admin:instrumenten_instrument_changelist"))
    assert "Zonder soort" in response.content.decode()
