"""Cards are rendered once and reused, yet an edit shows on the very next request."""

import re

import pytest

from tests.factories import ArtikelFactory, InstrumentFactory, OrganisatieFactory, SectorFactory
from voion_portal.core.pagecache import bypass_headers

pytestmark = pytest.mark.django_db

FRESH = bypass_headers()  # bypass the whole-page cache, as after an edit


@pytest.fixture(autouse=True)
def content_caches_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def card_of(html: str, title: str) -> str:
    match = re.search(
        rf'<article class="card">\s*<h3><a [^>]*>{re.escape(title)}</a>.*?</article>', html, re.S
    )
    assert match, f"no card for {title!r}"
    return match.group(0)


def test_a_repeated_catalogue_page_reuses_its_cards_without_fetching_tags(
    client, django_assert_num_queries
):
    vo = SectorFactory(slug="vo")
    for number in range(3):
        InstrumentFactory(titel=f"Scan {number}").sectoren.add(vo)
    first = client.get("/instrumenten/", headers=FRESH).content.decode()
    # Only the rows of the page: the cards' sector and pillar tags come from the cache.
    with django_assert_num_queries(1):
        response = client.get("/instrumenten/", headers=FRESH)
    assert response.status_code == 200
    second = response.content.decode()
    assert card_of(second, "Scan 1") == card_of(first, "Scan 1")
    assert "<li>vo</li>" in card_of(second, "Scan 1")


def test_an_edited_title_and_summary_show_on_the_next_request(client):
    instrument = InstrumentFactory(titel="Werkbalans", samenvatting="Oude samenvatting.")
    client.get("/instrumenten/", headers=FRESH)
    instrument.titel = "Werkbalans 2.0"
    instrument.samenvatting = "Nieuwe samenvatting."
    instrument.save()
    card = card_of(client.get("/instrumenten/", headers=FRESH).content.decode(), "Werkbalans 2.0")
    assert "Nieuwe samenvatting." in card


def test_a_changed_sector_shows_on_every_card_of_the_item_at_once(client):
    instrument = InstrumentFactory(titel="Werkbalans", uitgelicht=True)
    instrument.sectoren.add(SectorFactory(slug="vo"))
    for url in ("/", "/instrumenten/"):
        assert "<li>mbo</li>" not in card_of(client.get(url).content.decode(), "Werkbalans")
    instrument.sectoren.add(SectorFactory(slug="mbo"))
    for url in ("/", "/instrumenten/"):
        card = card_of(client.get(url).content.decode(), "Werkbalans")
        assert "<li>vo</li>" in card
        assert "<li>mbo</li>" in card


def test_a_cached_card_is_reused_on_another_page_and_stays_escaped(client):
    ArtikelFactory(titel="Werkdruk <script>alert(1)</script>", samenvatting="Tips & tricks")
    kennisbank = client.get("/kennisbank/", headers=FRESH).content.decode()
    home = client.get("/", headers=FRESH).content.decode()
    title = "Werkdruk &lt;script&gt;alert(1)&lt;/script&gt;"
    assert card_of(home, title) == card_of(kennisbank, title)
    assert "<script>alert" not in home
    assert "Tips &amp; tricks" in card_of(home, title)


def test_an_article_card_shows_its_sectors_at_a_glance(client):
    artikel = ArtikelFactory(titel="Werkdruk in het mbo")
    artikel.sectoren.add(SectorFactory(slug="mbo"))
    ArtikelFactory(titel="Zonder sector")
    html = client.get("/kennisbank/", headers=FRESH).content.decode()
    assert '<ul class="tags tags-sector" aria-label="Sectoren"><li>mbo</li></ul>' in card_of(
        html, "Werkdruk in het mbo"
    )
    assert "Sectoren" not in card_of(html, "Zonder sector")


def test_a_card_names_the_provider_only_when_it_is_not_the_title(client):
    InstrumentFactory(titel="PO-Raad", aanbieder=OrganisatieFactory(naam="PO-Raad"))
    InstrumentFactory(titel="Werkbalans", aanbieder=OrganisatieFactory(naam="Voion"))
    html = client.get("/instrumenten/", headers=FRESH).content.decode()
    assert "Voion" in card_of(html, "Werkbalans")
    # "Bewaar" and the "Vergelijk" box name the instrument for screen readers: not part
    # of what is seen.
    own_site = re.split(r'<a class="save-toggle"|class="compare-toggle"', card_of(html, "PO-Raad"))[
        0
    ]
    assert own_site.count("PO-Raad") == 1  # the title only
