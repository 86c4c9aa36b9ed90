"""Edits make stale only what shows the edited content (generations per topic)."""

import pytest

from tests.factories import (
    ArtikelFactory,
    InstrumentFactory,
    PilotFactory,
    SectorFactory,
)
from voion_portal.core import caching

pytestmark = pytest.mark.django_db

LISTS = ("/kennisbank/", "/instrumenten/")


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def cache_state(client, paths=LISTS) -> dict[str, str]:
    return {path: client.get(path)["X-Page-Cache"] for path in paths}


def test_saving_a_pilot_leaves_the_kennisbank_and_the_catalogue_cached(client):
    ArtikelFactory(titel="Werkdruk in het vo")
    InstrumentFactory(titel="Werkbalans")
    pilot = PilotFactory(titel="Pilot werkdruk")
    cache_state(client)
    pilot.titel = "Pilot werkdruk (nieuw)"
    pilot.save()
    assert cache_state(client) == {"/kennisbank/": "hit", "/instrumenten/": "hit"}
    # Pages that show pilots do follow the edit at once.
    assert "Pilot werkdruk (nieuw)" in client.get("/pilots/").content.decode()


def test_saving_an_article_leaves_the_catalogue_cached(client):
    artikel = ArtikelFactory(titel="Werkdruk in het vo")
    InstrumentFactory(titel="Werkbalans")
    cache_state(client)
    artikel.titel = "Werkdruk in het vo, bijgewerkt"
    artikel.save()
    assert cache_state(client) == {"/kennisbank/": "miss", "/instrumenten/": "hit"}
    assert "bijgewerkt" in client.get("/kennisbank/").content.decode()
    # The home page and the search show every kind of content: they follow too.
    assert "bijgewerkt" in client.get("/").content.decode()


def test_a_taxonomy_change_makes_every_list_stale(client):
    InstrumentFactory(titel="Werkbalans")
    ArtikelFactory(titel="Werkdruk in het vo")
    cache_state(client)
    SectorFactory(slug="mbo", naam="Middelbaar beroepsonderwijs")
    assert cache_state(client) == {"/kennisbank/": "miss", "/instrumenten/": "miss"}


def test_a_topic_generation_changes_only_with_its_topic():
    kennisbank = caching.current_generation(["kennisbank"])
    everything = caching.current_generation()
    caching.bump_generation(["pilots"])
    assert caching.current_generation(["kennisbank"]) == kennisbank
    assert caching.current_generation() != everything
    caching.bump_generation(["taxonomy"])
    assert caching.current_generation(["kennisbank"]) != kennisbank


def test_a_page_made_of_counts_from_before_an_edit_is_kept_only_briefly(client, settings):
    ArtikelFactory(titel="Werkdruk in het vo")
    assert client.get("/kennisbank/")["X-Page-Cache"] == "miss"
    ArtikelFactory(titel="Werkdruk, net gepubliceerd")  # one more to count
    settings.STALE_PAGE_SECONDS = 0  # kept not at all
    during = client.get("/kennisbank/")
    assert "Werkdruk, net gepubliceerd" in during.content.decode()
    assert not during.context["view"].get_listing().counts_fresh
    assert client.get("/kennisbank/")["X-Page-Cache"] == "miss"
