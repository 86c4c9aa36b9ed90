import re
from urllib.parse import unquote

import pytest

from tests.factories import (
    ActiviteitFactory,
    ArtikelFactory,
    DiPijlerFactory,
    DraftInstrumentFactory,
    InstrumentFactory,
    InstrumentSoortFactory,
    PilotFactory,
    SectorFactory,
    StapFactory,
    ThemaFactory,
)
from tests.tasks import run_queued_tasks
from voion_portal.core.pagecache import bypass_headers

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    vo, po, mbo = (SectorFactory(slug=s) for s in ("vo", "po", "mbo"))
    kunnen, willen = DiPijlerFactory(slug="kunnen-werken"), DiPijlerFactory(slug="willen-werken")
    scan = InstrumentSoortFactory(slug="scan", naam="Scan")
    werkbalans = InstrumentFactory(titel="Werkbalans", slug="werkbalans", soort=scan)
    werkbalans.sectoren.add(vo)
    werkbalans.pijlers.add(kunnen)
    arboscan = InstrumentFactory(titel="Arboscan-VO", slug="arboscan-vo", soort=scan)
    arboscan.sectoren.add(vo)
    arboscan.pijlers.add(kunnen, willen)
    startwijzer = InstrumentFactory(titel="Startwijzerscan po", slug="startwijzerscan-po")
    startwijzer.sectoren.add(po)
    startwijzer.pijlers.add(willen)
    mbo_tool = InstrumentFactory(titel="Beroepsbeeld mbo", slug="beroepsbeeld-mbo")
    mbo_tool.sectoren.add(mbo)
    DraftInstrumentFactory(titel="Geheim concept").sectoren.add(vo)
    return {"werkbalans": werkbalans, "arboscan": arboscan}


def titles(response):
    return [i.titel for i in response.context["instrumenten"]]


def facet_count(response, param, slug):
    for facet in response.context["facets"]:
        if facet.param == param:
            for option in facet.options:
                if option.slug == slug:
                    return option.count
    return None


def test_unfiltered_catalogue_lists_published_instruments_by_name(client, catalogue):
    response = client.get("/instrumenten/")
    assert response.status_code == 200
    assert titles(response) == [
        "Arboscan-VO",
        "Beroepsbeeld mbo",
        "Startwijzerscan po",
        "Werkbalans",
    ]
    assert "Geheim concept" not in response.content.decode()
    assert "4 instrumenten gevonden" in response.content.decode()


def test_single_facet(client, catalogue):
    assert titles(client.get("/instrumenten/?pijler=kunnen-werken")) == [
        "Arboscan-VO",
        "Werkbalans",
    ]


def test_values_within_a_facet_are_or(client, catalogue):
    response = client.get("/instrumenten/?sector=po&sector=mbo")
    assert titles(response) == ["Beroepsbeeld mbo", "Startwijzerscan po"]


def test_facets_combine_with_and(client, catalogue):
    response = client.get("/instrumenten/?pijler=willen-werken&sector=vo")
    assert titles(response) == ["Arboscan-VO"]


def test_facet_counts_show_what_selecting_a_value_gives(client, catalogue):
    response = client.get("/instrumenten/?sector=vo")
    # within vo: kunnen-werken 2 (werkbalans, arboscan), willen-werken 1 (arboscan)
    assert facet_count(response, "pijler", "kunnen-werken") == 2
    assert facet_count(response, "pijler", "willen-werken") == 1
    # the sector facet counts ignore the sector selection itself (OR semantics)
    assert facet_count(response, "sector", "po") == 1
    assert facet_count(response, "sector", "vo") == 2


def test_selected_values_are_removable_chips(client, catalogue):
    response = client.get("/instrumenten/?pijler=kunnen-werken&sector=vo")
    chips = {chip.label: chip.remove_url for chip in response.context["chips"]}
    assert chips["Sector: Sector vo"] == "/instrumenten/?pijler=kunnen-werken"
    assert chips["DI-pijler: Kunnen werken"] == "/instrumenten/?sector=vo"
    assert "Alles wissen" in response.content.decode()


def test_the_selection_can_be_shared_by_link_and_e_mail(client, catalogue):
    body = client.get("/instrumenten/?sector=vo&pijler=kunnen-werken&page=1").content.decode()
    shared = "http://testserver/instrumenten/?pijler=kunnen-werken&amp;sector=vo"
    link = f'<a class="page-action" href="{shared}" data-share-copy>Link naar deze selectie</a>'
    assert link in body
    mail = re.search(r'href="mailto:\?subject=([^&"]*)&amp;body=([^"]*)"', body)
    assert unquote(mail.group(1)) == ("Instrumenten · DI-pijler: Kunnen werken · Sector: Sector vo")
    assert (
        unquote(mail.group(2)) == "http://testserver/instrumenten/?pijler=kunnen-werken&sector=vo"
    )
    assert "data-share-print" not in body  # a list is shared, not printed


@pytest.mark.parametrize(
    "query",
    [
        "pijler=bestaat-niet",
        "sector=vo&sector=vo&sector=vo",
        "sector=",
        "sector=%00",
        "sort=drop%20table",
        "pijler=" + "x" * 5000,
        "q=" + "werk%20" * 100,
        "thema[]=1&aanbieder=<script>",
        "page=1&page=1",
    ],
)
def test_malformed_parameters_give_a_normal_page(client, catalogue, query):
    response = client.get(f"/instrumenten/?{query}")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_unknown_value_is_reported_and_ignored(client, catalogue):
    response = client.get("/instrumenten/?pijler=bestaat-niet&sector=vo")
    assert titles(response) == ["Arboscan-VO", "Werkbalans"]
    assert "Onbekende filterwaarde genegeerd: &#x27;bestaat-niet&#x27;" in response.content.decode()


@pytest.mark.parametrize("page", ["999", "abc", "-1", "0"])
def test_out_of_range_page_is_404(client, catalogue, page):
    assert client.get(f"/instrumenten/?page={page}").status_code == 404


def test_pagination_keeps_the_filters(client, settings):
    vo = SectorFactory(slug="vo")
    for n in range(25):
        InstrumentFactory(titel=f"Tool {n:02d}").sectoren.add(vo)
    InstrumentFactory(titel="Zonder sector")
    response = client.get("/instrumenten/?sector=vo&sort=naam")
    body = response.content.decode()
    assert "25 instrumenten gevonden" in body
    next_link = re.search(r'<a rel="next" href="([^"]+)"', body).group(1)
    assert "sector=vo" in next_link and "page=2" in next_link and "sort=naam" in next_link
    assert next_link.startswith("?")
    second = client.get("/instrumenten/" + next_link.replace("&amp;", "&"))
    assert len(second.context["instrumenten"]) == 5


def test_sort_newest_and_search(client, catalogue):
    response = client.get("/instrumenten/?q=werkbalans")
    assert titles(response) == ["Werkbalans"]
    assert response.context["sort"] == "relevantie"


def test_search_ranks_title_matches_first(client):
    InstrumentFactory(titel="Iets anders", samenvatting="Over werkdruk gesproken")
    InstrumentFactory(titel="Werkdruk-check", samenvatting="Een check")
    assert titles(client.get("/instrumenten/?q=werkdruk"))[0] == "Werkdruk-check"


def test_canonical_and_noindex(client, catalogue):
    single = client.get("/instrumenten/?sector=vo").content.decode()
    assert '<link rel="canonical" href="/instrumenten/?sector=vo">' in single
    assert "noindex" not in single
    double = client.get("/instrumenten/?sector=vo&pijler=kunnen-werken").content.decode()
    assert '<link rel="canonical" href="/instrumenten/">' in double
    assert '<meta name="robots" content="noindex, follow">' in double


def make_rows(count):
    vo = SectorFactory(slug="vo")
    pijler = DiPijlerFactory(slug="kunnen-werken")
    thema = ThemaFactory()
    for _ in range(count):
        item = InstrumentFactory()
        item.sectoren.add(vo)
        item.pijlers.add(pijler)
        item.themas.add(thema)


@pytest.mark.parametrize("rows", [3, 30])
def test_catalogue_query_count_does_not_grow(client, django_assert_max_num_queries, rows):
    make_rows(rows)
    client.get("/instrumenten/?q=warm")  # fills the facet term and synonym caches
    # count, rows, facet counts, prefetches; on PostgreSQL a lookup of the words in the stem
    # list, one more to see if words matched and two planner estimates (EXPLAIN, not
    # executed; here not remembered) to pick how to find the newest matches
    with django_assert_max_num_queries(8):
        filtered = client.get("/instrumenten/?sector=vo&pijler=kunnen-werken&q=instrument")
    assert filtered.status_code == 200
    with django_assert_max_num_queries(5):
        unfiltered = client.get("/instrumenten/")
    assert unfiltered.status_code == 200


@pytest.mark.parametrize("rows", [3, 30])
def test_first_catalogue_request_after_an_edit_stays_within_ten_queries(
    client, settings, django_assert_max_num_queries, rows
):
    settings.PAGE_CACHE_SECONDS = 600  # facet counts, lookup tables and cards cached
    make_rows(rows)
    url = "/instrumenten/?sector=vo&pijler=kunnen-werken"
    client.get(url)
    InstrumentFactory(titel="Net bewerkt")  # an editor saves: the catalogue's caches are stale
    # lookup tables, next scheduled publication, the counts from before (shared by the
    # processes), the recount queued for the task worker, the result count (not taken
    # from the old counts), rows, two card tag prefetches
    with django_assert_max_num_queries(8):
        response = client.get(url, headers=bypass_headers())
    assert response.status_code == 200
    run_task_worker()  # recounts
    client.get(url, headers=bypass_headers())  # this process takes the recount over
    with django_assert_max_num_queries(1):  # between edits: only the rows
        response = client.get(url, headers=bypass_headers())
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 10])
def test_instrument_page_query_count_and_cross_links(client, django_assert_max_num_queries, rows):
    instrument = InstrumentFactory(titel="Werkbalans")
    instrument.sectoren.add(SectorFactory(slug="vo"))
    pilot = PilotFactory(titel="Pilot deeltijd")
    for n in range(rows):
        activiteit = ActiviteitFactory(titel=f"Onderhouden Werkbalans {n}")
        activiteit.instrumenten.add(instrument)
        activiteit.pilots.add(pilot)
        StapFactory(titel=f"Stap {n}").instrumenten.add(instrument)
        ArtikelFactory(titel=f"Verhaal {n}").instrumenten.add(instrument)
    with django_assert_max_num_queries(11):  # + its documents
        response = client.get(instrument.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "Onderhouden Werkbalans 0" in body
    assert f"{activiteit.jaarplan.get_absolute_url()}#{activiteit.slug}" in body
    assert "Stap 0" in body and "Verhaal 0" in body and "Pilot deeltijd" in body


def test_an_item_matching_two_values_of_a_facet_is_listed_once(client, catalogue):
    # arboscan has both pillars: OR within a facet must not list it twice
    response = client.get("/instrumenten/?pijler=kunnen-werken&pijler=willen-werken")
    assert sorted(titles(response)) == ["Arboscan-VO", "Startwijzerscan po", "Werkbalans"]
    assert "3 instrumenten gevonden" in response.content.decode()


def test_result_count_includes_instruments_without_a_kind(client, catalogue):
    # the total is read from the kind facet; two of the four have no kind
    response = client.get("/instrumenten/")
    assert response.context["paginator"].count == 4
    assert "4 instrumenten gevonden" in response.content.decode()
    filtered = client.get("/instrumenten/?soort=scan&sector=vo")
    assert filtered.context["paginator"].count == 2


def run_task_worker():
    run_queued_tasks()  # the task worker's part


def test_cached_facet_counts_and_panel_follow_an_edit_once_the_worker_recounted(
    client, settings, catalogue
):
    settings.PAGE_CACHE_SECONDS = 600
    headers = bypass_headers()  # skip the page cache: exercise the count cache
    before = client.get("/instrumenten/?sector=vo", headers=headers)
    assert facet_count(before, "pijler", "willen-werken") == 1
    assert 'value="willen-werken"' in before.content.decode()

    catalogue["werkbalans"].pijlers.add(DiPijlerFactory(slug="gezond-werken", naam="Gezond"))
    # Right after the edit the visitor does not wait for a recount: the counts from
    # before are shown, and the page is cached for a moment only.
    during = client.get("/instrumenten/?sector=vo")
    assert during.status_code == 200
    assert facet_count(during, "pijler", "gezond-werken") is None
    assert not during.context["view"].get_listing().counts_fresh

    run_task_worker()
    after = client.get("/instrumenten/?sector=vo", headers=headers)
    assert facet_count(after, "pijler", "gezond-werken") == 1
    assert 'value="gezond-werken"' in after.content.decode()
    assert after.context["view"].get_listing().counts_fresh


def test_new_results_show_at_once_and_their_count_after_the_recount(client, settings, catalogue):
    settings.PAGE_CACHE_SECONDS = 600
    headers = bypass_headers()
    assert client.get("/instrumenten/", headers=headers).context["paginator"].count == 4
    InstrumentFactory(titel="Nieuwe scan").sectoren.add(SectorFactory(slug="vo-2"))
    during = client.get("/instrumenten/?sort=nieuw", headers=headers)
    assert "Nieuwe scan" in during.content.decode()  # the results never wait
    run_task_worker()
    assert client.get("/instrumenten/", headers=headers).context["paginator"].count == 5


def test_counts_are_computed_at_once_when_the_worker_does_not_deliver(client, settings, catalogue):
    settings.PAGE_CACHE_SECONDS = 600
    settings.REFRESH_GRACE_SECONDS = 0  # the worker is down: waited long enough
    headers = bypass_headers()
    client.get("/instrumenten/?sector=vo", headers=headers)
    catalogue["werkbalans"].pijlers.add(DiPijlerFactory(slug="gezond-werken", naam="Gezond"))
    client.get("/instrumenten/?sector=vo", headers=headers)  # asks the worker, in vain
    later = client.get("/instrumenten/?sector=vo", headers=headers)
    assert facet_count(later, "pijler", "gezond-werken") == 1


def test_a_pilot_is_related_to_an_instrument_only_through_an_activity_naming_both(client):
    instrument = InstrumentFactory(titel="Arboscan-VO")
    tied = PilotFactory(titel="Pilot werkdruk")
    activiteit = ActiviteitFactory(titel="Arboscan onderhouden")
    activiteit.instrumenten.add(instrument)
    activiteit.pilots.add(tied)
    untied = PilotFactory(titel="Pilots onderwijstijd")
    overview = ArtikelFactory(titel="Jaarplan in het kort")
    overview.instrumenten.add(instrument)
    overview.pilots.add(untied)
    response = client.get(instrument.get_absolute_url())
    assert response.status_code == 200
    assert [pilot.titel for pilot in response.context["pilots"]] == ["Pilot werkdruk"]


def test_instrument_page_has_a_metadata_panel_share_print_and_a_print_footer(
    client, django_assert_max_num_queries
):
    import datetime

    from django.utils import timezone

    from voion_portal.editors.models import ExterneLink

    instrument = InstrumentFactory(
        titel="Werkbalans",
        soort=InstrumentSoortFactory(naam="Methode"),
        url="https://www.werkbalans.nl/",
    )
    instrument.sectoren.add(SectorFactory(slug="vo", afkorting="vo"))
    instrument.pijlers.add(DiPijlerFactory(naam="Kunnen werken"))
    checked = timezone.make_aware(datetime.datetime(2026, 11, 12, 3, 0))
    ExterneLink.objects.create(url=instrument.url, gecontroleerd_op=checked, kapot=False)

    with django_assert_max_num_queries(11):  # + its documents
        response = client.get(instrument.get_absolute_url())
    body = response.content.decode()
    panel = body[body.index('<aside class="meta-panel"') : body.index("</aside>")]
    for label, value in [
        ("Soort", "Methode"),
        ("Aanbieder", instrument.aanbieder.naam),
        ("Sector", "vo"),
        ("DI-pijler", "Kunnen werken"),
        ("Bijgewerkt", '<time datetime="'),
        ("Link gecontroleerd", "12 november 2026"),
    ]:
        assert f"<dt>{label}</dt>" in panel and value in panel, (label, value)
    # Share: the page's own address to copy, an e-mail with subject and address; print.
    address = f"http://testserver{instrument.get_absolute_url()}"
    assert f'href="{address}" data-share-copy' in body
    assert "mailto:?subject=Werkbalans&amp;body=http%3A//testserver/instrumenten/" in body
    assert '<button type="button" class="page-action" data-share-print hidden>' in body
    # On paper: where it came from.
    assert f"Afgedrukt van {address}, bijgewerkt" in body


def test_a_broken_or_unchecked_link_shows_no_check_date(client):
    from django.utils import timezone

    from voion_portal.editors.models import ExterneLink

    broken = InstrumentFactory(url="https://kapot.example.nl/")
    ExterneLink.objects.create(url=broken.url, gecontroleerd_op=timezone.now(), kapot=True)
    unchecked = InstrumentFactory(url="https://nooit.example.nl/")
    for instrument in (broken, unchecked):
        body = client.get(instrument.get_absolute_url()).content.decode()
        assert "Link gecontroleerd" not in body
