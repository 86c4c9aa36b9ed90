"""What is kept searchable: each type's weighted vector (PostgreSQL) or full-text index
(SQLite, `fts`), and the spelling dictionary (both).

All of it follows from the registry: a type declared with `search_weights` has its
vector or index entry and its title's words refreshed by the save and delete signals
connected in `voion_portal.apps`, also for raw saves (fixtures, restored versions).
Nothing per type is written here or in a migration."""

from datetime import UTC, datetime

from django.contrib.postgres.search import SearchVector
from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.db.models import (
    F,
    Value,
)
from django.db.models.functions import Coalesce

from voion_portal.core import registry
from voion_portal.core.content import Status
from voion_portal.search import fts, postgres_sql
from voion_portal.search.query import _WORD

SEARCH_CONFIG = "dutch"


# What a match in a field of each weight class counts for: PostgreSQL's `ts_rank`
# defaults, used as FTS5 column weights on SQLite so both backends rank alike.
RANK_WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}


# When the words of a type without a publication moment of its own (thema pages) may be
# suggested: always.
ALWAYS_PUBLIC = datetime(2000, 1, 1, tzinfo=UTC)


def public_from(item):
    """The moment the public may see `item` (None for a draft)."""
    moment = getattr(item, "public_from", None)
    return moment() if callable(moment) else ALWAYS_PUBLIC


def title_of(item) -> str:
    return getattr(item, registry.get(type(item)).title_field) or ""


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
    """Rebuild every row's vector in one statement, or on SQLite the type's full-text
    index (after bulk inserts and updates, which no save signal reports)."""
    if connection.vendor == "sqlite":
        return fts.build(model)
    if connection.vendor != "postgresql":
        return 0
    updated = model._base_manager.update(search_vector=vector_expression(search_weights(model)))
    add_stems(model)
    return updated


def add_stems(model, pk=None, using=DEFAULT_DB_ALIAS) -> None:
    """PostgreSQL: the stems of `model`'s vectors (of one row, or all) into the stem list,
    which tells at once that a word occurs nowhere (`postgres._cannot_match`)."""
    postgres_sql.add_stems(model, pk, connections[using])


def ensure_search_index(using=None) -> None:
    """Build the SQLite full-text index of every type that lacks one (a database made
    before the index existed, or a test database created without `migrate`).

    Checked once per database connection; a table created inside a transaction is
    checked again until one outside it finds it, since a rollback takes it away.
    """
    connection = connections[using or DEFAULT_DB_ALIAS]
    if connection.vendor != "sqlite":
        return
    connection.ensure_connection()
    if getattr(connection, "_search_index_checked", None) is connection.connection:
        return
    missing = fts.missing_models(connection)
    for model in missing:
        fts.build(model, connection)
    if missing:
        refresh_vocabulary(using=connection.alias)
    if not connection.in_atomic_block:
        connection._search_index_checked = connection.connection


def rebuild_search_index(using=None) -> None:
    """Rebuild the SQLite full-text index and the spelling dictionary from the content
    (after `migrate` and `flush`, when searched fields or weights may have changed)."""
    connection = connections[using or DEFAULT_DB_ALIAS]
    if connection.vendor != "sqlite":
        return
    for entry in registry.searchable_types():
        fts.build(entry.model, connection)
    refresh_vocabulary(using=connection.alias)


def add_to_vocabulary(titles, public_from) -> None:
    """Put the words of `titles` in the spelling dictionary, suggested from `public_from` on.

    A draft (`public_from` None) adds nothing, and a scheduled title's words are not
    suggested before its publication moment: a "Bedoelde u ...?" must never reveal a
    title the public cannot see yet. Both backends.
    """
    if public_from is None:
        return
    text = " ".join(title or "" for title in titles)  # a queryset is read only now
    words = _title_words(text)
    if not words:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(postgres_sql.ADD_WORDS, [public_from, sorted(words)])
        else:
            moment = connection.ops.adapt_datetimefield_value(public_from)
            cursor.executemany(_ADD_WORD_SQL, [(word, moment) for word in sorted(words)])


# SQLite: one word at a time, keeping the earliest moment (datetimes are stored as
# ISO text, which sorts as time does).
_ADD_WORD_SQL = """
INSERT INTO voion_portal_zoekwoord (woord, zichtbaar_vanaf) VALUES (%s, %s)
ON CONFLICT (woord) DO UPDATE
SET zichtbaar_vanaf = MIN(voion_portal_zoekwoord.zichtbaar_vanaf, excluded.zichtbaar_vanaf)
"""


def _title_words(text: str) -> set[str]:
    return {word for word in _WORD.findall(text.lower()) if 2 <= len(word) <= 100}


def refresh_vocabulary(using=None) -> None:
    """Every published title's words in the spelling dictionary."""
    connection = connections[using or DEFAULT_DB_ALIAS]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for entry in registry.searchable_types():
                cursor.execute(*_vocabulary_fill_sql(entry))
        return
    earliest: dict[str, object] = {}
    for entry in registry.searchable_types():
        rows = entry.model._base_manager.using(connection.alias)
        owner = f"{entry.parent}__" if entry.parent else ""
        if has_publication(entry):
            titles = rows.filter(
                **{f"{owner}status": Status.GEPUBLICEERD, f"{owner}publicatiedatum__isnull": False}
            ).values_list(entry.title_field, f"{owner}publicatiedatum")
        else:
            names = rows.values_list(entry.title_field, flat=True)
            titles = ((name, ALWAYS_PUBLIC) for name in names)
        for title, moment in titles:
            for word in _title_words(title or ""):
                if word not in earliest or moment < earliest[word]:
                    earliest[word] = moment
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.executemany(
            _ADD_WORD_SQL, [(word, adapt(moment)) for word, moment in sorted(earliest.items())]
        )


def _vocabulary_fill_sql(entry: registry.PublicType) -> tuple[str, list]:
    return postgres_sql.vocabulary_fill(
        entry.model,
        entry.title_field,
        entry.parent,
        None if has_publication(entry) else ALWAYS_PUBLIC,
    )


def has_publication(entry: registry.PublicType) -> bool:
    """Whether items of the type (or of its parent) can be drafts or scheduled; a thema
    page is always public."""
    model = entry.model
    if entry.parent:
        model = model._meta.get_field(entry.parent).related_model
    return any(field.name == "status" for field in model._meta.concrete_fields)


# -- keeping the SQLite index in step (connected in `voion_portal.apps`) -----------------------


def index_saved_item(sender, instance, using, **kwargs) -> None:
    """post_save of a searchable type: the item's vector (PostgreSQL) or index entry
    (SQLite) made from its texts, and its title's words in the spelling dictionary."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        sender._base_manager.using(using).filter(pk=instance.pk).update(
            search_vector=vector_expression(search_weights(sender))
        )
        add_stems(sender, instance.pk, using)
    elif connection.vendor == "sqlite":
        ensure_search_index(using)
        fts.store(instance, connection)
    add_to_vocabulary([title_of(instance)], public_from(instance))


def keep_vector_before_save(sender, instance, using, **kwargs) -> None:
    """pre_save of a searchable type, PostgreSQL: the vector the item has in the database
    until this save, kept for a while so that a list can tell whether the save changed
    which items match a search (`listing.facets`). Nothing for a new item (its addition
    changes the counts anyway)."""
    connection = connections[using]
    if connection.vendor == "postgresql" and instance.pk is not None:
        postgres_sql.keep_vector_before_save(sender, instance.pk, connection)


def unindex_deleted_item(sender, instance, using, **kwargs) -> None:
    connection = connections[using]
    if connection.vendor == "sqlite":
        ensure_search_index(using)
        fts.remove(sender, instance.pk, connection)


def rebuild_after_migrate(using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """post_migrate (also sent by `flush`), if the content's tables are there (a migration
    back to an early state removes them): the SQLite index rebuilt from the content, or
    on PostgreSQL the vectors a migration left empty filled in."""
    connection = connections[using]
    tables = set(connection.introspection.table_names())
    if not all(entry.model._meta.db_table in tables for entry in registry.searchable_types()):
        return
    if connection.vendor == "sqlite":
        rebuild_search_index(using)
    elif connection.vendor == "postgresql":
        fill_missing_vectors(using)


def fill_missing_vectors(using=DEFAULT_DB_ALIAS) -> None:
    """PostgreSQL: the vectors of rows that have none, a type's existing items when it has
    just become searchable (its migration only adds the column)."""
    for entry in registry.searchable_types():
        filled = (
            entry.model._base_manager.using(using)
            .filter(search_vector__isnull=True)
            .update(search_vector=vector_expression(entry.weights))
        )
        if filled:  # their stems and titles' words, which saving would have added
            add_stems(entry.model, using=using)
            with connections[using].cursor() as cursor:
                cursor.execute(*_vocabulary_fill_sql(entry))
