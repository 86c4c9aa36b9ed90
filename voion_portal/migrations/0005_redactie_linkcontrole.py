from django.db import migrations


class Migration(migrations.Migration):
    """Editors read the link-check results and ask for new checks (view and change)."""

    dependencies = [
        ("voion_portal", "0004_linkcontrole"),
        ("taxonomy", "0002_redactie_group"),
        ("instrumenten", "0003_authors"),
        ("kennisbank", "0003_authors"),
        ("jaarplan", "0003_authors"),
        ("pilots", "0003_authors"),
    ]

    # The Redactie group is kept in step with its policy after every migrate (post_migrate).
    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
