"""Full-text search on the embedded default (SQLite): the parsed query as an FTS5 match.

The query is read once (`query.parse_query`, synonyms by `query.query_variants`); this
module only translates it: each word becomes its index term (`stemming`), quoted so that
nothing a visitor types is FTS5 syntax, a prefix word gets FTS5's `*`, a phrase stays a
phrase, exclusions become NOT and alternatives OR. Ranking is FTS5's BM25 with each
weight class's `RANK_WEIGHTS` as column weight, so a title match outranks a summary match
as on PostgreSQL.

An item that matches the query as typed (the literal) has its score multiplied by
`query.LITERAL_WEIGHT`, as on PostgreSQL. FTS5 scores an OR of the query and its synonym
variants as one sum over all their phrases, so a synonym of several words ("SHRM" is
"strategisch hrm" and "strategisch personeelsbeleid") counts each of its words, a word
shared by two synonyms twice, and the items using the synonym's words outscored the
one named after what was asked. BM25 cannot weigh one branch of an OR, so the literal's
matches are asked for separately (one more MATCH per search, only when the query has
synonyms) and weighed in `_Relevance`.
"""

from django.db.models import F, FloatField, Func, Value
from django.db.models.expressions import RawSQL

from voion_portal.search import fts
from voion_portal.search.indexing import RANK_WEIGHTS, ensure_search_index
from voion_portal.search.query import (
    LITERAL_WEIGHT,
    Alternatives,
    SearchOutcome,
    Term,
    parse_query,
    query_variants,
)
from voion_portal.search.spelling import corrected_query
from voion_portal.search.stemming import stem


def match_expression(query: str, synonyms: bool = True) -> str | None:
    """The FTS5 query for `query` or any of its synonym variants (only the query itself,
    the literal, without `synonyms`); None when nothing in it can match (only function
    words, or only exclusions)."""
    variants = query_variants(query)
    alternatives: Alternatives = []
    for variant in variants if synonyms else variants[:1]:
        alternatives.extend(parse_query(variant))
    translated = list(dict.fromkeys(filter(None, map(_conjunction, alternatives))))
    return " OR ".join(translated) if translated else None


def _conjunction(terms: list[Term]) -> str | None:
    required = [_term(term) for term in terms if not term.excluded]
    required = [part for part in required if part]
    if not required:
        return None
    expression = "(" + " AND ".join(required) + ")"
    for term in terms:
        excluded = _term(term) if term.excluded else None
        if excluded:
            expression = f"({expression} NOT {excluded})"
    return expression


def _term(term: Term) -> str | None:
    """A word or phrase as FTS5 strings of index terms; function words are left out,
    as PostgreSQL leaves them out of a tsquery."""
    stems = [found for found in map(stem, term.words) if found]
    if not stems:
        return None
    return '"' + " ".join(stems) + '"' + ("*" if term.prefix else "")


class _Relevance(Func):
    """An item's BM25 score for an FTS5 match (higher is better), by its primary key;
    `LITERAL_WEIGHT` times that when the item matches `literal`, the query as typed.

    The scores of all matches are computed in one pass (a materialized CTE, made once per
    statement) and each row looks its own up. Asked per row instead (`... WHERE MATCH %s
    AND rowid = <pk>`), FTS5 recounts every phrase's matches for each row, which grows
    with the square of the matches: 5-20 times slower on the real content. The items
    that match the literal are found once, too.
    """

    output_field = FloatField()

    def __init__(self, model, match: str, literal: str | None = None):
        super().__init__(F("pk"))
        self.model, self.match, self.literal = model, match, literal

    def as_sql(self, compiler, connection, **extra_context):
        pk_sql, pk_params = compiler.compile(self.source_expressions[0])
        table = fts.quoted_table(self.model, connection)
        weights = ", ".join(str(RANK_WEIGHTS[weight]) for weight in fts.WEIGHT_CLASSES)
        score, params = f"-bm25({table}, {weights})", (self.match,)
        # Without synonym variants every match is a literal one: nothing to weigh.
        if self.literal and self.literal != self.match:
            score += (
                f" * (CASE WHEN rowid IN (SELECT rowid FROM {table} WHERE {table} MATCH %s) "
                "THEN %s ELSE 1 END)"
            )
            params = (self.literal, LITERAL_WEIGHT, self.match)
        sql = (
            f"(WITH scored AS MATERIALIZED (SELECT rowid AS id, {score} AS score "
            f"FROM {table} WHERE {table} MATCH %s) "
            f"SELECT scored.score FROM scored WHERE scored.id = {pk_sql})"
        )
        return sql, (*params, *pk_params)


def matches(queryset, query: str):
    """The rows of `queryset` that match `query`, annotated with their `rank`."""
    ensure_search_index(queryset.db)
    match = match_expression(query)
    if match is None:
        return queryset.none().annotate(rank=Value(0.0, output_field=FloatField()))
    table = fts.quoted_table(queryset.model)
    matching = RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", (match,))
    relevance = _Relevance(queryset.model, match, match_expression(query, synonyms=False))
    return queryset.filter(pk__in=matching).annotate(rank=relevance)


def sqlite_search(queryset, query: str) -> SearchOutcome:
    found = matches(queryset, query)
    if found.exists():
        return SearchOutcome(found)
    correction = corrected_query(query)
    if correction:
        corrected = matches(queryset, correction)
        # Offered only when it finds something the public may see.
        if corrected.exists():
            return SearchOutcome(corrected, correction)
    return SearchOutcome(found)
