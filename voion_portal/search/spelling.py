""" "Bedoelde u ...?": misspelt query words replaced by the closest words of the titles.

The dictionary is `Zoekwoord` on both backends (filled by `indexing`), and closeness is
pg_trgm's similarity: the share of three-letter pieces two words have in common. On
PostgreSQL the trigram index finds the closest word; on SQLite the visible dictionary is
small enough (a few thousand words) to compare in Python, with the same measure.
"""

import itertools

from django.db import connection
from django.utils import timezone

from voion_portal.search import postgres_sql
from voion_portal.search.models import Zoekwoord
from voion_portal.search.query import query_words
from voion_portal.search.state import per_content_state

# How similar a dictionary word must be to replace a misspelt query word.
CORRECTION_SIMILARITY = 0.3


MAX_CORRECTED_WORDS = 4


def corrected_query(query: str) -> str | None:
    """The query with misspelt words replaced by the closest title words, or None.

    "duurzame inzetbaarhied" becomes "duurzame inzetbaarheid"; two words that together
    form a known word are joined ("arbo scan" becomes "arboscan"). Websearch operators
    are dropped from a corrected query. Cached until content changes.
    """
    words = [word.lower() for word in query_words(query)]
    if not words:
        return None
    # Not kept past the next scheduled publication, whose title words become suggestible.
    words_asked = " ".join(words)
    correction = per_content_state(
        "correction", words_asked, lambda: _correct(words) or "", follows_matches=False
    )
    return correction or None


def _correct(words: list[str]) -> str | None:
    pairs = [a + b for a, b in itertools.pairwise(words)]
    asked = list(dict.fromkeys(words + pairs))[: MAX_CORRECTED_WORDS * 3]
    closest = _closest_words(asked)
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


def _closest_words(asked: list[str]) -> dict[str, str | None]:
    """Each asked word's most similar dictionary word the public may see now (or None)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                postgres_sql.CLOSEST_WORDS, [CORRECTION_SIMILARITY, timezone.now(), asked]
            )
            return dict(cursor.fetchall())
    visible = Zoekwoord.objects.filter(zichtbaar_vanaf__lte=timezone.now())
    dictionary = [(word, trigrams(word)) for word in visible.values_list("woord", flat=True)]
    return {word: _most_similar(word, dictionary) for word in asked}


def _most_similar(word: str, dictionary: list[tuple[str, frozenset]]) -> str | None:
    own = trigrams(word)
    best, best_similarity = None, CORRECTION_SIMILARITY
    for candidate, pieces in dictionary:
        shared = len(own & pieces)
        if not shared:
            continue
        score = shared / len(own | pieces)
        if score > best_similarity or (
            score == best_similarity and (best is None or candidate < best)
        ):
            best, best_similarity = candidate, score
    return best


def trigrams(word: str) -> frozenset:
    """pg_trgm's trigrams of a word: padded with two spaces before and one after."""
    padded = f"  {word.lower()} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))
