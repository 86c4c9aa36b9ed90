"""The page cache's machine-wide tier: a page one worker rendered, the others serve.

Each gunicorn worker keeps pages in its own memory; without Redis, a page is also kept in
files every worker on the machine reads. A second worker is simulated by emptying the
first one's memory (`caches["default"]`), which is all it lacks."""

from pathlib import Path

import pytest
from django.core.cache import caches

from tests.factories import ArtikelFactory
from voion_portal.core import pagecache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def another_worker():
    """What a second worker on the machine has: the files, not the first one's memory."""
    caches["default"].clear()


def test_a_page_one_worker_rendered_is_served_by_another_without_a_query(
    client, django_assert_num_queries
):
    ArtikelFactory(titel="Werkdruk in het vo")
    first = client.get("/kennisbank/")
    assert first["X-Page-Cache"] == "miss"

    another_worker()
    with django_assert_num_queries(0):
        second = client.get("/kennisbank/")
    assert second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content

    # That worker keeps it in memory: its next visitor needs no file either.
    caches["pages"].clear()
    assert client.get("/kennisbank/")["X-Page-Cache"] == "hit"


def test_an_edit_shows_in_every_worker_at_once(client):
    artikel = ArtikelFactory(titel="Oude titel")
    assert "Oude titel" in client.get(artikel.get_absolute_url()).content.decode()
    artikel.titel = "Nieuwe titel"
    artikel.save()

    another_worker()
    response = client.get(artikel.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert "Nieuwe titel" in response.content.decode()
    assert "Oude titel" not in response.content.decode()


def test_a_page_is_not_taken_from_the_files_after_its_lifetime(client, monkeypatch):
    ArtikelFactory(titel="Werkdruk in het vo")
    client.get("/kennisbank/")
    another_worker()

    later = pagecache.time.time() + 601
    monkeypatch.setattr(pagecache.time, "time", lambda: later)
    assert client.get("/kennisbank/")["X-Page-Cache"] == "miss"


def test_an_unreadable_page_file_is_rendered_again_not_an_error(client, settings):
    ArtikelFactory(titel="Werkdruk in het vo")
    client.get("/kennisbank/")
    another_worker()
    files = list(Path(settings.CACHES["pages"]["LOCATION"]).glob("*.djcache"))
    assert files
    for file in files:
        file.write_bytes(b"\x00 not a cached page")

    response = client.get("/kennisbank/")
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"
    assert "Werkdruk in het vo" in response.content.decode()


def test_with_a_shared_page_cache_there_is_no_second_tier(settings):
    assert pagecache._machine_tier() is not None
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://x"},
    }
    assert pagecache._machine_tier() is None
