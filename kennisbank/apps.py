from django.apps import AppConfig


class KennisbankConfig(AppConfig):
    name = "kennisbank"
    verbose_name = "Kennisbank"

    def ready(self):
        from kennisbank.filters import ARTIKEL_FACETS
        from kennisbank.models import Artikel
        from voion_portal.listing import freshness

        freshness.watch(Artikel, ARTIKEL_FACETS)
