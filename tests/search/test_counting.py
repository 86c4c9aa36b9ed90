"""Searches are counted per week for the editors: what visitors sought, found and opened."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import QuerySet
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ArtikelFactory, InstrumentFactory
from voion_portal.search.counting import current_week, normalise_query, week_of
from voion_portal.search.models import Zoekopdracht

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
CHANGELIST = "admin:voion_portal_zoekopdracht_changelist"


@pytest.fixture
def visitor():
    return Client(headers={"User-Agent": BROWSER})


@pytest.fixture
def article():
    return ArtikelFactory(titel="Werkdruk verlagen in het vo")


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def counted(term):
    row = Zoekopdracht.objects.filter(week=current_week(), zoekterm=term).first()
    return (row.aantal, row.zonder_resultaat, row.kliks) if row else None


def test_a_search_on_the_search_page_is_counted_in_its_normalised_form(visitor, article):
    visitor.get("/zoeken/", {"q": "  Werkdruk \t VERLAGEN "})
    visitor.get("/zoeken/", {"q": "werkdruk verlagen"})
    assert counted("werkdruk verlagen") == (2, 0, 0)
    assert Zoekopdracht.objects.count() == 1


def test_a_search_in_a_listing_is_counted_with_whether_it_found_anything(visitor, article):
    InstrumentFactory(titel="Werkdrukmeter")
    visitor.get("/kennisbank/", {"q": "werkdruk"})
    visitor.get("/instrumenten/", {"q": "werkdruk"})
    visitor.get("/kennisbank/", {"q": "xylofoonles"})
    assert counted("werkdruk") == (2, 0, 0)
    assert counted("xylofoonles") == (1, 1, 0)


def test_pages_without_a_query_count_nothing(visitor, article):
    visitor.get("/kennisbank/")
    visitor.get("/zoeken/")
    visitor.get("/kennisbank/", {"q": "   "})
    visitor.get(article.get_absolute_url(), {"q": "werkdruk"})  # not a search page
    assert not Zoekopdracht.objects.exists()


def test_a_search_answered_from_the_page_cache_is_counted_with_its_result(
    visitor, article, page_cache_on, django_assert_max_num_queries
):
    visitor.get("/kennisbank/", {"q": "werkdruk"})
    first = visitor.get("/kennisbank/", {"q": "niets-te-vinden"})
    assert first["X-Page-Cache"] == "miss"
    with django_assert_max_num_queries(2):  # one count each, nothing else
        hit = visitor.get("/kennisbank/", {"q": "werkdruk"})
        empty_hit = visitor.get("/kennisbank/", {"q": "niets-te-vinden"})
    assert hit["X-Page-Cache"] == empty_hit["X-Page-Cache"] == "hit"
    assert counted("werkdruk") == (2, 0, 0)
    assert counted("niets-te-vinden") == (2, 2, 0)
    # the count travels in the cache with the page, never to the visitor
    assert "X-Search-Results" not in hit and "X-Search-Results" not in first


def test_counting_costs_one_query_per_search_once_the_week_has_a_row(
    visitor, article, page_cache_on, django_assert_num_queries
):
    visitor.get("/kennisbank/", {"q": "werkdruk"})
    with django_assert_num_queries(1):  # the page from the cache, plus the count
        assert visitor.get("/kennisbank/", {"q": "werkdruk"})["X-Page-Cache"] == "hit"
    assert counted("werkdruk") == (2, 0, 0)


def test_opening_a_result_counts_a_click_for_the_query(visitor, article):
    search_url = "http://testserver/kennisbank/?q=Werkdruk"
    visitor.get("/kennisbank/", {"q": "werkdruk"})
    visitor.get(article.get_absolute_url(), headers={"Referer": search_url})
    visitor.get(
        article.get_absolute_url(), headers={"Referer": "http://testserver/zoeken/?q=werkdruk"}
    )
    assert counted("werkdruk") == (1, 0, 2)


def test_only_opening_a_page_from_a_same_site_search_is_a_click(visitor, article):
    visitor.get("/kennisbank/", {"q": "werkdruk"})
    page = article.get_absolute_url()
    visitor.get(page, headers={"Referer": "https://elders.example/zoeken/?q=werkdruk"})
    visitor.get(page, headers={"Referer": "http://testserver/kennisbank/"})
    visitor.get(page)
    # back to the section, or the same list with other filters, is no result opened
    visitor.get("/kennisbank/", headers={"Referer": "http://testserver/kennisbank/?q=werkdruk"})
    visitor.get("/", headers={"Referer": "http://testserver/kennisbank/?q=werkdruk"})
    assert counted("werkdruk") == (1, 0, 0)


def test_a_click_from_a_cached_result_list_to_a_cached_page_is_counted(
    visitor, article, page_cache_on
):
    referer = {"Referer": "http://testserver/kennisbank/?q=werkdruk"}
    visitor.get("/kennisbank/", {"q": "werkdruk"})
    visitor.get(article.get_absolute_url(), headers=referer)
    second = visitor.get(article.get_absolute_url(), headers=referer)
    assert second["X-Page-Cache"] == "hit"
    assert counted("werkdruk") == (1, 0, 2)


def test_paging_filtering_or_sorting_the_same_search_counts_it_once(visitor, article):
    visitor.get("/kennisbank/", {"q": "werkdruk"})
    referer = {"Referer": "http://testserver/kennisbank/?q=werkdruk"}
    visitor.get("/kennisbank/", {"q": "werkdruk", "sort": "nieuw"}, headers=referer)
    visitor.get("/kennisbank/", {"q": "werkdruk verlagen"}, headers=referer)
    assert counted("werkdruk") == (1, 0, 0)
    assert counted("werkdruk verlagen") == (1, 0, 0)


def test_nothing_personal_is_stored_or_set(visitor, article):
    response = visitor.get(
        "/zoeken/",
        {"q": "Werkdruk bel 06-12345678 of mail jan.jansen@school.nl"},
        REMOTE_ADDR="203.0.113.9",
    )
    assert not response.cookies
    (row,) = Zoekopdracht.objects.all()
    stored = " ".join(str(value) for value in row.__dict__.values())
    assert "203.0.113.9" not in stored and BROWSER not in stored
    assert row.zoekterm == "werkdruk bel [nummer] of mail [e-mailadres]"
    assert "jansen" not in stored and "12345678" not in stored


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "curl/8.5.0",
        "python-requests/2.32",
        "",
    ],
)
def test_robots_and_scripts_are_not_counted(article, agent):
    Client(headers={"User-Agent": agent}).get("/zoeken/", {"q": "werkdruk"})
    assert not Zoekopdracht.objects.exists()


def test_head_requests_and_staff_previews_are_not_counted(visitor, staff_client, article):
    visitor.head("/zoeken/", {"q": "werkdruk"})
    staff_client.get("/zoeken/", {"q": "werkdruk"}, headers={"User-Agent": BROWSER})
    assert not Zoekopdracht.objects.exists()


def test_a_malformed_referer_is_no_click_and_no_error(visitor, article, caplog):
    visitor.get("/kennisbank/", {"q": "werkdruk"})
    response = visitor.get(
        article.get_absolute_url(), headers={"Referer": "http://[::1/?q=werkdruk"}
    )
    assert response.status_code == 200
    assert counted("werkdruk") == (1, 0, 0)
    assert "not counted" not in caplog.text


def test_a_failing_count_is_logged_and_the_page_still_served(visitor, article, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr("voion_portal.search.counting._add", broken)
    response = visitor.get("/kennisbank/", {"q": "werkdruk"})
    assert response.status_code == 200
    assert "Werkdruk verlagen" in response.content.decode()
    assert "not counted" in caplog.text


def test_a_row_another_worker_created_meanwhile_still_gets_the_count(visitor, article, monkeypatch):
    # Both workers found no row to add to; the other one inserted first.
    real_update = QuerySet.update
    calls = []

    def update_while_the_other_worker_inserts(queryset, **fields):
        calls.append(fields)
        if len(calls) == 1:
            Zoekopdracht.objects.create(week=current_week(), zoekterm="werkdruk", aantal=1)
            return 0
        return real_update(queryset, **fields)

    monkeypatch.setattr(QuerySet, "update", update_while_the_other_worker_inserts)
    visitor.get("/kennisbank/", {"q": "werkdruk"})
    monkeypatch.undo()
    assert len(calls) == 2
    assert counted("werkdruk") == (2, 0, 0)


def test_normalising_keeps_the_words_and_drops_the_noise():
    assert normalise_query("  DI\u200b   Duurzame\nInzetbaarheid ") == "di duurzame inzetbaarheid"
    assert normalise_query("Ｗｅｒｋｄｒｕｋ") == "werkdruk"
    assert len(normalise_query("woord " * 100)) <= 200


def test_weeks_start_on_monday():
    assert week_of(datetime.date(2026, 12, 3)) == datetime.date(2026, 11, 30)
    assert week_of(datetime.date(2026, 11, 30)) == datetime.date(2026, 11, 30)
    assert week_of(datetime.date(2027, 1, 3)) == datetime.date(2026, 12, 28)


# -- retention ------------------------------------------------------------------------


def weeks_ago(n):
    return current_week() - datetime.timedelta(weeks=n)


def test_purge_removes_the_weeks_before_the_retention_period_only(settings):
    settings.SEARCH_LOG_RETENTION_DAYS = 28
    for n in (0, 4, 5, 60):
        Zoekopdracht.objects.create(week=weeks_ago(n), zoekterm="werkdruk", aantal=1)
    call_command("purge_search_log", stdout=io.StringIO())
    assert sorted(Zoekopdracht.objects.values_list("week", flat=True)) == [
        weeks_ago(4),
        weeks_ago(0),
    ]


def test_purge_days_option_and_dry_run(capsys):
    Zoekopdracht.objects.create(week=weeks_ago(3), zoekterm="werkdruk", aantal=1)
    call_command("purge_search_log", days=7, dry_run=True)
    assert "1 zoektelling" in capsys.readouterr().out
    assert Zoekopdracht.objects.exists()
    call_command("purge_search_log", days=7)
    assert not Zoekopdracht.objects.exists()
    with pytest.raises(CommandError):
        call_command("purge_search_log", days=-1)


# -- the editors' view ----------------------------------------------------------------


@pytest.fixture
def counts():
    this_week, last_week = weeks_ago(0), weeks_ago(1)
    return [
        Zoekopdracht.objects.create(week=this_week, zoekterm="werkdruk", aantal=40, kliks=25),
        Zoekopdracht.objects.create(
            week=this_week, zoekterm="rouwverwerking", aantal=12, zonder_resultaat=12
        ),
        Zoekopdracht.objects.create(week=this_week, zoekterm="cao tabel", aantal=7),
        Zoekopdracht.objects.create(week=last_week, zoekterm="oude zoekterm", aantal=99),
    ]


def listed(response):
    return [row.zoekterm for row in response.context["cl"].result_list]


def test_editors_see_the_most_frequent_searches_per_week(editor_client, counts):
    response = editor_client.get(reverse(CHANGELIST), {"week": weeks_ago(0).isoformat()})
    assert response.status_code == 200
    assert listed(response) == ["werkdruk", "rouwverwerking", "cao tabel"]
    body = response.content.decode()
    assert f"week {weeks_ago(1).isocalendar().week}" in body  # the other week is offered


def test_editors_filter_on_no_results_and_no_click(editor_client, counts):
    none_found = editor_client.get(reverse(CHANGELIST), {"uitkomst": "geen-resultaten"})
    assert listed(none_found) == ["rouwverwerking"]
    not_clicked = editor_client.get(
        reverse(CHANGELIST), {"uitkomst": "geen-klik", "week": weeks_ago(0).isoformat()}
    )
    assert listed(not_clicked) == ["rouwverwerking", "cao tabel"]


def test_each_search_links_to_the_site_and_to_adding_a_synonym(editor_client, counts):
    body = editor_client.get(reverse(CHANGELIST)).content.decode()
    assert 'href="/zoeken/?q=cao+tabel"' in body
    synonym_add = reverse("admin:voion_portal_synoniem_add")
    assert f'href="{synonym_add}?term=cao+tabel"' in body
    assert reverse("admin:voion_portal_synoniem_changelist") in body
    form = editor_client.get(synonym_add, {"term": "cao tabel"}).content.decode()
    assert 'value="cao tabel"' in form


def test_editors_may_read_and_delete_but_not_add_or_change(editor_client, counts):
    item = counts[0]
    add = reverse("admin:voion_portal_zoekopdracht_add")
    assert editor_client.get(add).status_code == 403
    change = reverse("admin:voion_portal_zoekopdracht_change", args=[item.pk])
    assert editor_client.post(change, {"zoekterm": "iets anders"}).status_code == 403
    item.refresh_from_db()
    assert item.zoekterm == "werkdruk"
    delete = reverse("admin:voion_portal_zoekopdracht_delete", args=[item.pk])
    assert editor_client.post(delete, {"post": "yes"}).status_code == 302
    assert not Zoekopdracht.objects.filter(pk=item.pk).exists()


def test_the_admin_itself_is_not_counted(editor_client, counts):
    editor_client.get(reverse(CHANGELIST), {"q": "werkdruk"}, headers={"User-Agent": BROWSER})
    assert Zoekopdracht.objects.get(zoekterm="werkdruk", week=weeks_ago(0)).aantal == 40


def test_a_week_is_shown_by_its_iso_number_and_monday():
    row = Zoekopdracht(week=datetime.date(2026, 11, 30), zoekterm="werkdruk")
    assert str(row) == "werkdruk (week van 30-11-2026)"
    assert row.get_absolute_url() == "/zoeken/?q=werkdruk"


def test_the_dashboard_lists_what_visitors_did_not_find_in_one_query(editor_client, counts):
    Zoekopdracht.objects.create(week=weeks_ago(1), zoekterm="rouwverwerking", zonder_resultaat=3)
    Zoekopdracht.objects.create(week=weeks_ago(1), zoekterm="bso", zonder_resultaat=5)
    Zoekopdracht.objects.create(week=weeks_ago(2), zoekterm="te oud", zonder_resultaat=50)
    with CaptureQueriesContext(connection) as queries:
        body = editor_client.get(reverse("admin:index")).content.decode()
    panel = body[body.index('id="dashboard-niet-gevonden"') :]
    panel = panel[: panel.index("</div>")]
    assert panel.index("rouwverwerking") < panel.index("bso")  # 12 + 3 before 5
    assert "<td>15</td>" in panel
    assert "te oud" not in panel and "werkdruk" not in panel
    assert "uitkomst=geen-resultaten" in panel
    counting_queries = [q for q in queries.captured_queries if "zoekopdracht" in q["sql"]]
    assert len(counting_queries) == 1


def test_staff_without_the_right_see_no_search_panel(staff_client, counts):
    body = staff_client.get(reverse("admin:index")).content.decode()
    assert 'id="dashboard-niet-gevonden"' not in body


def test_no_results_on_the_search_page_are_counted(visitor, article):
    visitor.get("/zoeken/", {"q": "xylofoonles"})
    visitor.get("/zoeken/", {"q": "xylofoonles", "type": "kennisbank"})
    assert counted("xylofoonles") == (2, 2, 0)
