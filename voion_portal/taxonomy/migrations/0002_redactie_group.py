from django.db import migrations

from voion_portal.editors.permissions import sync_redactie_group


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Redactie").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taxonomy", "0001_initial"),
        ("instrumenten", "0001_initial"),
        ("kennisbank", "0001_initial"),
        ("jaarplan", "0001_initial"),
        ("pilots", "0001_initial"),
    ]

    operations = [migrations.RunPython(sync_redactie_group, remove_group)]
