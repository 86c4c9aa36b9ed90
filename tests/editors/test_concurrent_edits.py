"""Two editors with the same item open: the second save is refused, nothing is lost."""

import pytest
from django.urls import reverse

from instrumenten.models import Instrument
from kennisbank.models import Stap
from tests.editors.forms import form_data
from tests.factories import InstrumentFactory, StapFactory, StappenplanFactory

pytestmark = pytest.mark.django_db

STALE = "heeft dit item opgeslagen op"


def change_url(item) -> str:
    return reverse(f"admin:{item._meta.app_label}_{item._meta.model_name}_change", args=[item.pk])


def test_a_save_over_a_colleagues_save_is_refused_with_the_input_kept(
    editor_client, colleague_client
):
    tool = InstrumentFactory(titel="Werkbalans", samenvatting="Oude samenvatting.")
    url = change_url(tool)
    assert (
        editor_client.post(url, form_data(editor_client.get(url), "instrument_form")).status_code
        == 302
    )
    mine = form_data(editor_client.get(url), "instrument_form")
    theirs = form_data(colleague_client.get(url), "instrument_form")

    theirs["samenvatting"] = ["De samenvatting van Els."]
    assert colleague_client.post(url, theirs).status_code == 302

    mine["samenvatting"] = ["Mijn verbeterde samenvatting."]
    refused = editor_client.post(url, mine)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert STALE in page and "Els de Vries" in page
    assert "Mijn verbeterde samenvatting." in page, "what I typed is still in the form"
    assert Instrument.objects.get(pk=tool.pk).samenvatting == "De samenvatting van Els."
    # The message links to what changed: the version I opened against the latest.
    assert "history/compare/?a=" in page

    # Having seen it, saving again replaces the colleague's version on purpose.
    again = form_data(refused, "instrument_form")
    assert editor_client.post(url, again).status_code == 302
    assert Instrument.objects.get(pk=tool.pk).samenvatting == "Mijn verbeterde samenvatting."


def test_saving_twice_in_a_row_is_not_a_conflict(editor_client):
    tool = InstrumentFactory()
    url = change_url(tool)
    data = form_data(editor_client.get(url), "instrument_form")
    data["_continue"] = ["1"]
    first = editor_client.post(url, data)
    assert first.status_code == 302
    data = form_data(editor_client.get(first.url), "instrument_form")
    data["samenvatting"] = ["Tweede keer opgeslagen."]
    assert editor_client.post(url, data).status_code == 302
    assert Instrument.objects.get(pk=tool.pk).samenvatting == "Tweede keer opgeslagen."


def test_a_step_changed_elsewhere_stops_a_save_of_its_stappenplan(editor_client, colleague_client):
    plan = StappenplanFactory()
    step = StapFactory(stappenplan=plan, titel="Verkennen")
    plan_url = change_url(plan)
    mine = form_data(editor_client.get(plan_url), "stappenplan_form")

    step_form = form_data(colleague_client.get(change_url(step)), "stap_form")
    step_form["titel"] = ["Verkennen en plannen"]
    assert colleague_client.post(change_url(step), step_form).status_code == 302

    refused = editor_client.post(plan_url, mine)
    assert refused.status_code == 200 and STALE in refused.content.decode()
    assert Stap.objects.get(pk=step.pk).titel == "Verkennen en plannen", "not overwritten"


def test_restoring_an_old_version_is_not_taken_for_a_conflict(editor_client):
    tool = InstrumentFactory(samenvatting="Eerste versie.")
    url = change_url(tool)
    data = form_data(editor_client.get(url), "instrument_form")
    data["samenvatting"] = ["Tweede versie."]
    assert editor_client.post(url, data).status_code == 302
    data = form_data(editor_client.get(url), "instrument_form")
    data["samenvatting"] = ["Derde versie."]
    assert editor_client.post(url, data).status_code == 302

    from reversion.models import Version

    second = Version.objects.get_for_object(tool).order_by("pk")[0]
    revert_url = reverse("admin:instrumenten_instrument_revision", args=[tool.pk, second.pk])
    restore = form_data(editor_client.get(revert_url), "instrument_form")
    assert editor_client.post(revert_url, restore).status_code == 302
    assert Instrument.objects.get(pk=tool.pk).samenvatting == "Tweede versie."
