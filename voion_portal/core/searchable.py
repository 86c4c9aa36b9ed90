"""What a searchable content type carries in its table: a stored search vector and the
index PostgreSQL finds matches with.

Both are declared on the model, so `makemigrations` writes a new type's migration. What
goes into the vector, with which weights, the type declares in the registry
(`search_weights`); `voion_portal.search.indexing` fills it on every save. This lives in
`core` rather than in `search` so that the taxonomy (a layer below search) can have a
searchable type too (thema pages).
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchIndexedMixin(models.Model):
    """A stored, weighted search vector: PostgreSQL's; empty on SQLite, whose full-text
    index lives in tables of its own (`voion_portal.search.fts`).

    A model using it declares `search_vector_index(...)` in its `Meta.indexes`.
    """

    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        abstract = True


def search_vector_index(prefix: str) -> GinIndex:
    """The index PostgreSQL finds matches with. On SQLite, which has no GIN, Django makes
    a plain index of the (always empty) column from the same declaration, so one model
    definition and one migration serve both databases."""
    return GinIndex(fields=["search_vector"], name=f"{prefix}_search_idx")
