from django.db import migrations

from voion_portal.migration_ops import inline_vector_operations


class Migration(migrations.Migration):
    dependencies = [
        ("voion_portal", "0006_zoekwoord"),
    ]

    operations = inline_vector_operations()
