"""Seeded, skewed distributions: which taxonomy rows, sectors and dates content gets.

Real content is uneven (a few themes and providers dominate, most content is recent),
and the facet counts and query plans the benchmark measures depend on that unevenness.
"""

import random
from collections import defaultdict
from datetime import datetime, timedelta

from django.core.management.base import CommandError

from instrumenten.models import InstrumentSoort
from voion_portal.core.content import Status
from voion_portal.taxonomy.models import (
    DiPijler,
    Doelgroep,
    Organisatie,
    Sector,
    Thema,
)

YEARS_OF_CONTENT = 8
DRAFT_SHARE = 0.02
SCHEDULED_SHARE = 0.01
SECTOR_WEIGHTS = {"vo": 0.6, "po": 0.25, "mbo": 0.15}
# The providers that publish most of the real catalogue.
FLAGSHIP_PROVIDERS = {"voion": 12.0, "tno": 4.0, "arboportaal": 4.0, "po-raad": 3.0, "vo-raad": 3.0}


class Weighted:
    """A skewed but seeded distribution over rows: a few popular, a long tail."""

    def __init__(self, rng: random.Random, items: list, weights: list[float] | None = None):
        if not items:
            raise CommandError("Lege taxonomie: draai eerst `manage.py load_content`.")
        self.rng = rng
        self.items = list(items)
        if weights is None:
            order = list(range(len(items)))
            rng.shuffle(order)
            weights = [1 / (rank + 1) ** 0.8 for rank in order]
        self.cum = []
        total = 0.0
        for weight in weights:
            total += weight
            self.cum.append(total)

    def one(self):
        return self.rng.choices(self.items, cum_weights=self.cum, k=1)[0]

    def some(self, low: int, high: int) -> list:
        count = min(self.rng.randint(low, high), len(self.items))
        chosen: list = []
        for _ in range(count * 4):
            if len(chosen) >= count:
                break
            item = self.one()
            if item not in chosen:
                chosen.append(item)
        return chosen


class Spreads:
    """The taxonomy as distributions, plus the spread of statuses and publication dates."""

    def __init__(self, rng: random.Random, now: datetime):
        self.rng = rng
        self.now = now
        self.sectors = {sector.slug: sector for sector in Sector.objects.all()}
        slug_of_sector = {sector.pk: sector.slug for sector in self.sectors.values()}
        self.sector_dist = Weighted(
            rng, list(self.sectors), [SECTOR_WEIGHTS.get(slug, 0.1) for slug in self.sectors]
        )
        themas = list(Thema.objects.select_related("kernopgave"))
        self.all_themas = Weighted(rng, [t.pk for t in themas])
        by_sector: dict[str, list[int]] = defaultdict(list)
        for thema in themas:
            by_sector[slug_of_sector.get(thema.kernopgave.sector_id, "")].append(thema.pk)
        self.themas_by_sector = {
            slug: Weighted(rng, by_sector.get(slug) or [t.pk for t in themas])
            for slug in self.sectors
        }
        self.pillars = Weighted(rng, list(DiPijler.objects.values_list("pk", flat=True)))
        self.audiences = Weighted(rng, list(Doelgroep.objects.values_list("pk", flat=True)))
        kinds = list(InstrumentSoort.objects.values_list("pk", "naam"))
        if not kinds:
            kinds = [(InstrumentSoort.objects.create(naam="Scan", slug="scan").pk, "Scan")]
        self.instrument_kinds = Weighted(rng, kinds)
        organisations = list(Organisatie.objects.values_list("pk", "slug"))
        self.providers = Weighted(
            rng,
            [pk for pk, _ in organisations],
            [FLAGSHIP_PROVIDERS.get(slug, 1.0) for _, slug in organisations],
        )

    def sector_slugs(self) -> list[str]:
        """One sector mostly; a fifth of the content serves two or three."""
        first = self.sector_dist.one()
        if self.rng.random() < 0.2:
            return list(dict.fromkeys([first, *self.sector_dist.some(1, 2)]))
        return [first]

    def sector_pks(self, slugs: list[str]) -> list[int]:
        return [self.sectors[slug].pk for slug in slugs]

    def themas(self, sector: str, low: int, high: int) -> list[int]:
        """Mostly themes of the content's own sector, sometimes one of another."""
        dist = self.themas_by_sector[sector] if self.rng.random() < 0.85 else self.all_themas
        return dist.some(low, high)

    def moment(self):
        """(status, publication moment): spread over years, more recent content more often."""
        roll = self.rng.random()
        if roll < DRAFT_SHARE:
            return Status.CONCEPT, self.now - timedelta(days=self.rng.randint(0, 60))
        if roll < DRAFT_SHARE + SCHEDULED_SHARE:
            return Status.GEPUBLICEERD, self.now + timedelta(days=self.rng.randint(1, 90))
        age = timedelta(days=365 * YEARS_OF_CONTENT * self.rng.random() ** 1.6)
        return Status.GEPUBLICEERD, self.now - age - timedelta(minutes=self.rng.randint(1, 1440))
