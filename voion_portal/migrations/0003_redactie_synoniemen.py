from django.db import migrations


class Migration(migrations.Migration):
    """Editors maintain the search synonyms too."""

    dependencies = [
        ("voion_portal", "0002_synoniem"),
        ("taxonomy", "0002_redactie_group"),
    ]

    # The Redactie group is kept in step with its policy after every migrate (post_migrate).
    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
