"""Reading a query: synonym variants never change what the query excludes or quotes.

Synonyms are searched as variants of the query, OR'ed together. A variant made by
replacing an excluded word ("-vo" → "-voortgezet onderwijs") would exclude one word and
require the other; a variant that leaves an exclusion out would let in what the query
keeps out. These tests hold on both backends: the variants are read by both.
"""

import pytest
from django.urls import reverse

from tests.factories import ArtikelFactory
from voion_portal.search.models import Synoniem
from voion_portal.search.query import Term, parse_query, query_variants

pytestmark = pytest.mark.django_db


@pytest.fixture
def synonyms():
    for term, synonym in [
        ("vo", "voortgezet onderwijs"),
        ("di", "duurzame inzetbaarheid"),
        ("shrm", "strategisch hrm"),
    ]:
        Synoniem.objects.create(term=term, synoniem=synonym)


def required(variant: str) -> list[set[tuple[str, ...]]]:
    """Per alternative of a variant, the words and phrases it requires."""
    return [{t.words for t in terms if not t.excluded} for terms in parse_query(variant)]


def excluded(variant: str) -> list[set[tuple[str, ...]]]:
    """Per alternative of a variant, the words and phrases it excludes."""
    return [{t.words for t in terms if t.excluded} for terms in parse_query(variant)]


@pytest.mark.usefixtures("synonyms")
def test_an_excluded_abbreviation_excludes_its_synonym_as_a_whole_phrase():
    variants = query_variants("werkdruk -vo")
    assert variants == ['werkdruk -vo -"voortgezet onderwijs"']
    assert parse_query(variants[0]) == [
        [
            Term(("werkdruk",)),
            Term(("vo",), excluded=True),
            Term(("voortgezet", "onderwijs"), excluded=True),
        ]
    ]


@pytest.mark.usefixtures("synonyms")
@pytest.mark.parametrize(
    "query",
    [
        "werkdruk -vo",
        "werkdruk -VO",
        'werkdruk -"vo"',
        'werkdruk -"voortgezet onderwijs"',
        'werkdruk -"vo',  # a phrase the visitor did not close
        "-vo werkdruk",
    ],
)
def test_no_variant_requires_part_of_an_excluded_synonym_or_drops_an_exclusion(query):
    for variant in query_variants(query):
        assert required(variant) == [{("werkdruk",)}], variant
        assert excluded(variant) == [{("vo",), ("voortgezet", "onderwijs")}], variant


@pytest.mark.usefixtures("synonyms")
def test_an_excluded_synonym_stays_in_the_alternative_of_its_exclusion():
    for variant in query_variants("werkdruk -vo OR starters"):
        assert required(variant) == [{("werkdruk",)}, {("starters",)}], variant
        assert excluded(variant) == [{("vo",), ("voortgezet", "onderwijs")}, set()], variant


@pytest.mark.usefixtures("synonyms")
def test_a_synonym_asked_for_is_still_replaced_next_to_an_exclusion():
    variants = query_variants("DI -vo")
    assert [required(variant) for variant in variants] == [
        [{("di",)}],
        [{("duurzame",), ("inzetbaarheid",)}],
    ]
    assert all(excluded(v) == [{("vo",), ("voortgezet", "onderwijs")}] for v in variants)


@pytest.mark.usefixtures("synonyms")
def test_a_synonym_inside_a_quoted_phrase_is_replaced_within_the_quotes():
    assert query_variants('"vo scholen" werkdruk') == [
        '"vo scholen" werkdruk',
        '"voortgezet onderwijs scholen" werkdruk',
    ]
    assert required(query_variants('"vo scholen" werkdruk')[1]) == [
        {("voortgezet", "onderwijs", "scholen"), ("werkdruk",)}
    ]


@pytest.mark.usefixtures("synonyms")
def test_an_excluded_quoted_phrase_excludes_its_synonym_phrase_too():
    (variant,) = query_variants('werkdruk -"vo scholen"')
    assert excluded(variant) == [{("vo", "scholen"), ("voortgezet", "onderwijs", "scholen")}]
    assert required(variant) == [{("werkdruk",)}]


@pytest.mark.usefixtures("synonyms")
def test_the_query_as_typed_comes_first_then_its_synonyms():
    assert query_variants("SHRM") == ["SHRM", "strategisch hrm"]
    assert query_variants("werkdruk") == ["werkdruk"]


def search_page_titles(client, query: str) -> list[str]:
    response = client.get(reverse("zoeken"), {"q": query})
    assert response.status_code == 200
    return [item.titel for group in response.context["groups"] for item in group["items"]]


@pytest.mark.usefixtures("synonyms")
def test_excluding_an_abbreviation_on_the_search_page_excludes_its_synonym(client):
    ArtikelFactory(titel="Werkdruk in het voortgezet onderwijs", samenvatting="Kort")
    ArtikelFactory(titel="Werkdruk in het vo", samenvatting="Kort")
    ArtikelFactory(titel="Werkdruk in het onderwijs", samenvatting="Kort")
    ArtikelFactory(titel="Werkdruk bij starters", samenvatting="Kort")
    assert sorted(search_page_titles(client, "werkdruk -vo")) == [
        "Werkdruk bij starters",
        "Werkdruk in het onderwijs",
    ]
