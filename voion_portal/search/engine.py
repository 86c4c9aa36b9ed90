"""The search API the rest of the portal uses: one call per need, the backend chosen by
the database vendor.

* PostgreSQL (`postgres`): a stored, weighted vector per searchable type with the
  `dutch` configuration and a GIN index; prefix matching for longer words; `websearch`
  syntax (quotes, -exclusion, OR); misspelt words corrected against the titles' words.
* SQLite, the local default (`sqlite`): an FTS5 index per searchable type (`fts`) of
  Dutch Snowball stems (`stemming`), BM25 with the same field weights, the same
  prefixes, operators, synonyms and corrections.

Both backends read the query the same way (`query`) and correct it from the same
dictionary (`spelling`); they only translate it for their database.

What is searched, with which weights, each content type declares in the registry
(`voion_portal.core.registry`); editors keep synonyms and abbreviations (DI, OOP, SPP, ...)
in the admin, and a query matches its synonyms too (`query`).
"""

import time
from datetime import UTC, datetime

from django.conf import settings
from django.db import connection
from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    FloatField,
    Q,
    Value,
)

from voion_portal.core import registry
from voion_portal.search.models import Tekstwijziging
from voion_portal.search.postgres import (
    _full_text_matches,
    _newest_first,
    _postgres_search,
    _ranks_newest_only,
    _search_query,
)
from voion_portal.search.postgres_sql import VECTORS_BEFORE_SAVE_KEPT_SECONDS
from voion_portal.search.query import SearchOutcome, query_words
from voion_portal.search.sqlite import matches, sqlite_search
from voion_portal.search.state import per_content_state, topics_of


def search(queryset, query: str) -> SearchOutcome:
    if not query_words(query):
        return SearchOutcome(queryset.annotate(rank=Value(0.0, output_field=FloatField())))
    if connection.vendor == "postgresql":
        return _postgres_search(queryset, query)
    return sqlite_search(queryset, query)


def by_relevance(queryset, *then):
    """Search matches (annotated with `rank`) best first, then by `then`.

    Ranking reads every ranked row's search vector, and a common word ("werkdruk")
    matches a third of a large kennisbank. So on PostgreSQL at most
    `settings.SEARCH_RANK_CANDIDATES` rows are ranked: the newest matches. The cost no
    longer grows with the number of matches; the result count stays exact, and
    "Nieuwste eerst" pages through all matches.
    """
    if connection.vendor == "postgresql" and _ranks_newest_only(queryset.model):
        limit = settings.SEARCH_RANK_CANDIDATES
        newest = queryset.values("pk").order_by(*_newest_first(queryset, limit), "-pk")
        queryset = queryset.filter(pk__in=newest[:limit])
    return queryset.order_by("-rank", *then)


def match_count(matches, query: str) -> int:
    """How many rows `matches` has, counted once per content state.

    `matches` must be `search(<model>.objects.published(), query)`: the key holds only
    the model and the query.

    Counting every match of a common word reads a third of a large table (100+ ms at
    100,000 articles); a visitor paging through the results would pay that on every
    page. The count is kept until any content is saved or the next scheduled publication.
    """
    return per_content_state(
        f"count:{matches.model._meta.label_lower}",
        query,
        matches.count,
        topics_of(matches.model),
    )


def earlier_matches(model, query: str, since: datetime) -> dict[object, set[bool]] | None:
    """For each item of `model` saved since `since`: whether `query` matched the vector
    it had before each of those saves ({True}, {False} or both). None when that cannot be
    known: on SQLite, whose index keeps no earlier text.

    With the item's current match, this tells whether the saves changed which items
    match the query (`listing.facets`)."""
    if connection.vendor != "postgresql":
        return None
    rows = (
        Tekstwijziging.objects.filter(model=model._meta.label_lower, moment__gte=since)
        .annotate(
            matched=ExpressionWrapper(Q(vector=_search_query(query)), output_field=BooleanField())
        )
        .values_list("item_id", "matched")
    )
    earlier: dict[object, set[bool]] = {}
    for pk, matched in rows:
        earlier.setdefault(pk, set()).add(bool(matched))
    return earlier


def saved_items_matched(apps, texts, since: float) -> bool | None:
    """Whether an item of `apps` saved since `since` (a timestamp) matched one of
    `texts`, in the vector it had before any of those saves or in its current one; None
    when that cannot be known (SQLite).

    Only the types whose plain saves change nothing but their own card and result head
    (`cards_show_own_row`: articles, instruments) are looked at: a change of any other
    type bumps its app's cards topic, and the page cache asks only while those are
    unchanged (`core.pagecache`)."""
    if connection.vendor != "postgresql":
        return None
    if time.time() - since > VECTORS_BEFORE_SAVE_KEPT_SECONDS:
        return None  # the vectors from before those saves are gone
    moment = datetime.fromtimestamp(since, UTC)
    for entry in registry.searchable_types():
        model = entry.model
        if model._meta.app_label not in apps or not getattr(model, "cards_show_own_row", False):
            continue
        for text in texts:
            states = earlier_matches(model, text, moment)
            if any(True in matched for matched in states.values()):
                return True
            saved = list(states)
            if (
                saved
                and model._base_manager.filter(
                    pk__in=saved, search_vector=_search_query(text)
                ).exists()
            ):
                return True
    return False


def type_total(kind, query: str) -> int:
    """How many items of a search type (`overview.SearchType`) match `query`, counted up
    to `settings.SEARCH_GROUP_TOTAL_CAP` + 1, once per content state.

    The overview names each group's total; an exact count of a common word reads a third
    of a large kennisbank (100+ ms at 100,000 articles), a capped one stops early. The
    type's own result page counts exactly (`match_count`).
    """
    return per_content_state(
        f"total:{kind.model._meta.label_lower}",
        query,
        lambda: (
            _matches(kind.queryset(), query)
            .order_by()[: settings.SEARCH_GROUP_TOTAL_CAP + 1]
            .count()
        ),
        topics_of(kind.model),
    )


def _matches(queryset, query: str):
    """The rows matching `query` as typed (no correction: the caller knows some match)."""
    if connection.vendor == "postgresql":
        return _full_text_matches(queryset, query)
    return matches(queryset, query)


def rankable_count(total: int) -> tuple[int, str | None]:
    """How many of `total` matches relevance ranking can page through, and why if fewer."""
    limit = settings.SEARCH_RANK_CANDIDATES
    if connection.vendor != "postgresql" or total <= limit:
        return total, None
    shown = f"{limit:,}".replace(",", ".")
    return limit, (
        f"Op relevantie tonen we de beste van de {shown} nieuwste treffers. Kies "
        "“Nieuwste eerst” of verfijn uw zoekvraag om alle treffers te doorlopen."
    )


# The rest of the portal imports search from here.
from voion_portal.search.overview import SearchType, best_of_each_type, search_types  # noqa: E402
from voion_portal.search.query import MAX_QUERY_LENGTH, clean_query  # noqa: E402
from voion_portal.search.snippets import rows_with_snippets  # noqa: E402

__all__ = [
    "MAX_QUERY_LENGTH",
    "SearchOutcome",
    "SearchType",
    "best_of_each_type",
    "by_relevance",
    "clean_query",
    "match_count",
    "rankable_count",
    "rows_with_snippets",
    "search",
    "search_types",
    "type_total",
]
