from django.apps import AppConfig


class InstrumentenConfig(AppConfig):
    name = "instrumenten"
    verbose_name = "Instrumentencatalogus"
