from django.apps import AppConfig


class PerfConfig(AppConfig):
    """The benchmark and the synthetic data it measures: never part of the running portal."""

    name = "perf"
    verbose_name = "Prestatiemeting"
