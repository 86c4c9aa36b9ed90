from django.apps import AppConfig
from django.db.models.signals import post_migrate


class VoionPortalConfig(AppConfig):
    """The project package: shared content base, markup, templates tags, site views."""

    name = "voion_portal"
    verbose_name = "Voion portal"

    def ready(self):
        from voion_portal.core import caching
        from voion_portal.editors.permissions import sync_redactie_group_after_migrate

        caching.connect_signals()
        # Editors' rights are live policy: synced after every migrate, not by data migrations.
        post_migrate.connect(sync_redactie_group_after_migrate, sender=self)
