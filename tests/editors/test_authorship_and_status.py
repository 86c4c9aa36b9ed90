"""Who created and changed an item, and the concept / gepland / gepubliceerd badges."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from instrumenten.models import Instrument
from kennisbank.models import Artikel
from tests.editors.forms import form_data
from tests.factories import (
    ArtikelFactory,
    DraftArtikelFactory,
    InstrumentFactory,
    ScheduledArtikelFactory,
    StappenplanFactory,
)

pytestmark = pytest.mark.django_db


def test_creator_and_last_editor_are_recorded_and_listed(
    editor_client, editor, colleague, colleague_client
):
    add = reverse("admin:instrumenten_instrument_add")
    data = form_data(editor_client.get(add), "instrument_form")
    data.update({"titel": ["Werkbalans"], "slug": ["werkbalans"]})
    assert editor_client.post(add, data).status_code == 302
    item = Instrument.objects.get(slug="werkbalans")
    assert item.aangemaakt_door == editor and item.gewijzigd_door == editor

    other_client, other = colleague_client, colleague
    url = reverse("admin:instrumenten_instrument_change", args=[item.pk])
    data = form_data(other_client.get(url), "instrument_form")
    data["samenvatting"] = ["Balans tussen werk en belasting."]
    assert other_client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert item.aangemaakt_door == editor, "the creator stays"
    assert item.gewijzigd_door == other

    listing = editor_client.get(reverse("admin:instrumenten_instrument_changelist"))
    body = listing.content.decode()
    assert "gewijzigd door" in body.lower() and "aangemaakt door" in body.lower()
    assert "els" in body and "redacteur" in body


def test_inline_rows_record_their_author(editor_client, editor):
    plan = StappenplanFactory()
    url = reverse("admin:kennisbank_stappenplan_change", args=[plan.pk])
    data = form_data(editor_client.get(url), "stappenplan_form")
    data.update(
        {
            "stappen-TOTAL_FORMS": ["1"],
            "stappen-0-volgorde": ["1"],
            "stappen-0-titel": ["Oriënteren"],
            "stappen-0-slug": ["orienteren"],
            "stappen-0-stappenplan": [str(plan.pk)],
        }
    )
    assert editor_client.post(url, data).status_code == 302
    step = plan.stappen.get()
    assert step.aangemaakt_door == editor and step.gewijzigd_door == editor


def test_changelist_shows_the_three_publication_states(editor_client):
    ArtikelFactory(titel="Al openbaar")
    DraftArtikelFactory(titel="Nog een concept")
    ScheduledArtikelFactory(titel="Komt volgende week")
    body = editor_client.get(reverse("admin:kennisbank_artikel_changelist")).content.decode()
    assert 'class="status-badge status-gepubliceerd">gepubliceerd<' in body
    assert 'class="status-badge status-concept">concept<' in body
    assert "status-badge status-gepland" in body and ">gepland<" in body


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("concept", {"Nog een concept"}),
        ("gepland", {"Komt volgende week"}),
        ("gepubliceerd", {"Al openbaar"}),
    ],
)
def test_publication_state_filter(editor_client, state, expected):
    ArtikelFactory(titel="Al openbaar")
    DraftArtikelFactory(titel="Nog een concept")
    ScheduledArtikelFactory(titel="Komt volgende week")
    response = editor_client.get(
        reverse("admin:kennisbank_artikel_changelist"), {"publicatie": state}
    )
    shown = {a.titel for a in response.context["cl"].result_list}
    assert shown == expected


def test_recently_changed_filter(editor_client):
    fresh = InstrumentFactory(titel="Vers")
    old = InstrumentFactory(titel="Oud")
    Instrument.objects.filter(pk=old.pk).update(
        gewijzigd=timezone.now() - datetime.timedelta(days=30)
    )
    response = editor_client.get(
        reverse("admin:instrumenten_instrument_changelist"), {"gewijzigd": "week"}
    )
    assert [i.pk for i in response.context["cl"].result_list] == [fresh.pk]


def test_changelist_query_count_does_not_grow_with_authors(
    editor_client, editor, django_assert_max_num_queries
):
    for n in range(30):
        ArtikelFactory(aangemaakt_door=editor, gewijzigd_door=editor, titel=f"Artikel {n}")
    url = reverse("admin:kennisbank_artikel_changelist")
    editor_client.get(url)
    with django_assert_max_num_queries(16):
        response = editor_client.get(url)
    assert response.status_code == 200
    assert Artikel.objects.count() == 30


def test_the_change_form_names_the_authors_without_a_link_editors_may_not_open(
    editor_client, colleague_client, colleague
):
    tool = InstrumentFactory()
    url = reverse("admin:instrumenten_instrument_change", args=[tool.pk])
    data = form_data(colleague_client.get(url), "instrument_form")
    assert colleague_client.post(url, data).status_code == 302
    page = editor_client.get(url).content.decode()
    assert "Els de Vries" in page
    user_page = reverse("admin:auth_user_change", args=[colleague.pk])
    assert user_page not in page
    assert editor_client.get(user_page).status_code == 403, "why the link had to go"
