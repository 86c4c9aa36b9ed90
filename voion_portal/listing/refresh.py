"""Facet counts recomputed by the task worker after an edit, not on a visitor's request.

At 100,000 articles counting the kennisbank's facets takes about half a second. After an
edit the first visitor of each selection would pay that; instead the list page shows the
counts from before the edit (`caching.remember_or_refresh`) and queues `refresh_counts`,
which the worker (`manage.py db_worker`) runs within a second or two.
"""

import logging
from contextlib import contextmanager

from django.db import connection, transaction
from django.http import QueryDict
from django_tasks import task

logger = logging.getLogger(__name__)

# Every faceted list view by its label (FacetedListView registers itself).
listing_views: dict[str, type] = {}


@task()
def refresh_counts(view_label: str, count_query: str) -> None:
    """Count the facets of one selection of one list afresh and remember them."""
    view_class = listing_views.get(view_label)
    if view_class is None:  # renamed since the task was queued
        return
    with _without_parallel_workers():
        view_class.listing_for(QueryDict(count_query)).recompute_counts()


@contextmanager
def _without_parallel_workers():
    """PostgreSQL: the statements inside run in this connection's own server process.

    A recount is background work, and nobody waits for it; with parallel workers
    PostgreSQL spends the processor time of two or three processes to finish it sooner,
    time taken from the web processes serving visitors. The counts of `?q=werkdruk` at
    100,000 articles took 0.70-0.76 s and 1.27-1.34 s of processor time with two parallel
    workers, 0.95-0.98 s and as much processor time in one process (30 November 2026).
    """
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        yield


def request_refresh(view_label: str, count_query: str) -> bool:
    """Queue `refresh_counts`; False (and logged) when the queue cannot be reached."""
    try:
        refresh_counts.enqueue(view_label, count_query)
    except Exception:
        logger.exception("Could not queue a refresh of the facet counts of %s", view_label)
        return False
    return True
