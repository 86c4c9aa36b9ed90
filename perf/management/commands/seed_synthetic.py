"""Fill the configured database with synthetic content at scale, for benchmarks.

Run it after `load_content`: it reuses the real taxonomy rows and builds its Dutch
text from the real titles, summaries and bodies (recombined, never invented word by
word), so full-text search and the facets see a realistic vocabulary and spread.

The numbers are *totals*: `--articles 100000` adds articles until the table holds
100,000 (real ones included). Running it again with the same numbers adds nothing;
running it with larger numbers tops the tables up. Never run it on a production
database: the rows are published and public.

How it is built and why it is fast: `perf.synthetic` (the writer module for the speed).
"""

import time

from django.core.management.base import BaseCommand, CommandError

from perf.synthetic.seeder import Seeder, totals
from voion_portal.taxonomy.models import Sector, Thema


class Command(BaseCommand):
    help = (
        "Vult de database met synthetische inhoud voor benchmarks (aantallen zijn totalen). "
        "Draai eerst load_content. Nooit op productie gebruiken."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000, help="Totaal aantal artikelen.")
        parser.add_argument("--instruments", type=int, default=1000, help="Totaal instrumenten.")
        parser.add_argument("--activities", type=int, default=200, help="Totaal activiteiten.")
        parser.add_argument("--pilots", type=int, default=20, help="Totaal aantal pilots.")
        parser.add_argument("--steps", type=int, default=200, help="Totaal aantal stappen.")
        parser.add_argument("--seed", type=int, default=2024, help="Zaad van de toevalsgenerator.")

    def handle(self, *args, **options):
        if not Thema.objects.exists() or not Sector.objects.exists():
            raise CommandError("Geen taxonomie gevonden: draai eerst `manage.py load_content`.")
        self.verbosity = options["verbosity"]
        started = time.perf_counter()
        added = Seeder(options["seed"], self._log).run(
            instruments=options["instruments"],
            pilots=options["pilots"],
            articles=options["articles"],
            activities=options["activities"],
            steps=options["steps"],
        )
        elapsed = time.perf_counter() - started
        if self.verbosity > 0:
            summary = ", ".join(f"{count} {name}" for name, count in added.items())
            self.stdout.write(
                self.style.SUCCESS(
                    f"Synthetische inhoud toegevoegd: {summary}. Totaal nu: {totals()}. "
                    f"Tijd: {elapsed:.1f} s."
                )
            )

    def _log(self, message: str) -> None:
        if self.verbosity > 0:
            self.stdout.write(f"  {message}")
