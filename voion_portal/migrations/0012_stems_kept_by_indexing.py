from django.db import migrations

# The stem list is kept by the portal's indexing, for every searchable type alike, where
# it writes a vector (`voion_portal.search.indexing`): the per-table triggers made in
# 0009 are dropped, so a new searchable type needs no trigger of its own. The stems
# already listed stay.
TABLES = (
    "instrumenten_instrument",
    "kennisbank_artikel",
    "kennisbank_stap",
    "jaarplan_activiteit",
    "pilots_pilot",
)
FUNCTIONS = ("voion_stems_of_new_rows", "voion_stems_of_changed_rows")


def drop_stem_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_new_stems ON {table}")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_changed_stems ON {table}")
    for function in FUNCTIONS:
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {function}()")


def list_every_stem(apps, schema_editor):
    """Going back: the triggers are not restored, so the list is made complete once."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in (*TABLES, "kennisbank_stappenplan"):
        schema_editor.execute(
            "INSERT INTO voion_portal_woordstam (stam) SELECT DISTINCT lexeme "
            f"FROM {table}, unnest({table}.search_vector) ON CONFLICT DO NOTHING"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("voion_portal", "0011_zoekopdracht"),
        ("kennisbank", "0007_search_index_declared"),
    ]

    operations = [
        migrations.RunPython(drop_stem_triggers, list_every_stem, elidable=False),
    ]
