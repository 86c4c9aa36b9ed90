"""Synthetic kennisbank articles: the bulk of the data set, written in parallel batches."""

import time

from instrumenten.models import Instrument
from kennisbank.models import Artikel, ArtikelSoort
from perf.synthetic.spreads import Weighted
from perf.synthetic.vocabulary import BodyPool, real_rows
from perf.synthetic.writer import BATCH, ParallelWriter, chunks, slugger
from pilots.models import Pilot

# (kind, weight): news dominates, as on the real site.
ARTICLE_KINDS = [
    (ArtikelSoort.NIEUWS, 35),
    (ArtikelSoort.INFORMATIE, 20),
    (ArtikelSoort.INSPIRATIEVERHAAL, 10),
    (ArtikelSoort.PRAKTIJKVOORBEELD, 15),
    (ArtikelSoort.ONDERZOEK, 10),
    (ArtikelSoort.HANDREIKING, 10),
]
ARTICLE_TITLES = {
    ArtikelSoort.NIEUWS: [
        "{org} start onderzoek naar {t}",
        "Nieuwe cijfers over {t} in {sector}",
        "{T}: bijeenkomst in {town} op {day}",
        "Subsidie voor {t} in {year} opengesteld",
        "Terugblik op de netwerkdag over {t}",
        "{T} krijgt een plek in de nieuwe cao",
    ],
    ArtikelSoort.INFORMATIE: [
        "Wat is {t}?",
        "{T} in {sector}",
        "Veelgestelde vragen over {t}",
        "{T}: waar staan we in {year}?",
        "Zo werkt {t} in de praktijk",
    ],
    ArtikelSoort.INSPIRATIEVERHAAL: [
        "Zo pakt {school} in {town} {t} aan",
        "'Het begint bij het gesprek': {school} over {t}",
        "Hoe {school} werkt aan {t}",
    ],
    ArtikelSoort.PRAKTIJKVOORBEELD: [
        "Praktijkvoorbeeld: {t} bij {school}",
        "{school} in {town} over {t}",
        "Van plan naar praktijk: {t} bij {school}",
    ],
    ArtikelSoort.ONDERZOEK: [
        "Onderzoek: {t} in {sector}",
        "Onderzoek naar {t}: de uitkomsten",
        "Monitor {year}: {t}",
        "Verkenning: {t} in {sector}",
    ],
    ArtikelSoort.HANDREIKING: [
        "Handreiking {t}",
        "In {n} stappen aan de slag met {t}",
        "Aan de slag met {t}: tips voor {audience}",
    ],
}
PROGRESS_EVERY = 20000


def seed_articles(seeder, total: int) -> int:
    """Add articles up to `total`, each batch in its own transaction; returns the count."""
    missing = total - Artikel.objects.count()
    if missing <= 0:
        return 0
    t0 = time.perf_counter()
    vocab, rng, spreads = seeder.vocabulary, seeder.rng, seeder.spreads
    bodies = BodyPool(vocab, vocab.blocks, per_topic=5, size=(3, 6))
    slug = slugger(Artikel)
    kinds = Weighted(rng, [k for k, _ in ARTICLE_KINDS], [w for _, w in ARTICLE_KINDS])
    instruments = list(Instrument.objects.order_by("pk").values_list("pk", flat=True))
    # Real instruments (the benchmark's instrument page is one) get half the links, so
    # their lists of related articles grow with the data set.
    real_instruments = [row.pk for row in real_rows(Instrument)] or instruments[:150]
    pilots = list(Pilot.objects.values_list("pk", flat=True))
    done = 0
    writer = ParallelWriter()
    for size in chunks(missing):
        rows, links = [], []
        for _ in range(size):
            sectors = spreads.sector_slugs()
            topic = vocab.topics.one()
            kind = kinds.one()
            title = vocab.fill(rng.choice(ARTICLE_TITLES[kind]), topic, sectors[0])[:200]
            status, moment = spreads.moment()
            markdown, html = bodies.pick(topic)
            rows.append(
                Artikel(
                    titel=title,
                    slug=slug(title),
                    status=status,
                    publicatiedatum=moment,
                    soort=kind,
                    samenvatting=vocab.summary(topic, sectors[0]),
                    tekst=markdown,
                    tekst_html=html,
                )
            )
            related = []
            if instruments and rng.random() < 0.25:
                pool = real_instruments if rng.random() < 0.5 else instruments
                related = list({rng.choice(pool) for _ in range(rng.randint(1, 3))})
            links.append(
                {
                    "themas": spreads.themas(sectors[0], 1, 3),
                    "sectoren": spreads.sector_pks(sectors),
                    "pijlers": spreads.pillars.some(0, 2) if rng.random() < 0.6 else [],
                    "doelgroepen": spreads.audiences.some(1, 3),
                    "instrumenten": related,
                    "pilots": [rng.choice(pilots)] if pilots and rng.random() < 0.03 else [],
                }
            )
        writer.write(Artikel, rows, links)
        done += size
        if done % PROGRESS_EVERY < BATCH or done == missing:
            seeder.log(f"{done}/{missing} artikelen ({time.perf_counter() - t0:.1f} s)")
    writer.finish()
    seeder.log(
        f"{missing} artikelen in {time.perf_counter() - t0:.1f} s "
        f"({bodies.rendered} teksten gerenderd)"
    )
    return missing
