"""The keuzehulp as a visitor uses it: one question per page, plain GET, a ranked result."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from keuzehulp.models import Doel
from voion_portal.core.pagecache import bypass_headers

pytestmark = pytest.mark.django_db

ALL_ANSWERS = "sector=vo&doel=gesprek&onderwerp=werkdruk&voor=team"


def titles(html: str) -> list[str]:
    return re.findall(r'<h3><a href="/instrumenten/[^"]+/">([^<]+)</a>', html)


def section(html: str, heading_id: str) -> str:
    """The part of the page from the heading with `heading_id` up to the next section."""
    start = html.index(f'id="{heading_id}"')
    end = html.find("</section>", start)
    return html[start:end]


def test_first_question_is_a_plain_get_form_with_fieldset_and_legend(client, catalogue):
    response = client.get("/keuzehulp/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Welk instrument past bij mijn vraag?" in html
    assert re.search(r'<form method="get" action="/keuzehulp/"', html)
    assert "<fieldset" in html and "<legend" in html
    assert "Vraag 1 van 4" in html
    assert 'value="vo"' in html and "Voortgezet onderwijs" in html
    assert "Maakt niet uit" in html
    # the draft does not count
    assert "De catalogus telt <strong>5 instrumenten</strong>" in html


def test_an_answer_leads_to_the_next_question_at_its_own_address(client, catalogue):
    response = client.get("/keuzehulp/?beantwoord=sector&sector=vo")
    assert response.status_code == 302
    assert response["Location"] == "/keuzehulp/vraag/doel/?sector=vo"

    page = client.get("/keuzehulp/vraag/doel/?sector=vo")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Vraag 2 van 4" in html
    assert '<input type="hidden" name="sector" value="vo">' in html
    # how many still fit after the first answer
    assert "passen <strong>4 instrumenten</strong>" in html
    # back keeps the answer: the first question with "vo" chosen
    assert 'href="/keuzehulp/?sector=vo"' in html
    back = client.get("/keuzehulp/?sector=vo").content.decode()
    assert re.search(r'value="vo" checked', back)


def test_submitting_nothing_shows_the_error_summary(client, catalogue):
    response = client.get("/keuzehulp/vraag/onderwerp/?sector=vo&doel=gesprek&beantwoord=onderwerp")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Controleer het formulier" in html
    assert "Kies een onderwerp, of kies ‘Maakt niet uit’." in html
    assert html.count("Kies een onderwerp") == 2  # in the summary and at the question
    assert "<title>Fout: " in html
    # the summary links to the first answer of the question
    assert 'href="#antwoord-onderwerp-' in html


def test_the_last_answer_leads_to_the_result(client, catalogue):
    response = client.get(
        "/keuzehulp/vraag/voor-wie/?sector=vo&doel=gesprek&onderwerp=werkdruk"
        "&beantwoord=voor&voor=team"
    )
    assert response.status_code == 302
    assert response["Location"] == f"/keuzehulp/resultaat/?{ALL_ANSWERS}"


def test_result_ranks_full_fits_above_partial_ones_with_the_reason(
    client, catalogue, django_assert_max_num_queries
):
    # the answers and their facet values (8, cached until content changes), count and rows
    # of the full fits, of the partial ones
    with django_assert_max_num_queries(12):
        response = client.get(f"/keuzehulp/resultaat/?{ALL_ANSWERS}", headers=bypass_headers())
    assert response.status_code == 200
    html = response.content.decode()
    full = section(html, "kop-passend")
    assert titles(full) == ["Gesprekswaaier", "Werkbalans"]
    assert "Past bij:</strong> vo · gesprek · werkdruk · team" in full
    partial = section(html, "kop-bijna")
    assert titles(partial) == ["Po gesprek", "Welzijnscheck"]
    assert "op één na al uw antwoorden" in partial
    assert "Past niet bij:</strong> vo" in partial
    assert "Past niet bij:</strong> gesprek" in partial
    assert "Prognose" not in html  # fits two of four answers only
    assert "Concept" not in html  # a draft
    # the answers, each with a link to change it
    assert "Het gesprek voeren" in html
    assert 'href="/keuzehulp/vraag/doel/?sector=vo&amp;doel=gesprek"' in html


def test_result_links_to_the_same_selection_in_the_catalogue(client, catalogue):
    html = client.get(f"/keuzehulp/resultaat/?{ALL_ANSWERS}").content.decode()
    link = re.search(r'href="(/instrumenten/\?[^"]+)"', html).group(1).replace("&amp;", "&")
    params = parse_qs(urlsplit(link).query)
    assert params == {
        "sector": ["vo"],
        "soort": ["gesprekshulp", "methode"],
        "thema": ["gezond-werken"],
        "doelgroep": ["leraar"],
    }
    catalogue_page = client.get(link).content.decode()
    assert "2 instrumenten gevonden" in catalogue_page


def test_skipping_a_question_does_not_narrow(client, catalogue):
    html = client.get(
        "/keuzehulp/resultaat/?sector=geen-voorkeur&doel=gesprek&onderwerp=werkdruk&voor=team"
    ).content.decode()
    assert titles(section(html, "kop-passend")) == ["Gesprekswaaier", "Po gesprek", "Werkbalans"]
    assert "Past bij:</strong> gesprek · werkdruk · team" in html
    assert "Maakt niet uit" in html  # in the summary of answers


def test_all_skipped_shows_every_instrument(client, catalogue):
    query = "sector=geen-voorkeur&doel=geen-voorkeur&onderwerp=geen-voorkeur&voor=geen-voorkeur"
    response = client.get(f"/keuzehulp/resultaat/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Alle instrumenten (5)" in html
    assert 'href="/instrumenten/"' in html


def test_unknown_answer_gives_a_dutch_message_not_an_error(client, catalogue):
    response = client.get(
        "/keuzehulp/resultaat/?sector=vo&doel=dansen&onderwerp=werkdruk&voor=team"
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "‘dansen’ is geen antwoord dat de keuzehulp kent" in html
    assert "Wat wilt u doen?" in html  # that question, to choose again
    assert '<input type="hidden" name="sector" value="vo">' in html


@pytest.mark.parametrize(
    "url",
    [
        "/keuzehulp/?sector=%00",
        "/keuzehulp/?sector=vo&sector=po&beantwoord=sector",
        "/keuzehulp/vraag/doel/?sector=" + "x" * 5000,
        "/keuzehulp/resultaat/?sector=<script>",
    ],
)
def test_malformed_parameters_never_give_a_server_error(client, catalogue, url):
    response = client.get(url)
    assert response.status_code in (200, 302, 400)
    assert "<script>" not in response.content.decode()


def test_missing_earlier_answer_goes_back_to_that_question(client, catalogue):
    response = client.get("/keuzehulp/resultaat/?sector=vo&doel=gesprek")
    assert response.status_code == 302
    assert response["Location"] == "/keuzehulp/vraag/onderwerp/?sector=vo&doel=gesprek"
    assert client.get("/keuzehulp/vraag/voor-wie/")["Location"] == "/keuzehulp/"


def test_unknown_question_is_not_found(client, catalogue):
    assert client.get("/keuzehulp/vraag/bestaat-niet/").status_code == 404


@pytest.mark.parametrize(
    "url",
    ["/keuzehulp/", "/keuzehulp/vraag/doel/?sector=vo", f"/keuzehulp/resultaat/?{ALL_ANSWERS}"],
)
def test_pages_answer_head_and_refuse_post(client, catalogue, url):
    head = client.head(url)
    assert head.status_code == 200
    assert head.content == b""
    assert client.post(url).status_code == 405


def test_question_pages_keep_a_constant_number_of_queries(
    client, catalogue, django_assert_max_num_queries
):
    with django_assert_max_num_queries(9):  # the answers (8, cached) and the count
        response = client.get(
            "/keuzehulp/vraag/voor-wie/?sector=vo&doel=gesprek&onderwerp=werkdruk",
            headers=bypass_headers(),
        )
    assert response.status_code == 200
    assert "passen <strong>2 instrumenten</strong>" in response.content.decode()


def test_an_editors_change_to_the_mapping_changes_the_result(client, catalogue):
    gesprek = Doel.objects.get(slug="gesprek")
    gesprek.soorten.remove(gesprek.soorten.get(slug="methode"))
    html = client.get(f"/keuzehulp/resultaat/?{ALL_ANSWERS}").content.decode()
    assert titles(section(html, "kop-passend")) == ["Gesprekswaaier"]
    assert "Werkbalans" in section(html, "kop-bijna")


def test_the_start_page_is_in_the_sitemap_and_linked_from_home(client, catalogue):
    assert "/keuzehulp/</loc>" in client.get("/sitemap.xml").content.decode()
    assert 'href="/keuzehulp/"' in client.get("/").content.decode()
