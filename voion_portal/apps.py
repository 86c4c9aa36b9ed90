from django.apps import AppConfig


class VoionPortalConfig(AppConfig):
    """The project package: shared content base, markup, templates tags, site views."""

    name = "voion_portal"
    verbose_name = "Voion portal"

    def ready(self):
        from voion_portal.core import caching

        caching.connect_signals()
