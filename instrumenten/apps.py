from django.apps import AppConfig


class InstrumentenConfig(AppConfig):
    name = "instrumenten"
    verbose_name = "Instrumentencatalogus"

    def ready(self):
        from instrumenten.filters import INSTRUMENT_FACETS
        from instrumenten.models import Instrument
        from voion_portal.listing import freshness

        freshness.watch(Instrument, INSTRUMENT_FACETS)
