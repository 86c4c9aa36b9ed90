"""Search on the embedded default (SQLite): every word in some field, ranked by where."""

from django.db.models import (
    Case,
    FloatField,
    Q,
    Value,
    When,
)

from voion_portal.search.indexing import search_weights
from voion_portal.search.query import query_variants, query_words

SIMPLE_WEIGHTS = {"A": 4.0, "B": 2.0, "C": 1.0, "D": 0.5}


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
