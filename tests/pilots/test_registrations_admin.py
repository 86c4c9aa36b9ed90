"""Handling interest registrations: who handled one and when, mail them, export them."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from pilots.models import Interesseaanmelding
from tests.editors.forms import form_data
from tests.factories import InteresseaanmeldingFactory, PilotFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/pilots/interesseaanmelding/"


def test_handling_in_the_form_records_who_and_when(editor_client, editor):
    registration = InteresseaanmeldingFactory(email="jan@school.nl")
    url = reverse("admin:pilots_interesseaanmelding_change", args=[registration.pk])
    page = editor_client.get(url)
    assert 'href="mailto:jan@school.nl"' in page.content.decode()
    data = form_data(page, "interesseaanmelding_form")
    data["afgehandeld"] = ["on"]
    assert editor_client.post(url, data).status_code == 302
    registration.refresh_from_db()
    assert registration.afgehandeld_door == editor and registration.afgehandeld_op is not None
    listing = editor_client.get(LIST_URL).content.decode()
    assert "ja, door redacteur, op" in listing

    data = form_data(editor_client.get(url), "interesseaanmelding_form")
    data.pop("afgehandeld")
    assert editor_client.post(url, data).status_code == 302
    registration.refresh_from_db()
    assert registration.afgehandeld_door is None and registration.afgehandeld_op is None


def test_the_list_action_records_who_and_when(editor_client, editor):
    open_one, done = InteresseaanmeldingFactory(), InteresseaanmeldingFactory(afgehandeld=True)
    editor_client.post(
        LIST_URL,
        {"action": "mark_handled", "_selected_action": [open_one.pk, done.pk]},
    )
    open_one.refresh_from_db()
    done.refresh_from_db()
    assert open_one.afgehandeld and open_one.afgehandeld_door == editor
    assert done.afgehandeld_door is None, "one handled before keeps its record"


def test_the_list_has_mailto_links_and_filters_by_pilot(editor_client):
    pilot = PilotFactory(titel="Samen opleiden")
    InteresseaanmeldingFactory(pilot=pilot, email="els@school.nl")
    InteresseaanmeldingFactory(email="ander@school.nl")
    listing = editor_client.get(f"{LIST_URL}?pilot__id__exact={pilot.pk}").content.decode()
    assert 'href="mailto:els@school.nl"' in listing and "ander@school.nl" not in listing


def test_export_of_the_filtered_registrations_with_dutch_columns(editor_client, editor):
    pilot = PilotFactory(titel="Samen opleiden")
    first = InteresseaanmeldingFactory(pilot=pilot, naam="Jan Jansen")
    first.mark_handled(editor)
    first.save()
    InteresseaanmeldingFactory(naam="Iemand anders")
    changelist = editor_client.get(f"{LIST_URL}?pilot__id__exact={pilot.pk}").content.decode()
    assert "export/" in changelist
    response = editor_client.post(
        f"{LIST_URL}export/?pilot__id__exact={pilot.pk}", {"format": "0", "resource": "0"}
    )
    assert response.status_code == 200
    assert "interesseaanmeldingen-" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["naam"] for row in rows] == ["Jan Jansen"]
    assert rows[0]["pilot"] == "Samen opleiden" and rows[0]["afgehandeld"] == "ja"
    assert rows[0]["afgehandeld door"] == "redacteur" and rows[0]["e-mailadres"]
    assert f"{LIST_URL}import/" not in changelist, "registrations come from the form only"
    assert Interesseaanmelding.objects.count() == 2


@pytest.mark.parametrize(
    "name", ['=HYPERLINK("http://evil","x")', "@SUM(1+1)", "+1", "-1+2", "\t=1", "\r=1"]
)
def test_an_exported_registration_never_reaches_a_spreadsheet_as_a_formula(editor_client, name):
    InteresseaanmeldingFactory(naam=name, bericht="=1+1")
    response = editor_client.post(f"{LIST_URL}export/", {"format": "0", "resource": "0"})
    row = next(csv.DictReader(io.StringIO(response.content.decode())))
    assert row["naam"] == "'" + name and row["toelichting"] == "'=1+1"
    response = editor_client.post(f"{LIST_URL}export/", {"format": "1", "resource": "0"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    headers = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=headers.index("naam") + 1)
    assert cell.data_type == "s" and cell.value[0] == "'" and cell.value[2:] == name[1:]
    assert not [c for r in sheet.iter_rows() for c in r if c.data_type == "f"]
