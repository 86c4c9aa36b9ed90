"""The highlighted snippet shown under each result."""

import html

from django.contrib.postgres.search import (
    SearchQuery,
)
from django.db import connection, models
from django.db.models.expressions import RawSQL

from voion_portal.search import postgres_sql
from voion_portal.search.indexing import SEARCH_CONFIG, search_weights
from voion_portal.search.postgres import _search_query
from voion_portal.search.query import Alternatives, parse_query, query_variants, query_words
from voion_portal.search.stemming import WORD, plain_text, stem, terms

_MARK_START, _MARK_END = "\x02", "\x03"


# Snippets show the text without Markdown's link targets and markup characters.
_plain = plain_text


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
    """SQL for a row's highlighted snippet (`postgres_sql.headline`); the queries come
    compiled, as (sql, params) of `_search_query` and `_snippet_query`."""
    weights = search_weights(model)
    summary_weight = weights.get(text_fields[0])
    if list(weights.values()).count(summary_weight) > 1:
        summary_weight = None  # the summary's matches cannot be told apart
    return postgres_sql.headline(
        model,
        text_fields,
        alias,
        summary_weight,
        search_query,
        snippet_query,
        SEARCH_CONFIG,
        _HEADLINE_OPTIONS_SQL,
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
    rows = list(_loading(queryset, text_fields))
    alternatives = [
        alternative for variant in query_variants(query) for alternative in parse_query(variant)
    ]
    for row in rows:
        texts = [_plain(getattr(row, name, "") or "") for name in text_fields]
        row.snippet = _marked_html(_embedded_headline(texts, alternatives))
    return rows


def _loading(queryset, text_fields: tuple[str, ...]):
    """`queryset` loading `text_fields` too, and still not what it leaves out otherwise
    (a result's full text and HTML can be tens of kilobytes)."""
    fields, deferring = queryset.query.deferred_loading
    if not deferring:  # `only(...)`
        return queryset.only(*fields, *text_fields)
    return queryset.defer(None).defer(*(set(fields) - set(text_fields)), "search_vector")


# A snippet on SQLite is cut like PostgreSQL's `ts_headline` cuts it (see
# `_HEADLINE_OPTIONS_SQL`): up to two fragments of at most 30 words around the matching
# words, or the start of the text when no word matches.
_FRAGMENT_WORDS = 30
_MAX_FRAGMENTS = 2
_WORDS_BEFORE_MATCH = 4


def _embedded_headline(texts: list[str], alternatives: Alternatives) -> str:
    """The snippet text with matching words marked: from the first text (the summary)
    alone when it matches the query by itself, else from all texts. `alternatives` are
    those of the query and its synonym variants."""
    wanted = _wanted_terms(alternatives)
    if len(texts) > 1 and texts[0] and _matches_alone(texts[0], alternatives):
        texts = texts[:1]
    text = " ".join(part for part in texts if part)
    words = list(WORD.finditer(text))
    marked = [index for index, word in enumerate(words) if wanted(stem(word.group()))]
    if not marked:
        return text[: words[_FRAGMENT_WORDS - 1].end()] if len(words) > _FRAGMENT_WORDS else text
    fragments: list[range] = []
    shown_terms: set[str] = set()
    # Each next fragment starts at a matching word not shown yet, a new term first.
    candidates = sorted(marked, key=lambda i: stem(words[i].group()) in shown_terms)
    while candidates and len(fragments) < _MAX_FRAGMENTS:
        first = max(candidates[0] - _WORDS_BEFORE_MATCH, 0)
        fragment = range(first, min(first + _FRAGMENT_WORDS, len(words)))
        fragments.append(fragment)
        shown_terms |= {stem(words[i].group()) for i in marked if i in fragment}
        candidates = sorted(
            (i for i in marked if not any(i in shown for shown in fragments)),
            key=lambda i: stem(words[i].group()) in shown_terms,
        )
    fragments.sort(key=lambda fragment: fragment.start)
    return " … ".join(
        _marked_fragment(text, words, fragment, set(marked)) for fragment in fragments
    )


def _marked_fragment(text: str, words: list, fragment: range, marked: set[int]) -> str:
    pieces, position = [], words[fragment.start].start()
    for index in fragment:
        word = words[index]
        if index in marked:
            pieces += [text[position : word.start()], _MARK_START, word.group(), _MARK_END]
            position = word.end()
    pieces.append(text[position : words[fragment[-1]].end()])
    return "".join(pieces)


def _wanted_terms(alternatives: Alternatives):
    """Whether an index term is one the query (or a synonym) asks for, whole or as the
    start of a longer word: what a snippet marks."""
    exact, starts = set(), set()
    for alternative in alternatives:
        for term in alternative:
            if not term.excluded:
                stems = {found for found in map(stem, term.words) if found}
                (starts if term.prefix else exact).update(stems)
    return lambda found: (
        bool(found) and (found in exact or any(found.startswith(start) for start in starts))
    )


def _matches_alone(text: str, alternatives: Alternatives) -> bool:
    """Whether `text` holds every word of the query, or of one of its synonym variants."""
    present = set(terms(text))

    def holds(term) -> bool:
        stems = [found for found in map(stem, term.words) if found]
        if term.prefix:
            return all(any(p.startswith(s) for p in present) for s in stems)
        return all(s in present for s in stems)

    return any(
        all(holds(term) for term in alternative if not term.excluded)
        for alternative in alternatives
    )
