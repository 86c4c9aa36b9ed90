"""The pages and searches the benchmark measures, and measuring them in process."""

from urllib.parse import urlencode

from instrumenten.models import Instrument
from jaarplan.models import Jaarplan
from kennisbank.models import Artikel, Stappenplan
from perf.bench import timing
from perf.bench.timing import PageResult, allow_test_client
from pilots.models import Pilot
from voion_portal.core import caching
from voion_portal.search.engine import search
from voion_portal.taxonomy.models import DiPijler, Sector, Thema

SEARCH_QUERIES = [
    "werkdruk",
    "zij-instromers",
    "duurzame inzetbaarheid",
    "arboscan",
    "vitaliteit",
    "werkbalan",  # a typo, but the Dutch stemmer maps "werkbalans" to it too
    "duurzame inzetbaarhied",  # a typo no stemmer saves: the trigram fallback
]
# The pages whose latency issue 6 asks for (the others are measured too, for completeness).
LATENCY_PAGES = [
    "home",
    "kennisbank",
    "catalogus",
    "catalogus, 2 facetten",
    "artikel",
    "instrument",
    "jaarplan",
    "themahub",
    "zoeken",
]


def save_an_article() -> None:
    """An editor's save of an article that changes its text (the commonest edit)."""
    artikel = Artikel.objects.published().order_by("-pk").first()
    artikel.samenvatting = f"{artikel.samenvatting.rstrip(' .')}."
    artikel.save()


def move_an_article() -> None:
    """An editor's change that moves an article between facet values (its sectors): the
    kennisbank's counts are then recomputed, by the task worker."""
    artikel = Artikel.objects.published().order_by("-pk").first()
    sector = Sector.objects.order_by("pk").first()
    if artikel.sectoren.filter(pk=sector.pk).exists():
        artikel.sectoren.remove(sector)
    else:
        artikel.sectoren.add(sector)


def save_an_instrument() -> None:
    instrument = Instrument.objects.published().order_by("-pk").first()
    instrument.samenvatting = f"{instrument.samenvatting.rstrip(' .')}."
    instrument.save()


AFTER_EDIT = ", na een wijziging"
AFTER_MOVE = ", na een andere sector"
# Between two edits a page reuses its facet counts and rendered cards; these pages are
# also timed as the first request after an edit of their own type, when the cards are
# rendered afresh and, after a change of what is counted, the counts from before it are
# shown while the task worker recomputes them (`caching.remember_or_refresh`).
# (page, suffix of the row, the edit before each timed request)
AFTER_EDIT_RUNS = [
    ("kennisbank", AFTER_EDIT, save_an_article),
    ("kennisbank", AFTER_MOVE, move_an_article),
    ("catalogus, 2 facetten", AFTER_EDIT, save_an_instrument),
]
# (label, path, what runs before each timed request). "/zoeken/, na een wijziging": every
# request follows a (simulated) save, so nothing remembered per content state helps; the
# kennisbank's first request after a save is measured with the list pages above.
SEARCH_PAGES = [
    ("/zoeken/", "/zoeken/?", None),
    ("/zoeken/" + AFTER_EDIT, "/zoeken/?", caching.bump_generation),
    ("kennisbank ?q=", "/kennisbank/?", None),
]


def page_urls() -> dict[str, str]:
    """One URL per page type, fixed after the small seed so both sizes use the same."""
    thema = _pick(Thema.objects, "duurzame-inzetbaarheid")
    other = Thema.objects.exclude(pk=thema.pk).filter(kernopgave=thema.kernopgave).first() or thema
    sector = _pick(Sector.objects, "vo")
    pillar = _pick(DiPijler.objects, "kunnen-werken")
    artikel = Artikel.objects.published().order_by("pk").first()
    instrument = _pick(Instrument.objects.published(), "arboscan-vo")
    jaarplan = _pick(Jaarplan.objects.published(), "jaarplan-voion-2024")
    pilot = Pilot.objects.published().order_by("pk").first()
    stappenplan = Stappenplan.objects.published().order_by("pk").first()
    stap = stappenplan.ordered_steps()[1]
    two_facets = urlencode({"pijler": pillar.slug, "sector": sector.slug})
    return {
        "home": "/",
        "kennisbank": "/kennisbank/",
        "kennisbank, filters": "/kennisbank/?"
        + urlencode({"thema": other.slug, "sector": sector.slug, "soort": "onderzoek"}),
        "kennisbank, sort=naam": "/kennisbank/?sort=naam",
        "kennisbank, ?q=werkdruk": "/kennisbank/?q=werkdruk",
        "catalogus": "/instrumenten/",
        "catalogus, 2 facetten": f"/instrumenten/?{two_facets}",
        "catalogus, sort=nieuw": "/instrumenten/?sort=nieuw",
        "artikel": artikel.get_absolute_url(),
        "instrument": instrument.get_absolute_url(),
        "jaarplan": jaarplan.get_absolute_url(),
        "themahub": thema.get_absolute_url(),
        "pilot": pilot.get_absolute_url(),
        "stappenplan-stap": stap.get_absolute_url(),
        "zoeken": "/zoeken/?q=werkdruk",
    }


def _pick(queryset, slug):
    """The row with this slug (a real one), or any when the content has changed."""
    return queryset.filter(slug=slug).first() or queryset.order_by("pk").first()


def measure_pages(pages: dict[str, str], requests: int, budget: float) -> dict[str, PageResult]:
    """Query counts and latencies of every page, and of some right after an edit."""
    timing.freeze_like_a_worker()
    results = {}
    with allow_test_client():
        for name, url in pages.items():
            timing.settle(url)
            status, uncached, cached, _ = timing.count_queries(url)
            result = PageResult(name, url, status, uncached, cached)
            result.times_ms, statuses = timing.time_page(url, requests, budget)
            result.status = max(statuses | {status})
            results[name] = result
        for name, suffix, edit in AFTER_EDIT_RUNS:
            url = pages[name]
            status, uncached, _, _ = timing.count_queries(url, cached=False, before_each=edit)
            result = PageResult(name + suffix, url, status, uncached, -1)
            result.times_ms, statuses = timing.time_page(url, requests, budget, before_each=edit)
            result.status = max(statuses | {status})
            results[result.name] = result
    return results


def measure_search(requests: int, budget: float) -> list[dict]:
    """Per query and search page: matches, suggestion, queries and latency."""
    rows = []
    published = Artikel.objects.published()
    with allow_test_client():
        for query in SEARCH_QUERIES:
            outcome = search(published, query)
            matches = outcome.queryset.count()
            for page, path, edit in SEARCH_PAGES:
                url = path + urlencode({"q": query})
                status, queries, _, _ = timing.count_queries(url, cached=False, before_each=edit)
                times, statuses = timing.time_page(url, requests, budget, 3, before_each=edit)
                rows.append(
                    {
                        "query": query,
                        "page": page,
                        "matches": matches,
                        "suggestion": outcome.suggestion or "",
                        "queries": queries,
                        "status": max(statuses | {status}),
                        "n": len(times),
                        "p50": timing.percentile(times, 0.5),
                        "p95": timing.percentile(times, 0.95),
                    }
                )
    return rows
