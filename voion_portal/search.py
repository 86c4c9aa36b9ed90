"""Text search over content: one API for every list page and the site-wide search.

`clean_query` makes any user input safe to use; `search_queryset` narrows a
QuerySet to the items matching every word and annotates a `rank` (title matches
weigh more than summary matches, summary more than body).
"""

import re

from django.db.models import Case, IntegerField, Q, Value, When

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 12
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")

FIELD_WEIGHTS = {"titel": 4, "samenvatting": 2}
DEFAULT_WEIGHT = 1


def clean_query(raw: str) -> tuple[str, str | None]:
    """The query to search for, and a message for the user if we had to change it."""
    query = _CONTROL_CHARACTERS.sub(" ", raw or "")
    query = " ".join(query.split())
    if len(query) > MAX_QUERY_LENGTH:
        cut = query[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0] or query[:MAX_QUERY_LENGTH]
        return cut, f"Uw zoekvraag was te lang en is ingekort tot {MAX_QUERY_LENGTH} tekens."
    return query, None


def query_words(query: str) -> list[str]:
    words = [word.strip("\"'()") for word in query.split()]
    return [word for word in words if word][:MAX_QUERY_WORDS]


def search_queryset(queryset, query: str, fields: tuple[str, ...]):
    """Items containing every word of the query in one of `fields`, with a `rank`."""
    words = query_words(query)
    if not words:
        return queryset.annotate(rank=Value(0, output_field=IntegerField()))
    for word in words:
        matches_word = Q()
        for name in fields:
            matches_word |= Q(**{f"{name}__icontains": word})
        queryset = queryset.filter(matches_word)
    score = Value(0, output_field=IntegerField())
    for word in words:
        for name in fields:
            weight = FIELD_WEIGHTS.get(name, DEFAULT_WEIGHT)
            score = score + Case(
                When(**{f"{name}__icontains": word}, then=Value(weight)),
                default=Value(0),
                output_field=IntegerField(),
            )
    return queryset.annotate(rank=score)
