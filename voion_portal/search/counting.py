"""Counting what visitors search for, so editors see what they could not find.

Per week and normalised query text (`Zoekopdracht`): how often it was searched, how often
it found nothing, and how often a visitor then opened a page from the results. Nothing
about the visitor is kept: no address, cookie, account or moment, and the middleware sets
no cookie.

`SearchCountingMiddleware` sits directly outside the page cache (see `MIDDLEWARE` in the
settings), so a search answered from the cache is counted like one that ran. Which pages
are searches, and how many results they found, the pages say themselves: a search view
puts its result count in the `X-Search-Results` header, or the middleware takes it from
the context of a template response (`result_total` of the faceted listings, `total` of
/zoeken/). The header is stored in the page cache with the page, so a cached page still
tells its count; the middleware removes it before the page leaves.

A click is recognised without JavaScript or a change to any template: a same-site page
one level below a section (`/kennisbank/<slug>/`, `/themas/<slug>/`, ...) requested with
a Referer that holds `q=` came from a result list. The referrer policy
(strict-origin-when-cross-origin) sends the full address on same-origin requests.

Counting never breaks a page: any failure is logged and the page is served as it was.
"""

import logging
import re
import unicodedata
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from voion_portal.search.models import Zoekopdracht

logger = logging.getLogger(__name__)

RESULT_COUNT_HEADER = "X-Search-Results"
QUERY_PARAMETER = "q"
MAX_TERM_LENGTH = Zoekopdracht._meta.get_field("zoekterm").max_length

# Self-declared robots, monitors, link previews and scripts. Anything subtler is not
# worth a lookup per request: a few stray counts do not change what editors conclude.
AUTOMATED_AGENT = re.compile(
    r"bot|crawl|spider|slurp|scrap|fetch|monitor|preview|validator|checker|lighthouse|"
    r"headless|phantom|curl|wget|python|httpx|aiohttp|java/|go-http|okhttp|libwww|"
    r"facebookexternalhit|embedly|pingdom|uptime",
    re.IGNORECASE,
)
# Visitors sometimes type who or what they are looking for by address or number; those
# are personal data and say nothing about missing content.
EMAIL_ADDRESS = re.compile(r"\S+@\S+")
LONG_NUMBER = re.compile(r"\d[\d .\-]{4,}\d")
INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")


def normalise_query(text: str) -> str:
    """The form in which a query is counted: one row for "Werkdruk " and "werkdruk"."""
    text = unicodedata.normalize("NFKC", text)
    text = INVISIBLE.sub(" ", text).lower()
    text = EMAIL_ADDRESS.sub("[e-mailadres]", text)
    text = LONG_NUMBER.sub("[nummer]", text)
    return " ".join(text.split())[:MAX_TERM_LENGTH].rstrip()


def week_of(day: date) -> date:
    """The Monday that starts the ISO week of `day`."""
    return day - timedelta(days=day.weekday())


def current_week() -> date:
    return week_of(timezone.localdate())


def record_search(term: str, result_count: int | None) -> None:
    """Count one search for `term` this week; `result_count` None means not known."""
    _add(term, create=True, aantal=1, zonder_resultaat=int(result_count == 0))


def record_click(term: str) -> None:
    """Count a page opened from the results of `term`. Only a search counted this week
    gets the click: a click never creates a row of its own."""
    _add(term, create=False, kliks=1)


def _add(term: str, *, create: bool, **increments: int) -> None:
    # UPDATE … SET n = n + 1 adds in the database, so concurrent workers never lose a
    # count; the row is created by the first search of the week. When two workers both
    # find no row, the unique (week, zoekterm) lets one insert and the other add.
    week = current_week()
    row = Zoekopdracht.objects.filter(week=week, zoekterm=term)
    added = {field: F(field) + amount for field, amount in increments.items() if amount}
    if row.update(**added) or not create:
        return
    try:
        with transaction.atomic():
            Zoekopdracht.objects.create(week=week, zoekterm=term, **increments)
    except IntegrityError:
        row.update(**added)


def result_count_from_context(context) -> int | None:
    """The number of results a rendered search page shows, from its template context."""
    if not isinstance(context, dict) or not context.get("query"):
        return None
    for key in ("result_total", "total"):
        if isinstance(context.get(key), int):
            return context[key]
    paginator = context.get("paginator")
    return paginator.count if paginator is not None else None


def is_automated(request) -> bool:
    agent = request.headers.get("User-Agent", "")
    return not agent or AUTOMATED_AGENT.search(agent) is not None


class SearchCountingMiddleware:
    """Counts searches and clicks on result lists; placed just outside the page cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        result_count = response.get(RESULT_COUNT_HEADER)
        if result_count is not None:
            del response[RESULT_COUNT_HEADER]
        try:
            if self._countable(request, response):
                self._count(request, result_count)
        except Exception:
            logger.warning("A search or click was not counted.", exc_info=True)
        return response

    def process_template_response(self, request, response):
        """A search page rendered from a template tells its result count in a header, so
        the page cache stores the count with the page."""
        if QUERY_PARAMETER in request.GET and RESULT_COUNT_HEADER not in response:
            result_count = result_count_from_context(response.context_data)
            if result_count is not None:
                response[RESULT_COUNT_HEADER] = str(result_count)
        return response

    @staticmethod
    def _countable(request, response) -> bool:
        # HEAD is what link checkers and monitors send; a staff session may be previewing
        return (
            request.method == "GET"
            and response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not is_automated(request)
        )

    def _count(self, request, result_count: str | None) -> None:
        referer = _split(request.headers.get("Referer", ""))
        same_site = referer.netloc == request.get_host()
        referer_term = _term_in(referer.query) if same_site else ""
        if QUERY_PARAMETER in request.GET:
            term = normalise_query(request.GET[QUERY_PARAMETER])
            if not term or not (result_count is not None or _is_search_page(request.path)):
                return
            if referer_term == term and referer.path == request.path:
                return  # another page, filter or sort of the same search: counted once
            record_search(term, int(result_count) if result_count is not None else None)
        elif referer_term and referer.path != request.path and _is_content_page(request.path):
            record_click(referer_term)


def _split(url: str):
    try:
        return urlsplit(url)
    except ValueError:  # anyone can send any Referer; a malformed one is no search
        return urlsplit("")


def _term_in(query_string: str) -> str:
    values = parse_qs(query_string).get(QUERY_PARAMETER)
    return normalise_query(values[0]) if values else ""


def _is_content_page(path: str) -> bool:
    """Items live one level (or more) below their section: /pilots/<slug>/,
    /stappenplannen/<slug>/<stap>/. Section pages, /zoeken/ and /privacy/ do not."""
    return path.strip("/").count("/") >= 1


def _is_search_page(path: str) -> bool:
    """/zoeken/ is counted even while it does not report its result count."""
    try:
        return path == reverse("zoeken")
    except NoReverseMatch:
        return False
