"""Dutch text for synthetic content, recombined from the real publications.

Titles come from patterns filled with a topic, a sector, a school or a town; summaries
and bodies reuse whole sentences and Markdown blocks of the real content. Whole pieces
keep the text readable and its word frequencies realistic, which is what full-text
search, its ranking and its spelling suggestions are measured on.
"""

import random
import re

from django.core.management.base import CommandError
from django.db.models import Q

from instrumenten.models import Instrument
from jaarplan.models import Activiteit, Jaarplan
from kennisbank.models import Artikel, Stap, Stappenplan
from perf.synthetic.spreads import Weighted
from pilots.models import Pilot
from voion_portal.core.markup import render_markdown
from voion_portal.loader.models import FixtureRecord
from voion_portal.taxonomy.models import Thema

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
AUDIENCES = ["schoolleiders", "bestuurders", "hr-medewerkers", "leraren", "teamleiders", "oop"]
SECTOR_PHRASE = {"po": "het po", "vo": "het vo", "mbo": "het mbo"}
SUMMARY_OPENINGS = [
    "Wat betekent {t} voor {audience} in {sector}?",
    "Een overzicht van wat we weten over {t}.",
    "{school} in {town} vertelt hoe het team {t} bespreekbaar maakte.",
    "Over {t}: wat werkt, wat niet, en waar u begint.",
    "In {year} stond {t} bovenaan de agenda van veel scholen in {sector}.",
]
BODY_INTROS = [
    "{T} staat in veel teams hoog op de agenda. Wat weten we erover, "
    "en wat kunt u als school zelf doen?",
    "Dit stuk gaat over {t}: de achtergrond, de ervaringen van scholen en "
    "de instrumenten die helpen.",
    "Bij {t} gaat het om meer dan regels. {school} deelt hoe het aanpakte.",
]

_HEADING_PREFIX = re.compile(r"^(onderzoek|verkenning|handreiking|praktijkvoorbeeld)\s*:\s*", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def lower_first(text: str) -> str:
    """'Sociale veiligheid' -> 'sociale veiligheid', but keep 'AI', 'CAO VO', 'Voion'."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[1:].islower() and first[0].isupper():
        return text[0].lower() + text[1:]
    return text


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def real_rows(model, parent: str | None = None) -> list:
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


class Vocabulary:
    """Text pieces taken from the real content, recombined into plausible Dutch text."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        articles, steps = real_rows(Artikel), real_rows(Stap, "stappenplan")
        instruments, activities = real_rows(Instrument), real_rows(Activiteit, "jaarplan")
        titles = [row.titel for row in [*articles, *steps]]
        bodies = [row.tekst for row in [*articles, *steps, *real_rows(Stappenplan)]]
        short_bodies = [row.tekst for row in instruments]
        short_bodies += [row.omschrijving for row in activities]
        summaries = [
            row.samenvatting
            for row in [*articles, *instruments, *steps, *real_rows(Pilot), *real_rows(Jaarplan)]
        ]
        pilot_texts = [
            text
            for row in real_rows(Pilot)
            for text in (row.aanleiding, row.ondersteuning, row.deelname, row.opbrengst)
            if text
        ]
        if not titles or not bodies:
            raise CommandError("Geen echte inhoud gevonden: draai eerst `manage.py load_content`.")

        real_topics = {
            lower_first(_HEADING_PREFIX.sub("", title)).rstrip("?.!")
            for title in titles
            if 8 <= len(title) <= 70 and ":" not in _HEADING_PREFIX.sub("", title)
        }
        real_topics |= {lower_first(name) for name in Thema.objects.values_list("naam", flat=True)}
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
        # Drawn whether the pattern uses them or not: drawing only what it uses would
        # change the data set every seed gives (and so the benchmark's history).
        values = {
            "t": topic,
            "T": upper_first(topic),
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
        return upper_first(pattern.format(**values))

    def summary(self, topic: str, sector: str) -> str:
        text = self.fill(self.rng.choice(SUMMARY_OPENINGS), topic, sector)
        if self.sentences:
            extra = self.rng.choice(self.sentences)
            if len(text) + len(extra) < 380:
                text = f"{text} {extra}"
        return text

    def body(self, topic: str, blocks: list[str], low: int, high: int) -> str:
        intro = self.fill(self.rng.choice(BODY_INTROS), topic, self.rng.choice(["po", "vo", "mbo"]))
        chosen = self.rng.sample(blocks, min(len(blocks), self.rng.randint(low, high)))
        return "\n\n".join([intro, *chosen]) + "\n"


class BodyPool:
    """A fixed set of Markdown bodies per topic, each rendered to HTML exactly once.

    Rows share the bodies of the pool, so Markdown is rendered once per distinct body
    rather than once per row, however large the data set.
    """

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
