"""Every statement of the PostgreSQL search written by hand, and why it is not the ORM's.

The rest of the PostgreSQL backend is `django.contrib.postgres.search`: the vector
(`indexing.vector_expression`, one definition), its GIN index (declared in each model's
`Meta`), `SearchQuery` and `SearchRank` (`postgres`), and the querysets each type's own
result pages page through. What is here is either faster than the ORM's version, as
measured, or has none. The statements only take SQL and parameters; they import nothing
of the search, so every module may use them.

* **The `/zoeken/` overview** (`overview_branch`, `overview_rows`): one statement ranks,
  cuts to the best few and makes the snippets of every type. The same with the ORM, one
  `SearchRank` queryset per type with the same ranking, candidates and snippets, took
  twice as long at 100,000 articles: p50 73-99 ms against 38-48 ms for this statement
  (20 runs per query, 30 November 2026, two cores; `manage.py compare_overview`).
  Seven compilations and round trips, not the finding of rows, make the difference. The
  public querysets are still the ORM's: each type's is compiled once per process with a
  marker moment, which each search replaces by "now" (compiling seven querysets cost
  3-5 ms per search).
* **Snippets** (`headline`): `SearchHeadline` cuts from one document; a snippet here is
  cut from the summary alone when that holds every word (a tenth of the text to parse),
  which takes a `CASE` over `ts_filter`, for which the ORM has no expression.
* **Whether a word occurs anywhere** (`STEMS_KNOWN`): stems of the asked words looked up
  in the stem list with a prefix range; the ORM has no `unnest` of a `tsvector`.
* **The planner's estimates** (`explained_rows`): `EXPLAIN`, which the ORM cannot ask
  for several statements at once.
* **The vector from before a save** (`keep_vector_before_save`): an INSERT from a SELECT.
* **The spelling dictionary and the stem list** (`ADD_WORDS`, `vocabulary_fill`,
  `add_stems`, `CLOSEST_WORDS`): inserts from `unnest` and `regexp_split_to_table` with
  `ON CONFLICT`, and pg_trgm's `%` operator; the ORM's version reads every title or
  vector into Python first.
"""

import json

from django.db import connection

# -- query time ---------------------------------------------------------------------------


STEMS_KNOWN = """
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


def known_terms(config: str, terms: list[str], prefix: list[bool]) -> dict[str, bool]:
    """Per asked term: whether its stem (or, for a prefix term, a longer one) occurs in
    some search vector. A term that is all stop words counts as known."""
    with connection.cursor() as cursor:
        cursor.execute(STEMS_KNOWN, {"config": config, "terms": terms, "prefix": prefix})
        return dict(cursor.fetchall())


def explained_rows(statements: list[tuple[str, tuple]]) -> list[float]:
    """PostgreSQL's row estimates for several (sql, params), from one EXPLAIN (nothing runs)."""
    sql = " UNION ALL ".join(f"(SELECT 1 FROM ({part}) AS estimated)" for part, _ in statements)
    params = [param for _, part_params in statements for param in part_params]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    children = plan[0]["Plan"].get("Plans") or [plan[0]["Plan"]]
    return [float(child["Plan Rows"]) for child in children]


def table_rows(model) -> tuple[str, tuple]:
    """A statement reading the whole table of `model`: its estimate is the table's size."""
    return f"SELECT 1 FROM {connection.ops.quote_name(model._meta.db_table)}", ()


def headline(
    model,
    text_fields: tuple[str, ...],
    alias: str,
    summary_weight: str | None,
    search_query: tuple[str, tuple],
    snippet_query: tuple[str, tuple],
    config: str,
    options: str,
) -> tuple[str, list]:
    """SQL for a row's highlighted snippet (`ts_headline`): from its first text (the
    summary) alone when that holds every word of the query, else from all its texts.
    `alias` names the row; `summary_weight` is the first text's weight class when no other
    field shares it (else the summary cannot be told apart and all texts are used); the
    queries come compiled, as (sql, params).

    `ts_headline` runs the Dutch parser and stemmer over all the text it is given; a
    summary is a tenth of a body, and the best results mostly match in their summary.
    """
    quote = connection.ops.quote_name

    def text(names) -> str:
        return " || ' ' || ".join(
            f"coalesce({alias}.{quote(model._meta.get_field(name).column)}, '')" for name in names
        )

    snippet_sql, snippet_params = snippet_query

    def cut(document: str) -> str:
        return f"ts_headline(%s::regconfig, {document}, {snippet_sql}, %s)"

    cut_params = [config, *snippet_params, options]
    whole = cut(text(text_fields))
    if len(text_fields) == 1 or not summary_weight:
        return whole, cut_params
    search_sql, search_params = search_query
    return (
        f"CASE WHEN ts_filter({alias}.search_vector, '{{{summary_weight.lower()}}}') "
        f"@@ {search_sql} THEN {cut(text(text_fields[:1]))} ELSE {whole} END",
        [*search_params, *cut_params, *cut_params],
    )


def matching(visible: tuple[str, tuple], tsquery: tuple[str, tuple], dated: bool):
    """The candidates of one type: what the public may see (`visible`, selecting `pk`,
    `search_vector` and, when `dated`, `publicatiedatum`) that matches `tsquery`."""
    (visible_sql, visible_params), (tsquery_sql, tsquery_params) = visible, tsquery
    date = ", v.publicatiedatum" if dated else ""
    return (
        f"SELECT v.pk{date} FROM ({visible_sql}) AS v WHERE v.search_vector @@ {tsquery_sql}",
        (*visible_params, *tsquery_params),
    )


def rank(
    tsquery: tuple[str, tuple],
    *,
    whole_words: tuple[str, tuple] | None,
    literal: tuple[str, tuple] | None,
    literal_weight: float,
) -> tuple[str, tuple]:
    """The relevance of the row `item`, as `postgres._full_text_matches` computes it with
    the ORM: `ts_rank`, or its whole-word score when higher, times `literal_weight` when
    the row matches the query as typed (`literal`, given only when synonyms widen it)."""
    tsquery_sql, params = tsquery
    sql = f"ts_rank(item.search_vector, {tsquery_sql})"
    if whole_words is not None:
        sql = f"GREATEST({sql}, ts_rank(item.search_vector, {whole_words[0]}))"
        params = (*params, *whole_words[1])
    if literal is not None:
        sql += f" * CASE WHEN item.search_vector @@ {literal[0]} THEN %s ELSE 1 END"
        params = (*params, *literal[1], literal_weight)
    return sql, params


def overview_branch(
    *,
    key: str,
    model,
    title_field: str,
    parent: str,
    candidates: tuple[str, tuple],
    rank: tuple[str, tuple],
    snippet: tuple[str, list],
    shown: int,
) -> tuple[str, list]:
    """One type's part of the overview: its best `shown` + 1 candidates by `rank` (SQL
    over `item`), each with its title, slug and parent, the first `shown` with a snippet.

    Ranking reads each candidate's vector once, from the table (carrying vectors through
    a sort costs more). The headline, the costly part, is made only for the rows shown.
    """
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    title = f"item.{quote(model._meta.get_field(title_field).column)}"
    parent_key, parent_join = "NULL", ""
    parent_columns = "NULL::bigint, NULL::varchar, NULL::varchar"
    if parent:
        link = model._meta.get_field(parent)
        parent_key = f"item.{quote(link.column)}"
        parent_columns = "parent.id, parent.titel, parent.slug"
        parent_join = (
            f"JOIN {quote(link.related_model._meta.db_table)} AS parent "
            "ON parent.id = best.parent_id"
        )
    candidates_sql, candidates_params = candidates
    rank_sql, rank_params = rank
    snippet_sql, snippet_params = snippet
    sql = f"""(SELECT %s AS kind, row_number() OVER best_first AS position,
            best.id, best.titel, best.slug, {parent_columns},
            CASE WHEN row_number() OVER best_first <= %s THEN
                {snippet_sql}
            END AS headline
        FROM (
            SELECT item.id, {title} AS titel, item.slug, {parent_key} AS parent_id,
                {rank_sql} AS rank
            FROM ({candidates_sql}) AS c JOIN {table} AS item ON item.id = c.pk
            ORDER BY rank DESC, {title}, item.id
            LIMIT %s
        ) AS best
        JOIN {table} AS item ON item.id = best.id
        {parent_join}
        WINDOW best_first AS (ORDER BY best.rank DESC, best.titel, best.id))"""
    return sql, [key, shown, *snippet_params, *rank_params, *candidates_params, shown + 1]


def newest_candidates(
    candidates: tuple[str, tuple], walk_dates: bool, limit: int
) -> tuple[str, tuple]:
    """The newest `limit` of `candidates` (which select `pk` and `publicatiedatum`).

    Sorting on an expression no index serves steers PostgreSQL away from walking the
    date index (see `postgres._newest_first`)."""
    newest = "c.publicatiedatum" if walk_dates else "c.publicatiedatum + interval '0'"
    sql, params = candidates
    return (
        f"SELECT c.pk FROM ({sql}) AS c ORDER BY {newest} DESC, c.pk DESC LIMIT %s",
        (*params, limit),
    )


def overview_rows(branches: list[tuple[str, list]]) -> list[tuple]:
    """Run all branches as one statement: (kind, position, id, title, slug, parent id,
    parent title, parent slug, headline) per row."""
    params = [param for _, branch_params in branches for param in branch_params]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(sql for sql, _ in branches), params)
        return cursor.fetchall()


CLOSEST_WORDS = """
SELECT asked.word, (
    SELECT woord FROM voion_portal_zoekwoord
    WHERE woord %% asked.word AND similarity(woord, asked.word) >= %s AND zichtbaar_vanaf <= %s
    ORDER BY similarity(woord, asked.word) DESC, woord LIMIT 1
) FROM unnest(%s::text[]) AS asked(word)
"""


# -- index time ---------------------------------------------------------------------------


ADD_WORDS = """
INSERT INTO voion_portal_zoekwoord (woord, zichtbaar_vanaf)
SELECT word, %s FROM unnest(%s::text[]) AS words(word)
ON CONFLICT (woord) DO UPDATE
SET zichtbaar_vanaf = LEAST(voion_portal_zoekwoord.zichtbaar_vanaf, EXCLUDED.zichtbaar_vanaf)
"""


def vocabulary_fill(
    model, title_field: str, parent: str, always_public_from=None
) -> tuple[str, list]:
    """Add the words of every public title of `model` to the spelling dictionary.

    Each word is suggested from the earliest publication moment of a title holding it;
    drafts add nothing. Steps and activities have no status of their own: they are
    public with their `parent`. A type without publication (thema pages) is public from
    `always_public_from`.
    """
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    title = f"item.{quote(model._meta.get_field(title_field).column)}"
    words = f"regexp_split_to_table(lower({title}), '[^[:alnum:]]+')"
    keep_earliest = (
        "ON CONFLICT (woord) DO UPDATE SET zichtbaar_vanaf = LEAST("
        "voion_portal_zoekwoord.zichtbaar_vanaf, EXCLUDED.zichtbaar_vanaf)"
    )
    if always_public_from is not None:
        return (
            "INSERT INTO voion_portal_zoekwoord (woord, zichtbaar_vanaf) "
            f"SELECT DISTINCT word, %s::timestamptz FROM (SELECT {words} AS word "
            f"FROM {table} AS item) AS words WHERE length(word) BETWEEN 2 AND 100 "
            f"{keep_earliest}"
        ), [always_public_from]
    if parent:
        link = model._meta.get_field(parent)
        parent_table = quote(link.related_model._meta.db_table)
        source = f"{table} AS item JOIN {parent_table} AS owner ON owner.id = item.{link.column}"
        owner = "owner"
    else:
        source, owner = f"{table} AS item", "item"
    return (
        "INSERT INTO voion_portal_zoekwoord (woord, zichtbaar_vanaf) "
        f"SELECT word, MIN(moment) FROM (SELECT {words} AS word, "
        f"{owner}.publicatiedatum AS moment FROM {source} "
        f"WHERE {owner}.status = 'gepubliceerd') AS words "
        "WHERE length(word) BETWEEN 2 AND 100 AND moment IS NOT NULL GROUP BY word "
        f"{keep_earliest}"
    ), []


# How long the vectors from before a save are kept (`keep_vector_before_save`).
VECTORS_BEFORE_SAVE_KEPT_SECONDS = 3600


def keep_vector_before_save(model, pk, using_connection) -> None:
    """Copy the vector row `pk` of `model` has now (none for a new row), before a save
    replaces it, into `Tekstwijziging`, and drop copies older than
    VECTORS_BEFORE_SAVE_KEPT_SECONDS; the ORM has no INSERT from a SELECT, and reading the
    vector into Python to write it back would parse it twice."""
    quote = using_connection.ops.quote_name
    table = quote(model._meta.db_table)
    with using_connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO voion_portal_tekstwijziging (model, item_id, vector, moment) "
            f"SELECT %s, item.id, item.search_vector, clock_timestamp() FROM {table} AS item "
            "WHERE item.id = %s",
            [model._meta.label_lower, pk],
        )
        cursor.execute(
            "DELETE FROM voion_portal_tekstwijziging "
            "WHERE moment < clock_timestamp() - make_interval(secs => %s)",
            [VECTORS_BEFORE_SAVE_KEPT_SECONDS],
        )


def add_stems(model, pk, using_connection) -> None:
    """The stems of `model`'s vectors (of the row `pk`, or of all rows when None) into the
    stem list (`STEMS_KNOWN`)."""
    table = using_connection.ops.quote_name(model._meta.db_table)
    only_row = "WHERE item.id = %s" if pk is not None else ""
    with using_connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO voion_portal_woordstam (stam) SELECT DISTINCT lexeme "
            f"FROM {table} AS item, unnest(item.search_vector) {only_row} "
            "ON CONFLICT DO NOTHING",
            [pk] if pk is not None else [],
        )
