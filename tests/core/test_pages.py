import xml.etree.ElementTree as ET

import pytest

from tests.factories import (
    ArtikelFactory,
    DraftArtikelFactory,
    InstrumentFactory,
    KernopgaveFactory,
    PilotFactory,
    ThemaFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rows", [2, 20])
def test_home_shows_themas_featured_news_and_open_pilots(
    client, django_assert_max_num_queries, rows
):
    kernopgave = KernopgaveFactory(naam="Stimuleren veilig en vitaal werken")
    ThemaFactory(kernopgave=kernopgave, naam="Gezond werken")
    for n in range(rows):
        InstrumentFactory(titel=f"Uitgelicht {n}", uitgelicht=True)
        ArtikelFactory(titel=f"Nieuws {n}")
    PilotFactory(titel="Pilot in werving", fase="werving")
    PilotFactory(titel="Afgeronde pilot", fase="afgerond")
    # Constant in the number of items: the article cards' sectors are one query for all.
    with django_assert_max_num_queries(9):
        response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    newest = f"Nieuws {rows - 1}"
    for text in (
        "Stimuleren veilig en vitaal werken",
        "Gezond werken",
        "Uitgelicht 0",
        newest,
        "Pilot in werving",
    ):
        assert text in body
    assert "Afgeronde pilot" not in body
    assert '<html lang="nl">' in body


def test_sitemap_lists_published_items_only(client):
    published = ArtikelFactory(titel="Openbaar")
    draft = DraftArtikelFactory(titel="Concept")
    instrument = InstrumentFactory()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = {
        loc.text
        for loc in ET.fromstring(response.content).iter(
            "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
        )
    }
    assert any(loc.endswith(published.get_absolute_url()) for loc in locations)
    assert any(loc.endswith(instrument.get_absolute_url()) for loc in locations)
    assert not any(loc.endswith(draft.get_absolute_url()) for loc in locations)


def test_robots_txt_points_at_sitemap_and_keeps_admin_out(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_404_page_is_in_site_style(client):
    response = client.get("/bestaat/niet/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Pagina niet gevonden" in body and 'class="site-header"' in body


def test_site_search_groups_by_type(client):
    InstrumentFactory(titel="Werkdrukmeter")
    ArtikelFactory(titel="Werkdruk in het vo")
    body = client.get("/zoeken/?q=werkdruk").content.decode()
    assert "Instrumenten" in body and "Werkdrukmeter" in body
    assert "Kennisbank" in body and "Werkdruk in het vo" in body


@pytest.mark.parametrize(
    "query", ["", "'", "\\", "&|!:*", '"unbalanced', "<script>alert(1)</script>", "x" * 500, "%00"]
)
def test_site_search_survives_hostile_input(client, query):
    response = client.get("/zoeken/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_every_page_has_its_own_title_and_description(client):
    artikel = ArtikelFactory(titel="Duurzame inzetbaarheid", samenvatting="Wat DI is.")
    body = client.get(artikel.get_absolute_url()).content.decode()
    assert "<title>Duurzame inzetbaarheid · Voion portal</title>" in body
    assert '<meta name="description" content="Wat DI is.">' in body
