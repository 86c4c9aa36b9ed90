"""Full-text search on the embedded default: whole words, Dutch stems, operators, ranking,
snippets and corrections as on PostgreSQL, and an index that follows the content.

Tests without a backend marker hold on both backends: they are the promise that a query
means the same on a newcomer's SQLite as in production.
"""

import pytest
from django.core.management import call_command
from django.db import connection

from kennisbank.models import Artikel
from tests.factories import (
    ActiviteitFactory,
    ArtikelFactory,
    DraftArtikelFactory,
    InstrumentFactory,
    PilotFactory,
    StapFactory,
)
from voion_portal.core import registry
from voion_portal.core.content import Status
from voion_portal.search import fts
from voion_portal.search.models import Synoniem

pytestmark = pytest.mark.django_db


def article_titles(client, query):
    return [item.titel for item in client.get("/kennisbank/", {"q": query}).context["artikelen"]]


def site_search(client, query, **extra):
    response = client.get("/zoeken/", {"q": query, **extra})
    assert response.status_code == 200
    groups = {g["key"]: [i.titel for i in g["items"]] for g in response.context["groups"]}
    return response, groups


# -- matching: whole words and stems, never pieces of words ----------------------------------


def test_an_abbreviation_matches_the_word_and_its_synonym_never_letters_inside_words(client):
    Synoniem.objects.create(term="di", synoniem="duurzame inzetbaarheid")
    ArtikelFactory(titel="Begeleiding van starters", samenvatting="Die begeleiding werkt.")
    ArtikelFactory(titel="De huidige arbeidsmarkt", samenvatting="Wat speelt er nu?")
    ArtikelFactory(titel="DI-beleid op school", samenvatting="Kort")
    ArtikelFactory(titel="Wat is duurzame inzetbaarheid?", samenvatting="Kort")
    assert set(article_titles(client, "DI")) == {
        "DI-beleid op school",
        "Wat is duurzame inzetbaarheid?",
    }
    assert set(article_titles(client, "duurzame inzetbaarheid")) == {
        "DI-beleid op school",
        "Wat is duurzame inzetbaarheid?",
    }


def test_a_short_word_is_not_found_inside_a_longer_one(client):
    Synoniem.objects.create(term="oop", synoniem="onderwijsondersteunend personeel")
    ArtikelFactory(titel="Omgaan met rouw op school")
    ArtikelFactory(titel="Vertrouwen in het team")
    ArtikelFactory(titel="Loopbaancompetenties in kaart")
    ArtikelFactory(titel="Taken van het oop")
    assert article_titles(client, "rouw") == ["Omgaan met rouw op school"]
    assert article_titles(client, "oop") == ["Taken van het oop"]


def test_inflected_forms_find_each_other(client):
    """Snowball's Dutch stems: plural and singular, verb and noun."""
    InstrumentFactory(titel="Begeleiding starters vo", samenvatting="Een handboek.")
    ArtikelFactory(titel="Een goede starter begeleiden", samenvatting="Zo doet u dat.")
    ArtikelFactory(titel="Starten met taakbeleid", samenvatting="Eerste stappen.")
    _, groups = site_search(client, "starters begeleiden")
    assert groups == {
        "instrumenten": ["Begeleiding starters vo"],
        "kennisbank": ["Een goede starter begeleiden"],
    }


def test_function_words_neither_match_nor_block_a_match(client):
    ArtikelFactory(titel="Werkdruk aanpakken", samenvatting="Kort", tekst="Tekst")
    ArtikelFactory(titel="Dit is het begin", samenvatting="Kort", tekst="Tekst")
    assert article_titles(client, "de werkdruk") == ["Werkdruk aanpakken"]
    assert article_titles(client, "het") == []


def test_operator_characters_typed_by_a_visitor_are_only_text(client):
    """FTS5 and tsquery syntax in a query is punctuation: the words are searched."""
    ArtikelFactory(titel="Vitaliteit")
    ArtikelFactory(titel="Vitaal blijven")
    for typed in ("vitaliteit*", "^vitaliteit", "(vitaliteit", "{vitaliteit}", "vitaliteit:"):
        assert article_titles(client, typed) == ["Vitaliteit"], typed


# -- ranking -----------------------------------------------------------------------------------


def test_title_beats_summary_beats_body_for_every_type(client):
    PilotFactory(titel="Pilot over teams", samenvatting="Kort", programma="Vitaliteit in teams")
    PilotFactory(titel="Vitaliteit in de regio", samenvatting="Kort")
    PilotFactory(titel="Pilot zonder", samenvatting="Kort", aanleiding="Meer vitaliteit nodig")
    _, groups = site_search(client, "vitaliteit")
    assert groups["pilots"] == ["Vitaliteit in de regio", "Pilot over teams", "Pilot zonder"]


def test_the_query_as_typed_ranks_above_what_only_a_synonym_finds(client):
    """A search for "SHRM" leads with the Shrm-scan, though the words of its synonyms fill
    another item's title and summary; that item is still found, after it (issue 20)."""
    Synoniem.objects.create(term="shrm", synoniem="strategisch hrm")
    Synoniem.objects.create(term="shrm", synoniem="strategisch personeelsbeleid")
    InstrumentFactory(
        titel="Shrm-scan PO-Raad",
        samenvatting="Breng de interne hr-situatie van je organisatie in kaart.",
        tekst="Onderdeel van de toolbox strategisch hrm.",
    )
    InstrumentFactory(
        titel="Strategisch hrm en strategisch personeelsbeleid",
        samenvatting="Strategisch hrm in de school: strategisch personeelsbeleid.",
        tekst="Tekst",
    )
    InstrumentFactory(titel="Werkdrukmeter", samenvatting="Kort", tekst="Tekst")
    expected = ["Shrm-scan PO-Raad", "Strategisch hrm en strategisch personeelsbeleid"]
    _, groups = site_search(client, "SHRM")
    assert groups["instrumenten"] == expected
    listed = client.get("/instrumenten/", {"q": "SHRM"}).context["instrumenten"]
    assert [item.titel for item in listed] == expected


# -- snippets and corrections -------------------------------------------------------------------


def test_snippet_marks_the_forms_of_a_word_that_matched(client):
    ArtikelFactory(
        titel="Nieuwe collega's",
        samenvatting="Kort",
        tekst="Een mentor die starters goed begeleidt, houdt ze langer vast.",
    )
    response, _ = site_search(client, "starter")
    snippet = response.context["groups"][0]["items"][0].snippet
    assert "<mark>starters</mark>" in snippet
    assert "<mark>" not in snippet.replace("<mark>starters</mark>", "")


def test_a_long_text_gives_fragments_around_the_matches(client):
    filler = " ".join(f"woord{n}" for n in range(80))
    ArtikelFactory(
        titel="Lang verhaal",
        samenvatting="",
        tekst=f"Begin over vitaliteit. {filler} Aan het eind gaat het over mentoring.",
    )
    response, _ = site_search(client, "vitaliteit OR mentoring")
    snippet = response.context["groups"][0]["items"][0].snippet
    assert "<mark>vitaliteit</mark>" in snippet
    assert "<mark>mentoring</mark>" in snippet
    assert " … " in snippet
    assert "woord40" not in snippet, "the middle, far from both words, is left out"


# -- the SQLite index follows the content ---------------------------------------------------------


@pytest.mark.sqlite
def test_the_index_follows_edits_and_deletes(client):
    item = ArtikelFactory(titel="Oude titel")
    item.titel = "Vitaliteit op school"
    item.save()
    assert article_titles(client, "vitaliteit") == ["Vitaliteit op school"]
    assert article_titles(client, "oude") == []
    item.delete()
    assert article_titles(client, "vitaliteit") == []


@pytest.mark.sqlite
def test_a_missing_index_is_built_when_first_searched(client):
    ArtikelFactory(titel="Vitaliteit op school")
    StapFactory(titel="Vitaliteit bespreken")
    ActiviteitFactory(titel="Onderzoek naar vitaliteit")
    with connection.cursor() as cursor:
        for entry in registry.searchable_types():
            cursor.execute(f"DROP TABLE {fts.quoted_table(entry.model)}")
    connection._search_index_checked = None  # as on a new connection to an older database
    _, groups = site_search(client, "vitaliteit")
    assert groups == {
        "kennisbank": ["Vitaliteit op school"],
        "stappenplannen": ["Vitaliteit bespreken"],
        "jaarplannen": ["Onderzoek naar vitaliteit"],
    }


@pytest.mark.sqlite
@pytest.mark.django_db(transaction=True)
def test_the_index_is_emptied_with_the_database(client):
    """A flush (between transactional tests, or by hand) rebuilds the index: an item
    written afterwards under a reused id is never found by the words of the old one."""
    old = ArtikelFactory(titel="Kwartiermaker gezocht")
    call_command("flush", verbosity=0, interactive=False)
    Artikel.objects.bulk_create(
        [
            Artikel(
                pk=old.pk,
                titel="Vitaliteit op school",
                slug="vitaliteit",
                status=Status.GEPUBLICEERD,
                publicatiedatum=old.publicatiedatum,
            )
        ]
    )
    assert article_titles(client, "kwartiermaker") == []


def test_a_draft_becomes_findable_and_suggestible_when_published(client):
    draft = DraftArtikelFactory(titel="Functiehuisvesting inrichten")
    assert article_titles(client, "functiehuisvesting") == []
    assert client.get("/kennisbank/", {"q": "functiehuisvestin"}).context["suggestion"] is None
    draft.status = Status.GEPUBLICEERD
    draft.save()
    assert article_titles(client, "functiehuisvesting") == ["Functiehuisvesting inrichten"]
    response = client.get("/kennisbank/", {"q": "functiehuisvestin"})
    assert response.context["suggestion"] == "functiehuisvesting"
