"""What is kept searchable: each type's weighted vector and the spelling dictionary (PostgreSQL)."""

from django.contrib.postgres.search import (
    SearchVector,
    SearchVectorField,
)
from django.db import connection, models
from django.db.models import (
    F,
    Value,
)
from django.db.models.functions import Coalesce

from voion_portal.core import registry
from voion_portal.search.query import _WORD

SEARCH_CONFIG = "dutch"


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
