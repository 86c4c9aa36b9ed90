"""Parsing what a visitor typed: cleaning, words, operators, synonyms."""

import functools
import re
from dataclasses import dataclass

from django.core.cache import cache
from django.db import models

from voion_portal.search.models import SYNONYM_CACHE_KEY, Synoniem

MAX_QUERY_LENGTH = 200


MAX_QUERY_WORDS = 12


_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


_WORD = re.compile(r"[^\W_]+")


_OPERATORS = re.compile(r'"|(?:^|\s)-|(?:^|\s)or(?:\s|$)', re.IGNORECASE)


# Words this long also match as the start of a longer word: Dutch glues words together,
# so "werkdruk" should find the "Werkdrukmeter". Shorter ones ("vo") would match too much.
PREFIX_MIN_LENGTH = 5


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


def _plain_terms(text: str) -> list[str] | None:
    """The words of a query without websearch operators, all of which must match; None
    for a query with operators (or without words)."""
    terms = _WORD.findall(text.lower())
    return terms if terms and not _OPERATORS.search(text) else None


def _is_prefix(term: str) -> bool:
    return len(term) >= PREFIX_MIN_LENGTH


def synonym_pairs() -> list[tuple[str, str]]:
    pairs = cache.get(SYNONYM_CACHE_KEY)
    if pairs is None:
        pairs = [
            (term.lower(), synonym.lower())
            for term, synonym in Synoniem.objects.values_list("term", "synoniem")
        ]
        cache.set(SYNONYM_CACHE_KEY, pairs, 300)
    return pairs


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


@dataclass(frozen=True)
class Term:
    """One thing a document must (or, excluded, must not) hold: a word or a phrase."""

    words: tuple[str, ...]
    # Whether the (single) word also matches as the start of a longer word.
    prefix: bool = False
    excluded: bool = False


# What a query asks for: any of its alternatives (OR), each a list of terms that must
# all hold (AND), excluded terms aside.
Alternatives = list[list[Term]]


_WEBSEARCH_TOKEN = re.compile(r'(?P<minus>-?)"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+)')


def parse_query(text: str) -> Alternatives:
    """What `text` asks for, read the way PostgreSQL's `websearch_to_tsquery` reads it.

    A plain query (no quotes, -exclusions or OR) needs every word, each of
    `PREFIX_MIN_LENGTH` letters or more also as the start of a longer word. With
    operators every word is taken whole: "quoted words" form a phrase, `-word` or
    `-"phrase"` excludes, and OR separates alternatives (AND binds tighter).
    """
    plain = _plain_terms(text)
    if plain:
        return [[Term((word,), prefix=_is_prefix(word)) for word in plain]]
    alternatives: Alternatives = [[]]
    for token in _WEBSEARCH_TOKEN.finditer(text):
        if token["word"] and token["word"].upper() == "OR":
            if alternatives[-1]:
                alternatives.append([])
            continue
        source = token["phrase"] if token["word"] is None else token["word"]
        excluded = bool(token["minus"]) or bool(token["word"] and source.startswith("-"))
        words = tuple(_WORD.findall(source.lower()))
        if words:
            alternatives[-1].append(Term(words, excluded=excluded))
    return [terms for terms in alternatives if terms]


@dataclass
class SearchOutcome:
    queryset: models.QuerySet
    suggestion: str | None = None
