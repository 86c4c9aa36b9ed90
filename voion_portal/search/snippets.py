"""The highlighted snippet shown under each result."""

import html
import re

from django.contrib.postgres.search import (
    SearchQuery,
)
from django.db import connection, models
from django.db.models.expressions import RawSQL

from voion_portal.search.indexing import SEARCH_CONFIG, search_weights
from voion_portal.search.postgres import _search_query
from voion_portal.search.query import query_variants, query_words

_MARK_START, _MARK_END = "\x02", "\x03"


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


def _compiled(expression, model) -> tuple[str, tuple]:
    """SQL for an expression over `model`'s table (columns named by the table)."""
    query = models.sql.Query(model)
    compiler = query.get_compiler(connection=connection)
    sql, params = compiler.compile(expression.resolve_expression(query))
    return sql, tuple(params)


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
