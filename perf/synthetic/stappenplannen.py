"""Synthetic stappenplannen: guides of main steps, each with sub-steps under it."""

import math
from collections import defaultdict

from django.utils.text import slugify

from instrumenten.models import Instrument
from kennisbank.models import Artikel, Stap, Stappenplan
from perf.synthetic.vocabulary import BodyPool
from perf.synthetic.writer import insert_pairs, insert_rows, slugger

STAPPENPLAN_TITLES = [
    "In {n} stappen naar {t}",
    "Stappenplan {t}",
    "Aan de slag met {t}: het stappenplan",
]
STEP_TITLES = [
    "Breng {t} in kaart",
    "Bespreek {t} met het team",
    "Maak afspraken over {t}",
    "Evalueer {t}",
    "Kies een aanpak voor {t}",
]
STEPS_PER_GUIDE = 14


def seed_steps(seeder, total: int) -> int:
    """Add steps up to `total`, in as many new stappenplannen as they need."""
    missing = total - Stap.objects.count()
    if missing <= 0:
        return 0
    vocab, rng = seeder.vocabulary, seeder.rng
    bodies = BodyPool(vocab, vocab.blocks, per_topic=3, size=(2, 4))
    guides, guide_tags = _guides(seeder, bodies, math.ceil(missing / STEPS_PER_GUIDE))
    instruments = list(Instrument.objects.values_list("pk", flat=True)[:3000])
    articles = list(Artikel.objects.values_list("pk", flat=True)[:5000])
    # Two passes: main steps first (they need a pk), then their sub-steps.
    plan: list[tuple[int, int | None]] = []  # (guide index, main step index or None)
    mains_per_guide: dict[int, list[int]] = defaultdict(list)
    remaining = missing
    for guide_index in range(len(guides)):
        count = min(STEPS_PER_GUIDE, remaining)
        remaining -= count
        mains = max(1, math.ceil(count * 0.5))
        for step in range(count):
            if step < mains:
                mains_per_guide[guide_index].append(len(plan))
                plan.append((guide_index, None))
            else:
                parent = rng.choice(mains_per_guide[guide_index])
                plan.append((guide_index, parent))
    steps: list[Stap | None] = [None] * len(plan)
    for is_sub in (False, True):
        batch = []
        for index, (guide_index, parent) in enumerate(plan):
            if (parent is not None) != is_sub:
                continue
            topic, sectors = guide_tags[guide_index]
            title = vocab.fill(rng.choice(STEP_TITLES), topic, sectors[0])[:180]
            markdown, html = bodies.pick(topic)
            stap = Stap(
                stappenplan=guides[guide_index],
                hoofdstap=steps[parent] if parent is not None else None,
                volgorde=index,
                titel=title,
                slug=f"{index}-{slugify(title)[:120]}",
                samenvatting=vocab.summary(topic, sectors[0]),
                tekst=markdown,
                tekst_html=html,
            )
            steps[index] = stap
            batch.append(stap)
        insert_rows(Stap, batch)
    instrument_pairs, article_pairs = [], []
    for stap in steps:
        if instruments and rng.random() < 0.6:
            instrument_pairs += [(stap.pk, pk) for pk in rng.sample(instruments, rng.randint(1, 3))]
        if articles and rng.random() < 0.3:
            article_pairs += [(stap.pk, pk) for pk in rng.sample(articles, rng.randint(1, 2))]
    insert_pairs(Stap.instrumenten, instrument_pairs)
    insert_pairs(Stap.artikelen, article_pairs)
    return missing


def _guides(seeder, bodies: BodyPool, count: int):
    """`count` inserted stappenplannen, with the (topic, sector slugs) each is about."""
    vocab, rng, spreads = seeder.vocabulary, seeder.rng, seeder.spreads
    guide_slug = slugger(Stappenplan)
    guides, guide_tags = [], []
    for _ in range(count):
        sectors = spreads.sector_slugs()
        topic = vocab.topics.one()
        title = vocab.fill(rng.choice(STAPPENPLAN_TITLES), topic, sectors[0])[:200]
        markdown, html = bodies.pick(topic)
        status, moment = spreads.moment()
        guides.append(
            Stappenplan(
                titel=title,
                slug=guide_slug(title),
                status=status,
                publicatiedatum=moment,
                samenvatting=vocab.summary(topic, sectors[0]),
                tekst=markdown,
                tekst_html=html,
            )
        )
        guide_tags.append((topic, sectors))
    insert_rows(Stappenplan, guides)
    sector_pairs, theme_pairs = [], []
    for guide, (_, sectors) in zip(guides, guide_tags, strict=True):
        sector_pairs += [(guide.pk, pk) for pk in spreads.sector_pks(sectors)]
    insert_pairs(Stappenplan.sectoren, sector_pairs)
    for guide, (_, sectors) in zip(guides, guide_tags, strict=True):
        theme_pairs += [(guide.pk, pk) for pk in spreads.themas(sectors[0], 1, 2)]
    insert_pairs(Stappenplan.themas, theme_pairs)
    return guides, guide_tags
