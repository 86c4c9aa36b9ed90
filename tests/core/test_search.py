"""Search: Dutch full-text search on PostgreSQL and on SQLite (FTS5), one interface.

Tests without a backend marker hold on both: a query means the same everywhere.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import (
    ActiviteitFactory,
    ArtikelFactory,
    DraftArtikelFactory,
    DraftStappenplanFactory,
    InstrumentFactory,
    PilotFactory,
    ScheduledArtikelFactory,
    StapFactory,
    StappenplanFactory,
)
from voion_portal.core.content import Status
from voion_portal.core.pagecache import bypass_headers
from voion_portal.search.engine import SearchType, search_types
from voion_portal.search.models import Synoniem

pytestmark = pytest.mark.django_db


def instrument_titles(client, query):
    return [
        item.titel for item in client.get("/instrumenten/", {"q": query}).context["instrumenten"]
    ]


def article_titles(client, query):
    return [item.titel for item in client.get("/kennisbank/", {"q": query}).context["artikelen"]]


def site_results(client, query, **extra):
    response = client.get("/zoeken/", {"q": query, **extra})
    assert response.status_code == 200
    return response, {
        g["key"]: [i.result_title for i in g["items"]] for g in response.context["groups"]
    }


# -- both backends ---------------------------------------------------------------------------


def test_title_match_ranks_above_summary_and_body_match(client):
    ArtikelFactory(
        titel="Over het lerarentekort", samenvatting="Kort", tekst="Ook werkdruk speelt mee."
    )
    ArtikelFactory(
        titel="Leraren en teams", samenvatting="Werkdruk in teams aanpakken", tekst="Tekst"
    )
    ArtikelFactory(titel="Werkdruk verlagen", samenvatting="Zo doe je dat", tekst="Tekst")
    assert article_titles(client, "werkdruk") == [
        "Werkdruk verlagen",
        "Leraren en teams",
        "Over het lerarentekort",
    ]


def test_synonyms_work_both_ways(client):
    Synoniem.objects.create(term="di", synoniem="duurzame inzetbaarheid")
    Synoniem.objects.create(term="oop", synoniem="onderwijsondersteunend personeel")
    ArtikelFactory(titel="Wat is duurzame inzetbaarheid?")
    ArtikelFactory(titel="Loopbaanpaden van onderwijsondersteunend personeel")
    ArtikelFactory(titel="DI-beleid in de praktijk")
    assert "Wat is duurzame inzetbaarheid?" in article_titles(client, "DI")
    assert article_titles(client, "OOP") == ["Loopbaanpaden van onderwijsondersteunend personeel"]
    assert "DI-beleid in de praktijk" in article_titles(client, "duurzame inzetbaarheid")


def test_site_search_finds_every_type_and_hides_drafts(client):
    InstrumentFactory(titel="Werkdrukmeter")
    ArtikelFactory(titel="Werkdruk in het vo")
    DraftArtikelFactory(titel="Werkdruk-concept")
    PilotFactory(titel="Pilot werkdruk")
    StapFactory(titel="Werkdruk bespreken")
    ActiviteitFactory(titel="Onderzoek naar werkdruk")
    _, groups = site_results(client, "werkdruk")
    assert groups == {
        "instrumenten": ["Werkdrukmeter"],
        "kennisbank": ["Werkdruk in het vo"],
        "pilots": ["Pilot werkdruk"],
        "stappenplannen": ["Werkdruk bespreken"],
        "jaarplannen": ["Onderzoek naar werkdruk"],
    }


def test_steps_and_activities_are_listed_with_their_plan_and_link_into_it(client):
    step = StapFactory(titel="Werkdruk bespreken", stappenplan__titel="Aan de slag met werkdruk")
    activity = ActiviteitFactory(titel="Onderzoek naar werkdruk", jaarplan__titel="Jaarplan 2025")
    for extra in ({}, {"type": "stappenplannen"}, {"type": "jaarplannen"}):
        body = client.get("/zoeken/", {"q": "werkdruk", **extra}).content.decode()
        if extra.get("type") != "jaarplannen":
            assert f'href="{step.get_absolute_url()}"' in body
            assert "Werkdruk bespreken</a>" in body
            assert "— Aan de slag met werkdruk" in body
        if extra.get("type") != "stappenplannen":
            assert f'href="{activity.get_absolute_url()}"' in body
            assert "— Jaarplan 2025" in body


def test_type_filter_and_pagination(client):
    for n in range(25):
        ArtikelFactory(titel=f"Vitaliteit deel {n}")
    InstrumentFactory(titel="Vitaliteitsscan")
    response, groups = site_results(client, "vitaliteit", type="kennisbank")
    assert list(groups) == ["kennisbank"]
    assert response.context["total"] == 25
    assert len(groups["kennisbank"]) == 20
    _, groups = site_results(client, "vitaliteit", type="kennisbank", page="2")
    assert len(groups["kennisbank"]) == 5
    _, grouped = site_results(client, "vitaliteit")
    assert len(grouped["kennisbank"]) == 5, "the grouped overview shows the best five per type"


def test_the_overview_shows_five_per_type_each_with_a_snippet_and_links_to_the_rest(client):
    for n in range(6):
        ArtikelFactory(titel=f"Werkdruk deel {n}", samenvatting="Over werkdruk op school.")
    for n in range(5):
        InstrumentFactory(titel=f"Werkdrukmeter {n}", samenvatting="Meet de werkdruk.")
    response, groups = site_results(client, "werkdruk")
    assert len(groups["kennisbank"]) == len(groups["instrumenten"]) == 5
    shown = [item for group in response.context["groups"] for item in group["items"]]
    assert all("<mark>werkdruk</mark>" in item.snippet.lower() for item in shown)
    body = response.content.decode()
    assert "type=kennisbank" in body, "six articles match: a link to all of them"
    assert "type=instrumenten" not in body, "all five instruments are shown already"


def test_a_guide_is_found_by_its_start_page_and_its_steps_separately(client):
    guide = StappenplanFactory(
        titel="Inspiratiebundel strategisch personeelsbeleid",
        samenvatting="Stap voor stap naar strategisch personeelsbeleid.",
    )
    StapFactory(
        stappenplan=guide,
        titel="Externe en interne analyse",
        samenvatting="De eerste stap van strategisch personeelsbeleid.",
    )
    DraftStappenplanFactory(titel="Concept over strategisch personeelsbeleid")
    response, groups = site_results(client, "strategisch personeelsbeleid")
    assert groups["stappenplan"] == [guide.titel]
    labels = [group["label"] for group in response.context["groups"]]
    assert labels.index("Stappenplannen") < labels.index("Stappen uit stappenplannen")
    _, steps = site_results(client, "analyse")
    assert steps["stappenplannen"] == ["Externe en interne analyse"]


def test_snippet_highlights_the_words_and_escapes_the_text(client):
    ArtikelFactory(
        titel="Sociale veiligheid",
        samenvatting="Over <b>agressie</b> op school",
        tekst="Een veilige school begint bij afspraken over agressie en geweld.",
    )
    response, _ = site_results(client, "agressie")
    body = response.content.decode()
    assert "<mark>agressie</mark>" in body
    assert "<b>agressie" not in body, "markup typed in the text never becomes markup"


@pytest.mark.postgres
@pytest.mark.parametrize("one_type", [False, True], ids=["overview", "one type"])
def test_snippet_comes_from_the_summary_when_it_holds_every_word(client, one_type):
    ArtikelFactory(
        titel="Teams in het vo",
        samenvatting="Zo verlaagt een team de werkdruk.",
        tekst="Lange uitleg over roosters. Daarna volgt nog meer over werkdruk en teams.",
    )
    ArtikelFactory(
        titel="Roosters",
        samenvatting="Een goed rooster helpt.",
        tekst="Ook de werkdruk van het team daalt met minder tussenuren.",
    )
    extra = {"type": "kennisbank"} if one_type else {}
    response, _ = site_results(client, "werkdruk team", **extra)
    snippets = {
        item.titel: item.snippet for group in response.context["groups"] for item in group["items"]
    }
    # Nothing of the body, which holds the words too: the curated summary says it best.
    assert snippets["Teams in het vo"] == "verlaagt een <mark>team</mark> de <mark>werkdruk</mark>"
    # The summary lacks the words: the snippet is cut from the body, around them.
    assert "<mark>werkdruk</mark> van het <mark>team</mark>" in snippets["Roosters"]


@pytest.mark.parametrize(
    "hostile",
    ["'", "\\", "&|!:*", '"unbalanced', "<script>alert(1)</script>", "a" * 300, "\x00nul",
     "-", "OR", '""', "werk & (druk", "!!!", "😀", "' OR 1=1 --", "<img src=x onerror=alert(1)>"],
)  # fmt: skip
def test_hostile_queries_give_a_normal_page(client, hostile):
    ArtikelFactory(titel="Werkdruk")
    for url in ("/zoeken/", "/kennisbank/", "/instrumenten/"):
        response = client.get(url, {"q": hostile})
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "<script>alert(1)</script>" not in body
        assert "<img src=x onerror" not in body


def test_overlong_query_is_trimmed_with_a_message(client):
    response = client.get("/zoeken/", {"q": "werkdruk " * 40})
    assert len(response.context["query"]) <= 200
    assert "ingekort tot 200 tekens" in response.content.decode()


@pytest.mark.parametrize("rows", [3, 30])
def test_search_page_query_count_is_bounded(client, settings, django_assert_max_num_queries, rows):
    settings.PAGE_CACHE_SECONDS = 600  # what is remembered per content state, as in production
    for n in range(rows):
        ArtikelFactory(titel=f"Werkdruk {n}")
        InstrumentFactory(titel=f"Werkdruk-tool {n}")
    client.get("/zoeken/", {"q": "warm"})  # synonyms, next scheduled publication
    postgres = connection.vendor == "postgresql"
    # On PostgreSQL: the stem lookup, the planner's estimates and one statement for all
    # types; asked again, the estimates are remembered. On SQLite: two per type. The first
    # time also the facts beside the results (the items with their kind, two per type
    # shown: the items with their sectors) and, for a type with more matches than shown,
    # its total; both are remembered.
    per_search = 3 if postgres else 2 * len(search_types())
    facts, totals = 2 * 2, (1 if postgres else 2) * 2 if rows > 3 else 0
    with django_assert_max_num_queries(per_search + facts + totals):
        client.get("/zoeken/", {"q": "werkdruk"})
    with django_assert_max_num_queries(2 if postgres else 2 * len(search_types())):
        client.get("/zoeken/", {"q": "werkdruk"}, headers=bypass_headers())
    # Stem lookup, estimates (asked twice, planned once), any match, count (unless the
    # overview counted already), the page, and the facts of the results it did not show.
    with django_assert_max_num_queries(7):
        client.get("/zoeken/", {"q": "werkdruk", "type": "kennisbank"})


def test_paging_through_one_type_counts_the_matches_once_until_content_changes(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    for n in range(25):
        ArtikelFactory(titel=f"Vitaliteit deel {n}")
    first, _ = site_results(client, "vitaliteit", type="kennisbank")
    assert first.context["total"] == 25
    with CaptureQueriesContext(connection) as queries:
        second, groups = site_results(client, "vitaliteit", type="kennisbank", page="2")
    assert second.context["total"] == 25
    assert len(groups["kennisbank"]) == 5
    assert not [q for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    ArtikelFactory(titel="Vitaliteit, het vervolg")
    third, _ = site_results(client, "vitaliteit", type="kennisbank", page="2")
    assert third.context["total"] == 26


# -- Dutch full text, websearch syntax, typo tolerance (PostgreSQL-only where marked) -------


def test_dutch_stemming(client):
    PilotFactory(titel="Pilot mentoring zij-instromers")
    ArtikelFactory(titel="Samen werken aan behoud")
    _, groups = site_results(client, "pilots")
    assert groups["pilots"] == ["Pilot mentoring zij-instromers"]
    assert article_titles(client, "werkende") == ["Samen werken aan behoud"]


def test_websearch_syntax(client):
    ArtikelFactory(titel="Duurzame inzetbaarheid in het vo")
    ArtikelFactory(titel="Inzetbaarheid is duurzaam geregeld")
    ArtikelFactory(titel="Werkdruk en werkplezier")
    assert article_titles(client, '"duurzame inzetbaarheid"') == [
        "Duurzame inzetbaarheid in het vo"
    ]
    assert article_titles(client, "inzetbaarheid -vo") == ["Inzetbaarheid is duurzaam geregeld"]
    assert set(article_titles(client, "werkplezier OR vo")) == {
        "Werkdruk en werkplezier",
        "Duurzame inzetbaarheid in het vo",
    }


@pytest.mark.postgres
@pytest.mark.parametrize(
    "typo, expected",
    [("werkbalan", "Werkbalans"), ("arbo scan", "Arboscan-VO"), ("werkbalanz", "Werkbalans")],
)
def test_typos_still_find_the_instrument(client, typo, expected):
    InstrumentFactory(titel="Werkbalans")
    InstrumentFactory(titel="Arboscan-VO")
    InstrumentFactory(titel="Scenariomodel-VO")
    assert instrument_titles(client, typo)[0] == expected


def test_typo_in_site_search_offers_a_suggestion(client):
    ArtikelFactory(
        titel="Wat is duurzame inzetbaarheid",
        samenvatting="Zo houdt u leraren gezond: duurzame inzetbaarheid in de praktijk.",
    )
    response, groups = site_results(client, "duurzame inzetbaarhied")
    assert groups["kennisbank"] == ["Wat is duurzame inzetbaarheid"]
    assert response.context["suggestion"] == "duurzame inzetbaarheid"
    assert "Bedoelde u" in response.content.decode()
    one_type, groups = site_results(client, "duurzame inzetbaarhied", type="kennisbank")
    assert groups["kennisbank"] == ["Wat is duurzame inzetbaarheid"]
    assert one_type.context["total"] == 1
    # The snippet highlights the corrected words, which are what was found.
    assert "<mark>inzetbaarheid</mark>" in one_type.content.decode()


def searches_run(queries, word: str) -> list[str]:
    """The captured statements that searched content for `word` (not the word lookups)."""
    return [
        q["sql"]
        for q in queries.captured_queries
        if word in q["sql"] and "search_vector" in q["sql"] and "woordstam" not in q["sql"]
    ]


@pytest.mark.postgres
def test_a_misspelt_query_is_corrected_without_first_searching_as_typed(
    client, django_assert_max_num_queries
):
    ArtikelFactory(titel="Wat is duurzame inzetbaarheid", tekst="Over de werkdruk.")
    with CaptureQueriesContext(connection) as queries:
        response, groups = site_results(client, "duurzame inzetbaarhied")
    assert groups["kennisbank"] == ["Wat is duurzame inzetbaarheid"]
    assert response.context["suggestion"] == "duurzame inzetbaarheid"
    assert searches_run(queries, "inzetbaarhied") == []
    assert searches_run(queries, "inzetbaarheid")
    # Synonyms, stem lookup, correction, estimates and one statement for all types; then
    # the facts beside the result (the article, its sectors).
    assert len(queries.captured_queries) <= 7
    with CaptureQueriesContext(connection) as queries:
        assert article_titles(client, "inzetbaarhied") == ["Wat is duurzame inzetbaarheid"]
    assert searches_run(queries, "inzetbaarhied") == []
    # Stop words and words found only in a text are no reason to skip the search.
    assert article_titles(client, "de werkdruk") == ["Wat is duurzame inzetbaarheid"]
    _, groups = site_results(client, "werkdruk de")
    assert groups["kennisbank"] == ["Wat is duurzame inzetbaarheid"]


@pytest.mark.postgres
def test_whether_a_query_finds_anything_is_remembered_until_content_changes(client, settings):
    settings.PAGE_CACHE_SECONDS = 600  # as in production; the page cache is bypassed below
    draft = DraftArtikelFactory(titel="Kwartiermaker gezocht")
    ArtikelFactory(titel="Iets anders")

    def search_kennisbank():
        response = client.get("/kennisbank/", {"q": "kwartiermaker"}, headers=bypass_headers())
        return [item.titel for item in response.context["artikelen"]]

    with CaptureQueriesContext(connection) as first:
        assert search_kennisbank() == []
    with CaptureQueriesContext(connection) as again:
        assert search_kennisbank() == []
    assert searches_run(first, "kwartiermaker")
    # Asked again before any save: nothing searches the articles (their counts and whether
    # anything matches are remembered).
    assert searches_run(again, "kwartiermaker") == []
    draft.status = Status.GEPUBLICEERD
    draft.save()
    assert search_kennisbank() == ["Kwartiermaker gezocht"]


def test_a_synonym_that_occurs_is_searched_even_when_the_abbreviation_does_not(client):
    Synoniem.objects.create(term="spp", synoniem="strategische personeelsplanning")
    InstrumentFactory(titel="Handreiking strategische personeelsplanning")
    assert instrument_titles(client, "SPP") == ["Handreiking strategische personeelsplanning"]
    _, groups = site_results(client, "spp")
    assert groups["instrumenten"] == ["Handreiking strategische personeelsplanning"]


def test_words_of_vectors_written_in_bulk_are_found_at_once(client):
    """The word list behind the "occurs nowhere" shortcut follows every way a vector is
    written: a save, a bulk update and the bulk rebuild after an import."""
    from kennisbank.models import Artikel
    from voion_portal.search.indexing import refresh_search_vectors

    saved = ArtikelFactory(titel="Eerste artikel", tekst="Over de kwartiermaker.")
    assert article_titles(client, "kwartiermaker") == ["Eerste artikel"]
    Artikel.objects.filter(pk=saved.pk).update(tekst="Over de zwerfkeienroute.")
    refresh_search_vectors(Artikel)
    assert article_titles(client, "zwerfkeienroute") == ["Eerste artikel"]
    assert article_titles(client, "kwartiermaker") == []
    Artikel.objects.bulk_create(
        [
            Artikel(
                titel="Ingevoerd",
                slug="ingevoerd",
                tekst="Een lintbebouwing.",
                status=Status.GEPUBLICEERD,
                publicatiedatum=timezone.now(),
            )
        ]
    )
    refresh_search_vectors(Artikel)
    _, groups = site_results(client, "lintbebouwing")
    assert groups["kennisbank"] == ["Ingevoerd"]


def test_vector_follows_edits(client):
    item = ArtikelFactory(titel="Oude titel")
    item.titel = "Vitaliteit op school"
    item.save()
    assert article_titles(client, "vitaliteit") == ["Vitaliteit op school"]
    assert article_titles(client, "oude") == []


def test_every_word_must_match(client):
    ArtikelFactory(titel="Werkdruk in het vo")
    ArtikelFactory(titel="Werkdruk in het po")
    assert article_titles(client, "werkdruk vo") == ["Werkdruk in het vo"]


def test_compound_words_match_by_their_start(client):
    InstrumentFactory(titel="Werkdrukmeter")
    InstrumentFactory(titel="Arbocatalogus")
    assert instrument_titles(client, "werkdruk") == ["Werkdrukmeter"]


def test_misspelt_words_are_corrected_from_saved_titles(client):
    ArtikelFactory(titel="Vitaliteit van leraren")
    assert article_titles(client, "vitalitiet") == ["Vitaliteit van leraren"]
    response = client.get("/kennisbank/", {"q": "vitalitiet"})
    assert response.context["suggestion"] == "vitaliteit"
    assert article_titles(client, "kwantumfysica") == []


@pytest.mark.postgres
def test_ranking_of_many_matches_is_capped_but_the_count_is_exact(client, settings):
    settings.SEARCH_RANK_CANDIDATES = 3
    for n in range(5):
        ArtikelFactory(titel=f"Werkdruk {n}")
    response = client.get("/kennisbank/", {"q": "werkdruk"})
    body = response.content.decode()
    assert "5 artikelen gevonden" in body
    assert len(response.context["artikelen"]) == 3
    assert "de beste van de 3 nieuwste treffers" in body
    newest_first = client.get("/kennisbank/", {"q": "werkdruk", "sort": "nieuw"})
    assert len(newest_first.context["artikelen"]) == 5
    site = client.get("/zoeken/", {"q": "werkdruk", "type": "kennisbank"})
    assert site.context["total"] == 5
    assert len(site.context["groups"][0]["items"]) == 3


@pytest.mark.postgres
@pytest.mark.parametrize("strategy", ["date-index", "match-sort"])
def test_ranking_candidates_are_the_newest_matches_for_common_and_rare_words(
    client, settings, strategy
):
    """Whichever way PostgreSQL is steered to find the newest matches (walking the date
    index for a common word, sorting the GIN index's matches for a rare one), the
    ranked results are the same: the best among the newest matches, drafts left out."""
    settings.SEARCH_RANK_CANDIDATES = 3
    now = timezone.now()
    for days_ago in range(1, 6):
        ArtikelFactory(titel=f"Werkdruk {days_ago}", publicatiedatum=now - timedelta(days=days_ago))
    ArtikelFactory(titel="Iets anders", samenvatting="over werkdruk")  # newest, lower rank
    DraftArtikelFactory(titel="Werkdruk concept")
    settings.SEARCH_NEWEST_MATCHES = strategy
    assert article_titles(client, "werkdruk") == ["Werkdruk 1", "Werkdruk 2", "Iets anders"]


@pytest.mark.postgres
@pytest.mark.parametrize("strategy", ["date-index", "match-sort"])
def test_site_search_ranks_the_newest_matches_of_each_type_whichever_way_they_are_found(
    client, settings, strategy
):
    """The overview (all types in one statement) picks the same candidates as a single
    type's ranking: the best among the newest matches, drafts and scheduled items left out."""
    settings.SEARCH_RANK_CANDIDATES = 3
    now = timezone.now()
    for days_ago in range(1, 6):
        ArtikelFactory(titel=f"Werkdruk {days_ago}", publicatiedatum=now - timedelta(days=days_ago))
        InstrumentFactory(
            titel=f"Werkdrukmeter {days_ago}", publicatiedatum=now - timedelta(days=days_ago)
        )
    ArtikelFactory(titel="Iets anders", samenvatting="over werkdruk")  # newest, lower rank
    DraftArtikelFactory(titel="Werkdruk concept")
    ScheduledArtikelFactory(titel="Werkdruk straks")

    settings.SEARCH_NEWEST_MATCHES = strategy
    _, groups = site_results(client, "werkdruk")
    assert groups["kennisbank"] == ["Werkdruk 1", "Werkdruk 2", "Iets anders"]
    assert groups["instrumenten"] == ["Werkdrukmeter 1", "Werkdrukmeter 2", "Werkdrukmeter 3"]


@pytest.mark.postgres
@pytest.mark.parametrize("strategy", ["date-index", "match-sort"])
def test_a_query_that_matches_nothing_is_corrected_whichever_way_matches_are_found(
    client, settings, strategy
):
    ArtikelFactory(titel="Vitaliteit van leraren")
    DraftArtikelFactory(titel="Vitalitiet als concept")
    settings.SEARCH_NEWEST_MATCHES = strategy
    response = client.get("/kennisbank/", {"q": "vitalitiet"})
    assert response.context["suggestion"] == "vitaliteit"
    assert [a.titel for a in response.context["artikelen"]] == ["Vitaliteit van leraren"]
    assert client.get("/kennisbank/", {"q": "leraren"}).context["suggestion"] is None


def test_spelling_suggestions_never_reveal_a_draft_title(client):
    DraftArtikelFactory(titel="Geheimproject reorganisatie")
    response = client.get("/kennisbank/", {"q": "geheimprojekt"})
    assert response.context["suggestion"] is None
    assert "Geheimproject" not in response.content.decode()


def test_a_scheduled_title_is_never_suggested_before_its_publication(client, time_machine):
    moment = timezone.now() + timedelta(days=2)
    ScheduledArtikelFactory(titel="Fusieplannen onder embargo", publicatiedatum=moment)
    before, _ = site_results(client, "fuseiplannen")
    assert before.context["suggestion"] is None
    assert "Fusieplannen" not in before.content.decode()
    time_machine.move_to(moment + timedelta(minutes=1))
    after, groups = site_results(client, "fuseiplannen")
    assert after.context["suggestion"] == "fusieplannen"
    assert groups["kennisbank"] == ["Fusieplannen onder embargo"]


def test_the_overview_shows_scheduled_items_from_their_moment_on(client, time_machine):
    """The overview's visibility SQL is compiled once per process: the moment in it must
    still be the moment of each search, also for steps (public with their plan)."""
    moment = timezone.now() + timedelta(hours=3)
    ScheduledArtikelFactory(titel="Werkdruk na de zomer", publicatiedatum=moment)
    StapFactory(
        titel="Werkdruk meten",
        stappenplan=StappenplanFactory(titel="Later plan", publicatiedatum=moment),
    )
    _, before = site_results(client, "werkdruk")
    assert "kennisbank" not in before and "stappenplannen" not in before, "no group at all"
    time_machine.move_to(moment + timedelta(minutes=1))
    _, after = site_results(client, "werkdruk")
    assert after["kennisbank"] == ["Werkdruk na de zomer"]
    assert after["stappenplannen"] == ["Werkdruk meten"]


@pytest.mark.postgres
def test_a_search_type_whose_queryset_ignores_the_moment_is_refused():
    from django.core.exceptions import ImproperlyConfigured

    from kennisbank.models import Artikel

    frozen = SearchType("Altijd nu", lambda at=None: Artikel.objects.published(), ())
    with pytest.raises(ImproperlyConfigured):
        frozen.visible_sql(timezone.now())


def test_steps_of_an_unpublished_plan_are_suggested_only_once_the_plan_is_published(client):
    plan = DraftStappenplanFactory(titel="Nieuw plan")
    StapFactory(stappenplan=plan, titel="Functiehuisvesting inrichten")
    hidden, _ = site_results(client, "functiehuisvestin")
    assert hidden.context["suggestion"] is None
    plan.status = Status.GEPUBLICEERD
    plan.save()
    shown, groups = site_results(client, "functiehuisvestin")
    assert shown.context["suggestion"] == "functiehuisvesting"
    assert groups["stappenplannen"] == ["Functiehuisvesting inrichten"]


def test_a_withdrawn_title_is_no_longer_suggested(client):
    artikel = ArtikelFactory(titel="Fusieplannen besproken")
    assert site_results(client, "fuseiplannen")[0].context["suggestion"] == "fusieplannen"
    artikel.status = Status.CONCEPT  # the editor withdraws it; its words stay in the dictionary
    artikel.save()
    response, groups = site_results(client, "fuseiplannen")
    assert response.context["suggestion"] is None
    assert groups == {}
    assert "usieplannen" not in response.content.decode()
    listing = client.get("/kennisbank/", {"q": "fuseiplannen"})
    assert listing.context["suggestion"] is None
    assert "usieplannen" not in listing.content.decode()
