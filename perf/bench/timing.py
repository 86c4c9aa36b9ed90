"""Requests in process, through Django's test client: query counts and latencies."""

import gc
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from voion_portal.core.pagecache import bypass_headers

# The request header that skips the page cache: signed with the SECRET_KEY, which the
# benchmark shares with the gunicorn it starts (visitors cannot send it).
NO_CACHE = bypass_headers()


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value with at least `share` of values <= it."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


@dataclass
class PageResult:
    name: str
    url: str
    status: int = 0
    queries: int = 0
    cached_queries: int = 0
    times_ms: list[float] = field(default_factory=list)

    @property
    def p50(self) -> float:
        return percentile(self.times_ms, 0.50)

    @property
    def p95(self) -> float:
        return percentile(self.times_ms, 0.95)


def allow_test_client():
    """The test client's host, allowed besides the configured ones."""
    return override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"])


def freeze_like_a_worker() -> None:
    """Collect, then exempt what is alive now from garbage collection.

    `voion_portal/wsgi.py` does this when a gunicorn worker starts; without it, the
    in-process timings would pay for full collections over objects (the seeding's
    leftovers, Django itself) that a production worker never traverses.
    """
    gc.collect()
    gc.freeze()


def anonymous_get(client: Client, url: str, headers: dict | None = None):
    """A GET as a first-time anonymous visitor (no cookies from earlier responses)."""
    client.cookies.clear()
    return client.get(url, headers=headers or {})


def settle(url: str) -> None:
    """One request to `url`, then what it queued for the task worker (recounts), run
    here: the state between two edits, when the worker has done its part."""
    anonymous_get(Client(), url, NO_CACHE)
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def count_queries(
    url: str, cached: bool = True, before_each: Callable[[], None] | None = None
) -> tuple[int, int, int, list[str]]:
    """(status, queries uncached, queries from the page cache, the uncached SQL).

    The first request warms the lookup-table, synonym, facet-count and card caches and
    is not counted; `before_each` (e.g. "an editor saved something") runs before the
    counted request.
    """
    client = Client()
    anonymous_get(client, url, NO_CACHE)
    if before_each:
        before_each()
    with CaptureQueriesContext(connection) as uncached:
        response = anonymous_get(client, url, NO_CACHE)
    # Read the capture now: it slices the connection's query log lazily, and the next
    # request resets that log.
    sql = [query["sql"] for query in uncached.captured_queries]
    from_cache = -1
    if cached:
        anonymous_get(client, url)  # fills the page cache, if there is one
        with CaptureQueriesContext(connection) as hits:
            anonymous_get(client, url)
        from_cache = len(hits.captured_queries)
    return response.status_code, len(sql), from_cache, sql


def time_page(
    url: str,
    requests: int,
    budget_seconds: float,
    minimum: int = 5,
    before_each: Callable[[], None] | None = None,
) -> tuple[list[float], set[int]]:
    """Sequential, uncached single-request latencies in milliseconds (call it warm).

    `requests` timed requests; a slow page stops early once it has used its time
    budget and has at least `minimum` timings. `before_each` runs before every request,
    outside the timing.
    """
    client = Client()
    statuses = set()
    times: list[float] = []
    started = time.perf_counter()
    while len(times) < requests:
        if before_each:
            before_each()
        before = time.perf_counter()
        response = anonymous_get(client, url, NO_CACHE)
        times.append((time.perf_counter() - before) * 1000)
        statuses.add(response.status_code)
        if len(times) >= minimum and time.perf_counter() - started > budget_seconds:
            break
    return times, statuses
