"""Synthetic jaarplannen and their activities: earlier years of the real publishers' plans."""

from datetime import datetime

from django.utils import timezone
from django.utils.text import slugify

from instrumenten.models import Instrument
from jaarplan.models import Activiteit, ActiviteitLink, ActiviteitSoort, Jaarplan
from kennisbank.models import Artikel
from perf.synthetic.vocabulary import BodyPool
from perf.synthetic.writer import insert_links, insert_rows, slugger
from pilots.models import Pilot
from voion_portal.core.content import Status
from voion_portal.taxonomy.models import Organisatie

ACTIVITY_TITLES = {
    ActiviteitSoort.ONDERZOEK: ["Onderzoek naar {t}", "Verkenning {t}"],
    ActiviteitSoort.ONTWIKKELEN: ["Ontwikkelen van een instrument voor {t}", "Handreiking {t}"],
    ActiviteitSoort.ONDERHOUDEN: ["Actualiseren van de informatie over {t}"],
    ActiviteitSoort.ONDERSTEUNEN: ["Ondersteunen van scholen bij {t}", "Subsidie voor {t}"],
    ActiviteitSoort.ORGANISEREN: ["Netwerkbijeenkomsten over {t}", "Leernetwerk {t}"],
    ActiviteitSoort.INFORMEREN: ["Communicatie over {t}"],
    ActiviteitSoort.MONITOREN: ["Monitor {t}"],
    ActiviteitSoort.PILOT: ["Pilot {t}"],
}
ACTIVITIES_PER_PLAN = 55


def seed_activities(seeder, total: int) -> int:
    """Add activities up to `total`, in as many new (older) jaarplannen as they need."""
    missing = total - Activiteit.objects.count()
    if missing <= 0:
        return 0
    vocab, rng, spreads = seeder.vocabulary, seeder.rng, seeder.spreads
    bodies = BodyPool(vocab, vocab.short_blocks, per_topic=3, size=(1, 2))
    plans = _plans(seeder, missing)
    instruments = list(Instrument.objects.values_list("pk", flat=True)[:2000])
    articles = list(Artikel.objects.values_list("pk", flat=True)[:5000])
    pilots = list(Pilot.objects.values_list("pk", flat=True))
    sector_slug = {s.pk: slug for slug, s in spreads.sectors.items()}
    kinds = list(ACTIVITY_TITLES)
    rows, links = [], []
    for index in range(missing):
        plan = plans[index % len(plans)]
        sector = sector_slug.get(plan.sector_id, "vo")
        topic = vocab.topics.one()
        kind = rng.choice(kinds)
        title = vocab.fill(rng.choice(ACTIVITY_TITLES[kind]), topic, sector)[:200]
        markdown, html = bodies.pick(topic)
        rows.append(
            Activiteit(
                jaarplan=plan,
                thema_id=spreads.themas_by_sector[sector].one(),
                volgorde=index // len(plans),
                titel=title,
                slug=f"{slugify(title)[:150]}-{index // len(plans)}",
                soort=kind,
                omschrijving=markdown,
                omschrijving_html=html,
            )
        )
        links.append(
            {
                "instrumenten": rng.sample(instruments, rng.randint(1, 2))
                if instruments and rng.random() < 0.3
                else [],
                "artikelen": [rng.choice(articles)] if articles and rng.random() < 0.1 else [],
                "pilots": [rng.choice(pilots)] if pilots and rng.random() < 0.05 else [],
            }
        )
    insert_rows(Activiteit, rows)
    link_rows = [
        ActiviteitLink(activiteit=row, titel="Meer informatie", url="https://www.example.nl/")
        for row in rows
        if rng.random() < 0.1
    ]
    insert_rows(ActiviteitLink, link_rows)
    insert_links(Activiteit, rows, links)
    return missing


def _plans(seeder, activities: int) -> list[Jaarplan]:
    """Inserted jaarplannen for `activities`: each publisher's years before its real ones."""
    publishers = list(
        Jaarplan.objects.values_list("organisatie_id", "sector_id", "organisatie__naam")
        .order_by("organisatie_id", "sector_id")
        .distinct()
    )
    if not publishers:
        voion = Organisatie.objects.filter(slug="voion").first() or Organisatie.objects.first()
        sectors = seeder.spreads.sectors
        sector = sectors.get("vo") or next(iter(sectors.values()))
        publishers = [(voion.pk, sector.pk, voion.naam)]
    taken_years = set(Jaarplan.objects.values_list("organisatie_id", "sector_id", "jaar"))
    plan_slug = slugger(Jaarplan)
    plans: list[Jaarplan] = []
    year = max((y for _, _, y in taken_years), default=seeder.now.year)
    while len(plans) * ACTIVITIES_PER_PLAN < activities:
        year -= 1
        for organisation, sector, name in publishers:
            if (organisation, sector, year) in taken_years:
                continue
            title = f"Jaarplan {name} {year}"
            plans.append(
                Jaarplan(
                    titel=title,
                    slug=plan_slug(title),
                    status=Status.GEPUBLICEERD,
                    publicatiedatum=timezone.make_aware(datetime(year, 1, 15, 9, 0)),
                    jaar=year,
                    organisatie_id=organisation,
                    sector_id=sector,
                    samenvatting=f"Wat {name} in {year} doet voor de sector.",
                )
            )
    insert_rows(Jaarplan, plans)
    return plans
