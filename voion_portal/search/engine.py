"""Text search over content: one API, two backends chosen by the database vendor.

* PostgreSQL: a stored, weighted `search_vector` per searchable model (title A,
  summary B, body C) with the `dutch` configuration and a GIN index; queries use
  `websearch` syntax (quotes, -exclusion, OR); when nothing matches, misspelt words
  are corrected against a dictionary of title words (pg_trgm similarity, see
  `corrected_query`), the corrected query is searched and offered as "Bedoelde u ...?".
* SQLite (the local default): every word must occur in one of the fields
  (`icontains`), ranked by where it occurs.

Editors maintain synonyms and abbreviations (DI, OOP, SPP, ...) in the admin;
a query matches its synonyms too.
"""

import functools
import html
import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models
from django.db.models import (
    Case,
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    FloatField,
    Q,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone

from voion_portal.core import registry
from voion_portal.core.caching import remember

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 12
SEARCH_CONFIG = "dutch"
# How similar (pg_trgm) a dictionary word must be to replace a misspelt query word.
CORRECTION_SIMILARITY = 0.3
MAX_CORRECTED_WORDS = 4
SYNONYM_CACHE_KEY = "search-synonyms"
SIMPLE_WEIGHTS = {"A": 4.0, "B": 2.0, "C": 1.0, "D": 0.5}

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
_MARK_START, _MARK_END = "\x02", "\x03"


def clean_query(raw: str) -> tuple[str, str | None]:
    """The query to search for, and a message for the user if we had to change it."""
    query = _CONTROL_CHARACTERS.sub(" ", raw or "")
    query = " ".join(query.split())
    if len(query) > MAX_QUERY_LENGTH:
        cut = query[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0] or query[:MAX_QUERY_LENGTH]
        return cut, f"Uw zoekvraag was te lang en is ingekort tot {MAX_QUERY_LENGTH} tekens."
    return query, None


def query_words(query: str) -> list[str]:
    """The plain words of a query, without websearch operators and punctuation."""
    words = re.findall(r"[\w&]+(?:[-'][\w&]+)*", query.replace("-", " -"))
    return [w for w in words if w.upper() != "OR" and not w.startswith("-")][:MAX_QUERY_WORDS]


# -- the searchable model side -------------------------------------------------------------


class SearchIndexedMixin(models.Model):
    """A stored, weighted search vector, refreshed whenever the item is saved.

    Which fields, with which weight, the type declares in the registry (`search_weights`).
    """

    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if connection.vendor == "postgresql":
            type(self)._base_manager.filter(pk=self.pk).update(
                search_vector=vector_expression(search_weights(type(self)))
            )
            add_to_vocabulary([self.titel], self.public_from())


def search_weights(model) -> dict[str, str]:
    """The searched fields of `model` and their weights, as its registration declares."""
    return registry.get(model).weights


def vector_expression(weights: dict[str, str]):
    vector = None
    for field_name, weight in weights.items():
        part = SearchVector(
            Coalesce(F(field_name), Value(""), output_field=models.TextField()),
            weight=weight,
            config=SEARCH_CONFIG,
        )
        vector = part if vector is None else vector + part
    return vector


def refresh_search_vectors(model) -> int:
    """Rebuild every row's vector in one statement (after bulk inserts)."""
    if connection.vendor != "postgresql":
        return 0
    return model._base_manager.update(search_vector=vector_expression(search_weights(model)))


# -- synonyms --------------------------------------------------------------------------------


def synonym_pairs() -> list[tuple[str, str]]:
    pairs = cache.get(SYNONYM_CACHE_KEY)
    if pairs is None:
        from voion_portal.search.models import Synoniem

        pairs = [
            (term.lower(), synonym.lower())
            for term, synonym in Synoniem.objects.values_list("term", "synoniem")
        ]
        cache.set(SYNONYM_CACHE_KEY, pairs, 300)
    return pairs


def forget_synonyms() -> None:
    cache.delete(SYNONYM_CACHE_KEY)


def query_variants(query: str) -> list[str]:
    """The query plus one variant per synonym that occurs in it as a whole word or phrase."""
    variants = [query]
    lowered = query.lower()
    for term, synonym in synonym_pairs():
        for present, other in ((term, synonym), (synonym, term)):
            if present not in lowered:
                continue
            pattern = _whole_phrase(present)
            if pattern.search(lowered):
                variant = pattern.sub(other, lowered)
                if variant not in variants:
                    variants.append(variant)
    return variants[:6]


@functools.lru_cache(maxsize=4096)
def _whole_phrase(phrase: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")


# -- backends --------------------------------------------------------------------------------


@dataclass
class SearchOutcome:
    queryset: models.QuerySet
    suggestion: str | None = None


def search(queryset, query: str) -> SearchOutcome:
    if not query_words(query):
        return SearchOutcome(queryset.annotate(rank=Value(0.0, output_field=FloatField())))
    if connection.vendor == "postgresql":
        return _postgres_search(queryset, query)
    return SearchOutcome(_simple_search(queryset, query))


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
        _sql(matches.order_by().values("pk")), _table_rows_sql(matches.model)
    )
    if _walk_dates(matching, table, limit):
        return ("-publicatiedatum",)
    return (ExpressionWrapper(F("publicatiedatum") + _NO_TIME, DateTimeField()).desc(),)


RARE_SHARE = 0.05
# The moment compiled into a search type's cached SQL in place of "now" (`SearchType`),
# replaced by the current moment on every use; nothing is published this early.
_COMPILED_MOMENT = datetime(1900, 1, 1, tzinfo=UTC)
_NO_TIME = Value(timedelta(0), output_field=DurationField())


def _walk_dates(matching: float, table: float, limit: int) -> bool:
    """Whether walking the date index finds the newest `limit` matches cheaper than the
    GIN index, given the planner's estimates of matching rows and of all rows."""
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
    sql = " UNION ALL ".join(f"(SELECT 1 FROM ({part}) AS estimated)" for part, _ in statements)
    params = [param for _, part_params in statements for param in part_params]
    return _per_content_state(
        "estimates", _statement_key(sql, params), lambda: _explained_rows(sql, params)
    )


def _statement_key(sql: str, params) -> str:
    """What identifies a statement's result between two saves: its SQL and parameters
    without the moment "now" (the visibility filter's), which moves on every request."""
    return f"{sql} {[param for param in params if not isinstance(param, datetime)]!r}"


def _explained_rows(sql: str, params: list) -> list[float]:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    children = plan[0]["Plan"].get("Plans") or [plan[0]["Plan"]]
    return [float(child["Plan Rows"]) for child in children]


def _sql(queryset) -> tuple[str, tuple]:
    return queryset.query.sql_with_params()


def _table_rows_sql(model) -> tuple[str, tuple]:
    return f"SELECT 1 FROM {connection.ops.quote_name(model._meta.db_table)}", ()


def match_count(matches, query: str) -> int:
    """How many rows `matches` has, counted once per content state.

    `matches` must be `search(<model>.objects.published(), query)`: the key holds only
    the model and the query.

    Counting every match of a common word reads a third of a large table (100+ ms at
    100,000 articles); a visitor paging through the results would pay that on every
    page. The count is kept until any content is saved or the next scheduled publication.
    """
    return _per_content_state(f"count:{matches.model._meta.label_lower}", query, matches.count)


def _per_content_state(name: str, query: str, compute: Callable[[], object]):
    """`compute()` for `query`, remembered under `name` until any content is saved or the
    next scheduled publication."""
    return remember(f"search-{name}", query, compute)


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


def _has_field(model, name: str) -> bool:
    return any(f.name == name for f in model._meta.get_fields())


_OPERATORS = re.compile(r'"|(?:^|\s)-|(?:^|\s)or(?:\s|$)', re.IGNORECASE)
# Words this long also match as the start of a longer word: Dutch glues words together,
# so "werkdruk" should find the "Werkdrukmeter". Shorter ones ("vo") would match too much.
PREFIX_MIN_LENGTH = 5


def _plain_terms(text: str) -> list[str] | None:
    """The words of a query without websearch operators, all of which must match; None
    for a query with operators (or without words)."""
    terms = _WORD.findall(text.lower())
    return terms if terms and not _OPERATORS.search(text) else None


def _is_prefix(term: str) -> bool:
    return len(term) >= PREFIX_MIN_LENGTH


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


_STEMS_KNOWN_SQL = """
SELECT asked.term,
    NOT EXISTS (SELECT 1 FROM unnest(to_tsvector(%(config)s::regconfig, asked.term)))
    OR EXISTS (
        SELECT 1 FROM unnest(to_tsvector(%(config)s::regconfig, asked.term)) AS stem
        JOIN voion_portal_woordstam AS known
            ON known.stam ~>=~ stem.lexeme AND known.stam ~<~ (stem.lexeme || chr(1114111))
        WHERE asked.prefix OR known.stam = stem.lexeme
    )
FROM unnest(%(terms)s::text[], %(prefix)s::boolean[]) AS asked(term, prefix)
"""


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
    with connection.cursor() as cursor:
        cursor.execute(
            _STEMS_KNOWN_SQL,
            {"config": SEARCH_CONFIG, "terms": asked, "prefix": [_is_prefix(t) for t in asked]},
        )
        known = dict(cursor.fetchall())
    return all(not all(known[term] for term in terms) for terms in variants)


def _search_query(query: str) -> SearchQuery:
    """The query or any of its synonym variants."""
    search_query = None
    for variant in query_variants(query):
        part = _text_query(variant)
        search_query = part if search_query is None else search_query | part
    return search_query


def _full_text_matches(queryset, query: str):
    search_query = _search_query(query)
    return queryset.filter(search_vector=search_query).annotate(
        rank=SearchRank(F("search_vector"), search_query)
    )


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
    return _per_content_state("any-match", key, lambda: _newest_match_exists(matches))


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


# -- the site-wide overview ---------------------------------------------------------------


@dataclass(frozen=True)
class SearchType:
    """One kind of content the site-wide search covers."""

    label: str
    # The items the public may see at a moment (by default now), e.g.
    # `lambda at=None: Artikel.objects.published(at)`.
    queryset: Callable[..., models.QuerySet]
    # The texts a snippet is cut from (the title is shown as the link).
    snippet_fields: tuple[str, ...]
    # The plan a step or an activity belongs to (a foreign key), named next to its title.
    parent: str = ""

    @functools.cached_property
    def model(self):
        return self.queryset().model

    @functools.cached_property
    def parent_model(self):
        return self.model._meta.get_field(self.parent).related_model if self.parent else None

    @functools.cached_property
    def capped(self) -> bool:
        return _ranks_newest_only(self.model)

    def visible_sql(self, now) -> tuple[str, tuple]:
        """SQL for what the public may see at `now`: the id as `pk`, the vector and, for a
        capped type, the publication date."""
        sql, params, marker = self._visible_sql
        moment = connection.ops.adapt_datetimefield_value(now)
        return sql, tuple(moment if param == marker else param for param in params)

    @functools.cached_property
    def _visible_sql(self) -> tuple[str, tuple, object]:
        # Compiled once per process: compiling five querysets cost 3-5 ms per search.
        columns = ["pk", "search_vector", *(["publicatiedatum"] if self.capped else [])]
        sql, params = _sql(self.queryset(at=_COMPILED_MOMENT).order_by().values(*columns))
        marker = connection.ops.adapt_datetimefield_value(_COMPILED_MOMENT)
        if marker not in params:
            raise ImproperlyConfigured(f"{self.label}: its queryset ignores the moment `at`.")
        return sql, params, marker

    def results(self, rows: list) -> list:
        """The rows with a `parent_title` each, so the template never probes for a parent."""
        for row in rows:
            row.parent_title = getattr(row, self.parent).titel if self.parent else ""
        return rows


@functools.cache
def search_types() -> dict[str, SearchType]:
    """Every registered searchable type by its key (the `?type=` of the search page), in
    the order the overview shows them. Made once per process: each type keeps its
    compiled SQL."""
    return {entry.key: _search_type(entry) for entry in registry.searchable_types()}


def _search_type(entry: registry.PublicType) -> SearchType:
    # A result shows a title, a link and a snippet: only what builds them leaves the
    # database (a row's full text and HTML can be tens of kilobytes; the snippet is made
    # in the query).
    model, parent = entry.model, entry.parent
    if parent:

        def queryset(at=None):
            return (
                model.objects.published(at)
                .select_related(parent)
                .only("titel", "slug", f"{parent}__titel", f"{parent}__slug")
            )
    else:

        def queryset(at=None):
            return model.objects.published(at).only("titel", "slug")

    return SearchType(entry.label, queryset, entry.snippet_fields, parent=parent)


def best_of_each_type(
    types: dict[str, SearchType], query: str, shown: int
) -> tuple[dict[str, list], str | None]:
    """The best `shown` matches of every type, with snippets, and the corrected query
    when only that found something. A type with more matches gets one row more, which
    tells that there are more (its snippet may be left empty).

    On PostgreSQL all types are searched, ranked and given snippets in one statement
    (after one EXPLAIN for the planner's estimates): five ORM searches cost more in
    compiling and round trips than in finding the rows.
    """
    if connection.vendor != "postgresql":
        found = {}
        for key, kind in types.items():
            best = _simple_search(kind.queryset(), query).order_by("-rank", "titel")[: shown + 1]
            found[key] = kind.results(rows_with_snippets(best, query, kind.snippet_fields))
        return found, None
    if _cannot_match(query):
        found = {key: [] for key in types}
    else:
        found = _best_of_each_type(types, query, shown)
        if any(found.values()):
            return found, None
    correction = corrected_query(query)
    if not correction:
        return found, None
    corrected = _best_of_each_type(types, correction, shown)
    # As in `search`: only a correction that finds something public is offered.
    return (corrected, correction) if any(corrected.values()) else (found, None)


def _best_of_each_type(types: dict[str, SearchType], query: str, shown: int) -> dict[str, list]:
    quote = connection.ops.quote_name
    # Both queries name no column: any type's table compiles them.
    any_model = next(iter(types.values())).model
    tsquery_sql, tsquery_params = _compiled(_search_query(query), any_model)
    snippet_query = _compiled(_snippet_query(query), any_model)
    capped = [key for key, kind in types.items() if kind.capped]
    now = timezone.now()
    candidates = {}
    for key, kind in types.items():
        visible_sql, visible_params = kind.visible_sql(now)
        date = ", v.publicatiedatum" if kind.capped else ""
        candidates[key] = (
            f"SELECT v.pk{date} FROM ({visible_sql}) AS v WHERE v.search_vector @@ {tsquery_sql}",
            (*visible_params, *tsquery_params),
        )
    estimates = (
        _planner_estimates(
            *(candidates[key] for key in capped),
            *(_table_rows_sql(types[key].model) for key in capped),
        )
        if capped
        else []
    )
    walk = {
        key: _walk_dates(matching, table, settings.SEARCH_RANK_CANDIDATES)
        for key, matching, table in zip(capped, estimates, estimates[len(capped) :], strict=False)
    }
    branches, params = [], []
    for key, kind in types.items():
        model = kind.model
        table = quote(model._meta.db_table)
        candidates_sql, candidates_params = candidates[key]
        if key in walk:
            newest = "c.publicatiedatum" if walk[key] else "c.publicatiedatum + interval '0'"
            candidates_sql = (
                f"SELECT c.pk FROM ({candidates_sql}) AS c "
                f"ORDER BY {newest} DESC, c.pk DESC LIMIT %s"
            )
            candidates_params = (*candidates_params, settings.SEARCH_RANK_CANDIDATES)
        parent_key, parent_join = "NULL", ""
        parent_columns = "NULL::bigint, NULL::varchar, NULL::varchar"
        if kind.parent:
            parent_key = f"item.{quote(model._meta.get_field(kind.parent).column)}"
            parent_columns = "parent.id, parent.titel, parent.slug"
            parent_join = (
                f"JOIN {quote(kind.parent_model._meta.db_table)} AS parent "
                "ON parent.id = best.parent_id"
            )
        headline_sql, headline_params = _headline_sql(
            model, kind.snippet_fields, "item", (tsquery_sql, tsquery_params), snippet_query
        )
        # Ranking reads each candidate's vector once, from the table (carrying vectors
        # through a sort costs more). The headline, the costly part, is made only for the
        # rows that are shown.
        branches.append(
            f"""(SELECT %s AS kind, row_number() OVER best_first AS position,
                    best.id, best.titel, best.slug, {parent_columns},
                    CASE WHEN row_number() OVER best_first <= %s THEN
                        {headline_sql}
                    END AS headline
                FROM (
                    SELECT item.id, item.titel, item.slug, {parent_key} AS parent_id,
                        ts_rank(item.search_vector, {tsquery_sql}) AS rank
                    FROM ({candidates_sql}) AS c JOIN {table} AS item ON item.id = c.pk
                    ORDER BY rank DESC, item.titel, item.id
                    LIMIT %s
                ) AS best
                JOIN {table} AS item ON item.id = best.id
                {parent_join}
                WINDOW best_first AS (ORDER BY best.rank DESC, best.titel, best.id))"""
        )
        params += [
            key,
            shown,
            *headline_params,
            *tsquery_params,
            *candidates_params,
            shown + 1,
        ]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(branches), params)
        fetched = cursor.fetchall()
    order = list(types)
    found: dict[str, list] = {key: [] for key in types}
    for key, _, pk, title, slug, parent_pk, parent_title, parent_slug, headline in sorted(
        fetched, key=lambda row: (order.index(row[0]), row[1])
    ):
        kind = types[key]
        row = kind.model.from_db(connection.alias, _LINK_FIELDS, [pk, title, slug])
        if kind.parent:
            parent = kind.parent_model.from_db(
                connection.alias, _LINK_FIELDS, [parent_pk, parent_title, parent_slug]
            )
            setattr(row, kind.parent, parent)
        row.snippet = _marked_html(_plain(headline or ""))
        found[key].append(row)
    return {key: types[key].results(rows) for key, rows in found.items()}


def _headline_sql(
    model, text_fields: tuple[str, ...], alias: str, search_query, snippet_query
) -> tuple[str, list]:
    """SQL for a row's highlighted snippet: from its first text (the summary) alone when
    that holds every word of the query, else from all its texts. `alias` names the row;
    the queries come compiled, as (sql, params) of `_search_query` and `_snippet_query`.

    `ts_headline` runs the Dutch parser and stemmer over all the text it is given; a
    summary is a tenth of a body, and the best results mostly match in their summary.
    """
    quote = connection.ops.quote_name

    def text(names) -> str:
        return " || ' ' || ".join(
            f"coalesce({alias}.{quote(model._meta.get_field(name).column)}, '')" for name in names
        )

    snippet_query_sql, snippet_query_params = snippet_query

    def headline(document: str) -> str:
        return f"ts_headline(%s::regconfig, {document}, {snippet_query_sql}, %s)"

    headline_params = [SEARCH_CONFIG, *snippet_query_params, _HEADLINE_OPTIONS_SQL]
    whole = headline(text(text_fields))
    weights = list(search_weights(model).values())
    weight = search_weights(model).get(text_fields[0])
    if len(text_fields) == 1 or not weight or weights.count(weight) > 1:
        return whole, headline_params
    search_query_sql, search_query_params = search_query
    return (
        f"CASE WHEN ts_filter({alias}.search_vector, '{{{weight.lower()}}}') "
        f"@@ {search_query_sql} THEN {headline(text(text_fields[:1]))} ELSE {whole} END",
        [*search_query_params, *headline_params, *headline_params],
    )


# What a result's link is built from.
_LINK_FIELDS = ["id", "titel", "slug"]


def _compiled(expression, model) -> tuple[str, tuple]:
    """SQL for an expression over `model`'s table (columns named by the table)."""
    query = models.sql.Query(model)
    compiler = query.get_compiler(connection=connection)
    sql, params = compiler.compile(expression.resolve_expression(query))
    return sql, tuple(params)


# -- spelling --------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+")


_ADD_WORDS_SQL = """
INSERT INTO voion_portal_zoekwoord (woord, zichtbaar_vanaf)
SELECT word, %s FROM unnest(%s::text[]) AS words(word)
ON CONFLICT (woord) DO UPDATE
SET zichtbaar_vanaf = LEAST(voion_portal_zoekwoord.zichtbaar_vanaf, EXCLUDED.zichtbaar_vanaf)
"""


def add_to_vocabulary(titles, public_from) -> None:
    """Put the words of `titles` in the spelling dictionary, suggested from `public_from` on.

    A draft (`public_from` None) adds nothing, and a scheduled title's words are not
    suggested before its publication moment: a "Bedoelde u ...?" must never reveal a
    title the public cannot see yet. PostgreSQL only.
    """
    if public_from is None or connection.vendor != "postgresql":
        return
    text = " ".join(title or "" for title in titles).lower()  # a queryset is read only now
    words = {word for word in _WORD.findall(text) if 2 <= len(word) <= 100}
    if words:
        with connection.cursor() as cursor:
            cursor.execute(_ADD_WORDS_SQL, [public_from, sorted(words)])


def refresh_vocabulary() -> None:
    """Every title's words in the spelling dictionary, in one statement per table."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for entry in registry.searchable_types():
            cursor.execute(_vocabulary_fill_sql(entry))


def _vocabulary_fill_sql(entry: registry.PublicType) -> str:
    """Add the words of every published title of a type to the spelling dictionary.

    Each word is suggested from the earliest publication moment of a title holding it;
    drafts add nothing (see `add_to_vocabulary`). Steps and activities have no status of
    their own: they are public with their parent.
    """
    quote = connection.ops.quote_name
    table = quote(entry.model._meta.db_table)
    if entry.parent:
        link = entry.model._meta.get_field(entry.parent)
        parent_table = quote(link.related_model._meta.db_table)
        source = f"{table} AS item JOIN {parent_table} AS owner ON owner.id = item.{link.column}"
        owner = "owner"
    else:
        source, owner = f"{table} AS item", "item"
    return (
        "INSERT INTO voion_portal_zoekwoord (woord, zichtbaar_vanaf) "
        "SELECT word, MIN(moment) FROM ("
        "SELECT regexp_split_to_table(lower(item.titel), '[^[:alnum:]]+') AS word, "
        f"{owner}.publicatiedatum AS moment FROM {source} "
        f"WHERE {owner}.status = 'gepubliceerd') AS words "
        "WHERE length(word) BETWEEN 2 AND 100 AND moment IS NOT NULL GROUP BY word "
        "ON CONFLICT (woord) DO UPDATE SET zichtbaar_vanaf = LEAST("
        "voion_portal_zoekwoord.zichtbaar_vanaf, EXCLUDED.zichtbaar_vanaf)"
    )


_CORRECTION_SQL = """
SELECT asked.word, (
    SELECT woord FROM voion_portal_zoekwoord
    WHERE woord %% asked.word AND similarity(woord, asked.word) >= %s AND zichtbaar_vanaf <= %s
    ORDER BY similarity(woord, asked.word) DESC, woord LIMIT 1
) FROM unnest(%s::text[]) AS asked(word)
"""


def corrected_query(query: str) -> str | None:
    """The query with misspelt words replaced by the closest title words, or None.

    "duurzame inzetbaarhied" becomes "duurzame inzetbaarheid"; two words that together
    form a known word are joined ("arbo scan" becomes "arboscan"). Websearch operators
    are dropped from a corrected query. PostgreSQL only; cached until content changes.
    """
    if connection.vendor != "postgresql":
        return None
    words = [word.lower() for word in query_words(query)]
    if not words:
        return None
    # Not kept past the next scheduled publication, whose title words become suggestible.
    return _per_content_state("correction", " ".join(words), lambda: _correct(words) or "") or None


def _correct(words: list[str]) -> str | None:
    pairs = [a + b for a, b in itertools.pairwise(words)]
    asked = list(dict.fromkeys(words + pairs))[: MAX_CORRECTED_WORDS * 3]
    with connection.cursor() as cursor:
        cursor.execute(_CORRECTION_SQL, [CORRECTION_SIMILARITY, timezone.now(), asked])
        closest = dict(cursor.fetchall())
    corrected: list[str] = []
    index = 0
    while index < len(words):
        if index + 1 < len(words):
            joined = words[index] + words[index + 1]
            if closest.get(joined) == joined:  # "arbo scan" -> "arboscan"
                corrected.append(joined)
                index += 2
                continue
        word = words[index]
        corrected.append(closest.get(word) or word)
        index += 1
    suggestion = " ".join(corrected)
    return suggestion if suggestion != " ".join(words) else None


def _simple_search(queryset, query: str):
    weights = search_weights(queryset.model)
    variant_filters = Q()
    for variant in query_variants(query):
        all_words = Q()
        for word in query_words(variant):
            any_field = Q()
            for name in weights:
                any_field |= Q(**{f"{name}__icontains": word})
            all_words &= any_field
        variant_filters |= all_words
    score = Value(0.0, output_field=FloatField())
    for word in query_words(query):
        for name, weight in weights.items():
            score = score + Case(
                When(**{f"{name}__icontains": word}, then=Value(SIMPLE_WEIGHTS[weight])),
                default=Value(0.0),
                output_field=FloatField(),
            )
    return queryset.filter(variant_filters).annotate(rank=score)


# -- snippets --------------------------------------------------------------------------------

_MARKDOWN_NOISE = re.compile(r"\[([^\]]*)\]\([^)]*\)|[#*_>`|]+")


def _plain(text: str) -> str:
    return " ".join(_MARKDOWN_NOISE.sub(lambda m: m.group(1) or " ", text or "").split())


def _marked_html(text: str) -> str:
    escaped = html.escape(text)
    return escaped.replace(_MARK_START, "<mark>").replace(_MARK_END, "</mark>")


# How a snippet is cut (ts_headline's options): up to two fragments of 12-30 words around
# the matching words, marked with control characters that `_marked_html` turns into <mark>
# after escaping.
_HEADLINE_OPTIONS_SQL = (
    f'StartSel="{_MARK_START}", StopSel="{_MARK_END}", MaxWords=30, MinWords=12, '
    'MaxFragments=2, FragmentDelimiter=" … "'
)


def _snippet_query(query: str) -> SearchQuery:
    """Any word of the query or its synonyms: a snippet marks every word that occurs."""
    words = query_words(" ".join(query_variants(query)))
    return SearchQuery(" OR ".join(words), search_type="websearch", config=SEARCH_CONFIG)


def rows_with_snippets(queryset, query: str, text_fields: tuple[str, ...]) -> list:
    """Evaluate a (sliced) result queryset, giving each row a highlighted, escaped `snippet`.

    On PostgreSQL the headline is computed in the same query, and only for the rows
    returned (PostgreSQL evaluates costly select-list functions after the LIMIT).
    """
    if connection.vendor == "postgresql" and query_words(query):
        # The vector and the texts only feed the headline inside the query; sending them
        # back (a vector is kilobytes of text) costs more than finding the rows.
        model = queryset.model
        headline = RawSQL(
            *_headline_sql(
                model,
                text_fields,
                connection.ops.quote_name(model._meta.db_table),
                _compiled(_search_query(query), model),
                _compiled(_snippet_query(query), model),
            ),
            output_field=models.TextField(),
        )
        rows = list(queryset.defer("search_vector", *text_fields).annotate(headline=headline))
        for row in rows:
            row.snippet = _marked_html(_plain(row.headline))
        return rows
    # The snippet is cut from the texts here, so they must come along (a result queryset
    # may leave them in the database: `search_types()`).
    rows = list(queryset.defer(None).defer("search_vector"))
    words = query_words(" ".join(query_variants(query))) if query else []
    for row in rows:
        text = _plain(" ".join(getattr(row, name, "") or "" for name in text_fields))
        row.snippet = _python_snippet(text, words) if words else html.escape(text[:220])
    return rows


def _python_snippet(text: str, words: list[str], width: int = 220) -> str:
    if not words:
        return html.escape(text[:width])
    lowered = text.lower()
    positions = [lowered.find(word.lower()) for word in words if lowered.find(word.lower()) >= 0]
    start = max(min(positions) - 60, 0) if positions else 0
    fragment = text[start : start + width]
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    marked = pattern.sub(lambda m: f"{_MARK_START}{m.group(0)}{_MARK_END}", fragment)
    prefix = "… " if start else ""
    suffix = " …" if start + width < len(text) else ""
    return _marked_html(f"{prefix}{marked}{suffix}")
