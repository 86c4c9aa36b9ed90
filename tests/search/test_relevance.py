"""Judged relevance: does `/zoeken/` put first what a school leader or HR officer means?

Each case is a query someone in Dutch education would type, with what a fair judge —
having read the real content in fixtures/ — expects among the first three results of a
group on the search page, and what must never lead. The expectations come from the
content, not from what the search returns: a case that fails says that search falls
short (or that the content changed), never that the expectation should follow the code.

The real content is loaded once for this module. Every case is its own test; the score
over all cases is printed at the end of the run (see relevance_report.py).
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, models, transaction
from django.urls import reverse

from instrumenten.models import Instrument
from jaarplan.models import Activiteit
from kennisbank.models import Artikel, Stap, Stappenplan
from pilots.models import Pilot
from tests.search.relevance_report import RELEVANCE_VERDICT
from voion_portal.loader.loader import ContentLoader
from voion_portal.taxonomy.models import Thema

pytestmark = pytest.mark.django_db

FIXTURES = Path(settings.BASE_DIR) / "fixtures"

# The groups a visitor sees on the search page, named as the judge thinks of them, with
# the models whose items appear in each. Stappenplannen and their steps are one group to
# a visitor, whichever way the page splits them.
JUDGED_GROUPS: dict[str, tuple[type[models.Model], ...]] = {
    "artikelen": (Artikel,),
    "instrumenten": (Instrument,),
    "pilots": (Pilot,),
    "stappenplannen": (Stappenplan, Stap),
    "jaarplan": (Activiteit,),
    "themas": (Thema,),
}

# A visitor reads the first few results of a group; three is what fits above the fold.
TOP = 3


@dataclass(frozen=True)
class AnyOf:
    """Any one of these items will do: several are equally right for the query."""

    slugs: tuple[str, ...]

    def __str__(self):
        return " or ".join(self.slugs)


def any_of(*slugs: str) -> AnyOf:
    return AnyOf(slugs)


@dataclass(frozen=True)
class Judgement:
    """What a fair judge expects for one query."""

    query: str
    # Per judged group: items that must each be among its first three (a slug, or
    # `any_of(...)` when one of several is enough).
    top: dict[str, tuple[str | AnyOf, ...]] = field(default_factory=dict)
    # Per judged group: the items one of which must be its very first result.
    first: dict[str, AnyOf] = field(default_factory=dict)
    # No group may be led by an item whose title matches this (case-insensitive).
    never_leading: str = ""
    # Every result must contain this (case-insensitive) somewhere in its own text: rules
    # out matches on a fragment of an unrelated word ("rouw" in "vertrouwen").
    every_result_mentions: str = ""

    def __str__(self):
        return self.query


JUDGEMENTS = [
    # Abbreviations: the sector's own shorthand, never a fragment of a longer word.
    Judgement(
        "DI",
        top={
            "artikelen": ("wat-is-duurzame-inzetbaarheid",),
            "instrumenten": (
                any_of(
                    "definitie-duurzame-inzetbaarheid",
                    "kennisbank-duurzame-inzetbaarheid",
                    "infographic-overzicht-di-maatregelen",
                    "koerskaart-duurzame-inzetbaarheid",
                    "duurzame-inzetbaarheidsindex-dix",
                ),
            ),
            "stappenplannen": ("duurzame-inzetbaarheid",),
            "jaarplan": (
                any_of(
                    "kennisbank-di",
                    "onderzoek-randvoorwaarden-di-maatregelen",
                    "handreikingen-di-levensgebeurtenissen",
                    "onderzoek-gebruik-di-maatregelen",
                ),
            ),
            "themas": ("duurzame-inzetbaarheid",),
        },
        never_leading=r"^begeleiding",
        every_result_mentions=r"\bDI\b|inzetbaar|duurzaam inzet",
    ),
    Judgement(
        "oop",
        top={
            "artikelen": (
                "informatiepunt-oop-en-onderzoek-loopbaanpaden",
                "oop-en-vakspecialisten-in-het-po",
            ),
        },
        first={
            "jaarplan": any_of(
                "informatiepunt-oop",
                "handreiking-voorbeeldfuncties",
                "flexibele-opleidingsroutes-oop-en-vakspecialisten",
                "verkenning-aantrekkelijke-werkomgeving-oop",
            ),
        },
        never_leading=r"^loopbaan",
        every_result_mentions=r"\boop|onderwijsondersteunend",
    ),
    Judgement(
        "onderwijsondersteunend personeel",
        top={
            "artikelen": ("informatiepunt-oop-en-onderzoek-loopbaanpaden",),
            "jaarplan": ("informatiepunt-oop",),
        },
    ),
    Judgement(
        "SHRM",
        top={
            "instrumenten": ("shrm-scan-po-raad",),
            "artikelen": ("strategisch-personeelsbeleid-in-vier-stappen",),
        },
    ),
    Judgement(
        "HRM",
        top={
            "instrumenten": (
                any_of(
                    "canon-van-hrm",
                    "strategisch-hrm-voor-beter-onderwijs",
                    "vo-academie-strategisch-hrm",
                    "moon-hrm-strategische-personeelsplanning",
                ),
            ),
        },
        every_result_mentions=r"hrm|human resource",
    ),
    Judgement(
        "SPP",
        top={
            "artikelen": ("strategische-personeelsplanning-met-het-scenariomodel-vo",),
            "instrumenten": ("moon-hrm-strategische-personeelsplanning",),
        },
    ),
    Judgement(
        "po",
        top={
            "artikelen": (
                any_of(
                    "jaarplan-2025-arbeidsmarktplatform-po",
                    "arbeidsmarktanalyse-po-2025",
                    "oop-en-vakspecialisten-in-het-po",
                    "thematische-verkenningen-po-2025",
                    "regionale-arbeidsmarktanalyses-po",
                ),
            ),
        },
        every_result_mentions=r"\bpo\b|primair onderwijs",
    ),
    Judgement(
        "vo",
        top={
            "instrumenten": (
                any_of(
                    "arboscan-vo",
                    "scenariomodel-vo",
                    "verzuimbenchmark-vo",
                    "sociale-veiligheidscheck-vo",
                    "welzijnscheck-vo",
                    "startwijzerscan-vo",
                    "begeleiding-starters-vo",
                    "cao-vo-app",
                    "teamwerk-vo",
                ),
            ),
        },
        every_result_mentions=r"\bvo\b|voortgezet onderwijs",
    ),
    Judgement(
        "mbo",
        top={
            "instrumenten": (
                any_of(
                    "begeleiding-starters-mbo",
                    "startwijzerscan-mbo",
                    "beroepsbeeld-mbo",
                    "sectoranalyse-duurzame-inzetbaarheid-mbo",
                    "begeleiding-zij-instromers-mbo",
                    "mbo-raad",
                    "som-mbo",
                ),
            ),
        },
        # The vmbo is part of secondary education, not of the mbo.
        every_result_mentions=r"\bmbo|middelbaar beroepsonderwijs",
    ),
    Judgement(
        "cao",
        top={
            "instrumenten": ("cao-vo-app",),
            "artikelen": ("taakbeleid-in-de-cao-vo-2024-2025",),
            "themas": ("cao-en-sectortafel",),
        },
        every_result_mentions=r"\bcao\b|collectieve arbeidsovereenkomst",
    ),
    # Whole words: a short word is not found inside another.
    Judgement(
        "rouw",
        top={
            "artikelen": ("duurzame-inzetbaarheid-bij-ingrijpende-levensgebeurtenissen",),
            "jaarplan": ("handreiking-rouw-en-overgang", "handreikingen-di-levensgebeurtenissen"),
        },
        every_result_mentions=r"\brouw",
    ),
    # Typos: the visitor still gets what they meant.
    Judgement(
        "duurzame inzetbaarhied",
        top={
            "artikelen": ("wat-is-duurzame-inzetbaarheid",),
            "stappenplannen": ("duurzame-inzetbaarheid",),
        },
    ),
    Judgement(
        "werkbalanz",
        top={"instrumenten": ("werkbalans",), "jaarplan": ("werkbalans-implementeren",)},
    ),
    Judgement(
        "vlootshouw",
        first={"stappenplannen": any_of("vlootschouw")},
    ),
    Judgement(
        "arbo scan",
        first={"instrumenten": any_of("arboscan-vo")},
    ),
    # Verb and noun, singular and plural: the same idea in another form.
    Judgement(
        "starters begeleiden",
        top={
            "artikelen": ("begeleiding-van-starters-en-zij-instromers",),
            "instrumenten": (
                any_of(
                    "begeleiding-starters-po",
                    "begeleiding-starters-vo",
                    "begeleiding-starters-mbo",
                    "bsl-ontwerptool",
                ),
            ),
            "stappenplannen": ("begeleiding-starters-en-zij-instromers",),
        },
    ),
    Judgement(
        "begeleiding starter",
        top={
            "artikelen": ("begeleiding-van-starters-en-zij-instromers",),
            "instrumenten": (
                any_of(
                    "begeleiding-starters-po", "begeleiding-starters-vo", "begeleiding-starters-mbo"
                ),
            ),
            "stappenplannen": ("begeleiding-starters-en-zij-instromers",),
        },
    ),
    # "begeleiding" (guidance) and "beleid" (policy) share letters, not meaning.
    Judgement(
        "begeleiding",
        top={
            "artikelen": ("begeleiding-van-starters-en-zij-instromers",),
            "stappenplannen": ("begeleiding-starters-en-zij-instromers",),
        },
        every_result_mentions=r"begeleid",
    ),
    Judgement(
        "beleid",
        never_leading=r"^begeleiding",
        every_result_mentions=r"beleid",
    ),
    Judgement(
        "zij-instromer",
        top={
            "pilots": ("mentoring-zij-instromers",),
            "artikelen": ("mentoring-voor-zij-instromers",),
            "jaarplan": ("pilots-mentoring-zij-instromers",),
        },
    ),
    Judgement(
        "regionaal samenwerken",
        top={
            "artikelen": ("regionale-samenwerking-op-de-onderwijsarbeidsmarkt",),
            "instrumenten": ("handreiking-vo-regionaal-samenwerken",),
        },
    ),
    Judgement(
        "professionaliseren",
        top={
            "instrumenten": (
                any_of(
                    "samen-opleiden-en-professionaliseren-sop",
                    "scan-huidige-stand-van-professionalisering",
                    "voorbeelden-regionale-aanpak-van-professionalisering",
                ),
            ),
            "jaarplan": ("flexibele-opleidingsroutes-oop-en-vakspecialisten",),
        },
    ),
    Judgement(
        "personeel behouden",
        top={
            "pilots": ("bovenbestuurlijke-samenwerking-voor-personeelsbehoud",),
            "jaarplan": (
                any_of(
                    "pilots-bovenbestuurlijke-samenwerking",
                    "kansrijke-maatregelen-per-leeftijdscategorie",
                ),
            ),
        },
    ),
    Judgement(
        "diversiteit",
        top={
            "artikelen": ("onderzoek-divers-personeelsbestand",),
            "jaarplan": ("diversiteit-en-inclusie", "divers-personeelsbestand"),
            "themas": ("vergroten-diversiteit-en-inclusiviteit",),
        },
    ),
    # Compounds: a part finds the whole, and the whole finds what it is about.
    Judgement(
        "werkdruk",
        top={
            "artikelen": ("werkdruk-in-het-vo-aanpakken",),
            "instrumenten": (
                any_of(
                    "tno-wegwijzer-1-werkdruk-en-werkstress",
                    "stappenplan-voor-de-aanpak-van-werkdruk",
                ),
            ),
            "stappenplannen": ("het-gesprek-over-werkdruk-en-taakbeleid",),
            "jaarplan": ("verkenning-ai-en-werkdruk", "collectieve-werkdrukmiddelen"),
        },
    ),
    Judgement(
        "werkdrukmiddelen",
        top={
            "jaarplan": ("collectieve-werkdrukmiddelen",),
            "artikelen": ("werkdruk-in-het-vo-aanpakken",),
        },
    ),
    Judgement(
        "inzetbaarheidsbeleid",
        first={"instrumenten": any_of("organisatiescan-huidige-inzetbaarheidsbeleid")},
        top={"stappenplannen": ("duurzame-inzetbaarheid",)},
    ),
    Judgement(
        "deeltijd",
        top={
            "pilots": ("in-gesprek-over-de-deeltijdfactor",),
            "jaarplan": ("deeltijdfactor",),
        },
    ),
    Judgement(
        "verzuim",
        top={
            "instrumenten": ("verzuimbenchmark-vo",),
            "jaarplan": ("sectorale-verzuimkengetallen", "verzuimbenchmark-vo"),
        },
    ),
    Judgement(
        "ziekteverzuim",
        top={
            "instrumenten": ("tips-voor-het-verlagen-van-ziekteverzuim", "verzuimbenchmark-vo"),
        },
    ),
    Judgement(
        "pensioen",
        top={
            "artikelen": ("pensioenambassadeurs-in-het-vo",),
            "jaarplan": ("pensioenambassadeurs",),
        },
    ),
    Judgement(
        "schoolleider",
        top={
            "instrumenten": ("factsheet-voor-schoolleider",),
            "jaarplan": (
                any_of("schoolleidersbeurs-vo", "verkenning-verdeling-schoolleiderschapstaken"),
            ),
        },
    ),
    # Multi-word phrases and questions: the topic, not every filler word.
    Judgement(
        "strategisch personeelsbeleid",
        top={
            "artikelen": ("strategisch-personeelsbeleid-in-vier-stappen",),
            "instrumenten": (
                "handreiking-strategisch-personeelsbeleid-2020",
                "vo-academie-strategisch-personeelsbeleid",
            ),
            "stappenplannen": ("strategisch-personeelsbeleid",),
        },
    ),
    Judgement(
        "duurzame inzetbaarheid",
        top={
            "artikelen": ("wat-is-duurzame-inzetbaarheid",),
            "instrumenten": (
                any_of(
                    "definitie-duurzame-inzetbaarheid",
                    "kennisbank-duurzame-inzetbaarheid",
                    "koerskaart-duurzame-inzetbaarheid",
                ),
            ),
            "stappenplannen": ("duurzame-inzetbaarheid",),
            "themas": ("duurzame-inzetbaarheid",),
        },
        # The synonym "DI" must not drag in "die" or "huidige".
        every_result_mentions=r"\bDI\b|inzetbaar|duurzaam inzet",
    ),
    Judgement(
        "sociale veiligheid",
        top={
            "artikelen": ("sociale-veiligheid-op-school",),
            "instrumenten": (
                any_of(
                    "sociale-veiligheidscheck-vo",
                    "visie-op-sociale-veiligheid",
                    "jouw-veilige-school",
                ),
            ),
            "jaarplan": (
                any_of(
                    "werknemersmonitor-sociale-veiligheid",
                    "sociale-veiligheidscheck-vo-doorontwikkelen",
                ),
            ),
        },
    ),
    Judgement(
        "taakbeleid",
        top={
            "artikelen": ("taakbeleid-in-de-cao-vo-2024-2025",),
            "instrumenten": (
                "raamwerk-professionele-gesprek-en-taakbeleid",
                "inventarisatie-taakbeleid-vo",
            ),
            "stappenplannen": ("het-gesprek-over-werkdruk-en-taakbeleid",),
        },
    ),
    Judgement(
        "werkdruk verlagen",
        top={
            "instrumenten": ("stappenplan-voor-de-aanpak-van-werkdruk",),
            "artikelen": ("verkenning-ai-en-administratieve-werkdruk",),
        },
    ),
    Judgement(
        "hoe voorkom ik uitval van starters",
        top={
            "artikelen": ("begeleiding-van-starters-en-zij-instromers",),
            "jaarplan": ("strategieen-behoud-starters",),
        },
    ),
    Judgement(
        "werkplezier vergroten",
        top={
            "artikelen": ("willen-werken-energiek-en-gemotiveerd",),
            "instrumenten": (
                any_of(
                    "werkplezier-verbeteren",
                    "voortgezet-werkplezier",
                    "gesprekshandleiding-en-waaier-over-werkplezier",
                ),
            ),
        },
    ),
]


@pytest.fixture(scope="module")
def real_content(django_db_setup, django_db_blocker):
    """The real content, loaded once for this module inside a transaction that is rolled
    back afterwards; each test runs in a savepoint within it."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield ContentLoader(FIXTURES).load()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def title_of(item) -> str:
    return getattr(item, "titel", None) or getattr(item, "naam", "") or str(item)


def full_text(item) -> str:
    """Every text the item holds, read afresh: a result row carries only its title."""
    stored = type(item)._default_manager.get(pk=item.pk)
    texts = (
        str(getattr(stored, model_field.attname) or "")
        for model_field in stored._meta.concrete_fields
        if isinstance(model_field, models.CharField | models.TextField)
    )
    # Line breaks inside a phrase ("voortgezet\nonderwijs") are spaces to a reader.
    return " ".join(" ".join(texts).split())


def search_page_groups(client, query: str) -> list[list]:
    """The result groups of `/zoeken/?q=` as a visitor sees them, best first."""
    response = client.get(reverse("zoeken"), {"q": query})
    assert response.status_code == 200
    return [list(group["items"]) for group in response.context["groups"]]


def ranked_in(groups: list[list], judged_group: str) -> list[list]:
    """The page's groups holding items of a judged group (usually one)."""
    kinds = JUDGED_GROUPS[judged_group]
    return [items for items in groups if any(isinstance(item, kinds) for item in items)]


def is_item(item, judged_group: str, slug: str) -> bool:
    return isinstance(item, JUDGED_GROUPS[judged_group]) and item.slug == slug


def what_led(groups: list[list], judged_group: str) -> str:
    shown = [title_of(item) for items in ranked_in(groups, judged_group) for item in items[:TOP]]
    return ", ".join(f"“{title}”" for title in shown) or "nothing"


def problems_with(judgement: Judgement, groups: list[list]) -> list[str]:
    """What a visitor would notice is wrong, one sentence each; empty when all is right."""
    problems = []
    for judged_group, wanted in judgement.top.items():
        leading = [items[:TOP] for items in ranked_in(groups, judged_group)]
        for expected in wanted:
            slugs = expected.slugs if isinstance(expected, AnyOf) else (expected,)
            if not any(
                is_item(item, judged_group, slug)
                for top in leading
                for item in top
                for slug in slugs
            ):
                problems.append(
                    f"{judged_group}: expected {expected} in the first {TOP}, "
                    f"got {what_led(groups, judged_group)}"
                )
    for judged_group, wanted in judgement.first.items():
        leaders = [items[0] for items in ranked_in(groups, judged_group)]
        if not any(is_item(item, judged_group, slug) for item in leaders for slug in wanted.slugs):
            problems.append(
                f"{judged_group}: expected {wanted} first, got {what_led(groups, judged_group)}"
            )
    if judgement.never_leading:
        for items in groups:
            if re.search(judgement.never_leading, title_of(items[0]), re.IGNORECASE):
                problems.append(f"“{title_of(items[0])}” leads a group")
    if judgement.every_result_mentions:
        unrelated = [
            title_of(item)
            for items in groups
            for item in items
            if not re.search(judgement.every_result_mentions, full_text(item), re.IGNORECASE)
        ]
        if unrelated:
            problems.append(
                f"{len(unrelated)} result(s) unrelated to the query, e.g. "
                + ", ".join(f"“{title}”" for title in unrelated[:3])
            )
    return problems


@pytest.mark.parametrize("judgement", JUDGEMENTS, ids=str)
def test_search_puts_first_what_the_visitor_means(judgement, real_content, client, record_property):
    groups = search_page_groups(client, judgement.query)
    problems = problems_with(judgement, groups)
    record_property(
        RELEVANCE_VERDICT,
        json.dumps(
            {
                "query": judgement.query,
                "backend": connection.vendor,
                "met": not problems,
                "problems": problems,
            }
        ),
    )
    assert not problems, f"/zoeken/?q={judgement.query}:\n" + "\n".join(problems)


def test_the_judgements_name_real_items(real_content):
    """A misspelt slug would make a judgement impossible to meet, whatever search does."""
    named = [
        (judgement.query, group, slug)
        for judgement in JUDGEMENTS
        for group, wanted in [*judgement.top.items(), *judgement.first.items()]
        for expected in (wanted if isinstance(wanted, tuple) else (wanted,))
        for slug in (expected.slugs if isinstance(expected, AnyOf) else (expected,))
    ]
    missing = [
        f"{query}: {group}/{slug}"
        for query, group, slug in named
        if not any(kind.objects.filter(slug=slug).exists() for kind in JUDGED_GROUPS[group])
    ]
    assert not missing
    assert len({judgement.query for judgement in JUDGEMENTS}) >= 25
