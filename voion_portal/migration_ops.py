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


VOCABULARY_TABLE = "voion_portal_zoekwoord"
SEARCHABLE_TABLES = (
    "instrumenten_instrument",
    "kennisbank_artikel",
    "kennisbank_stap",
    "jaarplan_activiteit",
    "pilots_pilot",
)


# Steps and activities have no status of their own: they are public with their parent.
PARENT_TABLES = {
    "kennisbank_stap": ("kennisbank_stappenplan", "stappenplan_id"),
    "jaarplan_activiteit": ("jaarplan_jaarplan", "jaarplan_id"),
}


def vocabulary_fill_sql(table: str) -> str:
    """Add the words of every published title in `table` to the spelling dictionary.

    Each word is suggested from the earliest publication moment of a title holding it;
    drafts add nothing (see `search.add_to_vocabulary`).
    """
    if table in PARENT_TABLES:
        parent, link = PARENT_TABLES[table]
        source, owner = f"{table} AS item JOIN {parent} AS owner ON owner.id = item.{link}", "owner"
    else:
        source, owner = f"{table} AS item", "item"
    return (
        f"INSERT INTO {VOCABULARY_TABLE} (woord, zichtbaar_vanaf) "
        "SELECT word, MIN(moment) FROM ("
        "SELECT regexp_split_to_table(lower(item.titel), '[^[:alnum:]]+') AS word, "
        f"{owner}.publicatiedatum AS moment FROM {source} "
        f"WHERE {owner}.status = 'gepubliceerd') AS words "
        "WHERE length(word) BETWEEN 2 AND 100 AND moment IS NOT NULL GROUP BY word "
        "ON CONFLICT (woord) DO UPDATE SET zichtbaar_vanaf = LEAST("
        f"{VOCABULARY_TABLE}.zichtbaar_vanaf, EXCLUDED.zichtbaar_vanaf)"
    )


def vocabulary_operations() -> list:
    """pg_trgm and a trigram index on the spelling dictionary (filled by a later migration)."""
    index = f"{VOCABULARY_TABLE}_woord_trgm"

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {index} ON {VOCABULARY_TABLE} "
            "USING gin (woord gin_trgm_ops)"
        )

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {index}")

    return [TrigramExtension(), migrations.RunPython(forwards, backwards, elidable=False)]


def vocabulary_refill_operations() -> list:
    """Fill the spelling dictionary afresh from the published titles, with their moments."""

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(f"DELETE FROM {VOCABULARY_TABLE}")
        for table in SEARCHABLE_TABLES:
            schema_editor.execute(vocabulary_fill_sql(table))

    return [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]


def inline_vector_operations() -> list:
    """Keep every search vector inside its row (compressed) instead of in the TOAST table.

    Finding the newest matches walks the publication-date index and tests each row's
    vector; a vector stored out of line costs a TOAST index lookup and several page reads
    per row, three times the cost of an inline one (measured at 100,000 articles). With
    STORAGE MAIN PostgreSQL moves the long text columns out of the row first. Rows keep
    their current layout until they are written again (a save, or VACUUM FULL).
    """

    def alter(storage: str):
        def run(apps, schema_editor):
            if schema_editor.connection.vendor != "postgresql":
                return
            for table in SEARCHABLE_TABLES:
                schema_editor.execute(
                    f"ALTER TABLE {table} ALTER COLUMN search_vector SET STORAGE {storage}"
                )

        return run

    return [migrations.RunPython(alter("MAIN"), alter("EXTENDED"), elidable=False)]


STEM_TABLE = "voion_portal_woordstam"
_STEM_FUNCTIONS = {
    # New rows: every stem of their vectors.
    "voion_stems_of_new_rows": "FROM changed, unnest(changed.search_vector)",
    # Changed rows: only when the vector changed (a plain save writes it unchanged first).
    "voion_stems_of_changed_rows": (
        "FROM changed JOIN before ON before.id = changed.id, unnest(changed.search_vector) "
        "WHERE changed.search_vector IS DISTINCT FROM before.search_vector"
    ),
}


def stem_collection_operations() -> list:
    """Triggers that add the stems of every search vector written to the stem list.

    Statement-level triggers with transition tables: a bulk update of 100,000 vectors
    adds its stems in one INSERT, not one per row. Then the list is filled from the
    vectors that already exist.
    """

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for function, source in _STEM_FUNCTIONS.items():
            schema_editor.execute(
                f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN INSERT INTO {STEM_TABLE} (stam) SELECT DISTINCT lexeme {source} "
                "ON CONFLICT DO NOTHING; RETURN NULL; END $$"
            )
        for table in SEARCHABLE_TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_new_stems AFTER INSERT ON {table} "
                "REFERENCING NEW TABLE AS changed FOR EACH STATEMENT "
                "EXECUTE FUNCTION voion_stems_of_new_rows()"
            )
            schema_editor.execute(
                f"CREATE TRIGGER {table}_changed_stems AFTER UPDATE ON {table} "
                "REFERENCING OLD TABLE AS before NEW TABLE AS changed FOR EACH STATEMENT "
                "EXECUTE FUNCTION voion_stems_of_changed_rows()"
            )
            schema_editor.execute(
                f"INSERT INTO {STEM_TABLE} (stam) SELECT DISTINCT lexeme "
                f"FROM {table}, unnest({table}.search_vector) ON CONFLICT DO NOTHING"
            )

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table in SEARCHABLE_TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_new_stems ON {table}")
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_changed_stems ON {table}")
        for function in _STEM_FUNCTIONS:
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {function}()")

    return [migrations.RunPython(forwards, backwards, elidable=False)]
