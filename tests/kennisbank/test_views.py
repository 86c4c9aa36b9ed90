import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from tests.factories import (
    ArtikelFactory,
    DiPijlerFactory,
    DraftArtikelFactory,
    InstrumentFactory,
    SectorFactory,
    StapFactory,
    StappenplanFactory,
    ThemaFactory,
)

pytestmark = pytest.mark.django_db


def days_ago(n):
    return timezone.now() - datetime.timedelta(days=n)


@pytest.fixture
def articles():
    vo, po = SectorFactory(slug="vo"), SectorFactory(slug="po")
    werkdruk = ThemaFactory(slug="gezond-werken", naam="Gezond werken")
    oud = ArtikelFactory(
        titel="Onderzoek naar werkdruk", soort="onderzoek", publicatiedatum=days_ago(30)
    )
    oud.sectoren.add(vo)
    oud.themas.add(werkdruk)
    nieuw = ArtikelFactory(
        titel="Nieuws over starters", soort="nieuws", publicatiedatum=days_ago(1)
    )
    nieuw.sectoren.add(po)
    midden = ArtikelFactory(
        titel="Verhaal uit de praktijk", soort="inspiratieverhaal", publicatiedatum=days_ago(10)
    )
    midden.sectoren.add(vo, po)
    DraftArtikelFactory(titel="Concept-artikel", soort="nieuws")


def titles(response):
    return [a.titel for a in response.context["artikelen"]]


def test_list_is_newest_first_and_hides_drafts(client, articles):
    response = client.get("/kennisbank/")
    assert titles(response) == [
        "Nieuws over starters",
        "Verhaal uit de praktijk",
        "Onderzoek naar werkdruk",
    ]
    assert "Concept-artikel" not in response.content.decode()


def test_filter_by_kind_sector_and_thema(client, articles):
    assert titles(client.get("/kennisbank/?soort=onderzoek")) == ["Onderzoek naar werkdruk"]
    assert titles(client.get("/kennisbank/?soort=nieuws&soort=onderzoek")) == [
        "Nieuws over starters",
        "Onderzoek naar werkdruk",
    ]
    assert titles(client.get("/kennisbank/?sector=po&soort=inspiratieverhaal")) == [
        "Verhaal uit de praktijk"
    ]
    assert titles(client.get("/kennisbank/?thema=gezond-werken")) == ["Onderzoek naar werkdruk"]


def test_unknown_kind_is_ignored_with_a_message(client, articles):
    response = client.get("/kennisbank/?soort=roddel")
    assert response.status_code == 200
    assert len(titles(response)) == 3
    assert "Onbekende filterwaarde genegeerd" in response.content.decode()


def test_sort_by_name(client, articles):
    assert titles(client.get("/kennisbank/?sort=naam"))[0] == "Nieuws over starters"


def test_list_offers_the_filtered_feed(client, articles):
    body = client.get("/kennisbank/?soort=onderzoek").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in body
    assert 'href="/feeds/kennisbank/?soort=onderzoek"' in body


def test_feed_honours_the_list_filters(client, articles):
    response = client.get("/feeds/kennisbank/?sector=po")
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")
    items = [item.findtext("title") for item in channel.findall("item")]
    assert items == ["Nieuws over starters", "Verhaal uit de praktijk"]
    assert "Concept-artikel" not in response.content.decode()


def test_feed_with_garbage_parameters_still_works(client, articles):
    assert client.get("/feeds/kennisbank/?soort=%00&sector=<b>&q=" + "x" * 400).status_code == 200


def test_article_page_links_related_instruments(client):
    instrument = InstrumentFactory(titel="Werkbalans")
    artikel = ArtikelFactory(titel="Werkdruk aanpakken", tekst="## Aanpak\n\n- stap een")
    artikel.instrumenten.add(instrument)
    artikel.pijlers.add(DiPijlerFactory(slug="kunnen-werken"))
    body = client.get(artikel.get_absolute_url()).content.decode()
    assert "<h2>Aanpak</h2>" in body
    assert f'href="{instrument.get_absolute_url()}"' in body
    assert "<title>Werkdruk aanpakken · Voion portal</title>" in body


@pytest.mark.parametrize("rows", [3, 30])
def test_kennisbank_query_count_does_not_grow(client, django_assert_max_num_queries, rows):
    vo = SectorFactory(slug="vo")
    for _ in range(rows):
        ArtikelFactory().sectoren.add(vo)
    client.get("/kennisbank/")
    with django_assert_max_num_queries(4):
        response = client.get("/kennisbank/?sector=vo&soort=informatie")
    assert response.status_code == 200


def test_stappenplan_walk_with_previous_next_and_cycle(client):
    plan = StappenplanFactory(titel="Strategisch personeelsbeleid", slug="spb")
    analyse = StapFactory(
        stappenplan=plan, titel="Externe en interne analyse", slug="analyse", volgorde=1
    )
    werkwijze = StapFactory(
        stappenplan=plan, titel="Werkwijze", slug="werkwijze", volgorde=2, hoofdstap=analyse
    )
    issues = StapFactory(stappenplan=plan, titel="Key-issues", slug="key-issues", volgorde=3)
    tool = InstrumentFactory(titel="DESTEP")
    werkwijze.instrumenten.add(tool)

    overview = client.get(plan.get_absolute_url()).content.decode()
    assert "<svg" in overview and f'href="{analyse.get_absolute_url()}"' in overview
    assert 'aria-label="Stap 2: Key-issues"' in overview, "only main steps are in the cycle"

    step = client.get(werkwijze.get_absolute_url())
    body = step.content.decode()
    assert f'<a rel="prev" href="{analyse.get_absolute_url()}">' in body
    assert f'<a rel="next" href="{issues.get_absolute_url()}">' in body
    assert f'href="{werkwijze.get_absolute_url()}" aria-current="page"' in body
    assert "DESTEP" in body
    assert client.get("/stappenplannen/spb/bestaat-niet/").status_code == 404


@pytest.mark.parametrize("rows", [2, 20])
def test_step_page_query_count(client, django_assert_max_num_queries, rows):
    plan = StappenplanFactory()
    steps = [StapFactory(stappenplan=plan) for _ in range(rows)]
    for step in steps:
        step.instrumenten.add(InstrumentFactory())
    with django_assert_max_num_queries(6):
        response = client.get(steps[1].get_absolute_url())
    assert response.status_code == 200


def test_a_summary_by_the_editors_says_so_names_its_source_and_shows_no_invented_day(client):
    artikel = ArtikelFactory(
        titel="Jaarplan in het kort",
        door_redactie=True,
        bron_titel="Jaarplan Voion 2024",
        bron_url="https://www.voion.nl/jaarplan-2024/",
        bron_jaar=2024,
    )
    response = client.get(artikel.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "Samenvatting van de redactie." in body
    assert '<a href="https://www.voion.nl/jaarplan-2024/"' in body
    assert "Jaarplan Voion 2024</a> (2024) samen in eigen woorden" in body
    assert "bron uit 2024" in body
    assert "<time" not in body.split("<h1>")[0]  # no publication day above the title
    listing = client.get("/kennisbank/").content.decode()
    assert "samenvatting van de redactie · bron uit 2024" in listing


def test_an_appendix_stands_outside_the_numbered_steps_and_the_cycle(client):
    guide = StappenplanFactory(titel="SHRM")
    first = StapFactory(stappenplan=guide, titel="Analyse", volgorde=1)
    StapFactory(stappenplan=guide, titel="Key-issues", volgorde=2)
    appendix = StapFactory(stappenplan=guide, titel="Alle tools", volgorde=3, bijlage=True)
    page = client.get(appendix.get_absolute_url())
    assert page.status_code == 200
    body = page.content.decode()
    assert "SHRM · bijlage" in body
    assert "Bijlage: <a" in body
    assert [step.titel for step in page.context["hoofdstappen"]] == ["Analyse", "Key-issues"]
    step = client.get(first.get_absolute_url()).content.decode()
    assert "onderdeel 1 van 2" in step


def test_a_step_page_shows_the_step_before_a_collapsed_steps_navigation(client):
    plan = StappenplanFactory(titel="SHRM", slug="shrm")
    analyse = StapFactory(stappenplan=plan, titel="Analyse", slug="analyse", volgorde=1)
    werkwijze = StapFactory(
        stappenplan=plan, titel="Werkwijze", slug="werkwijze", volgorde=2, hoofdstap=analyse
    )
    StapFactory(stappenplan=plan, titel="Key-issues", volgorde=3)
    StapFactory(stappenplan=plan, titel="Alle tools", volgorde=4, bijlage=True)

    body = client.get(werkwijze.get_absolute_url()).content.decode()

    heading, pager = body.index("<h1>Werkwijze</h1>"), body.index('class="pager"')
    navigation = body.index('<details class="step-nav"')
    assert heading < pager < navigation, "the step, then previous/next, then all steps"
    assert '<details class="step-nav" id="alle-stappen">' in body  # closed: no `open`
    assert "Alle stappen <span" in body and "(3)</span>" in body  # 3 numbered parts
    assert f'href="{werkwijze.get_absolute_url()}" aria-current="page"' in body
    # The cycle: only the two phases, numbered, each a link; no titles drawn on the arrows.
    svg = body[body.index("<svg") : body.index("</svg>")]
    assert re.findall(r'aria-label="(Stap \d: [^"]+)"', svg) == [
        "Stap 1: Analyse",
        "Stap 2: Key-issues",
    ]
    assert re.findall(r"<text[^>]*>([^<]*)</text>", svg) == ["1", "2"]
    assert 'aria-current="step"' in svg


def test_article_contents_comes_from_its_headings(client):
    artikel = ArtikelFactory(
        tekst="Inleiding.\n\n## Wat is het?\n\nTekst.\n\n## Wat kun je doen & hoe?\n\nMeer.\n\n"
        "## Wat is het?\n\nNog eens."
    )

    body = client.get(artikel.get_absolute_url()).content.decode()

    contents = body[body.index('<nav class="contents"') :]
    contents = contents[: contents.index("</nav>")]
    assert re.findall(r'href="#([\w-]+)">([^<]*)</a>', contents) == [
        ("wat-is-het", "Wat is het?"),
        ("wat-kun-je-doen-hoe", "Wat kun je doen &amp; hoe?"),
        ("wat-is-het-2", "Wat is het?"),
    ]
    assert '<h2 id="wat-is-het">Wat is het?</h2>' in body
    assert '<h2 id="wat-is-het-2">Wat is het?</h2>' in body
    assert '<h2 id="wat-kun-je-doen-hoe">Wat kun je doen &amp; hoe?</h2>' in body


def test_heading_text_cannot_break_out_of_the_contents(client):
    artikel = ArtikelFactory(
        tekst='## <img src=x onerror=alert(1)>"><script>x</script> Kop\n\nTekst.\n\n## Twee'
    )
    page = client.get(artikel.get_absolute_url()).content.decode()
    article = page[page.index("<h1>") : page.index("</article>")]
    assert "<script>x" not in article and "onerror" not in article
    assert "<img" not in article
