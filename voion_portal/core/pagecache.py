"""Whole-page cache for anonymous visitors, stale the moment content changes.

Pages are stored under the content generation (`voion_portal.core.caching`): an
editor's publish shows at once, and no page outlives the next scheduled publication.
Logged-in staff (who may preview drafts) and visitors with a message to see are never
served from it; /admin/ never is.

The cache decides by itself, not the visitor: request headers such as
`Cache-Control: no-cache` do not bypass it, and a page is cached per *canonical* query
string, made of only the parameters its view declares it reads (`reads_parameters`),
sorted. Anything else (`?utm_source=…`, a random `?x=1`) is dropped before the view
runs, so a flood of made-up parameters finds the cached page. Only the benchmark and
tests skip the cache, with a header signed by the SECRET_KEY (`bypass_headers`).
"""

import logging
import time
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core import signing
from django.core.cache import caches
from django.http import QueryDict
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.http import http_date
from django.utils.module_loading import import_string

from voion_portal.core import revalidation
from voion_portal.core.caching import (
    SAVE_TO_COMMIT_SECONDS,
    all_cards_topics,
    all_topics,
    content_cache,
    content_cache_timeout,
    content_key,
    current_generation,
    generation_from,
    is_shared,
    topic_generations,
    topics_read,
)

logger = logging.getLogger(__name__)

CACHEABLE_TYPES = ("text/html", "application/rss+xml", "application/xml", "text/plain")
BYPASS_HEADER = "X-Page-Cache-Bypass"
# Parameters every page reads: base.html shows the thank-you of "Was deze pagina nuttig?"
# after the feedback form redirects back with ?feedback=bedankt.
SITE_PARAMETERS = frozenset({"feedback"})
MAX_PARAMETER_VALUES = 60  # per parameter; more is no visitor's selection


def reads_parameters(*names: str):
    """Declare the GET parameters a function view reads; the page cache keeps only
    these (and SITE_PARAMETERS) in its key and in what the view sees.

    A class-based view declares them as a `page_parameters` class attribute. A view
    that declares nothing reads no parameters."""

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            return view(*args, **kwargs)

        wrapper.page_parameters = frozenset(names)
        return wrapper

    return decorate


def depends_on(*topics: str):
    """Declare which topics (apps) a function view shows content of, besides the shared
    taxonomy; its cached page is then stale only when one of those changes. A
    class-based view declares them as a `page_topics` class attribute. A view that
    declares nothing depends on every topic."""

    def decorate(view):
        view.page_topics = tuple(topics)
        return view

    return decorate


def view_topics(view) -> tuple[str, ...] | None:
    """The topics `view` (a resolved view function) declares; None: every topic."""
    if view is None:
        return None
    declared = getattr(view, "page_topics", None)
    if declared is None:
        declared = getattr(getattr(view, "view_class", None), "page_topics", None)
    return declared


def view_parameters(view) -> frozenset:
    """The GET parameters `view` (a resolved view function) declares it reads."""
    declared = getattr(view, "page_parameters", None)
    if declared is None:
        declared = getattr(getattr(view, "view_class", None), "page_parameters", ())
    return frozenset(declared) | SITE_PARAMETERS


def bypass_token() -> str:
    """The value of BYPASS_HEADER that skips the page cache: only who knows the
    SECRET_KEY (the benchmark, tests) can compute it."""
    return salted_hmac("voion_portal.core.pagecache.bypass", "bypass").hexdigest()


def bypass_headers() -> dict[str, str]:
    """Request headers that skip the page cache (for the test client or urllib)."""
    return {BYPASS_HEADER: bypass_token()}


def canonical_query(query: QueryDict, names: frozenset) -> str:
    """The query string of only `names`, sorted by name and then by value.

    Repeated parameters (`?sector=vo&sector=po`) stay, in one order whatever the
    visitor's; values are OR-ed within a facet, so their order never matters."""
    pairs = []
    for name in sorted(names & query.keys()):
        values = sorted(set(query.getlist(name)))[:MAX_PARAMETER_VALUES]
        pairs.extend((name, value) for value in values)
    return urlencode(pairs)


def _has_session(request) -> bool:
    """A session cookie that belongs to a real session (logged-in staff previewing).

    A made-up cookie does not skip the cache: checking it costs one lookup, not a render."""
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not key:
        return False
    store: SessionBase = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    try:
        return store.exists(key)
    except Exception:
        return True


def _has_messages(request) -> bool:
    """A message cookie set by the portal itself (signed), not a made-up one."""
    value = request.COOKIES.get("messages")
    if not value:
        return False
    try:
        signing.get_cookie_signer(salt="django.contrib.messages").unsign(value)
    except signing.BadSignature:
        return False
    return True


class AnonymousPageCacheMiddleware:
    """Serves anonymous GETs of public pages from the cache; stores what it may."""

    def __init__(self, get_response):
        self.get_response = get_response

    def _cacheable_request(self, request) -> bool:
        if request.method not in ("GET", "HEAD"):
            return False
        if request.path.startswith(settings.PAGE_CACHE_EXCLUDED_PREFIXES):
            return False
        token = request.headers.get(BYPASS_HEADER)
        if token and constant_time_compare(token, bypass_token()):
            return False  # the benchmark measuring renders
        # Logged in (staff preview) or a one-off message to show.
        return not (_has_messages(request) or _has_session(request))

    @staticmethod
    def _canonicalise(request):
        """Keep only the parameters the page reads, in one order: in the key and in
        what the view sees, so a cached page follows from its key alone. Returns the
        view."""
        try:
            view = resolve(request.path_info, getattr(request, "urlconf", None)).func
        except Resolver404:
            view = None
        query = canonical_query(request.GET, view_parameters(view))
        if query != request.META.get("QUERY_STRING", ""):
            request.META["QUERY_STRING"] = query
            request.GET = QueryDict(query, encoding=request.encoding)
        return view

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or not self._cacheable_request(request):
            return self.get_response(request)
        view = self._canonicalise(request)
        generation = current_generation(view_topics(view))
        key = self._key(request, generation)
        cached = _cached_page(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        record_key = self._key(request, "record")
        kept = _still_right(record_key, key)
        if kept is not None:
            kept["X-Page-Cache"] = "revalidated"
            return kept
        with revalidation.recording() as reads:
            reads.topic_generations = topic_generations((*all_topics(), *all_cards_topics()))
            # What every page depends on (taxonomy, synonyms, media, "everything").
            revalidation.note_cached((), generation_from(reads.topic_generations, ()))
            response = self.get_response(request)
        if self._cacheable_response(response):
            expires = self._store(key, response, generation)
            if expires and reads.usable and not hasattr(response, "page_cache_seconds"):
                _keep_record(record_key, key, expires, reads)
        response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _key(request, generation: str) -> str:
        return content_key(
            "page", (request.method, request.get_host(), request.get_full_path()), generation
        )

    @staticmethod
    def _cacheable_response(response) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        control = response.get("Cache-Control", "")
        if "private" in control or "no-store" in control or "no-cache" in control:
            return False
        return response.get("Content-Type", "").startswith(CACHEABLE_TYPES)

    def _store(self, key, response, generation):
        timeout = content_cache_timeout(generation)
        # A page made of values from before an edit, being recomputed, says how long
        # it may be kept (FacetedListView).
        timeout = min(timeout, getattr(response, "page_cache_seconds", timeout))
        if not timeout:
            return None
        set_response_etag(response)
        response["Last-Modified"] = http_date()
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        expires = time.time() + timeout
        _put(key, response, expires)
        return expires


def _machine_tier():
    """The cache every worker on this machine reads when the page cache is per process
    (local memory): a page one worker rendered after an edit is not rendered again by
    the others. None when the page cache is shared already (Redis) or has no such tier.

    A page is looked for in the worker's own memory first, so a page served again and
    again costs no file read."""
    alias = settings.PAGE_CACHE_MACHINE_ALIAS
    if not alias or alias not in settings.CACHES or is_shared(settings.PAGE_CACHE_ALIAS):
        return None
    return caches[alias]


def _put(key: str, value, expires: float) -> None:
    """`value` in this process's memory and in the machine tier until `expires`."""
    timeout = int(expires - time.time())
    if timeout <= 0:
        return
    content_cache().set(key, value, timeout)
    machine = _machine_tier()
    if machine is not None:
        machine.set(key, (expires, value), timeout)


def _keep_record(record_key: str, page_key: str, expires: float, reads) -> None:
    """What the page under `page_key` read, for `_still_right` after the next edit."""
    reads.query_topics = [topics_read(sql) for sql, _, _ in reads.queries]
    record = {"page": page_key, "expires": expires, "reads": reads}
    try:
        _put(record_key, record, expires)
    except Exception:  # a query parameter that cannot be pickled: no record
        logger.warning("A page's reads could not be kept", exc_info=True)


def _still_right(record_key: str, page_key: str):
    """The page stored last for this address, if what it read is unchanged (see
    `voion_portal.core.revalidation`): then kept under `page_key` until the end of its
    own lifetime, never longer. None: it must be rendered."""
    record = _cached_page(record_key)
    if record is None or record["expires"] <= time.time():
        return None
    reads = record["reads"]
    now = topic_generations((*all_topics(), *all_cards_topics()))  # one read for all
    if not now:
        return None
    changed = [
        topics
        for topics, generation in reads.cached.items()
        if generation_from(now, topics) != generation
    ]
    if changed and not _only_unmatched_items_saved(reads, changed, now):
        return None
    page = _cached_page(record["page"])
    if page is None:
        return None
    # Rows of tables whose topics have not changed since the render are the same: only
    # the other queries run again.
    changed_queries = [
        query
        for query, topics in zip(reads.queries, reads.query_topics, strict=True)
        if topics is None
        or any(now.get(topic) != reads.topic_generations.get(topic) for topic in topics)
    ]
    try:
        if not revalidation.same_rows(changed_queries):
            return None
    except Exception:  # whatever the reason, a render is always right
        logger.warning("A page's reads could not be replayed", exc_info=True)
        return None
    # The record keeps pointing at the first page, which lives as long.
    _put(page_key, page, record["expires"])
    return page


def _only_unmatched_items_saved(reads, changed: list, now: dict[str, str]) -> bool:
    """Whether the cached values the page read that are now of another generation
    (`changed`) are still right: each follows its topics' texts only through which items
    match the page's searches, the only changes since were plain saves of single
    articles or instruments (every app's cards topic is unchanged), and none of those
    matched a search of the page before or after its save."""
    if not reads.texts or any(topics not in reads.follow_matches for topics in changed):
        return False
    cards = all_cards_topics()
    if any(now.get(topic) != reads.topic_generations.get(topic) for topic in cards):
        return False
    apps = set()
    for topics in changed:
        apps.update(all_topics() if topics is None else topics)
    since = reads.started - SAVE_TO_COMMIT_SECONDS
    return revalidation.saved_items_matched(apps, reads.texts, since) is False


def _cached_page(key: str):
    """The page stored under `key`: from this process's memory, or else from the machine
    tier (then kept in memory for as long as it has left there); None if neither has it."""
    local = content_cache()
    page = local.get(key)
    if page is not None:
        return page
    machine = _machine_tier()
    if machine is None:
        return None
    try:
        expires, page = machine.get(key, (0, None))
    except Exception:  # an unreadable file: render instead
        logger.warning("Unreadable page in the machine-wide page cache", exc_info=True)
        return None
    left = int(expires - time.time())
    if page is None or left <= 0:
        return None
    local.set(key, page, left)
    return page
