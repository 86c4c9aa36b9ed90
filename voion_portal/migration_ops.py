"""Migration operations that only apply on PostgreSQL (the SQLite default skips them)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


def _vector_sql(weights: dict[str, str]) -> str:
    parts = [
        f"setweight(to_tsvector('dutch', coalesce({column}, '')), '{weight}')"
        for column, weight in weights.items()
    ]
    return " || ".join(parts)


def search_index_operations(table: str, weights: dict[str, str]) -> list:
    """pg_trgm, a GIN index on the stored vector, a trigram index on the title,
    and vectors for rows that already exist."""
    vector_index, title_index = f"{table}_search_gin", f"{table}_titel_trgm"

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {vector_index} ON {table} USING gin (search_vector)"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {title_index} ON {table} USING gin (titel gin_trgm_ops)"
        )
        schema_editor.execute(f"UPDATE {table} SET search_vector = {_vector_sql(weights)}")

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(f"DROP INDEX IF EXISTS {vector_index}")
        schema_editor.execute(f"DROP INDEX IF EXISTS {title_index}")

    return [TrigramExtension(), migrations.RunPython(forwards, backwards, elidable=False)]
