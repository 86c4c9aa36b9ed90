"""Fill the configured database with synthetic content at scale, for benchmarks.

Run it after `load_content`: it reuses the real taxonomy rows and builds its Dutch
text from the real titles, summaries and bodies (recombined, never invented word by
word), so full-text search and the facets see a realistic vocabulary and spread.

The numbers are *totals*: `--articles 100000` adds articles until the table holds
100,000 (real ones included). Running it again with the same numbers adds nothing;
running it with larger numbers tops the tables up. Never run it on a production
database: the rows are published and public.

Speed: rows are inserted in batches (COPY on PostgreSQL, bulk_create elsewhere),
Markdown is rendered once per distinct body template (bodies come from a pool), M2M
links go straight into the through tables, and on PostgreSQL each row's search vector
is computed as it is inserted (with `voion_portal.search.engine.vector_expression`, the
expression `refresh_search_vectors` uses) so no second pass rewrites the tables.
VACUUM ANALYZE at the end gives the planner the new sizes and sets the visibility map.
"""

import math
import random
import re
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from instrumenten.models import Instrument, InstrumentSoort, Kosten
from jaarplan.models import Activiteit, ActiviteitLink, ActiviteitSoort, Jaarplan
from kennisbank.models import Artikel, ArtikelSoort, Stap, Stappenplan
from pilots.models import Fase, Pilot
from voion_portal.core.content import Status
from voion_portal.core.markup import render_markdown
from voion_portal.loader.models import FixtureRecord
from voion_portal.search.engine import (
    SearchIndexedMixin,
    refresh_search_vectors,
    refresh_vocabulary,
    vector_expression,
)
from voion_portal.taxonomy.models import (
    DiPijler,
    Doelgroep,
    Kernopgave,
    Organisatie,
    Sector,
    Thema,
)

BATCH = 2000
WRITERS = 2
YEARS_OF_CONTENT = 8
DRAFT_SHARE = 0.02
SCHEDULED_SHARE = 0.01

# Topics the sector writes about (from the sources); completed with the real titles.
CORE_TOPICS = [
    "werkdruk", "taakbeleid", "zij-instromers", "duurzame inzetbaarheid", "vitaliteit",
    "verzuim", "sociale veiligheid", "strategisch personeelsbeleid", "startende leraren",
    "het lerarentekort", "mentoring", "de functiemix", "professionele ontwikkeling",
    "oudere medewerkers", "de RI&E", "de arbocatalogus", "regionale samenwerking",
    "inclusief werkgeverschap", "het goede gesprek", "loopbaanpaden voor oop",
    "werkplezier", "re-integratie", "agressie en geweld", "psychosociale arbeidsbelasting",
    "de deeltijdfactor", "werving en selectie", "personeelsbehoud", "de arboscan",
    "het binnenklimaat", "een gezonde leeromgeving", "het werkverdelingsplan",
    "teamontwikkeling", "bevoegdheid en bekwaamheid", "de overgang", "mantelzorg",
]  # fmt: skip

SCHOOL_PREFIXES = {
    "po": ["OBS", "CBS", "Basisschool", "IKC", "Montessorischool", "Daltonschool"],
    "vo": ["CSG", "Stedelijk Gymnasium", "Scholengemeenschap", "Lyceum", "College", "Vakcollege"],
    "mbo": ["ROC", "mbo-college", "Vakschool", "Techniek College"],
}
SCHOOL_NAMES = [
    "De Regenboog", "Het Baken", "De Wegwijzer", "Noordgouw", "Het Kompas", "De Meerwaarde",
    "Oranje Nassau", "Comenius", "Erasmus", "Vincent van Gogh", "De Populier", "Zuiderzee",
    "Het Perron", "De Vlinder", "Sint-Jan", "De Horizon", "Pieter Zandt", "Bonhoeffer",
    "Maerlant", "De Startbaan", "Het Noordik", "De Breul", "Helinium", "Het Rhedens",
]  # fmt: skip
TOWNS = [
    "Zwolle", "Groningen", "Tilburg", "Almere", "Den Bosch", "Utrecht", "Leeuwarden", "Enschede",
    "Haarlem", "Rotterdam", "Amersfoort", "Deventer", "Eindhoven", "Heerlen", "Middelburg",
    "Assen", "Apeldoorn", "Nijmegen", "Leiden", "Emmen", "Venlo", "Den Helder", "Gouda",
]  # fmt: skip
ROLES = ["de schoolleider", "de bestuurder", "de hr-adviseur", "een leraar", "de teamleider"]
AUDIENCES = ["schoolleiders", "bestuurders", "hr-medewerkers", "leraren", "teamleiders", "oop"]
SECTOR_PHRASE = {"po": "het po", "vo": "het vo", "mbo": "het mbo"}

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
SUMMARY_OPENINGS = [
    "Wat betekent {t} voor {audience} in {sector}?",
    "Een overzicht van wat we weten over {t}.",
    "{school} in {town} vertelt hoe het team {t} bespreekbaar maakte.",
    "Over {t}: wat werkt, wat niet, en waar u begint.",
    "In {year} stond {t} bovenaan de agenda van veel scholen in {sector}.",
]
INSTRUMENT_TITLES = [
    "{Kind} {t}",
    "{Kind} {t} voor {sector}",
    "{Word}{kind}-{SECTOR}",
    "{Word}{kind}",
    "{Kind} {t} ({org})",
]
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
PILOT_PROGRAMMES = ["Innovatielab", "Regionale aanpak", "Kennisagenda", "Samen opleiden"]
PILOT_PERIODS = ["maximaal 12 maanden", "een schooljaar", "2 jaar", "6 maanden"]
STAPPENPLAN_TITLES = [
    "In {n} stappen naar {t}",
    "Stappenplan {t}",
    "Aan de slag met {t}: het stappenplan",
]

_HEADING_PREFIX = re.compile(r"^(onderzoek|verkenning|handreiking|praktijkvoorbeeld)\s*:\s*", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _lower_first(text: str) -> str:
    """'Sociale veiligheid' -> 'sociale veiligheid', but keep 'AI', 'CAO VO', 'Voion'."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[1:].islower() and first[0].isupper():
        return text[0].lower() + text[1:]
    return text


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _real(model, parent: str | None = None) -> list:
    """The rows `load_content` loaded (the real publications), not earlier synthetic ones."""
    prefix = f"{model._meta.label_lower}:"
    keys = [
        key[len(prefix) :]
        for key in FixtureRecord.objects.filter(key__startswith=prefix).values_list(
            "key", flat=True
        )
    ]
    if not keys:
        return list(model.objects.order_by("pk")[:300])
    if parent is None:
        return list(model.objects.filter(slug__in=keys))
    wanted = Q()
    for key in keys:
        parent_pk, _, slug = key.partition("/")
        if parent_pk.isdigit():
            wanted |= Q(**{f"{parent}_id": int(parent_pk), "slug": slug})
    return list(model.objects.filter(wanted)) if wanted else []


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


class Vocabulary:
    """Text pieces taken from the real content, recombined into plausible Dutch text."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        articles, steps = _real(Artikel), _real(Stap, "stappenplan")
        instruments, activities = _real(Instrument), _real(Activiteit, "jaarplan")
        titles = [row.titel for row in [*articles, *steps]]
        bodies = [row.tekst for row in [*articles, *steps, *_real(Stappenplan)]]
        short_bodies = [row.tekst for row in instruments]
        short_bodies += [row.omschrijving for row in activities]
        summaries = [
            row.samenvatting
            for row in [*articles, *instruments, *steps, *_real(Pilot), *_real(Jaarplan)]
        ]
        pilot_texts = [
            text
            for row in _real(Pilot)
            for text in (row.aanleiding, row.ondersteuning, row.deelname, row.opbrengst)
            if text
        ]
        if not titles or not bodies:
            raise CommandError("Geen echte inhoud gevonden: draai eerst `manage.py load_content`.")

        real_topics = {
            _lower_first(_HEADING_PREFIX.sub("", title)).rstrip("?.!")
            for title in titles
            if 8 <= len(title) <= 70 and ":" not in _HEADING_PREFIX.sub("", title)
        }
        real_topics |= {_lower_first(name) for name in Thema.objects.values_list("naam", flat=True)}
        # The core topics weigh more: they are what the sector writes about most.
        self.topics = Weighted(
            rng,
            CORE_TOPICS + sorted(real_topics),
            [3.0] * len(CORE_TOPICS) + [1.0] * len(real_topics),
        )
        self.sentences = [
            sentence.strip()
            for text in summaries
            for sentence in _SENTENCE_END.split(" ".join((text or "").split()))
            if 30 <= len(sentence.strip()) <= 220 and sentence.strip().endswith(".")
        ]
        self.blocks = self._blocks(bodies + pilot_texts)
        self.short_blocks = self._blocks(short_bodies) or self.blocks
        self.instrument_words = sorted(
            {
                word.capitalize()
                for topic in CORE_TOPICS
                for word in [topic.split()[-1]]
                if word.isalpha() and len(word) > 4
            }
        )
        self.organisations = list(Organisatie.objects.values_list("naam", flat=True))

    @staticmethod
    def _blocks(texts: list[str]) -> list[str]:
        """Markdown blocks: a '## heading' with the paragraph under it, or a paragraph/list."""
        blocks: list[str] = []
        for text in texts:
            parts = [part.strip() for part in re.split(r"\n\s*\n", text or "") if part.strip()]
            index = 0
            while index < len(parts):
                part = parts[index]
                if part.startswith("#") and index + 1 < len(parts):
                    blocks.append(f"{part}\n\n{parts[index + 1]}")
                    index += 2
                    continue
                if not part.startswith("#") and len(part) > 40:
                    blocks.append(part)
                index += 1
        return blocks

    def school(self, sector: str) -> str:
        prefix = self.rng.choice(SCHOOL_PREFIXES.get(sector, SCHOOL_PREFIXES["vo"]))
        return f"{prefix} {self.rng.choice(SCHOOL_NAMES)}"

    def fill(self, pattern: str, topic: str, sector: str, **extra) -> str:
        values = {
            "t": topic,
            "T": _upper_first(topic),
            "sector": SECTOR_PHRASE.get(sector, "het onderwijs"),
            "SECTOR": sector.upper(),
            "school": self.school(sector),
            "town": self.rng.choice(TOWNS),
            "year": self.rng.randint(2018, 2025),
            "day": f"{self.rng.randint(1, 28)} {self.rng.choice(['maart', 'juni', 'oktober'])}",
            "n": self.rng.randint(3, 8),
            "audience": self.rng.choice(AUDIENCES),
            "org": self.rng.choice(["Voion", "Het Arbeidsmarktplatform PO", "De VO-raad"]),
            **extra,
        }
        return _upper_first(pattern.format(**values))

    def summary(self, topic: str, sector: str) -> str:
        text = self.fill(self.rng.choice(SUMMARY_OPENINGS), topic, sector)
        if self.sentences:
            extra = self.rng.choice(self.sentences)
            if len(text) + len(extra) < 380:
                text = f"{text} {extra}"
        return text

    def body(self, topic: str, blocks: list[str], low: int, high: int) -> str:
        intro = self.fill(
            self.rng.choice(
                [
                    "{T} staat in veel teams hoog op de agenda. Wat weten we erover, "
                    "en wat kunt u als school zelf doen?",
                    "Dit stuk gaat over {t}: de achtergrond, de ervaringen van scholen en "
                    "de instrumenten die helpen.",
                    "Bij {t} gaat het om meer dan regels. {school} deelt hoe het aanpakte.",
                ]
            ),
            topic,
            self.rng.choice(["po", "vo", "mbo"]),
        )
        chosen = self.rng.sample(blocks, min(len(blocks), self.rng.randint(low, high)))
        return "\n\n".join([intro, *chosen]) + "\n"


class BodyPool:
    """A fixed set of Markdown bodies per topic, each rendered to HTML exactly once."""

    def __init__(self, vocabulary: Vocabulary, blocks: list[str], per_topic: int, size: tuple):
        self.vocabulary = vocabulary
        self.blocks = blocks
        self.per_topic = per_topic
        self.size = size
        self.pool: dict[str, list[tuple[str, str]]] = {}
        self.rendered = 0

    def pick(self, topic: str) -> tuple[str, str]:
        bodies = self.pool.setdefault(topic, [])
        if len(bodies) < self.per_topic:
            markdown = self.vocabulary.body(topic, self.blocks, *self.size)
            bodies.append((markdown, render_markdown(markdown)))
            self.rendered += 1
            return bodies[-1]
        return self.vocabulary.rng.choice(bodies)


class ParallelWriter:
    """Writes batches on WRITERS extra connections while the caller builds the next batch.

    Building rows is Python work; inserting them (and computing their Dutch search
    vectors) is PostgreSQL work, so the two overlap and PostgreSQL uses both cores.
    Each batch is its own transaction. Elsewhere than on PostgreSQL, or inside an open
    transaction, batches are written in line.
    """

    def __init__(self, command):
        self.command = command
        # Other connections cannot see rows of a transaction still open around us (a test,
        # a caller's atomic block): then write in line, in that transaction.
        self.parallel = connection.vendor == "postgresql" and not connection.in_atomic_block
        self.pool = ThreadPoolExecutor(max_workers=WRITERS) if self.parallel else None
        self.pending: list = []

    def write(self, model, rows: list, tags: list[dict[str, list[int]]]) -> None:
        """Insert `rows` and link each to the pks in its `tags` ({m2m field: [pk, ...]})."""
        if not self.parallel:
            self._write(model, rows, tags)
            return
        while len(self.pending) >= WRITERS * 2:
            self.pending.pop(0).result()  # bound the memory in flight; re-raise errors
        self.pending.append(self.pool.submit(self._write_and_close, model, rows, tags))

    def finish(self) -> None:
        try:
            for future in self.pending:
                future.result()
        finally:
            if self.pool:
                self.pool.shutdown()

    def _write(self, model, rows, tags):
        with transaction.atomic():
            self.command._insert(model, rows)
            links = defaultdict(list)
            for row, row_tags in zip(rows, tags, strict=True):
                for name, pks in row_tags.items():
                    links[name] += [(row.pk, pk) for pk in pks]
            for name, pairs in links.items():
                self.command._pairs(getattr(model, name), pairs)

    def _write_and_close(self, model, rows, tags):
        try:
            self._write(model, rows, tags)
        finally:
            connection.close()  # this thread's own connection


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
        started = time.perf_counter()
        self.verbosity = options["verbosity"]
        self.rng = random.Random(options["seed"] + Artikel.objects.count())
        self.now = timezone.now()
        self.vocabulary = Vocabulary(self.rng)
        self._load_taxonomy()
        added: dict[str, int] = {}
        # One transaction per kind (articles: per batch, written in parallel). After a
        # failure, running the command again tops the tables up to the same totals.
        with transaction.atomic():
            added["instrumenten"] = self._instruments(options["instruments"])
        with transaction.atomic():
            added["pilots"] = self._pilots(options["pilots"])
        added["artikelen"] = self._articles(options["articles"])
        with transaction.atomic():
            added["activiteiten"] = self._activities(options["activities"])
        with transaction.atomic():
            added["stappen"] = self._steps(options["steps"])
        inserted = time.perf_counter()
        self._log(f"rijen ingevoegd in {inserted - started:.1f} s")
        for model, key in self._searchable():
            if added[key] and connection.vendor == "postgresql":
                self._refresh_vectors(model)
        refresh_vocabulary()
        self._analyze()
        self._forget_cached_pages()
        elapsed = time.perf_counter() - started
        summary = ", ".join(f"{count} {name}" for name, count in added.items())
        totals = (
            f"{Artikel.objects.count()} artikelen, {Instrument.objects.count()} instrumenten, "
            f"{Activiteit.objects.count()} activiteiten, {Pilot.objects.count()} pilots, "
            f"{Stap.objects.count()} stappen"
        )
        if self.verbosity > 0:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Synthetische inhoud toegevoegd: {summary}. Totaal nu: {totals}. "
                    f"Tijd: {elapsed:.1f} s."
                )
            )

    # -- helpers ---------------------------------------------------------------------------

    def _log(self, message: str) -> None:
        if self.verbosity > 0:
            self.stdout.write(f"  {message}")

    @staticmethod
    def _searchable():
        return [
            (Instrument, "instrumenten"),
            (Pilot, "pilots"),
            (Artikel, "artikelen"),
            (Activiteit, "activiteiten"),
            (Stap, "stappen"),
        ]

    def _load_taxonomy(self):
        rng = self.rng
        self.sectors = {sector.slug: sector for sector in Sector.objects.all()}
        slug_of_sector = {sector.pk: sector.slug for sector in self.sectors.values()}
        weights = {"vo": 0.6, "po": 0.25, "mbo": 0.15}
        self.sector_dist = Weighted(
            rng, list(self.sectors), [weights.get(slug, 0.1) for slug in self.sectors]
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
        self.thema_names = {t.pk: t.naam for t in themas}
        self.pillars = Weighted(rng, list(DiPijler.objects.values_list("pk", flat=True)))
        self.audiences = Weighted(rng, list(Doelgroep.objects.values_list("pk", flat=True)))
        kinds = list(InstrumentSoort.objects.values_list("pk", "naam"))
        if not kinds:
            kinds = [(InstrumentSoort.objects.create(naam="Scan", slug="scan").pk, "Scan")]
        self.instrument_kinds = Weighted(rng, kinds)
        organisations = list(Organisatie.objects.values_list("pk", "slug"))
        flagship = {"voion": 12.0, "tno": 4.0, "arboportaal": 4.0, "po-raad": 3.0, "vo-raad": 3.0}
        self.providers = Weighted(
            rng,
            [pk for pk, _ in organisations],
            [flagship.get(slug, 1.0) for _, slug in organisations],
        )
        self.kernopgave_sectors = set(Kernopgave.objects.values_list("sector_id", flat=True))

    def _sectors(self) -> list[str]:
        """One sector mostly; a fifth of the content serves two or three."""
        first = self.sector_dist.one()
        if self.rng.random() < 0.2:
            return list(dict.fromkeys([first, *self.sector_dist.some(1, 2)]))
        return [first]

    def _themas(self, sector: str, low: int, high: int) -> list[int]:
        dist = self.themas_by_sector[sector] if self.rng.random() < 0.85 else self.all_themas
        return dist.some(low, high)

    def _moment(self):
        """(status, publication moment): spread over years, more recent content more often."""
        roll = self.rng.random()
        if roll < DRAFT_SHARE:
            return Status.CONCEPT, self.now - timedelta(days=self.rng.randint(0, 60))
        if roll < DRAFT_SHARE + SCHEDULED_SHARE:
            return Status.GEPUBLICEERD, self.now + timedelta(days=self.rng.randint(1, 90))
        age = timedelta(days=365 * YEARS_OF_CONTENT * self.rng.random() ** 1.6)
        return Status.GEPUBLICEERD, self.now - age - timedelta(minutes=self.rng.randint(1, 1440))

    def _slugger(self, model, **scope):
        taken = set(model.objects.filter(**scope).values_list("slug", flat=True))
        counter = [len(taken)]

        def make(title: str) -> str:
            base = slugify(title)[:150].strip("-") or "item"
            slug = base
            while slug in taken:
                counter[0] += 1
                slug = f"{base}-{counter[0]}"
            taken.add(slug)
            return slug

        return make

    def _insert(self, model, rows: list) -> None:
        """bulk_create, or on PostgreSQL COPY with ids taken from the table's sequence.

        COPY avoids parsing one huge parameterised INSERT per batch. Searchable rows go
        through a temporary staging table and get their search vector as they are
        inserted, with the expression `voion_portal.search.engine` uses: filling it afterwards
        would rewrite every row and leave the table twice its real size. Rows get their
        pk set just like bulk_create does, so relations can be built from them.
        """
        if not rows:
            return
        if connection.vendor != "postgresql":
            model.objects.bulk_create(rows, batch_size=BATCH)
            return
        meta = model._meta
        quote = connection.ops.quote_name
        searchable = issubclass(model, SearchIndexedMixin)
        fields = [
            field
            for field in meta.concrete_fields
            if not field.primary_key and not (searchable and field.name == "search_vector")
        ]
        columns = ", ".join(
            quote(column) for column in [meta.pk.column, *(f.column for f in fields)]
        )
        target = self._staging_table(model) if searchable else quote(meta.db_table)
        if rows[0].pk is None:
            self._reserve_ids(model, rows)
        with connection.cursor() as cursor:
            with cursor.cursor.copy(f"COPY {target} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(
                        [
                            row.pk,
                            *(
                                field.get_db_prep_save(field.pre_save(row, True), connection)
                                for field in fields
                            ),
                        ]
                    )
            if searchable:
                vector_sql, params = self._vector_sql(model)
                cursor.execute(
                    f"INSERT INTO {quote(meta.db_table)} ({columns}, {quote('search_vector')}) "
                    f"SELECT {columns}, {vector_sql} FROM {target} AS {quote(meta.db_table)}",
                    params,
                )
                cursor.execute(f"TRUNCATE {target}")

    @staticmethod
    def _reserve_ids(model, rows: list) -> None:
        """Give unsaved rows their primary keys from the table's sequence (PostgreSQL)."""
        if connection.vendor != "postgresql":
            return
        meta = model._meta
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(rows)],
            )
            for row, (pk,) in zip(rows, cursor.fetchall(), strict=True):
                row.pk = pk
                row._state.adding, row._state.db = False, connection.alias

    def _staging_table(self, model) -> str:
        """A temporary copy of the table's columns, dropped at the end of the transaction."""
        table = model._meta.db_table
        name = connection.ops.quote_name(f"seed_{table}")
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMPORARY TABLE IF NOT EXISTS {name} "
                f"(LIKE {connection.ops.quote_name(table)} INCLUDING DEFAULTS) ON COMMIT DROP"
            )
        return name

    @staticmethod
    def _vector_sql(model) -> tuple[str, list]:
        """The SQL of `vector_expression(model.search_weights)`, over the model's own table."""
        query = model._base_manager.all().query
        expression = vector_expression(model.search_weights).resolve_expression(query)
        sql, params = query.get_compiler(connection=connection).compile(expression)
        return sql, list(params)

    def _pairs(self, relation, pairs: list[tuple[int, int]]) -> None:
        """Insert (source pk, target pk) rows into an M2M through table, fast."""
        if not pairs:
            return
        field = relation.field
        through = field.remote_field.through
        source, target = field.m2m_column_name(), field.m2m_reverse_name()
        if connection.vendor == "postgresql":
            table = connection.ops.quote_name(through._meta.db_table)
            sql = f"COPY {table} ({source}, {target}) FROM STDIN"
            with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
                for pair in pairs:
                    copy.write_row(pair)
            return
        through.objects.bulk_create(
            [through(**{source: a, target: b}) for a, b in pairs], batch_size=BATCH
        )

    def _chunks(self, missing: int):
        for start in range(0, missing, BATCH):
            yield min(BATCH, missing - start)

    # -- instruments -----------------------------------------------------------------------

    def _instruments(self, total: int) -> int:
        missing = total - Instrument.objects.count()
        if missing <= 0:
            return 0
        t0 = time.perf_counter()
        vocab, rng = self.vocabulary, self.rng
        bodies = BodyPool(vocab, vocab.short_blocks, per_topic=6, size=(1, 3))
        slug = self._slugger(Instrument)
        kosten = Weighted(rng, [Kosten.GRATIS, Kosten.BETAALD, ""], [60, 25, 15])
        links = defaultdict(list)
        for size in self._chunks(missing):
            rows, tags = [], []
            for _ in range(size):
                sectors = self._sectors()
                topic = vocab.topics.one()
                kind_pk, kind_name = self.instrument_kinds.one()
                word = rng.choice(vocab.instrument_words)
                title = vocab.fill(
                    rng.choice(INSTRUMENT_TITLES),
                    topic,
                    sectors[0],
                    Kind=kind_name,
                    kind=kind_name.lower(),
                    Word=word,
                )[:200]
                status, moment = self._moment()
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
                        aanbieder_id=self.providers.one(),
                        kosten=kosten.one(),
                    )
                )
                tags.append(
                    {
                        "sectoren": [self.sectors[s].pk for s in sectors],
                        "themas": self._themas(sectors[0], 1, 3),
                        "pijlers": self.pillars.some(0, 2) if rng.random() < 0.8 else [],
                        "doelgroepen": self.audiences.some(1, 3),
                    }
                )
            self._insert(Instrument, rows)
            for row, row_tags in zip(rows, tags, strict=True):
                for name, pks in row_tags.items():
                    links[name] += [(row.pk, pk) for pk in pks]
            for name, pairs in links.items():
                self._pairs(getattr(Instrument, name), pairs)
            links.clear()
        self._log(
            f"{missing} instrumenten in {time.perf_counter() - t0:.1f} s "
            f"({bodies.rendered} teksten gerenderd)"
        )
        return missing

    # -- pilots ----------------------------------------------------------------------------

    def _pilots(self, total: int) -> int:
        missing = total - Pilot.objects.count()
        if missing <= 0:
            return 0
        vocab, rng = self.vocabulary, self.rng
        pools = {
            name: BodyPool(vocab, vocab.blocks, per_topic=2, size=(1, 2))
            for name in ("aanleiding", "ondersteuning", "deelname", "opbrengst")
        }
        slug = self._slugger(Pilot)
        fase = Weighted(rng, [Fase.WERVING, Fase.LOPEND, Fase.AFGEROND], [15, 35, 50])
        rows, tags = [], []
        for _ in range(missing):
            sectors = self._sectors()
            topic = vocab.topics.one()
            title = vocab.fill(
                rng.choice(["Pilot {t}", "{T} in de regio {town}", "Samen werken aan {t}"]),
                topic,
                sectors[0],
            )[:200]
            status, moment = self._moment()
            start = date(rng.randint(2019, 2025), rng.randint(1, 12), 1)
            fields = {}
            for name, pool in pools.items():
                fields[name], fields[f"{name}_html"] = pool.pick(topic)
            contact = "Neem contact op met het projectteam: [mail ons](mailto:info@example.nl)."
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
                    contact=contact,
                    contact_html=self._rendered(contact),
                    **fields,
                )
            )
            tags.append(
                {
                    "themas": self._themas(sectors[0], 1, 2),
                    "sectoren": [self.sectors[s].pk for s in sectors],
                }
            )
        self._insert(Pilot, rows)
        for name in ("themas", "sectoren"):
            pairs = [(row.pk, pk) for row, t in zip(rows, tags, strict=True) for pk in t[name]]
            self._pairs(getattr(Pilot, name), pairs)
        return missing

    def _rendered(self, markdown: str) -> str:
        cache = self.__dict__.setdefault("_render_cache", {})
        if markdown not in cache:
            cache[markdown] = render_markdown(markdown)
        return cache[markdown]

    # -- articles --------------------------------------------------------------------------

    def _articles(self, total: int) -> int:
        missing = total - Artikel.objects.count()
        if missing <= 0:
            return 0
        t0 = time.perf_counter()
        vocab, rng = self.vocabulary, self.rng
        bodies = BodyPool(vocab, vocab.blocks, per_topic=5, size=(3, 6))
        slug = self._slugger(Artikel)
        kinds = Weighted(rng, [k for k, _ in ARTICLE_KINDS], [w for _, w in ARTICLE_KINDS])
        instruments = list(Instrument.objects.order_by("pk").values_list("pk", flat=True))
        real_instruments = [row.pk for row in _real(Instrument)] or instruments[:150]
        pilots = list(Pilot.objects.values_list("pk", flat=True))
        done = 0
        writer = ParallelWriter(self)
        for size in self._chunks(missing):
            rows, tags = [], []
            for _ in range(size):
                sectors = self._sectors()
                topic = vocab.topics.one()
                kind = kinds.one()
                title = vocab.fill(rng.choice(ARTICLE_TITLES[kind]), topic, sectors[0])[:200]
                status, moment = self._moment()
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
                tags.append(
                    {
                        "themas": self._themas(sectors[0], 1, 3),
                        "sectoren": [self.sectors[s].pk for s in sectors],
                        "pijlers": self.pillars.some(0, 2) if rng.random() < 0.6 else [],
                        "doelgroepen": self.audiences.some(1, 3),
                        "instrumenten": related,
                        "pilots": [rng.choice(pilots)] if pilots and rng.random() < 0.03 else [],
                    }
                )
            writer.write(Artikel, rows, tags)
            done += size
            if done % 20000 < BATCH or done == missing:
                self._log(f"{done}/{missing} artikelen ({time.perf_counter() - t0:.1f} s)")
        writer.finish()
        self._log(
            f"{missing} artikelen in {time.perf_counter() - t0:.1f} s "
            f"({bodies.rendered} teksten gerenderd)"
        )
        return missing

    # -- jaarplannen and activities ---------------------------------------------------------

    def _activities(self, total: int) -> int:
        missing = total - Activiteit.objects.count()
        if missing <= 0:
            return 0
        vocab, rng = self.vocabulary, self.rng
        bodies = BodyPool(vocab, vocab.short_blocks, per_topic=3, size=(1, 2))
        publishers = list(
            Jaarplan.objects.values_list("organisatie_id", "sector_id", "organisatie__naam")
            .order_by("organisatie_id", "sector_id")
            .distinct()
        )
        if not publishers:
            voion = Organisatie.objects.filter(slug="voion").first() or Organisatie.objects.first()
            sector = self.sectors.get("vo") or next(iter(self.sectors.values()))
            publishers = [(voion.pk, sector.pk, voion.naam)]
        taken_years = set(Jaarplan.objects.values_list("organisatie_id", "sector_id", "jaar"))
        sector_slug = {s.pk: slug for slug, s in self.sectors.items()}
        plan_slug = self._slugger(Jaarplan)
        per_plan = 55
        plans: list[Jaarplan] = []
        year = max((y for _, _, y in taken_years), default=self.now.year)
        while len(plans) * per_plan < missing:
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
        self._insert(Jaarplan, plans)
        instruments = list(Instrument.objects.values_list("pk", flat=True)[:2000])
        articles = list(Artikel.objects.values_list("pk", flat=True)[:5000])
        pilots = list(Pilot.objects.values_list("pk", flat=True))
        kinds = list(ACTIVITY_TITLES)
        rows, tags, link_rows = [], [], []
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
                    thema_id=self.themas_by_sector[sector].one(),
                    volgorde=index // len(plans),
                    titel=title,
                    slug=f"{slugify(title)[:150]}-{index // len(plans)}",
                    soort=kind,
                    omschrijving=markdown,
                    omschrijving_html=html,
                )
            )
            tags.append(
                {
                    "instrumenten": rng.sample(instruments, rng.randint(1, 2))
                    if instruments and rng.random() < 0.3
                    else [],
                    "artikelen": [rng.choice(articles)] if articles and rng.random() < 0.1 else [],
                    "pilots": [rng.choice(pilots)] if pilots and rng.random() < 0.05 else [],
                }
            )
        self._insert(Activiteit, rows)
        for row in rows:
            if rng.random() < 0.1:
                link_rows.append(
                    ActiviteitLink(
                        activiteit=row, titel="Meer informatie", url="https://www.example.nl/"
                    )
                )
        self._insert(ActiviteitLink, link_rows)
        for name in ("instrumenten", "artikelen", "pilots"):
            pairs = [(row.pk, pk) for row, t in zip(rows, tags, strict=True) for pk in t[name]]
            self._pairs(getattr(Activiteit, name), pairs)
        return missing

    # -- stappenplannen and steps ----------------------------------------------------------

    def _steps(self, total: int) -> int:
        missing = total - Stap.objects.count()
        if missing <= 0:
            return 0
        vocab, rng = self.vocabulary, self.rng
        bodies = BodyPool(vocab, vocab.blocks, per_topic=3, size=(2, 4))
        guide_slug = self._slugger(Stappenplan)
        per_guide = 14
        guides, guide_tags = [], []
        for _ in range(math.ceil(missing / per_guide)):
            sectors = self._sectors()
            topic = vocab.topics.one()
            title = vocab.fill(rng.choice(STAPPENPLAN_TITLES), topic, sectors[0])[:200]
            markdown, html = bodies.pick(topic)
            status, moment = self._moment()
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
        self._insert(Stappenplan, guides)
        for name in ("sectoren", "themas"):
            pairs = []
            for guide, (_, sectors) in zip(guides, guide_tags, strict=True):
                if name == "sectoren":
                    pairs += [(guide.pk, self.sectors[s].pk) for s in sectors]
                else:
                    pairs += [(guide.pk, pk) for pk in self._themas(sectors[0], 1, 2)]
            self._pairs(getattr(Stappenplan, name), pairs)

        instruments = list(Instrument.objects.values_list("pk", flat=True)[:3000])
        articles = list(Artikel.objects.values_list("pk", flat=True)[:5000])
        # Two passes: main steps first (they need a pk), then their sub-steps.
        plan: list[tuple[int, int | None]] = []  # (guide index, main step index or None)
        mains_per_guide: dict[int, list[int]] = defaultdict(list)
        remaining = missing
        for guide_index in range(len(guides)):
            count = min(per_guide, remaining)
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
                topic = guide_tags[guide_index][0]
                title = vocab.fill(
                    rng.choice(
                        [
                            "Breng {t} in kaart",
                            "Bespreek {t} met het team",
                            "Maak afspraken over {t}",
                            "Evalueer {t}",
                            "Kies een aanpak voor {t}",
                        ]
                    ),
                    topic,
                    guide_tags[guide_index][1][0],
                )[:180]
                markdown, html = bodies.pick(topic)
                stap = Stap(
                    stappenplan=guides[guide_index],
                    hoofdstap=steps[parent] if parent is not None else None,
                    volgorde=index,
                    titel=title,
                    slug=f"{index}-{slugify(title)[:120]}",
                    samenvatting=vocab.summary(topic, guide_tags[guide_index][1][0]),
                    tekst=markdown,
                    tekst_html=html,
                )
                steps[index] = stap
                batch.append(stap)
            self._insert(Stap, batch)
        instrument_pairs, article_pairs = [], []
        for stap in steps:
            if instruments and rng.random() < 0.6:
                instrument_pairs += [
                    (stap.pk, pk) for pk in rng.sample(instruments, rng.randint(1, 3))
                ]
            if articles and rng.random() < 0.3:
                article_pairs += [(stap.pk, pk) for pk in rng.sample(articles, rng.randint(1, 2))]
        self._pairs(Stap.instrumenten, instrument_pairs)
        self._pairs(Stap.artikelen, article_pairs)
        return missing

    # -- search vectors and statistics ---------------------------------------------------

    def _refresh_vectors(self, model) -> None:
        """Vectors for rows that have none (on PostgreSQL `_insert` already filled them)."""
        if model._base_manager.filter(search_vector__isnull=True).exists():
            refresh_search_vectors(model)

    @staticmethod
    def _forget_cached_pages() -> None:
        """Bulk inserts send no save signals: tell the page cache, when there is one."""
        try:
            from voion_portal.core.pagecache import bump_generation
        except ImportError:
            return
        bump_generation()

    def _analyze(self) -> None:
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
        self._log(f"VACUUM ANALYZE in {time.perf_counter() - t0:.1f} s")
