"""Time the `/zoeken/` overview on PostgreSQL two ways, on the data in the database.

The portal builds the overview with one hand-written statement (`voion_portal.search.
postgres_sql`). This times that against the same overview with the ORM: one
`SearchRank` queryset per type, with the same ranking, candidates and snippets as a
type's own result pages. Run it on a seeded database (`seed_synthetic`) to see whether
the hand-written statement still earns its place:

    PERF_TOOLS=true python manage.py compare_overview --runs 20
"""

import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from voion_portal.search import overview
from voion_portal.search.engine import by_relevance, search_types
from voion_portal.search.postgres import _full_text_matches
from voion_portal.search.snippets import rows_with_snippets

QUERIES = ["werkdruk", "zij-instromers", "duurzame inzetbaarheid", "arboscan", "vitaliteit"]
SHOWN = 5


def with_the_orm(types, query: str, shown: int) -> dict[str, list]:
    found = {}
    for key, kind in types.items():
        matches = _full_text_matches(kind.queryset(), query)
        best = by_relevance(matches, kind.title_field)[: shown + 1]
        found[key] = kind.results(rows_with_snippets(best, query, kind.snippet_fields))
    return found


def by_hand(types, query: str, shown: int) -> dict[str, list]:
    return overview._best_of_each_type(types, query, shown)


class Command(BaseCommand):
    help = "Meet het zoekoverzicht: de handgeschreven SQL tegenover de ORM (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=20, help="Metingen per zoekvraag.")

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Alleen op PostgreSQL: SQLite bouwt het overzicht al met de ORM.")
        runs = max(options["runs"], 2)
        types = search_types()
        self.stdout.write("| query | hand-written p50 / p95 ms | ORM p50 / p95 ms |")
        self.stdout.write("|---|--:|--:|")
        for query in QUERIES:
            cells = []
            for build in (by_hand, with_the_orm):
                build(types, query, SHOWN)  # warm: estimates, synonyms, compiled SQL
                times = []
                for _ in range(runs):
                    started = time.perf_counter()
                    build(types, query, SHOWN)
                    times.append((time.perf_counter() - started) * 1000)
                times.sort()
                p95 = times[round(0.95 * (runs - 1))]
                cells.append(f"{statistics.median(times):.1f} / {p95:.1f}")
            self.stdout.write(f"| {query} | {cells[0]} | {cells[1]} |")
