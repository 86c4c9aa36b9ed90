"""The anonymous page cache: fast for visitors, never stale for what editors publish."""

import datetime

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from kennisbank.models import Artikel
from tests.factories import (
    ArtikelFactory,
    DraftArtikelFactory,
    InstrumentFactory,
    SectorFactory,
)
from voion_portal.core import pagecache
from voion_portal.core.content import Status

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def test_second_anonymous_request_is_served_from_cache_without_queries(
    client, django_assert_num_queries
):
    ArtikelFactory(titel="Werkdruk")
    first = client.get("/kennisbank/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/kennisbank/")
    assert second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_publishing_shows_up_on_the_next_request(client):
    ArtikelFactory(titel="Eerste artikel")
    assert "Eerste artikel" in client.get("/kennisbank/").content.decode()
    draft = DraftArtikelFactory(titel="Net gepubliceerd")
    assert "Net gepubliceerd" not in client.get("/kennisbank/").content.decode()
    draft.status = Status.GEPUBLICEERD
    draft.save()
    assert "Net gepubliceerd" in client.get("/kennisbank/").content.decode()


def test_a_relation_change_invalidates_too(client):
    instrument = InstrumentFactory(titel="Werkbalans")
    artikel = ArtikelFactory(titel="Werkdruk")
    assert "Werkbalans" not in client.get(artikel.get_absolute_url()).content.decode()
    artikel.instrumenten.add(instrument)
    assert "Werkbalans" in client.get(artikel.get_absolute_url()).content.decode()


def test_staff_and_posts_bypass_the_cache(django_user_model):
    ArtikelFactory(titel="Werkdruk")
    visitor, staff = Client(), Client()
    staff.force_login(django_user_model.objects.create_user("staf", is_staff=True))
    visitor.get("/kennisbank/")
    assert visitor.get("/kennisbank/")["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in staff.get("/kennisbank/")
    assert "X-Page-Cache" not in visitor.post("/kennisbank/")


def test_admin_is_never_cached(client):
    response = client.get("/admin/login/")
    assert "X-Page-Cache" not in response


def test_etag_and_last_modified_give_304(client):
    ArtikelFactory(titel="Werkdruk")
    first = client.get("/kennisbank/")
    second = client.get("/kennisbank/")
    assert second["ETag"] and second["Last-Modified"]
    assert client.get("/kennisbank/", HTTP_IF_NONE_MATCH=second["ETag"]).status_code == 304
    assert (
        client.get("/kennisbank/", HTTP_IF_MODIFIED_SINCE=second["Last-Modified"]).status_code
        == 304
    )
    assert first["ETag"] == second["ETag"]


def test_request_headers_cannot_make_an_anonymous_visitor_bypass_the_cache(client):
    ArtikelFactory(titel="Werkdruk")
    client.get("/kennisbank/")
    for headers in (
        {"Cache-Control": "no-cache"},
        {"Cache-Control": "no-cache, no-store, max-age=0"},
        {"Pragma": "no-cache"},
        {pagecache.BYPASS_HEADER: "0" * 40},  # a guessed signature
    ):
        assert client.get("/kennisbank/", headers=headers)["X-Page-Cache"] == "hit", headers


def test_made_up_session_and_message_cookies_do_not_bypass_the_cache(client):
    ArtikelFactory(titel="Werkdruk")
    client.get("/kennisbank/")
    client.cookies["sessionid"] = "x" * 32
    client.cookies["messages"] = "een-verzonnen-bericht"
    assert client.get("/kennisbank/")["X-Page-Cache"] == "hit"


def test_the_signed_bypass_header_renders_afresh(client):
    ArtikelFactory(titel="Werkdruk")
    client.get("/kennisbank/")
    response = client.get("/kennisbank/", headers=pagecache.bypass_headers())
    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_a_flood_of_unknown_parameters_finds_the_cached_page(client, django_assert_num_queries):
    ArtikelFactory(titel="Werkdruk")
    responses = [client.get("/kennisbank/", {"utm_source": f"nieuwsbrief-{n}"}) for n in range(50)]
    assert [r["X-Page-Cache"] for r in responses].count("miss") == 1
    with django_assert_num_queries(0):
        assert client.get("/kennisbank/?utm_campaign=x&fbclid=y")["X-Page-Cache"] == "hit"
    # What the page shows follows from its key alone: no visitor's parameter in it.
    assert "utm_source" not in responses[0].content.decode()
    assert all(r.content == responses[0].content for r in responses)


@pytest.mark.parametrize(
    ("path", "unknown"),
    [
        ("/zoeken/?q=werkdruk", "&utm_medium=mail"),
        ("/instrumenten/?sector=vo", "&x=1"),
        ("/feeds/kennisbank/?sector=vo", "&ref=rss"),
        ("/", "?gclid=abc"),
        ("/sitemap.xml", "?utm_source=x"),
    ],
)
def test_unknown_parameters_are_ignored_on_every_kind_of_page(client, path, unknown):
    SectorFactory(slug="vo")
    ArtikelFactory(titel="Werkdruk")
    assert client.get(path).status_code == 200
    assert client.get(path + unknown)["X-Page-Cache"] == "hit"


def test_parameters_the_page_reads_give_their_own_pages(client):
    vo, po = SectorFactory(slug="vo"), SectorFactory(slug="po")
    ArtikelFactory(titel="Alleen vo").sectoren.set([vo])
    ArtikelFactory(titel="Alleen po").sectoren.set([po])
    only_vo = client.get("/kennisbank/?sector=vo").content.decode()
    only_po = client.get("/kennisbank/?sector=po").content.decode()
    assert "Alleen vo" in only_vo and "Alleen po" not in only_vo
    assert "Alleen po" in only_po and "Alleen vo" not in only_po
    assert client.get("/zoeken/?q=werkdruk")["X-Page-Cache"] == "miss"
    assert client.get("/zoeken/?q=taakbeleid")["X-Page-Cache"] == "miss"


def test_repeated_parameters_keep_working_in_any_order(client):
    vo, po, mbo = SectorFactory(slug="vo"), SectorFactory(slug="po"), SectorFactory(slug="mbo")
    ArtikelFactory(titel="Voor vo").sectoren.set([vo])
    ArtikelFactory(titel="Voor po").sectoren.set([po])
    ArtikelFactory(titel="Voor mbo").sectoren.set([mbo])
    first = client.get("/kennisbank/?sector=po&sector=vo")
    assert first["X-Page-Cache"] == "miss"
    html = first.content.decode()
    assert "Voor vo" in html and "Voor po" in html and "Voor mbo" not in html
    again = client.get("/kennisbank/?utm_source=x&sector=vo&sector=po")
    assert again["X-Page-Cache"] == "hit"
    assert again.content == first.content


def test_cached_page_never_outlives_the_next_scheduled_publication(client, monkeypatch):
    ArtikelFactory(titel="Al openbaar")
    moment = timezone.now() + datetime.timedelta(minutes=5)
    ArtikelFactory(titel="Gepland artikel", publicatiedatum=moment)
    assert "Gepland artikel" not in client.get("/kennisbank/").content.decode()
    assert client.get("/kennisbank/")["X-Page-Cache"] == "hit"

    later = moment + datetime.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    import time

    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 301)  # the cache's clock too
    response = client.get("/kennisbank/")
    assert "Gepland artikel" in response.content.decode()
    assert Artikel.objects.published().count() == 2


def test_a_page_cached_while_an_edit_was_not_yet_committed_is_stale_after_the_commit(
    django_capture_on_commit_callbacks,
):
    artikel = ArtikelFactory(titel="Oude titel")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        artikel.titel = "Nieuwe titel"
        artikel.save()
        # What a concurrent visitor caches before the commit, from the old row.
        generation_during_the_edit = pagecache.current_generation()
    assert pagecache.current_generation() != generation_during_the_edit
