"""The SQLite backend's full-text index: one FTS5 table per searchable type.

The index is derived from the content, like PostgreSQL's stored vectors, but lives
outside Django's migrations: it is (re)built after every `migrate` and `flush`, built
when found missing, kept in step on every save and delete, and rebuilt per type after
bulk writes (`indexing.refresh_search_vectors`). A row's `rowid` is the item's primary
key; its four columns hold the item's terms (`stemming.terms`) per weight class, A to D,
the way a PostgreSQL vector weighs its fields.
"""

from django.db import connection as default_connection

from voion_portal.core import registry
from voion_portal.search.stemming import terms

WEIGHT_CLASSES = ("A", "B", "C", "D")


# The terms are made in Python; FTS5 needs only to split them on spaces. Diacritics are
# kept, as PostgreSQL's `dutch` configuration keeps them.
_CREATE_SQL = (
    "CREATE VIRTUAL TABLE {table} USING fts5("
    "a, b, c, d, tokenize = 'unicode61 remove_diacritics 0')"
)


def table_name(model) -> str:
    return f"search_fts_{model._meta.db_table}"


def quoted_table(model, connection=default_connection) -> str:
    return connection.ops.quote_name(table_name(model))


def missing_models(connection=default_connection) -> list:
    """The searchable types whose index table does not exist (yet) in the database."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'search_fts_%'"
        )
        existing = {name for (name,) in cursor.fetchall()}
    return [
        entry.model
        for entry in registry.searchable_types()
        if table_name(entry.model) not in existing
    ]


def build(model, connection=default_connection) -> int:
    """(Re)create the index table of `model` from every row, drafts included (what the
    public may see is decided by the querysets that search it). Returns the rows indexed."""
    weights = registry.get(model).weights
    table = quoted_table(model, connection)
    rows = model._base_manager.using(connection.alias).values_list("pk", *weights)
    indexed = [
        (pk, *_columns(weights, dict(zip(weights, texts, strict=True)))) for pk, *texts in rows
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {table}")
        cursor.execute(_CREATE_SQL.format(table=table))
        cursor.executemany(
            f"INSERT INTO {table} (rowid, a, b, c, d) VALUES (%s, %s, %s, %s, %s)", indexed
        )
    return len(indexed)


def store(instance, connection=default_connection) -> None:
    """Put one item's current texts in the index (replacing what it held)."""
    model = type(instance)
    weights = registry.get(model).weights
    texts = {name: getattr(instance, name) for name in weights}
    table = quoted_table(model, connection)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE rowid = %s", [instance.pk])
        cursor.execute(
            f"INSERT INTO {table} (rowid, a, b, c, d) VALUES (%s, %s, %s, %s, %s)",
            [instance.pk, *_columns(weights, texts)],
        )


def remove(model, pk, connection=default_connection) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {quoted_table(model, connection)} WHERE rowid = %s", [pk])


def _columns(weights: dict[str, str], texts: dict[str, str | None]) -> list[str]:
    """The item's terms per weight class, A to D."""
    columns: dict[str, list[str]] = {weight: [] for weight in WEIGHT_CLASSES}
    for name, weight in weights.items():
        columns[weight].extend(terms(texts[name] or ""))
    return [" ".join(columns[weight]) for weight in WEIGHT_CLASSES]
