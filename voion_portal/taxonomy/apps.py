from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "voion_portal.taxonomy"
    label = "taxonomy"
    verbose_name = "Taxonomie"
