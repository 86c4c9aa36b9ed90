"""After an edit, a cached page that does not show what changed is kept, not rendered.

On PostgreSQL the page cache replays what a page read (`voion_portal.core.revalidation`):
if every query returns the same rows, the page is served again ("revalidated"). Pages
that do show the change are rendered. On SQLite every stale page is rendered, as before.
Either way a visitor sees the current content: that is what every test checks first."""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from instrumenten.models import InstrumentSoort
from kennisbank.models import Artikel
from pilots.models import Pilot
from tests.factories import (
    ArtikelFactory,
    InstrumentFactory,
    PilotFactory,
    SectorFactory,
    ThemaFactory,
)
from voion_portal.core import caching, revalidation

pytestmark = pytest.mark.django_db

ON_POSTGRES = connection.vendor == "postgresql"
KEPT = "revalidated" if ON_POSTGRES else "miss"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def days_ago(days: int):
    return timezone.now() - datetime.timedelta(days=days)


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response["X-Page-Cache"], response.content.decode()


def edit(artikel: Artikel, **changes) -> None:
    artikel = Artikel.objects.get(pk=artikel.pk)  # as the admin loads it
    for name, value in changes.items():
        setattr(artikel, name, value)
    artikel.save()


def test_an_edit_of_an_article_a_page_does_not_show_keeps_that_page(client):
    thema = ThemaFactory(naam="Werkdruk", slug="werkdruk")
    shown = ArtikelFactory(titel="Minder werkdruk in het vo")
    shown.themas.add(thema)
    elsewhere = ArtikelFactory(titel="Vitaliteit op school")
    path = f"/themas/{thema.slug}/"
    assert page(client, path)[0] == "miss"
    _, before = page(client, path)

    edit(elsewhere, titel="Vitaliteit op school, herschreven")

    cache, after = page(client, path)
    assert cache == KEPT
    assert after == before
    assert "Minder werkdruk in het vo" in after
    assert page(client, path)[0] == "hit"


def test_a_page_that_shows_the_edited_article_shows_the_edit(client):
    thema = ThemaFactory(slug="werkdruk")
    shown = ArtikelFactory(titel="Minder werkdruk in het vo")
    shown.themas.add(thema)
    path = f"/themas/{thema.slug}/"
    page(client, path)

    edit(shown, titel="Minder werkdruk in het voortgezet onderwijs")

    cache, after = page(client, path)
    assert cache == "miss"
    assert "Minder werkdruk in het voortgezet onderwijs" in after


def test_an_article_on_a_later_page_leaves_the_first_page_alone(client):
    older = ArtikelFactory(titel="Het oudste artikel", publicatiedatum=days_ago(30))
    for number in range(settings.PAGE_SIZE):
        ArtikelFactory(titel=f"Nieuws {number}", publicatiedatum=days_ago(2))
    _, before = page(client, "/kennisbank/")
    assert "Het oudste artikel" not in before

    edit(older, samenvatting="Een nieuwe samenvatting.")

    cache, after = page(client, "/kennisbank/")
    assert cache == KEPT
    assert after == before


def test_a_new_title_that_moves_an_article_onto_the_page_shows_it(client):
    last = ArtikelFactory(titel="Zij-instromers begeleiden")
    for number in range(settings.PAGE_SIZE):
        ArtikelFactory(titel=f"Begeleiding {number:02d}")
    _, before = page(client, "/kennisbank/?sort=naam")
    assert "Zij-instromers begeleiden" not in before

    edit(last, titel="Aan de slag met zij-instromers")

    cache, after = page(client, "/kennisbank/?sort=naam")
    assert cache == "miss"
    assert "Aan de slag met zij-instromers" in after


def test_unpublishing_an_article_elsewhere_updates_the_total(client):
    for number in range(3):
        ArtikelFactory(titel=f"Werkdruk {number}")
    draft_to_be = ArtikelFactory(titel="Wordt concept", publicatiedatum=days_ago(40))
    _, before = page(client, "/kennisbank/")
    assert "4 artikelen" in before

    edit(draft_to_be, status="concept")

    cache, after = page(client, "/kennisbank/")
    assert cache == "miss"
    assert "3 artikelen" in after


def test_a_new_sector_on_an_article_shows_on_its_card(client):
    po = SectorFactory(slug="po")
    artikel = ArtikelFactory(titel="Werkdruk in het po")
    _, before = page(client, "/kennisbank/")
    assert 'aria-label="Sectoren"' not in before

    artikel.sectoren.add(po)

    cache, after = page(client, "/kennisbank/")
    assert cache == "miss"
    assert 'aria-label="Sectoren"><li>po</li>' in after


def test_a_renamed_kind_shows_on_every_instrument_card(client):
    instrument = InstrumentFactory(titel="Arboscan")
    _, before = page(client, "/instrumenten/")
    assert instrument.soort.naam in before

    soort = InstrumentSoort.objects.get(pk=instrument.soort_id)
    soort.naam = "Vragenlijst"
    soort.save()

    cache, after = page(client, "/instrumenten/")
    assert cache == "miss"
    assert "Vragenlijst" in after


def test_an_edit_renders_only_the_card_of_the_edited_article(client):
    vo = SectorFactory(slug="vo")
    artikelen = [ArtikelFactory(titel=f"Werkdruk {number}") for number in range(4)]
    for artikel in artikelen:
        artikel.sectoren.add(vo)
    page(client, "/kennisbank/")

    edit(artikelen[0], titel="Werkdruk, herschreven")
    with CaptureQueriesContext(connection) as queries:
        cache, after = page(client, "/kennisbank/")
    assert cache == "miss"
    assert "Werkdruk, herschreven" in after
    tag_reads = [q["sql"] for q in queries if "kennisbank_artikel_sectoren" in q["sql"]]
    # The tags of the one card made again are read; the other three cards are reused.
    assert len(tag_reads) == 1
    assert f"IN ({artikelen[0].pk})" in tag_reads[0]


def test_what_a_render_reads_is_recorded_and_replayed():
    artikel = ArtikelFactory(titel="Werkdruk")
    with revalidation.recording() as reads:
        titles = list(Artikel.objects.values_list("titel", flat=True))
    assert titles == ["Werkdruk"]
    if not ON_POSTGRES:
        assert not reads.usable  # SQLite: nothing recorded, every stale page rendered
        return
    assert reads.usable and len(reads.queries) == 1
    assert revalidation.same_rows(reads.queries)
    edit(artikel, titel="Werkdruk, herschreven")
    assert not revalidation.same_rows(reads.queries)


def test_a_render_that_writes_is_not_recorded():
    with revalidation.recording() as reads:
        ArtikelFactory(titel="Geschreven tijdens een render")
    assert not reads.usable
    assert reads.queries == []


# -- search pages: kept when the articles saved since never matched the query ------------


@pytest.fixture
def found():
    """Two articles about werkdruk and one that is not."""
    return {
        "werkdruk": ArtikelFactory(titel="Werkdruk verlagen in het vo"),
        "ook": ArtikelFactory(
            titel="Minder werkdruk door roosters", samenvatting="Roosters anders inrichten."
        ),
        "anders": ArtikelFactory(titel="Vitaliteit op school", samenvatting="Over bewegen."),
    }


@pytest.mark.parametrize("path", ["/zoeken/?q=werkdruk", "/kennisbank/?q=werkdruk"])
def test_a_search_page_is_kept_after_an_edit_of_an_article_it_does_not_find(client, found, path):
    _, before = page(client, path)
    assert "Werkdruk verlagen in het vo" in before
    assert "Vitaliteit op school" not in before

    edit(found["anders"], titel="Vitaliteit op school, herschreven")

    cache, after = page(client, path)
    assert cache == KEPT
    assert after == before


@pytest.mark.parametrize("path", ["/zoeken/?q=werkdruk", "/kennisbank/?q=werkdruk"])
def test_an_article_that_starts_to_match_is_found_at_once(client, found, path):
    page(client, path)

    edit(found["anders"], titel="Vitaliteit en werkdruk op school")

    cache, after = page(client, path)
    assert cache == "miss"
    assert "Vitaliteit en werkdruk op school" in after


@pytest.mark.parametrize("path", ["/zoeken/?q=werkdruk", "/kennisbank/?q=werkdruk"])
def test_an_article_that_stops_matching_is_gone_at_once(client, found, path):
    page(client, path)

    edit(found["ook"], titel="Minder lesuren door roosters")

    cache, after = page(client, path)
    assert cache == "miss"
    assert "Minder werkdruk door roosters" not in after
    assert "Minder lesuren door roosters" not in after


def test_a_found_article_with_a_new_title_shows_it(client, found):
    page(client, "/zoeken/?q=werkdruk")

    edit(found["werkdruk"], titel="Werkdruk verlagen in het voortgezet onderwijs")

    cache, after = page(client, "/zoeken/?q=werkdruk")
    assert cache == "miss"
    assert "Werkdruk verlagen in het voortgezet onderwijs" in after


def test_a_search_page_is_rendered_after_a_change_of_another_kind(client, found):
    """Only plain saves of single articles or instruments are tested against the query;
    any other change (here a new sector link, which no vector shows) renders the page."""
    hbo = SectorFactory(slug="hbo", afkorting="hbo-proef")
    _, before = page(client, "/zoeken/?q=werkdruk")
    assert "hbo-proef" not in before

    found["werkdruk"].sectoren.add(hbo)

    cache, after = page(client, "/zoeken/?q=werkdruk")
    assert cache == "miss"
    assert "hbo-proef" in after


def test_after_edits_of_two_types_a_page_shows_both(client):
    """Only the queries of tables whose topic changed are run again: the pilot's new title
    must show although the article saved with it is on no list of the page."""
    thema = ThemaFactory(slug="werkdruk")
    pilot = PilotFactory(titel="Pilot werkdrukvermindering")
    pilot.themas.add(thema)
    elsewhere = ArtikelFactory(titel="Vitaliteit op school")
    path = f"/themas/{thema.slug}/"
    page(client, path)

    edit(elsewhere, titel="Vitaliteit op school, herschreven")
    assert page(client, path)[0] == KEPT
    pilot = Pilot.objects.get(pk=pilot.pk)
    pilot.titel = "Pilot minder werkdruk"
    pilot.save()

    cache, after = page(client, path)
    assert cache == "miss"
    assert "Pilot minder werkdruk" in after


def test_the_topics_a_query_reads():
    assert caching.topics_read(str(Artikel.objects.filter(sectoren__slug="vo").query)) == {
        "kennisbank",
        "taxonomy",
    }
    # Tables no generation follows, common table expressions and functions: always run.
    assert caching.topics_read('SELECT "stam" FROM "voion_portal_woordstam"') is None
    assert caching.topics_read("WITH found AS (SELECT 1) SELECT * FROM found") is None
    assert caching.topics_read("SELECT * FROM unnest(ARRAY[1])") is None
