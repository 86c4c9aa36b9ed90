import django.contrib.postgres.search
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# A guide's start page becomes searchable: a stored vector with its GIN index, a trigram
# index on the title, and vectors for the guides that already exist. Written out in full
# rather than built from live code, so this migration keeps doing what it did when written.

FORWARDS = [
    "CREATE INDEX IF NOT EXISTS kennisbank_stappenplan_search_gin "
    "ON kennisbank_stappenplan USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS kennisbank_stappenplan_titel_trgm "
    "ON kennisbank_stappenplan USING gin (titel gin_trgm_ops)",
    "UPDATE kennisbank_stappenplan SET search_vector = "
    "setweight(to_tsvector('dutch', coalesce(titel, '')), 'A') || "
    "setweight(to_tsvector('dutch', coalesce(samenvatting, '')), 'B') || "
    "setweight(to_tsvector('dutch', coalesce(tekst, '')), 'C')",
]
BACKWARDS = [
    "DROP INDEX IF EXISTS kennisbank_stappenplan_search_gin",
    "DROP INDEX IF EXISTS kennisbank_stappenplan_titel_trgm",
]


def _on_postgresql(statements: list[str]):
    """Run `statements` on PostgreSQL only: the SQLite default has no GIN indexes or vectors."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("kennisbank", "0005_article_sources_and_appendices"),
    ]

    operations = [
        migrations.AddField(
            model_name="stappenplan",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        TrigramExtension(),
        migrations.RunPython(_on_postgresql(FORWARDS), _on_postgresql(BACKWARDS), elidable=False),
    ]
