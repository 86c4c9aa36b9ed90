"""One run of `seed_synthetic`: top every content type up to its total, then tidy up.

The numbers are *totals*: 100,000 articles means adding articles until the table holds
100,000 (real ones included), so running it again with the same numbers adds nothing
and running it with larger numbers tops the tables up. VACUUM ANALYZE at the end gives
the planner the new sizes and sets the visibility map.
"""

import random
import time
from collections.abc import Callable

from django.db import connection, transaction
from django.utils import timezone

from instrumenten.models import Instrument
from jaarplan.models import Activiteit, Jaarplan
from kennisbank.models import Artikel, Stap, Stappenplan
from perf.synthetic.articles import seed_articles
from perf.synthetic.instruments import seed_instruments
from perf.synthetic.jaarplannen import seed_activities
from perf.synthetic.pilots import seed_pilots
from perf.synthetic.spreads import Spreads
from perf.synthetic.stappenplannen import seed_steps
from perf.synthetic.vocabulary import Vocabulary
from pilots.models import Pilot
from voion_portal.core import caching
from voion_portal.core.markup import render_markdown
from voion_portal.search.indexing import add_stems, refresh_search_vectors, refresh_vocabulary

# (what is added, its model): the searchable content types, in the order they are seeded.
SEARCHABLE = [
    ("instrumenten", Instrument),
    ("pilots", Pilot),
    ("artikelen", Artikel),
    ("activiteiten", Activiteit),
    ("stappen", Stap),
]


class Seeder:
    """What the content areas share: the random generator, the text and the spreads."""

    def __init__(self, seed: int, log: Callable[[str], None]):
        self.started = time.perf_counter()
        # The seed moves with the data already there, so a top-up does not repeat the
        # titles and slugs of the rows before it.
        self.rng = random.Random(seed + Artikel.objects.count())
        self.now = timezone.now()
        self.log = log
        self.vocabulary = Vocabulary(self.rng)
        self.spreads = Spreads(self.rng, self.now)
        self._rendered: dict[str, str] = {}

    def rendered(self, markdown: str) -> str:
        """The HTML of a Markdown text every row shares, rendered once."""
        if markdown not in self._rendered:
            self._rendered[markdown] = render_markdown(markdown)
        return self._rendered[markdown]

    def run(self, instruments: int, pilots: int, articles: int, activities: int, steps: int):
        """Top the tables up to these totals; returns {content type: rows added}."""
        added: dict[str, int] = {}
        # One transaction per kind (articles: per batch, written in parallel). After a
        # failure, running the command again tops the tables up to the same totals.
        with transaction.atomic():
            added["instrumenten"] = seed_instruments(self, instruments)
        with transaction.atomic():
            added["pilots"] = seed_pilots(self, pilots)
        added["artikelen"] = seed_articles(self, articles)
        with transaction.atomic():
            added["activiteiten"] = seed_activities(self, activities)
        with transaction.atomic():
            added["stappen"] = seed_steps(self, steps)
        self.log(f"rijen ingevoegd in {time.perf_counter() - self.started:.1f} s")
        for key, model in SEARCHABLE:
            if added[key] and connection.vendor == "postgresql":
                refresh_missing_vectors(model)
                add_stems(model)  # rows written in bulk: no save added their stems
        refresh_vocabulary()
        self.analyze()
        forget_cached_pages()
        return added

    def analyze(self) -> None:
        """Refresh the planner's statistics (and the visibility map) for the grown tables."""
        if connection.vendor != "postgresql" or connection.in_atomic_block:
            return  # VACUUM cannot run inside a transaction; autovacuum will catch up
        t0 = time.perf_counter()
        tables = {
            model._meta.db_table
            for model in (Instrument, Pilot, Artikel, Jaarplan, Activiteit, Stappenplan, Stap)
        }
        for model in (Instrument, Pilot, Artikel, Activiteit, Stappenplan, Stap):
            for field in model._meta.local_many_to_many:
                tables.add(field.remote_field.through._meta.db_table)
        with connection.cursor() as cursor:
            for table in sorted(tables):
                cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(table)}")
        self.log(f"VACUUM ANALYZE in {time.perf_counter() - t0:.1f} s")


def refresh_missing_vectors(model) -> None:
    """Vectors for rows that have none (on PostgreSQL `insert_rows` already filled them)."""
    if model._base_manager.filter(search_vector__isnull=True).exists():
        refresh_search_vectors(model)


def forget_cached_pages() -> None:
    """Bulk inserts send no save signals: make everything cached from the content stale."""
    caching.bump_generation()


def totals() -> str:
    return (
        f"{Artikel.objects.count()} artikelen, {Instrument.objects.count()} instrumenten, "
        f"{Activiteit.objects.count()} activiteiten, {Pilot.objects.count()} pilots, "
        f"{Stap.objects.count()} stappen"
    )
