"""Facet counts recomputed by the task worker after an edit, not on a visitor's request.

At 100,000 articles counting the kennisbank's facets takes about half a second. After an
edit the first visitor of each selection would pay that; instead the list page shows the
counts from before the edit (`caching.remember_or_refresh`) and queues `refresh_counts`,
which the worker (`manage.py db_worker`) runs within a second or two.
"""

import logging

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
    view_class.listing_for(QueryDict(count_query)).recompute_counts()


def request_refresh(view_label: str, count_query: str) -> bool:
    """Queue `refresh_counts`; False (and logged) when the queue cannot be reached."""
    try:
        refresh_counts.enqueue(view_label, count_query)
    except Exception:
        logger.exception("Could not queue a refresh of the facet counts of %s", view_label)
        return False
    return True
