from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

# The search index is declared on the model from now on. On PostgreSQL an earlier
# migration made it in raw SQL: it is renamed to the declared name. SQLite had none: the
# declared one is made there (a plain index, as SQLite has no GIN).


def _take_over(model_name: str, old_name: str, new_name: str):
    index = GinIndex(fields=["search_vector"], name=new_name)

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"ALTER INDEX IF EXISTS {old_name} RENAME TO {new_name}")
        else:
            schema_editor.add_index(apps.get_model("pilots", model_name), index)

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"ALTER INDEX IF EXISTS {new_name} RENAME TO {old_name}")
        else:
            schema_editor.remove_index(apps.get_model("pilots", model_name), index)

    return migrations.SeparateDatabaseAndState(
        database_operations=[migrations.RunPython(forwards, backwards, elidable=False)],
        state_operations=[migrations.AddIndex(model_name=model_name, index=index)],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("pilots", "0004_publication_index_covers_id"),
    ]

    operations = [
        _take_over("pilot", "pilots_pilot_search_gin", "pilot_search_idx"),
    ]
