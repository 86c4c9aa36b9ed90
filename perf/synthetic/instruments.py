"""Synthetic instruments for the catalogue: scans, toolkits and the like, with facets."""

import time

from django.utils.text import slugify

from instrumenten.models import Instrument, Kosten
from perf.synthetic.spreads import Weighted
from perf.synthetic.vocabulary import BodyPool
from perf.synthetic.writer import chunks, insert_links, insert_rows, slugger

INSTRUMENT_TITLES = [
    "{Kind} {t}",
    "{Kind} {t} voor {sector}",
    "{Word}{kind}-{SECTOR}",
    "{Word}{kind}",
    "{Kind} {t} ({org})",
]


def seed_instruments(seeder, total: int) -> int:
    """Add instruments up to `total`; returns how many were added."""
    missing = total - Instrument.objects.count()
    if missing <= 0:
        return 0
    t0 = time.perf_counter()
    vocab, rng, spreads = seeder.vocabulary, seeder.rng, seeder.spreads
    bodies = BodyPool(vocab, vocab.short_blocks, per_topic=6, size=(1, 3))
    slug = slugger(Instrument)
    kosten = Weighted(rng, [Kosten.GRATIS, Kosten.BETAALD, ""], [60, 25, 15])
    for size in chunks(missing):
        rows, links = [], []
        for _ in range(size):
            sectors = spreads.sector_slugs()
            topic = vocab.topics.one()
            kind_pk, kind_name = spreads.instrument_kinds.one()
            word = rng.choice(vocab.instrument_words)
            title = vocab.fill(
                rng.choice(INSTRUMENT_TITLES),
                topic,
                sectors[0],
                Kind=kind_name,
                kind=kind_name.lower(),
                Word=word,
            )[:200]
            status, moment = spreads.moment()
            markdown, html = bodies.pick(topic)
            rows.append(
                Instrument(
                    titel=title,
                    slug=slug(title),
                    status=status,
                    publicatiedatum=moment,
                    samenvatting=vocab.summary(topic, sectors[0]),
                    tekst=markdown,
                    tekst_html=html,
                    url=f"https://www.example.nl/instrumenten/{slugify(title)[:60]}",
                    soort_id=kind_pk,
                    aanbieder_id=spreads.providers.one(),
                    kosten=kosten.one(),
                )
            )
            links.append(
                {
                    "sectoren": spreads.sector_pks(sectors),
                    "themas": spreads.themas(sectors[0], 1, 3),
                    "pijlers": spreads.pillars.some(0, 2) if rng.random() < 0.8 else [],
                    "doelgroepen": spreads.audiences.some(1, 3),
                }
            )
        insert_rows(Instrument, rows)
        insert_links(Instrument, rows, links)
    seeder.log(
        f"{missing} instrumenten in {time.perf_counter() - t0:.1f} s "
        f"({bodies.rendered} teksten gerenderd)"
    )
    return missing
