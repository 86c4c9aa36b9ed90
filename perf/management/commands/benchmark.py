"""`manage.py benchmark`: the performance benchmark that `make bench` runs.

What one run does, and why it refuses to run on a database that is not a throwaway
one: `perf.bench.run`. The building blocks: the `perf.bench` package.
"""

from django.core.management.base import BaseCommand

from perf.bench.run import LARGE, Benchmark, check_preconditions


class Command(BaseCommand):
    help = "Meet de prestaties op PostgreSQL bij 1.000 en 100.000 artikelen (zie README)."

    def add_arguments(self, parser):
        parser.add_argument("--yes", action="store_true", help="Vul ook een niet-wegwerp-db.")
        parser.add_argument("--requests", type=int, default=50, help="Metingen per pagina.")
        parser.add_argument("--search-requests", type=int, default=20)
        parser.add_argument(
            "--budget", type=float, default=5, help="Seconden per pagina; trage pagina's minder."
        )
        parser.add_argument("--duration", type=int, default=10, help="Seconden per wrk-run.")
        parser.add_argument("--connections", type=int, default=32)
        parser.add_argument(
            "--mix-duration",
            type=int,
            default=60,
            help="Seconden per run van het werkdagmengsel (met en zonder bewerkingen); 0: niet.",
        )
        parser.add_argument("--articles", type=int, default=LARGE["articles"])
        parser.add_argument("--instruments", type=int, default=LARGE["instruments"])
        parser.add_argument("--skip-load", action="store_true", help="Zonder gunicorn/wrk.")
        parser.add_argument(
            "--load-only", action="store_true", help="Alleen gunicorn/wrk, op de huidige data."
        )
        parser.add_argument("--seed", type=int, default=2024)

    def handle(self, *args, **options):
        check_preconditions(options["yes"])
        Benchmark(self.stdout, self.stderr, options).run()
