from django.db import migrations

# Keep every search vector inside its row (compressed) instead of in the TOAST table:
# finding the newest matches walks the publication-date index and tests each row's vector,
# and an out-of-line vector costs a TOAST index lookup and several page reads per row,
# three times the cost of an inline one (measured at 100,000 articles). With STORAGE MAIN
# PostgreSQL moves the long text columns out of the row first. Rows keep their current
# layout until they are written again (a save, or VACUUM FULL).
#
# The tables are the searchable ones when this migration was written; a type added later
# gets its storage in its own migration.
TABLES = (
    "instrumenten_instrument",
    "kennisbank_artikel",
    "kennisbank_stap",
    "jaarplan_activiteit",
    "pilots_pilot",
)


def _set_storage(storage: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table in TABLES:
            schema_editor.execute(
                f"ALTER TABLE {table} ALTER COLUMN search_vector SET STORAGE {storage}"
            )

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("voion_portal", "0006_zoekwoord"),
    ]

    operations = [
        migrations.RunPython(_set_storage("MAIN"), _set_storage("EXTENDED"), elidable=False),
    ]
