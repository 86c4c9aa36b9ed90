"""The table of the "shared" cache (settings.CACHES) when it is Django's database cache:
where the task worker leaves facet counts for every web process. `createcachetable`
skips tables that exist and caches of other kinds."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("voion_portal", "0018_csp_reports")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
