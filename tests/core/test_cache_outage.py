"""A shared cache (Redis) that goes away degrades to uncached pages, never to errors."""

import socket
import time

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

from tests.factories import ArtikelFactory, InstrumentFactory
from voion_portal import settings as project_settings
from voion_portal.core import caching

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens once the probe is closed


@pytest.fixture
def redis_down(settings):
    """The production cache settings, pointed at a Redis that is not there."""
    settings.PAGE_CACHE_SECONDS = 600
    absent = project_settings.redis_cache(f"redis://127.0.0.1:{closed_port()}/0")
    settings.CACHES = {"default": absent, "shared": absent}


def test_pages_render_uncached_while_redis_is_unreachable(client, redis_down):
    artikel = ArtikelFactory(titel="Werkdruk in het vo")
    InstrumentFactory(titel="Werkbalans")
    for path in (
        "/",
        "/kennisbank/",
        "/instrumenten/",
        "/zoeken/?q=werkdruk",
        artikel.get_absolute_url(),
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["X-Page-Cache"] == "miss", path


def test_editing_works_while_redis_is_unreachable(client, redis_down, caplog):
    artikel = ArtikelFactory(titel="Oude titel")
    client.get(artikel.get_absolute_url())
    artikel.titel = "Nieuwe titel"
    artikel.save()  # bumps the content generation: must not fail
    assert "Nieuwe titel" in client.get(artikel.get_absolute_url()).content.decode()
    assert "unreachable" in caplog.text


class FlakyCache(LocMemCache):
    """A shared cache that can go down, answering as django-redis with
    IGNORE_EXCEPTIONS does meanwhile: misses, and writes that do nothing."""

    down = False

    def get(self, key, default=None, version=None):
        return default if self.down else super().get(key, default, version)

    def get_many(self, keys, version=None):
        return {} if self.down else super().get_many(keys, version)

    def set(self, *args, **kwargs):
        if self.down:
            return None
        super().set(*args, **kwargs)
        return True

    def set_many(self, *args, **kwargs):
        return [] if self.down else super().set_many(*args, **kwargs)

    def add(self, *args, **kwargs):
        return None if self.down else super().add(*args, **kwargs)

    def incr(self, *args, **kwargs):
        return None if self.down else super().incr(*args, **kwargs)


@pytest.fixture
def flaky_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    flaky = {"BACKEND": f"{__name__}.FlakyCache", "LOCATION": "flaky"}
    settings.CACHES = {"default": flaky, "shared": flaky}
    yield FlakyCache
    FlakyCache.down = False


def test_an_edit_during_an_outage_shows_when_the_cache_is_back(client, flaky_cache):
    artikel = ArtikelFactory(titel="Oude titel")
    url = artikel.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"

    flaky_cache.down = True  # Redis unreachable, but it keeps what it has
    artikel.titel = "Nieuwe titel"
    artikel.save()
    during = client.get(url)
    assert during.status_code == 200
    assert "Nieuwe titel" in during.content.decode()

    flaky_cache.down = False  # back, with the page cached before the edit
    after = client.get(url)
    assert "Nieuwe titel" in after.content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"  # and caching again by itself


def test_a_redis_restarted_empty_never_reuses_an_old_generation(flaky_cache):
    first = caching.current_generation()
    caches["default"].clear()  # restarted without its data
    time.sleep(0.002)
    assert caching.current_generation() != first
