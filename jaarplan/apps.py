from django.apps import AppConfig


class JaarplanConfig(AppConfig):
    name = "jaarplan"
    verbose_name = "Jaarplannen"
