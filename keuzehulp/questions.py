"""The keuzehulp's four questions, reading visitors' answers, and ranking instruments by them.

Each answer means a set of catalogue facet values (a sector; instrument kinds; themas
and/or DI pillars; audiences). An instrument *fits* an answer when it has one of those
values, exactly as the catalogue filters: OR within a facet, AND across facets. So the
instruments that fit every answer are precisely the catalogue filtered by
`Answers.catalogue_query()`.
"""

from dataclasses import dataclass, field
from functools import reduce
from operator import add
from urllib.parse import urlencode

from django.db.models import Case, Exists, F, IntegerField, OuterRef, Prefetch, Q, Value, When
from django.urls import reverse

from instrumenten.models import Instrument
from keuzehulp.models import Doel, Onderwerp, Publiek
from voion_portal.core.caching import remember
from voion_portal.taxonomy.models import Sector, Thema

SKIP = "geen-voorkeur"
SKIP_LABEL = "Maakt niet uit"
# Submitted with the form, so that "nothing chosen" can be told apart from a first visit.
ANSWERED = "beantwoord"

FULL_LIMIT = 30  # more full fits: the catalogue link shows them all
PARTIAL_LIMIT = 10

# many-to-many facet -> (link table, its column naming the term)
_LINKS = {
    "sectoren": (Instrument.sectoren.through, "sector_id"),
    "themas": (Instrument.themas.through, "thema_id"),
    "pijlers": (Instrument.pijlers.through, "dipijler_id"),
    "doelgroepen": (Instrument.doelgroepen.through, "doelgroep_id"),
}


@dataclass(frozen=True)
class Option:
    """One answer, as plain data (cached): what the visitor sees and the facet values it means."""

    slug: str
    naam: str
    kort: str
    toelichting: str = ""
    # facet -> ids of its terms; an instrument fits when it has one term of every facet
    terms: dict = field(default_factory=dict)
    catalogue: tuple = ()  # (catalogue parameter, slug) pairs

    def condition(self) -> Q:
        """Whether an instrument fits this answer, as a filter on Instrument."""
        if not any(self.terms.values()):
            return Q(pk__in=[])  # an answer mapped to nothing fits nothing
        condition = Q()
        for facet, ids in self.terms.items():
            if facet == "soorten":
                condition &= Q(soort_id__in=ids)
                continue
            table, column = _LINKS[facet]
            linked = table.objects.filter(instrument_id=OuterRef("pk"), **{f"{column}__in": ids})
            condition &= Q(Exists(linked))
        return condition


@dataclass(frozen=True)
class Question:
    param: str  # the GET parameter carrying the answer
    path: str  # its address below /keuzehulp/vraag/ ("" for the first, at /keuzehulp/)
    label: str  # in the summary of answers: "Sector"
    legend: str
    hint: str
    error: str  # when the visitor chose nothing

    def url(self, query: str = "") -> str:
        if self.path:
            url = reverse("keuzehulp:vraag", kwargs={"vraag": self.path})
        else:
            url = reverse("keuzehulp:start")
        return f"{url}?{query}" if query else url


QUESTIONS = (
    Question(
        "sector",
        "",
        "Sector",
        "Voor welke sector zoekt u een instrument?",
        "Kies het onderwijs waarin uw school of organisatie werkt.",
        "Kies een sector, of kies ‘Maakt niet uit’.",
    ),
    Question(
        "doel",
        "doel",
        "Wat u wilt doen",
        "Wat wilt u doen?",
        "Kies wat het beste past bij de stap waar u nu staat.",
        "Kies wat u wilt doen, of kies ‘Maakt niet uit’.",
    ),
    Question(
        "onderwerp",
        "onderwerp",
        "Onderwerp",
        "Waarover gaat uw vraag?",
        "Kies het onderwerp dat het dichtst bij uw vraag ligt.",
        "Kies een onderwerp, of kies ‘Maakt niet uit’.",
    ),
    Question(
        "voor",
        "voor-wie",
        "Voor wie",
        "Voor wie zoekt u iets?",
        "Kies wie met het instrument aan de slag gaat.",
        "Kies voor wie u iets zoekt, of kies ‘Maakt niet uit’.",
    ),
)
PARAMETERS = (*(question.param for question in QUESTIONS), ANSWERED)


def question_by_path(path: str) -> Question | None:
    return next((question for question in QUESTIONS if question.path == path), None)


def _ids(related) -> tuple:
    return tuple(sorted(term.pk for term in related.all()))


def _slugs(param: str, related) -> tuple:
    return tuple((param, term.slug) for term in related.all())


def _compute_options() -> dict[str, list[Option]]:
    sectors = [
        Option(
            sector.slug,
            sector.naam,
            sector.afkorting or sector.slug,
            terms={"sectoren": (sector.pk,)},
            catalogue=(("sector", sector.slug),),
        )
        for sector in Sector.objects.all()
    ]
    doelen = [
        Option(
            doel.slug,
            doel.naam,
            doel.kort,
            doel.toelichting,
            terms={"soorten": _ids(doel.soorten)},
            catalogue=_slugs("soort", doel.soorten),
        )
        for doel in Doel.objects.prefetch_related("soorten")
    ]
    onderwerpen = []
    themas = Prefetch("themas", queryset=Thema.objects.only("pk", "slug"))
    for onderwerp in Onderwerp.objects.prefetch_related(themas, "pijlers"):
        terms = {"themas": _ids(onderwerp.themas), "pijlers": _ids(onderwerp.pijlers)}
        onderwerpen.append(
            Option(
                onderwerp.slug,
                onderwerp.naam,
                onderwerp.kort,
                onderwerp.toelichting,
                terms={facet: ids for facet, ids in terms.items() if ids},
                catalogue=_slugs("thema", onderwerp.themas) + _slugs("pijler", onderwerp.pijlers),
            )
        )
    publiek = [
        Option(
            item.slug,
            item.naam,
            item.kort,
            item.toelichting,
            terms={"doelgroepen": _ids(item.doelgroepen)},
            catalogue=_slugs("doelgroep", item.doelgroepen),
        )
        for item in Publiek.objects.prefetch_related("doelgroepen")
    ]
    return {"sector": sectors, "doel": doelen, "onderwerp": onderwerpen, "voor": publiek}


def all_options() -> dict[str, list[Option]]:
    """Every question's answers, from the editors' tables (cached until content changes)."""
    return remember("keuzehulp-antwoorden", "", _compute_options)


@dataclass
class Answers:
    """The answers given so far, in question order; `None` is "Maakt niet uit"."""

    given: dict = field(default_factory=dict)  # param -> Option | None

    def query(self, extra: dict | None = None) -> str:
        pairs = [
            (param, SKIP if option is None else option.slug) for param, option in self.given.items()
        ]
        pairs.extend((extra or {}).items())
        return urlencode(pairs)

    def chosen(self) -> list[tuple[Question, Option]]:
        """The answers that narrow (not "Maakt niet uit")."""
        return [
            (question, self.given[question.param])
            for question in QUESTIONS
            if self.given.get(question.param) is not None
        ]

    def before(self, question: Question) -> "Answers":
        index = QUESTIONS.index(question)
        earlier = {q.param for q in QUESTIONS[:index]}
        return Answers({param: opt for param, opt in self.given.items() if param in earlier})

    def catalogue_query(self) -> str:
        return urlencode([pair for _, option in self.chosen() for pair in option.catalogue])

    def summary(self) -> list[dict]:
        """The answers with a link back to change each one (check-your-answers)."""
        rows = []
        for question in QUESTIONS:
            if question.param not in self.given:
                continue
            option = self.given[question.param]
            rows.append(
                {
                    "label": question.label,
                    "answer": SKIP_LABEL if option is None else option.naam,
                    "change_url": question.url(
                        self.before(question).query(
                            {question.param: SKIP if option is None else option.slug}
                        )
                    ),
                }
            )
        return rows


@dataclass
class Problem:
    question: Question
    missing: bool
    value: str = ""


def read_answers(query, questions, options) -> tuple[Answers, Problem | None]:
    """The answers to `questions` in `query` (`options`: from `all_options()`), up to the
    first missing or unknown one."""
    answers = Answers()
    for question in questions:
        values = [value.strip() for value in query.getlist(question.param)]
        values = [value for value in values if value]
        if not values:
            return answers, Problem(question, missing=True)
        by_slug = {option.slug: option for option in options[question.param]}
        value = values[-1]
        if len(set(values)) > 1 or (value != SKIP and value not in by_slug):
            return answers, Problem(question, missing=False, value=", ".join(values))
        answers.given[question.param] = None if value == SKIP else by_slug[value]
    return answers, None


def fitting(answers: Answers):
    """Published instruments that fit every answer given."""
    conditions = [option.condition() for _, option in answers.chosen()]
    return Instrument.objects.published().filter(*conditions)


@dataclass
class Ranking:
    full: list
    full_count: int
    partial: list
    partial_count: int


def ranking(answers: Answers) -> Ranking:
    """Instruments that fit every answer, then those that fit all but one, with why.

    One annotation per answer says whether the instrument fits it; their sum is the score.
    Four queries whatever the number of instruments."""
    chosen = answers.chosen()
    listing = Instrument.objects.published().for_listing()
    if not chosen:
        full = list(listing.order_by("titel")[:FULL_LIMIT])
        return Ranking([_row(item, []) for item in full], listing.count(), [], 0)
    fits = {
        f"past_{question.param}": Case(
            When(option.condition(), then=Value(1)), default=Value(0), output_field=IntegerField()
        )
        for question, option in chosen
    }
    scored = listing.annotate(**fits).annotate(score=reduce(add, (F(name) for name in fits)))
    full_qs = scored.filter(score=len(chosen)).order_by("titel", "pk")
    full = [_row(item, chosen) for item in full_qs[:FULL_LIMIT]]
    full_count = full_qs.count() if len(full) == FULL_LIMIT else len(full)
    if len(chosen) < 2:
        return Ranking(full, full_count, [], 0)
    partial_qs = scored.filter(score=len(chosen) - 1).order_by("titel", "pk")
    partial = [_row(item, chosen) for item in partial_qs[:PARTIAL_LIMIT]]
    partial_count = partial_qs.count() if len(partial) == PARTIAL_LIMIT else len(partial)
    return Ranking(full, full_count, partial, partial_count)


def _row(instrument, chosen) -> dict:
    fits = [
        option.kort for question, option in chosen if getattr(instrument, f"past_{question.param}")
    ]
    misses = [
        option.kort
        for question, option in chosen
        if not getattr(instrument, f"past_{question.param}")
    ]
    return {"instrument": instrument, "fits": fits, "misses": misses}
