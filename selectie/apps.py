from django.apps import AppConfig


class SelectieConfig(AppConfig):
    name = "selectie"
    verbose_name = "Mijn selectie"
