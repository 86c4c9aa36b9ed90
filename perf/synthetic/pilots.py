"""Synthetic pilots: projects with a phase, a period and four Markdown sections."""

from datetime import date, timedelta

from perf.synthetic.spreads import Weighted
from perf.synthetic.vocabulary import BodyPool
from perf.synthetic.writer import insert_links, insert_rows, slugger
from pilots.models import Fase, Pilot

PILOT_TITLES = ["Pilot {t}", "{T} in de regio {town}", "Samen werken aan {t}"]
PILOT_PROGRAMMES = ["Innovatielab", "Regionale aanpak", "Kennisagenda", "Samen opleiden"]
PILOT_PERIODS = ["maximaal 12 maanden", "een schooljaar", "2 jaar", "6 maanden"]
PILOT_SECTIONS = ("aanleiding", "ondersteuning", "deelname", "opbrengst")
CONTACT = "Neem contact op met het projectteam: [mail ons](mailto:info@example.nl)."


def seed_pilots(seeder, total: int) -> int:
    """Add pilots up to `total`; returns how many were added."""
    missing = total - Pilot.objects.count()
    if missing <= 0:
        return 0
    vocab, rng, spreads = seeder.vocabulary, seeder.rng, seeder.spreads
    pools = {
        name: BodyPool(vocab, vocab.blocks, per_topic=2, size=(1, 2)) for name in PILOT_SECTIONS
    }
    slug = slugger(Pilot)
    fase = Weighted(rng, [Fase.WERVING, Fase.LOPEND, Fase.AFGEROND], [15, 35, 50])
    rows, links = [], []
    for _ in range(missing):
        sectors = spreads.sector_slugs()
        topic = vocab.topics.one()
        title = vocab.fill(rng.choice(PILOT_TITLES), topic, sectors[0])[:200]
        status, moment = spreads.moment()
        start = date(rng.randint(2019, 2025), rng.randint(1, 12), 1)
        fields = {}
        for name, pool in pools.items():
            fields[name], fields[f"{name}_html"] = pool.pick(topic)
        rows.append(
            Pilot(
                titel=title,
                slug=slug(title),
                status=status,
                publicatiedatum=moment,
                programma=rng.choice(PILOT_PROGRAMMES),
                fase=fase.one(),
                periode=rng.choice(PILOT_PERIODS),
                startdatum=start,
                einddatum=start + timedelta(days=rng.choice([180, 365, 730])),
                samenvatting=vocab.summary(topic, sectors[0]),
                contact=CONTACT,
                contact_html=seeder.rendered(CONTACT),
                **fields,
            )
        )
        links.append(
            {
                "themas": spreads.themas(sectors[0], 1, 2),
                "sectoren": spreads.sector_pks(sectors),
            }
        )
    insert_rows(Pilot, rows)
    insert_links(Pilot, rows, links)
    return missing
