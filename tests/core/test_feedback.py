"""'Was deze pagina nuttig?': the endpoint, what it stores, the editors' view of it, and
the widget on pages served from the page cache."""

import csv
import io

import pytest
from django.urls import reverse

from tests.factories import ArtikelFactory, DraftArtikelFactory
from voion_portal.core.caching import current_generation
from voion_portal.feedback.models import Paginafeedback

pytestmark = pytest.mark.django_db

HOST = "testserver"
SAME_ORIGIN = {"HTTP_ORIGIN": f"http://{HOST}"}


@pytest.fixture
def article():
    return ArtikelFactory(titel="Werkdruk in het vo")


def answer(client, page, nuttig="nee", opmerking="", **headers):
    data = {"pagina": page, "nuttig": nuttig, "opmerking": opmerking}
    return client.post("/feedback/", data, **{**SAME_ORIGIN, **headers})


# -- the endpoint ------------------------------------------------------------------------


def test_an_answer_is_stored_and_the_visitor_sent_back_to_the_thank_you(client, article):
    page = article.get_absolute_url()
    response = answer(client, page, "nee", "  De tabel is onleesbaar op mijn telefoon.  ")
    assert response.status_code == 302
    assert response["Location"] == f"{page}?feedback=bedankt#feedback"
    stored = Paginafeedback.objects.get()
    assert (stored.pad, stored.nuttig) == (page, False)
    assert stored.opmerking == "De tabel is onleesbaar op mijn telefoon."


def test_only_the_path_is_stored_and_the_filters_kept_for_the_way_back(client):
    response = answer(client, "/instrumenten/?pijler=kunnen-werken&sector=vo&feedback=x", "ja")
    assert response["Location"] == (
        "/instrumenten/?pijler=kunnen-werken&sector=vo&feedback=bedankt#feedback"
    )
    assert Paginafeedback.objects.get().pad == "/instrumenten/"
    assert Paginafeedback.objects.get().nuttig is True


def test_nothing_personal_is_stored_or_set(client, article):
    response = answer(
        client,
        article.get_absolute_url(),
        REMOTE_ADDR="198.51.100.7",
        HTTP_USER_AGENT="Mozilla/5.0 (Anna's phone)",
    )
    assert response.cookies == {} and not client.cookies
    assert {field.name for field in Paginafeedback._meta.get_fields()} == {
        "id",
        "pad",
        "nuttig",
        "opmerking",
        "aangemaakt",
    }
    stored = Paginafeedback.objects.values_list().get()
    assert not any("198.51.100.7" in str(value) or "Mozilla" in str(value) for value in stored)


def test_the_comment_field_asks_for_no_personal_data():
    help_text = str(Paginafeedback._meta.get_field("opmerking").help_text)
    assert "persoonsgegevens" in help_text


def test_with_javascript_the_answer_is_confirmed_without_a_redirect(client, article):
    response = answer(client, article.get_absolute_url(), HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json() == {"ontvangen": True}
    assert Paginafeedback.objects.count() == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_ORIGIN": f"http://{HOST}.evil.example"},
        {"HTTP_ORIGIN": "", "HTTP_REFERER": "https://evil.example/kennisbank/"},
        {"HTTP_ORIGIN": ""},
    ],
    ids=["other-site", "null", "look-alike", "foreign-referer", "no-origin-no-referer"],
)
def test_posts_from_elsewhere_are_refused(client, article, headers):
    response = answer(client, article.get_absolute_url(), **headers)
    assert response.status_code == 403
    assert not Paginafeedback.objects.exists()


def test_without_origin_a_same_site_referer_will_do(client, article):
    page = article.get_absolute_url()
    response = answer(client, page, HTTP_ORIGIN="", HTTP_REFERER=f"http://{HOST}{page}")
    assert response.status_code == 302
    assert Paginafeedback.objects.count() == 1


def test_get_is_not_allowed(client):
    assert client.get("/feedback/").status_code == 405


@pytest.mark.parametrize(
    "page",
    [
        "https://evil.example/",
        "//evil.example/kennisbank/",
        "/bestaat-niet/",
        "/admin/",
        "/admin/login/",
        "/feedback/",
        "/robots.txt",
        "kennisbank/",
        "/kennisbank/\\evil",
        "",
        "/" + "a" * 600 + "/",
    ],
)
def test_a_path_that_is_no_page_of_the_portal_is_refused(client, page):
    response = answer(client, page)
    assert response.status_code == 400
    assert not Paginafeedback.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"nuttig": "misschien"},
        {"nuttig": ""},
        {"opmerking": "x" * 501},
    ],
)
def test_a_malformed_answer_is_refused(client, article, data):
    payload = {"pagina": article.get_absolute_url(), "nuttig": "ja", **data}
    response = client.post("/feedback/", payload, **SAME_ORIGIN)
    assert response.status_code == 400
    assert not Paginafeedback.objects.exists()


def test_answers_are_rate_limited_per_client_address(client, article, settings):
    page = article.get_absolute_url()
    for _ in range(settings.FEEDBACK_RATE_LIMIT):
        assert answer(client, page, REMOTE_ADDR="198.51.100.1").status_code == 302
    refused = answer(client, page, REMOTE_ADDR="198.51.100.1")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 600
    assert f'href="{page}"' in refused.content.decode()  # "Terug naar de pagina"
    assert answer(client, page, REMOTE_ADDR="198.51.100.2").status_code == 302
    assert Paginafeedback.objects.count() == settings.FEEDBACK_RATE_LIMIT + 1


def test_the_limit_is_configurable(client, article, settings):
    settings.FEEDBACK_RATE_LIMIT = 2
    for _ in range(2):
        answer(client, article.get_absolute_url())
    assert answer(client, article.get_absolute_url()).status_code == 429


def test_an_answer_does_not_make_cached_pages_stale(client, article):
    before = current_generation()
    answer(client, article.get_absolute_url())
    assert current_generation() == before


# -- the widget on cached pages -----------------------------------------------------------


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def test_the_widget_on_a_cached_page_carries_nothing_per_visitor(client, article, page_cache_on):
    page = article.get_absolute_url()
    first = client.get(page)
    assert first["X-Page-Cache"] == "miss"
    second = client.get(page)
    assert second["X-Page-Cache"] == "hit"
    body = second.content.decode()
    assert "Was deze pagina nuttig?" in body
    assert f'action="{reverse("feedback")}"' in body
    assert f'name="pagina" value="{page}"' in body
    assert "csrfmiddlewaretoken" not in body
    assert not second.cookies


def test_answering_from_a_cached_page_works_and_keeps_the_page_cached(
    client, article, page_cache_on, django_assert_num_queries
):
    page = article.get_absolute_url()
    client.get(page)
    response = answer(client, page, "ja")
    assert response.status_code == 302
    with django_assert_num_queries(0):
        assert client.get(page)["X-Page-Cache"] == "hit"
    thanked = client.get(response["Location"])
    assert thanked.status_code == 200
    body = thanked.content.decode()
    assert "Bedankt voor uw reactie" in body
    assert 'action="/feedback/"' not in body
    assert Paginafeedback.objects.get().pad == page


def test_a_staff_preview_of_a_draft_asks_for_no_feedback(staff_client):
    draft = DraftArtikelFactory(titel="Nog niet klaar")
    body = staff_client.get(draft.get_absolute_url()).content.decode()
    assert "preview-banner" in body
    assert "Was deze pagina nuttig?" not in body


def test_robots_keep_crawlers_off_the_endpoint(client):
    assert "Disallow: /feedback/" in client.get("/robots.txt").content.decode()


def test_the_comment_field_tells_visitors_not_to_write_personal_data(client, article):
    body = client.get(article.get_absolute_url()).content.decode()
    assert "Schrijf geen persoonsgegevens op" in body
    assert 'maxlength="500"' in body


# -- the editors --------------------------------------------------------------------------


@pytest.fixture
def answers():
    """/kennisbank/a/: 1 of 5 useful; /kennisbank/b/: 4 of 5; /kennisbank/c/: 0 of 2."""
    rows = [("/kennisbank/a/", True, "")]
    rows += [("/kennisbank/a/", False, f"Mist een voorbeeld {n}") for n in range(4)]
    rows += [("/kennisbank/b/", True, "")] * 4 + [("/kennisbank/b/", False, "=HYPERLINK()")]
    rows += [("/kennisbank/c/", False, "")] * 2
    Paginafeedback.objects.bulk_create(
        Paginafeedback(pad=pad, nuttig=nuttig, opmerking=opmerking)
        for pad, nuttig, opmerking in rows
    )


CHANGELIST = "admin:voion_portal_paginafeedback_changelist"


def test_editors_see_the_answers_with_their_pages_counts(editor_client, answers):
    response = editor_client.get(reverse(CHANGELIST), {"pad": "/kennisbank/a/"})
    assert response.status_code == 200
    rows = response.context["cl"].result_list
    assert len(rows) == 5
    assert {(row.pagina_ja, row.pagina_nee) for row in rows} == {(1, 4)}
    body = response.content.decode()
    assert "Mist een voorbeeld 3" in body


def test_editors_filter_on_the_answer_and_search_comments(editor_client, answers):
    no = editor_client.get(reverse(CHANGELIST), {"nuttig__exact": "0"})
    assert len(no.context["cl"].result_list) == 7
    found = editor_client.get(reverse(CHANGELIST), {"q": "voorbeeld"})
    assert len(found.context["cl"].result_list) == 4


def test_editors_may_read_and_delete_but_not_add_or_change(editor_client, answers):
    item = Paginafeedback.objects.first()
    assert editor_client.get(reverse("admin:voion_portal_paginafeedback_add")).status_code == 403
    change = reverse("admin:voion_portal_paginafeedback_change", args=[item.pk])
    assert editor_client.post(change, {"pad": "/x/", "nuttig": "on"}).status_code == 403
    delete = reverse("admin:voion_portal_paginafeedback_delete", args=[item.pk])
    assert editor_client.post(delete, {"post": "yes"}).status_code == 302
    assert not Paginafeedback.objects.filter(pk=item.pk).exists()


def _csv_rows(response):
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_csv_export_of_the_answers(editor_client, answers):
    ids = list(Paginafeedback.objects.values_list("pk", flat=True))
    response = editor_client.post(
        reverse(CHANGELIST), {"action": "export_csv", "_selected_action": ids}
    )
    rows = _csv_rows(response)
    assert rows[0] == ["pagina", "nuttig", "opmerking", "ontvangen op"]
    assert len(rows) == 1 + 12
    assert rows[2][:3] == ["/kennisbank/a/", "nee", "Mist een voorbeeld 0"]
    # A comment is never a formula in a spreadsheet.
    assert "'=HYPERLINK()" in [row[2] for row in rows]


def test_csv_export_per_page_least_useful_first(editor_client, answers):
    ids = list(Paginafeedback.objects.values_list("pk", flat=True))
    response = editor_client.post(
        reverse(CHANGELIST), {"action": "export_per_page_csv", "_selected_action": ids}
    )
    rows = _csv_rows(response)
    assert rows[0] == ["pagina", "ja", "nee", "totaal", "percentage ja", "opmerkingen"]
    assert rows[1:] == [
        ["/kennisbank/c/", "0", "2", "2", "0", "0"],
        ["/kennisbank/a/", "1", "4", "5", "20", "4"],
        ["/kennisbank/b/", "4", "1", "5", "80", "1"],
    ]


def test_dashboard_lists_the_least_useful_pages_with_enough_answers(editor_client, answers):
    body = editor_client.get(reverse("admin:index")).content.decode()
    assert "Minst nuttige pagina" in body
    panel = body[body.index('id="dashboard-feedback"') :]
    panel = panel[: panel.index("</div>")]
    assert panel.index("/kennisbank/a/") < panel.index("/kennisbank/b/")
    assert "20%" in panel and "80%" in panel
    assert "/kennisbank/c/" not in panel  # 2 answers: too few to judge
    assert "?pad=%2Fkennisbank%2Fa%2F" in panel


def test_dashboard_feedback_panel_costs_one_query(editor_client, answers):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        editor_client.get(reverse("admin:index"))
    feedback_queries = [q for q in queries.captured_queries if "paginafeedback" in q["sql"]]
    assert len(feedback_queries) == 1


def test_staff_without_the_right_see_no_feedback_panel(staff_client, answers):
    body = staff_client.get(reverse("admin:index")).content.decode()
    assert 'id="dashboard-feedback"' not in body
