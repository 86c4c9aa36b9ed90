"""An item published with a future moment appears by itself at that moment.

No cron job: public querysets compare with the clock, and the page cache never keeps a
page past the next scheduled publication. The clock is moved with time-machine, which
moves `time.time()` too, so the cache's own expiry sees the same time as the site.
"""

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from tests.factories import ArtikelFactory, InstrumentFactory

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
MOMENT = START + datetime.timedelta(days=1, hours=5)  # tomorrow 14:00 (UTC)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def scheduled(clock):
    ArtikelFactory(titel="Al openbaar", publicatiedatum=START - datetime.timedelta(days=3))
    return ArtikelFactory(
        titel="Werkdruk: wat werkt", slug="werkdruk-wat-werkt", publicatiedatum=MOMENT
    )


def visible(client, scheduled) -> tuple[bool, int]:
    listing = client.get("/kennisbank/").content.decode()
    detail = client.get(scheduled.get_absolute_url())
    return "Werkdruk: wat werkt" in listing, detail.status_code


def test_scheduled_article_appears_by_itself_at_its_moment(client, clock, scheduled):
    assert visible(client, scheduled) == (False, 404)
    clock.move_to(MOMENT - datetime.timedelta(seconds=1))
    assert visible(client, scheduled) == (False, 404)
    clock.move_to(MOMENT)
    assert visible(client, scheduled) == (True, 200)


def test_a_cached_page_never_hides_it_past_its_moment(client, clock, scheduled, settings):
    settings.PAGE_CACHE_SECONDS = 600  # ten minutes, longer than the wait below
    clock.move_to(MOMENT - datetime.timedelta(minutes=5))
    first = client.get("/kennisbank/")
    assert first["X-Page-Cache"] == "miss"
    assert "Werkdruk: wat werkt" not in first.content.decode()

    clock.move_to(MOMENT - datetime.timedelta(minutes=1))
    cached = client.get("/kennisbank/")
    assert cached["X-Page-Cache"] == "hit", "before the moment the cached page is fine"
    assert "Werkdruk: wat werkt" not in cached.content.decode()
    assert client.get(scheduled.get_absolute_url()).status_code == 404

    clock.move_to(MOMENT + datetime.timedelta(seconds=1))
    after = client.get("/kennisbank/")
    assert after["X-Page-Cache"] == "miss", "the cached page expired at the moment"
    assert "Werkdruk: wat werkt" in after.content.decode()
    assert client.get(scheduled.get_absolute_url()).status_code == 200
    assert client.get("/kennisbank/")["X-Page-Cache"] == "hit", "and is cached again"


def test_scheduled_instrument_and_the_cached_catalogue(client, clock, settings):
    settings.PAGE_CACHE_SECONDS = 600
    InstrumentFactory(titel="Arboscan-VO", publicatiedatum=START - datetime.timedelta(days=1))
    InstrumentFactory(titel="Werkbalans", publicatiedatum=MOMENT)
    clock.move_to(MOMENT - datetime.timedelta(seconds=30))
    assert "Werkbalans" not in client.get("/instrumenten/").content.decode()
    assert client.get("/instrumenten/")["X-Page-Cache"] == "hit"
    clock.move_to(MOMENT + datetime.timedelta(seconds=1))
    assert "Werkbalans" in client.get("/instrumenten/").content.decode()


def test_staff_preview_scheduled_items_and_badges_follow_the_clock(
    clock, scheduled, editor_client, editor
):
    assert editor_client.get(scheduled.get_absolute_url()).status_code == 200  # preview
    url = "/admin/kennisbank/artikel/"
    assert "status-gepland" in editor_client.get(url, {"publicatie": "gepland"}).content.decode()
    clock.move_to(MOMENT)
    assert scheduled.publication_state == "gepubliceerd"
    # A day later the 8-hour staff session has ended: the editor logs in again.
    assert editor_client.get(url)["Location"].startswith("/admin/login/")
    editor_client.force_login(editor)
    assert not editor_client.get(url, {"publicatie": "gepland"}).context["cl"].result_list
    assert timezone.now() == MOMENT


def test_anonymous_visitors_share_one_clock(clock, scheduled, settings):
    settings.PAGE_CACHE_SECONDS = 600
    early, late = Client(), Client()
    clock.move_to(MOMENT - datetime.timedelta(seconds=10))
    early.get("/kennisbank/")
    clock.move_to(MOMENT)
    assert "Werkdruk: wat werkt" in late.get("/kennisbank/").content.decode()
