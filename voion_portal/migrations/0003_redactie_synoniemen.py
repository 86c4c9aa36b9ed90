from django.db import migrations

from voion_portal.editors.permissions import sync_redactie_group


class Migration(migrations.Migration):
    """Editors maintain the search synonyms too."""

    dependencies = [
        ("voion_portal", "0002_synoniem"),
        ("taxonomy", "0002_redactie_group"),
    ]

    operations = [migrations.RunPython(sync_redactie_group, migrations.RunPython.noop)]
