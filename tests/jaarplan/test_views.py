import re

import pytest

from tests.factories import (
    ActiviteitFactory,
    ArtikelFactory,
    DraftInstrumentFactory,
    InstrumentFactory,
    JaarplanFactory,
    KernopgaveFactory,
    PilotFactory,
    ThemaFactory,
)

pytestmark = pytest.mark.django_db


def build_plan(activities_per_thema=1):
    plan = JaarplanFactory(titel="Jaarplan Voion 2024", slug="jaarplan-voion-2024", jaar=2024)
    markt = KernopgaveFactory(naam="Optimaliseren onderwijsarbeidsmarkt", volgorde=1)
    vitaal = KernopgaveFactory(naam="Stimuleren veilig en vitaal werken", volgorde=2)
    arbeidsmarkt = ThemaFactory(kernopgave=markt, naam="Arbeidsmarkt", nummer=1)
    gezond = ThemaFactory(kernopgave=vitaal, naam="Gezond werken", nummer=2)
    werkbalans = InstrumentFactory(titel="Werkbalans")
    concept = DraftInstrumentFactory(titel="Nog geheim instrument")
    for n in range(activities_per_thema):
        # created out of reading order on purpose
        act = ActiviteitFactory(
            jaarplan=plan, thema=gezond, titel=f"Onderhouden Werkbalans {n}", volgorde=10 + n
        )
        act.instrumenten.add(werkbalans, concept)
        act.links.create(titel="Werkbalans-site", url="https://www.werkbalans.nl/")
        act.pilots.add(PilotFactory(titel=f"Pilot {n}"))
        act.artikelen.add(ArtikelFactory(titel=f"Artikel {n}"))
        ActiviteitFactory(
            jaarplan=plan, thema=arbeidsmarkt, titel=f"Regio in beeld {n}", volgorde=n
        )
    return plan


def test_jaarplan_reads_kernopgave_thema_activities(client):
    plan = build_plan()
    page = client.get(plan.get_absolute_url()).content.decode()
    body = page[page.index('<section class="kernopgave"') :]  # after the table of contents
    order = [
        body.index(text)
        for text in (
            "Optimaliseren onderwijsarbeidsmarkt",
            "Arbeidsmarkt",
            "Regio in beeld 0",
            "Stimuleren veilig en vitaal werken",
            "Gezond werken",
            "Onderhouden Werkbalans 0",
        )
    ]
    assert order == sorted(order)
    assert 'href="https://www.werkbalans.nl/" rel="noopener noreferrer"' in body
    assert "Pilot 0" in body and "Artikel 0" in body and "Werkbalans" in body
    assert "Nog geheim instrument" not in body, "drafts are not linked from public pages"


@pytest.mark.parametrize("rows", [1, 10])
def test_jaarplan_query_count(client, django_assert_max_num_queries, rows):
    plan = build_plan(rows)
    with django_assert_max_num_queries(8):
        response = client.get(plan.get_absolute_url())
    assert response.status_code == 200


def test_jaarplan_list(client, django_assert_max_num_queries):
    build_plan()
    with django_assert_max_num_queries(2):
        response = client.get("/jaarplan/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Jaarplan Voion 2024" in body


def test_thema_hub_gathers_everything(client, django_assert_max_num_queries):
    plan = build_plan(3)
    thema = plan.activiteiten.get(titel="Onderhouden Werkbalans 0").thema
    instrument = InstrumentFactory(titel="Arboscan-VO")
    instrument.themas.add(thema)
    artikel = ArtikelFactory(titel="Gezond blijven")
    artikel.themas.add(thema)
    pilot = PilotFactory(titel="Vitaal team")
    pilot.themas.add(thema)
    with django_assert_max_num_queries(10):
        response = client.get(thema.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    for text in ("Onderhouden Werkbalans 2", "Arboscan-VO", "Gezond blijven", "Vitaal team"):
        assert text in body
    assert client.get("/themas/bestaat-niet/").status_code == 404


def test_jaarplan_has_contents_pointing_at_its_sections_and_a_back_to_top_link(client):
    plan = build_plan(activities_per_thema=2)
    page = client.get(plan.get_absolute_url()).content.decode()
    contents = page[
        page.index('<nav class="contents"') : page.index(
            "</nav>", page.index('<nav class="contents"')
        )
    ]
    assert "Op deze pagina" in contents
    links = re.findall(r'href="#([\w-]+)">([^<]+)</a>', contents)
    assert [label for _, label in links] == [
        "Optimaliseren onderwijsarbeidsmarkt",
        "Arbeidsmarkt",
        "Stimuleren veilig en vitaal werken",
        "Gezond werken",
    ]
    anchors = [anchor for anchor, _ in links]
    for anchor in anchors:
        assert f'id="{anchor}"' in page
    assert 'Gezond werken</a> <span class="muted">(2)</span>' in contents
    # Contents before the sections; a way back up after them.
    assert page.index('<nav class="contents"') < page.index('<section class="kernopgave"')
    assert 'href="#inhoud">Naar boven</a>' in page
