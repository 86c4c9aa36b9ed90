import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from instrumenten.models import Instrument
from kennisbank.models import Artikel, Stap
from tests.factories import (
    ArtikelFactory,
    DraftArtikelFactory,
    DraftInstrumentFactory,
    DraftJaarplanFactory,
    DraftPilotFactory,
    DraftStappenplanFactory,
    InstrumentFactory,
    JaarplanFactory,
    PilotFactory,
    ScheduledArtikelFactory,
    StapFactory,
    StappenplanFactory,
)

pytestmark = pytest.mark.django_db


def test_published_excludes_drafts_and_future_items():
    visible = ArtikelFactory()
    DraftArtikelFactory()
    ScheduledArtikelFactory()
    assert list(Artikel.objects.published()) == [visible]


def test_scheduled_item_becomes_visible_when_its_moment_passes():
    item = ScheduledArtikelFactory()
    assert not Artikel.objects.published().exists()
    item.publicatiedatum = timezone.now() - datetime.timedelta(seconds=1)
    item.save()
    assert list(Artikel.objects.published()) == [item]


def test_publication_state_names():
    assert DraftArtikelFactory().publication_state == "concept"
    assert ScheduledArtikelFactory().publication_state == "gepland"
    assert ArtikelFactory().publication_state == "gepubliceerd"


@pytest.mark.parametrize(
    "published_factory, draft_factory",
    [
        (ArtikelFactory, DraftArtikelFactory),
        (InstrumentFactory, DraftInstrumentFactory),
        (PilotFactory, DraftPilotFactory),
        (JaarplanFactory, DraftJaarplanFactory),
        (StappenplanFactory, DraftStappenplanFactory),
    ],
)
def test_public_sees_published_page_but_not_draft(client, published_factory, draft_factory):
    published = published_factory()
    draft = draft_factory()
    response = client.get(published.get_absolute_url())
    assert response.status_code == 200
    assert published.titel in response.content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_future_item_is_404_for_the_public(client):
    assert client.get(ScheduledArtikelFactory().get_absolute_url()).status_code == 404


def test_staff_preview_draft_with_banner_and_no_store(staff_client):
    draft = DraftArtikelFactory(titel="Nog niet klaar")
    response = staff_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nog niet klaar" in body
    assert "preview-banner" in body and "Concept" in body
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_published_page_has_no_preview_banner_for_staff(staff_client):
    response = staff_client.get(ArtikelFactory().get_absolute_url())
    assert "preview-banner" not in response.content.decode()


def test_steps_of_a_draft_stappenplan_are_hidden(client):
    step = StapFactory(stappenplan=DraftStappenplanFactory())
    assert client.get(step.get_absolute_url()).status_code == 404
    assert not Stap.objects.published().exists()


def test_slug_is_unique_per_content_type():
    InstrumentFactory(slug="arboscan-vo")
    with pytest.raises(IntegrityError):
        Instrument.objects.create(titel="Dubbel", slug="arboscan-vo")


def test_step_slug_unique_within_its_stappenplan_only():
    first = StapFactory(slug="key-issues")
    StapFactory(slug="key-issues")  # another stappenplan: allowed
    with pytest.raises(IntegrityError):
        Stap.objects.create(stappenplan=first.stappenplan, titel="Dubbel", slug="key-issues")


def test_markdown_is_rendered_once_on_save():
    item = InstrumentFactory(tekst="Dit is **belangrijk**.\n\n<script>x()</script>")
    stored = Instrument.objects.get(pk=item.pk)
    assert stored.tekst_html == "<p>Dit is <strong>belangrijk</strong>.</p>"
    stored.tekst = "Nieuw"
    stored.save(update_fields=["tekst"])
    assert Instrument.objects.get(pk=item.pk).tekst_html == "<p>Nieuw</p>"
