"""Full-text search on PostgreSQL with `django.contrib.postgres.search`: matching,
ranking, the newest matches to rank, corrections. The few statements written by hand
are in `postgres_sql`, each with the reason."""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
)
from django.db.models import (
    Case,
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    Value,
    When,
)
from django.db.models.functions import Greatest

from voion_portal.core.revalidation import note_text
from voion_portal.search import postgres_sql
from voion_portal.search.indexing import SEARCH_CONFIG
from voion_portal.search.query import (
    LITERAL_WEIGHT,
    SearchOutcome,
    _is_prefix,
    _plain_terms,
    query_variants,
)
from voion_portal.search.spelling import corrected_query
from voion_portal.search.state import per_content_state

RARE_SHARE = 0.05


# The moment compiled into a search type's cached SQL in place of "now" (`SearchType`),
# replaced by the current moment on every use; nothing is published this early.
_COMPILED_MOMENT = datetime(1900, 1, 1, tzinfo=UTC)


_NO_TIME = Value(timedelta(0), output_field=DurationField())


def _text_query(text: str) -> SearchQuery:
    """A plain query as prefix terms joined by AND; one with operators as websearch.

    The raw query is built from letters and digits only, so nothing the visitor types
    can become a tsquery operator.
    """
    terms = _plain_terms(text)
    if terms:
        raw = " & ".join(f"{t}:*" if _is_prefix(t) else t for t in terms)
        return SearchQuery(raw, search_type="raw", config=SEARCH_CONFIG)
    return SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)


def _search_query(query: str, synonyms: bool = True) -> SearchQuery:
    """The query or any of its synonym variants; without `synonyms`, the query as typed
    alone (the literal).

    Ranking multiplies `ts_rank` by `LITERAL_WEIGHT` for a vector that matches the
    literal. That cannot live in this tsquery: `ts_rank` of an OR averages over its
    distinct lexemes, each counted once however often it is repeated, so a synonym of
    two words weighs twice the one word asked for ("SHRM": "strategisch hrm").
    """
    note_text(query)  # a page showing what matches it can be kept after unrelated edits
    variants = query_variants(query)
    search_query = None
    for variant in variants if synonyms else variants[:1]:
        part = _text_query(variant)
        search_query = part if search_query is None else search_query | part
    return search_query


def _whole_words_query(query: str) -> SearchQuery | None:
    """The plain query of several words taken whole, when some are prefixes; else None.

    It only ranks. `ts_rank` measures a prefix word by one of the words it matches in a
    vector, not the best: for "regionaal samenwerken" the article titled "Regionale
    samenwerking op de onderwijsarbeidsmarkt" scored 0.0006 by "regionaliseren" in its
    body, against 0.998 for the whole words. Ranking by the better of the two scores gives
    the title its due; the prefix still finds "Werkdrukmeter" for "werkdruk".
    """
    terms = _plain_terms(query)
    # One word is ranked over every word it matches; only an AND of several is not.
    if not terms or len(terms) < 2 or not any(_is_prefix(term) for term in terms):
        return None
    return SearchQuery(" & ".join(terms), search_type="raw", config=SEARCH_CONFIG)


def _full_text_matches(queryset, query: str):
    search_query = _search_query(query)
    rank = SearchRank(F("search_vector"), search_query)
    whole_words = _whole_words_query(query)
    if whole_words is not None:
        rank = Greatest(rank, SearchRank(F("search_vector"), whole_words))
    if len(query_variants(query)) > 1:
        literal = Q(search_vector=_search_query(query, synonyms=False))
        rank = rank * Case(When(literal, then=Value(LITERAL_WEIGHT)), default=Value(1.0))
    return queryset.filter(search_vector=search_query).annotate(rank=rank)


def _cannot_match(query: str) -> bool:
    """Whether the query, and each of its synonym variants, has a word that occurs in no
    search vector at all (a typo, mostly), so that searching would find nothing.

    One lookup in the stem list (`Woordstam`) instead of a search of every table: a
    misspelt query costs one search (of the correction), not two. A stop word counts as
    occurring (PostgreSQL leaves it out of the query); a query with websearch operators
    is never ruled out.
    """
    variants = [_plain_terms(variant) for variant in query_variants(query)]
    if not all(variants):
        return False
    asked = sorted({term for terms in variants for term in terms})
    known = postgres_sql.known_terms(SEARCH_CONFIG, asked, [_is_prefix(t) for t in asked])
    return all(not all(known[term] for term in terms) for terms in variants)


def _any_match(matches) -> bool:
    """Whether the query finds anything, without reading the whole table when it does not.

    A plain EXISTS lets PostgreSQL read rows in any order until the first match; for a
    query that matches nothing it reads them all (half a second at 100,000 articles).
    Asking for the newest match uses the same estimates as the ranking: the GIN index
    answers at once when matches are expected to be rare, though it fetches every match
    to sort them (9 ms for a word in 4,000 articles). The answer is remembered until
    content changes, like the count.
    """
    key = _statement_key(*_sql(matches.order_by().values("pk")))
    return per_content_state("any-match", key, lambda: _newest_match_exists(matches))


def _newest_match_exists(matches) -> bool:
    if not _has_field(matches.model, "publicatiedatum"):
        return matches.exists()
    newest = matches.order_by(*_newest_first(matches, 1)).values_list("pk", flat=True)
    return bool(list(newest[:1]))


def _postgres_search(queryset, query: str) -> SearchOutcome:
    matches = _full_text_matches(queryset, query)
    if not _cannot_match(query) and _any_match(matches):
        return SearchOutcome(matches)
    correction = corrected_query(query)
    if correction:
        corrected = _full_text_matches(queryset, correction)
        # Offered only when it finds something public: a word left in the dictionary by
        # a title that was withdrawn since must not be suggested.
        if _any_match(corrected):
            return SearchOutcome(corrected, correction)
    return SearchOutcome(matches)


def _ranks_newest_only(model) -> bool:
    """Whether only the newest matches of `model` are ranked: the content that grows
    without bound (articles, instruments, pilots) has a publication date of its own;
    steps and activities stay few and are ranked in full."""
    return _has_field(model, "publicatiedatum")


def _newest_first(matches, limit: int) -> tuple:
    """How to find the newest `limit` matches cheaply: the ordering to ask for.

    Two ways, and PostgreSQL cannot tell which is cheaper because it does not know that
    testing a row's vector costs far more than reading its date. Walking the date index
    and testing each row stops after about limit / share-of-matching-rows rows: cheap for
    common words. Collecting all matches from the GIN index and sorting them by date
    reads each match once: cheap for rare words. Sorting on an expression that no index
    serves steers PostgreSQL to the second way; the estimates come from the planner.
    """
    matching, table = _planner_estimates(
        _sql(matches.order_by().values("pk")), postgres_sql.table_rows(matches.model)
    )
    if _walk_dates(matching, table, limit):
        return ("-publicatiedatum",)
    return (ExpressionWrapper(F("publicatiedatum") + _NO_TIME, DateTimeField()).desc(),)


def _walk_dates(matching: float, table: float, limit: int) -> bool:
    """Whether walking the date index finds the newest `limit` matches cheaper than the
    GIN index, given the planner's estimates of matching rows and of all rows."""
    forced = settings.SEARCH_NEWEST_MATCHES
    if forced != "auto":
        return forced == "date-index"
    walked = limit * table / max(matching, 1)
    # Estimates for rare words are rough, and when nothing matches in truth the walk
    # reads the whole table; below a twentieth of the table, trust the GIN index.
    return not (matching < walked or matching < table * RARE_SHARE)


def _planner_estimates(*statements: tuple[str, tuple]) -> list[float]:
    """PostgreSQL's row estimates for several (sql, params), from one EXPLAIN (nothing runs).

    Estimates hardly change between two saves, and a popular query is asked again and
    again (a single type's search even asks twice per page): they are remembered until
    content changes, which saves a round trip and a planning (3-4 ms). The moment "now"
    in the visibility filter is left out of the key, as it barely moves an estimate.
    """
    key = " ".join(_statement_key(sql, params) for sql, params in statements)
    return per_content_state(
        "estimates", key, lambda: postgres_sql.explained_rows(list(statements))
    )


def _statement_key(sql: str, params) -> str:
    """What identifies a statement's result between two saves: its SQL and parameters
    without the moment "now" (the visibility filter's), which moves on every request."""
    return f"{sql} {[param for param in params if not isinstance(param, datetime)]!r}"


def _sql(queryset) -> tuple[str, tuple]:
    return queryset.query.sql_with_params()


def _has_field(model, name: str) -> bool:
    return any(f.name == name for f in model._meta.get_fields())
