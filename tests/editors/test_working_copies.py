"""Working copies: correct a live page without visitors seeing it, then publish it."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from instrumenten.models import Instrument
from kennisbank.models import Stap
from tests.editors.forms import form_data
from tests.factories import (
    DraftInstrumentFactory,
    InstrumentFactory,
    StapFactory,
    StappenplanFactory,
)
from voion_portal.editors.models import OudAdres, Werkversie

pytestmark = pytest.mark.django_db


def admin_url(item, view="change"):
    info = item._meta.app_label, item._meta.model_name
    return reverse(f"admin:{info[0]}_{info[1]}_{view}", args=[item.pk])


def save_working_copy(client, item, **changes):
    url = admin_url(item)
    data = form_data(client.get(url), f"{item._meta.model_name}_form")
    data.update({name: [value] for name, value in changes.items()})
    data["_werkversie"] = ["Opslaan als werkversie"]
    return client.post(url, data)


def history_comments(item) -> list[str]:
    versions = Version.objects.get_for_object(item).filter(revision__werkversie__isnull=True)
    return [version.revision.get_comment() for version in versions.order_by("pk")]


@pytest.fixture
def tool(editor_client):
    """A live instrument with a first version, as the loader or the admin leaves one."""
    item = InstrumentFactory(titel="Werkbalans", tekst="Met een tipfout.")
    url = admin_url(item)
    assert (
        editor_client.post(url, form_data(editor_client.get(url), "instrument_form")).status_code
        == 302
    )
    return item


def test_a_working_copy_leaves_the_public_page_alone(editor_client, client, tool):
    response = save_working_copy(editor_client, tool, tekst="Zonder tipfout.")
    assert response.status_code == 302 and response["Location"] == admin_url(tool)
    assert Instrument.objects.get(pk=tool.pk).tekst == "Met een tipfout."
    assert Werkversie.objects.count() == 1
    assert len(history_comments(tool)) == 1, "the working copy is no history yet"

    form = editor_client.get(admin_url(tool)).content.decode()
    assert "U bewerkt de werkversie" in form and "Zonder tipfout." in form
    listing = editor_client.get(reverse("admin:instrumenten_instrument_changelist"))
    assert "met wijzigingen in concept" in listing.content.decode()

    editor_client.logout()
    assert "Met een tipfout." in client.get(tool.get_absolute_url()).content.decode()


def test_the_working_copy_is_previewed_on_the_public_page(editor_client, tool):
    save_working_copy(editor_client, tool, tekst="Zonder tipfout.")
    page = editor_client.get(admin_url(tool, "workingcopy_preview"))
    html = page.content.decode()
    assert page.status_code == 200 and "Zonder tipfout." in html and "dit is de werkversie" in html
    assert Instrument.objects.get(pk=tool.pk).tekst == "Met een tipfout."


def test_publishing_now_makes_it_public_with_one_new_version(editor_client, editor, tool):
    save_working_copy(editor_client, tool, tekst="Zonder tipfout.")
    response = editor_client.post(admin_url(tool, "workingcopy_publish"), {"nu": "1"})
    assert response.status_code == 302
    live = Instrument.objects.get(pk=tool.pk)
    assert live.tekst == "Zonder tipfout." and live.gewijzigd_door == editor
    assert history_comments(tool)[-1] == "Werkversie gepubliceerd."
    assert len(history_comments(tool)) == 2
    assert not Werkversie.objects.exists()


def test_a_working_copy_planned_for_14_00_appears_at_14_00(editor_client, client, tool):
    save_working_copy(editor_client, tool, tekst="Zonder tipfout.")
    today = timezone.localtime()
    two_pm = (today + datetime.timedelta(days=1)).replace(hour=14, minute=0, second=0)
    moment = two_pm.strftime("%Y-%m-%dT%H:%M")
    response = editor_client.post(
        admin_url(tool, "workingcopy_publish"), {"inplannen": "1", "moment": moment}
    )
    assert response.status_code == 302
    assert Werkversie.objects.get().publiceren_op == two_pm.replace(microsecond=0)
    assert "Gepland" in editor_client.get(admin_url(tool)).content.decode()

    with time_machine.travel(two_pm - datetime.timedelta(minutes=1)):
        call_command("publish_scheduled")
    assert Instrument.objects.get(pk=tool.pk).tekst == "Met een tipfout."
    with time_machine.travel(two_pm + datetime.timedelta(seconds=30)):
        call_command("publish_scheduled")
    assert Instrument.objects.get(pk=tool.pk).tekst == "Zonder tipfout."
    assert history_comments(tool)[-1] == "Werkversie gepubliceerd op het geplande moment."


def test_a_moment_in_the_past_is_refused(editor_client, tool):
    save_working_copy(editor_client, tool, tekst="Zonder tipfout.")
    editor_client.post(
        admin_url(tool, "workingcopy_publish"), {"inplannen": "1", "moment": "2020-01-01T14:00"}
    )
    assert Werkversie.objects.get().publiceren_op is None
    page = editor_client.get(admin_url(tool)).content.decode()
    assert "Kies een moment in de toekomst" in page


def test_discarding_keeps_the_live_item(editor_client, tool):
    save_working_copy(editor_client, tool, tekst="Toch niet.")
    editor_client.post(admin_url(tool, "workingcopy_discard"))
    assert not Werkversie.objects.exists()
    assert Instrument.objects.get(pk=tool.pk).tekst == "Met een tipfout."
    assert "U bewerkt de werkversie" not in editor_client.get(admin_url(tool)).content.decode()


def test_saving_the_form_normally_publishes_and_ends_the_working_copy(editor_client, tool):
    save_working_copy(editor_client, tool, tekst="Zonder tipfout.")
    url = admin_url(tool)
    data = form_data(editor_client.get(url), "instrument_form")
    assert data["tekst"] == ["Zonder tipfout."]
    assert editor_client.post(url, data).status_code == 302
    assert Instrument.objects.get(pk=tool.pk).tekst == "Zonder tipfout."
    assert not Werkversie.objects.exists()


def test_a_colleagues_live_save_stops_a_stale_working_copy(editor_client, colleague_client, tool):
    url = admin_url(tool)
    mine = form_data(editor_client.get(url), "instrument_form")
    theirs = form_data(colleague_client.get(url), "instrument_form")
    theirs["samenvatting"] = ["Els verbeterde de samenvatting."]
    assert colleague_client.post(url, theirs).status_code == 302
    mine.update(tekst=["Zonder tipfout."], _werkversie=["Opslaan als werkversie"])
    refused = editor_client.post(url, mine)
    assert refused.status_code == 200 and "heeft dit item opgeslagen op" in refused.content.decode()
    assert not Werkversie.objects.exists()


def test_a_stappenplan_working_copy_carries_its_changed_steps(editor_client):
    plan = StappenplanFactory()
    step = StapFactory(stappenplan=plan, titel="Verkennen")
    url = admin_url(plan)
    data = form_data(editor_client.get(url), "stappenplan_form")
    step_field = next(name for name, value in data.items() if value == ["Verkennen"])
    data[step_field] = ["Samen verkennen"]
    data["_werkversie"] = ["Opslaan als werkversie"]
    assert editor_client.post(url, data).status_code == 302
    assert Stap.objects.get(pk=step.pk).titel == "Verkennen"

    editor_client.post(admin_url(plan, "workingcopy_publish"), {"nu": "1"})
    assert Stap.objects.get(pk=step.pk).titel == "Samen verkennen"


def test_a_new_step_cannot_go_in_a_working_copy(editor_client):
    plan = StappenplanFactory()
    StapFactory(stappenplan=plan)
    url = admin_url(plan)
    data = form_data(editor_client.get(url), "stappenplan_form")
    prefix = next(name for name in data if name.endswith("-TOTAL_FORMS"))[: -len("-TOTAL_FORMS")]
    total = int(data[f"{prefix}-TOTAL_FORMS"][0])
    data[f"{prefix}-TOTAL_FORMS"] = [str(total + 1)]
    data.update(
        {
            f"{prefix}-{total}-titel": ["Een nieuwe stap"],
            f"{prefix}-{total}-slug": ["een-nieuwe-stap"],
            f"{prefix}-{total}-volgorde": ["9"],
            f"{prefix}-{total}-stappenplan": [str(plan.pk)],
        }
    )
    data["_werkversie"] = ["Opslaan als werkversie"]
    refused = editor_client.post(url, data)
    assert refused.status_code == 200
    assert "Een werkversie kan geen nieuwe onderdelen krijgen" in refused.content.decode()
    assert "Een nieuwe stap" in refused.content.decode(), "the input is kept"
    assert not Werkversie.objects.exists()


def test_a_draft_has_no_working_copy_button(editor_client):
    draft = DraftInstrumentFactory()
    assert "Opslaan als werkversie" not in editor_client.get(admin_url(draft)).content.decode()


def test_a_new_slug_published_from_a_working_copy_keeps_the_old_address(editor_client, client):
    item = InstrumentFactory(slug="werkbalans")
    save_working_copy(editor_client, item, slug="werkbalans-vo")
    assert client.get("/instrumenten/werkbalans/").status_code == 200
    editor_client.post(admin_url(item, "workingcopy_publish"), {"nu": "1"})
    assert OudAdres.objects.filter(pad="/instrumenten/werkbalans/").exists()
    editor_client.logout()
    assert client.get("/instrumenten/werkbalans/")["Location"] == "/instrumenten/werkbalans-vo/"


def test_deleting_the_item_removes_its_working_copy(editor_client, tool):
    save_working_copy(editor_client, tool, tekst="Zonder tipfout.")
    tool.delete()
    assert not Werkversie.objects.exists()


def test_the_list_filters_items_with_a_working_copy(editor_client, tool):
    other = InstrumentFactory(titel="Zonder werkversie")
    save_working_copy(editor_client, tool, tekst="Zonder tipfout.")
    listing = editor_client.get(
        reverse("admin:instrumenten_instrument_changelist") + "?publicatie=werkversie"
    ).content.decode()
    assert tool.titel in listing and other.titel not in listing


def test_the_dashboard_lists_working_copies_and_their_plan(editor_client, tool):
    save_working_copy(editor_client, tool, tekst="Zonder tipfout.")
    board = editor_client.get(reverse("admin:index")).content.decode()
    assert 'id="dashboard-working-copies"' in board
    assert "Werkbalans</a>: wacht op publicatie" in board
