from django.db import migrations

from voion_portal.editors.permissions import sync_redactie_group


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

    operations = [migrations.RunPython(sync_redactie_group, migrations.RunPython.noop)]
