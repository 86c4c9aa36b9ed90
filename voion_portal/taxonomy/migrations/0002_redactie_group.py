from django.db import migrations


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

    # The Redactie group is kept in step with its policy after every migrate (post_migrate).
    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
