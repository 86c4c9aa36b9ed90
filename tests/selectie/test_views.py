"""Mijn selectie: the page from its address, its changes without JavaScript, the PDF."""

import io
import re

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from selectie import pdf as selectie_pdf
from tests.factories import (
    ActiviteitFactory,
    ArtikelFactory,
    DraftArtikelFactory,
    DraftInstrumentFactory,
    DraftStappenplanFactory,
    InstrumentFactory,
    StapFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def items():
    return {
        "werkbalans": InstrumentFactory(titel="Werkbalans", slug="werkbalans"),
        "arboscan": InstrumentFactory(titel="Arboscan-VO", slug="arboscan-vo"),
        "scenario": InstrumentFactory(titel="Scenariomodel-VO", slug="scenariomodel-vo"),
        "artikel": ArtikelFactory(
            titel="Starters begeleiden", slug="starters", samenvatting="Hulp bij inductie."
        ),
        "stap": StapFactory(
            titel="Analyse", slug="analyse", stappenplan__slug="shrm", samenvatting="Kijk rond."
        ),
        "activiteit": ActiviteitFactory(
            titel="Onderzoek werkdruk", slug="onderzoek", jaarplan__slug="voion-2024"
        ),
    }


FOUR = (
    "item-1=instrument:werkbalans&item-2=instrument:arboscan-vo"
    "&item-3=instrument:scenariomodel-vo&item-4=artikel:starters"
)


def titles(response) -> list[str]:
    page = BeautifulSoup(response.content, "html.parser")
    return [h3.get_text(strip=True) for h3 in page.select(".selectie-item h3")]


def test_the_page_lists_every_kind_of_item_in_order_with_summary_and_link(client, items):
    response = client.get(
        "/selectie/?item-1=activiteit:voion-2024/onderzoek&item-2=stap:shrm/analyse"
        f"&{FOUR.replace('item-', 'item-1')}&notitie-2=Maandag+bespreken"
    )
    assert response.status_code == 200
    assert titles(response) == [
        "Onderzoek werkdruk",
        "Analyse",
        "Werkbalans",
        "Arboscan-VO",
        "Scenariomodel-VO",
        "Starters begeleiden",
    ]
    html = response.content.decode()
    assert 'href="/stappenplannen/shrm/analyse/"' in html
    assert 'href="/jaarplan/voion-2024/#onderzoek"' in html
    assert "Hulp bij inductie." in html
    assert 'value="Maandag bespreken"' in html
    assert '<meta name="robots" content="noindex">' in html
    assert response["X-Robots-Tag"] == "noindex"
    assert not response.cookies


def test_share_link_pdf_and_compare_are_offered(client, items):
    response = client.get(f"/selectie/?{FOUR}")
    page = BeautifulSoup(response.content, "html.parser")
    share = page.select_one("a[data-share-copy]")["href"]
    assert share == f"http://testserver/selectie/?{FOUR}"
    assert page.find("a", href=f"/selectie/pdf/?{FOUR}")
    compare = page.find("a", string="Vergelijk deze instrumenten")["href"]
    assert compare == (
        "/instrumenten/vergelijk/?instrument=werkbalans&instrument=arboscan-vo"
        "&instrument=scenariomodel-vo"
    )
    # The shared link shows the same selection.
    assert titles(client.get(share)) == titles(response)


def test_compare_only_for_two_to_four_instruments(client, items):
    response = client.get("/selectie/?item-1=instrument:werkbalans&item-2=artikel:starters")
    assert "Vergelijk deze instrumenten" not in response.content.decode()


def test_drafts_and_unknown_items_are_not_available_never_an_error(client, items):
    DraftInstrumentFactory(titel="Geheim concept", slug="geheim")
    DraftArtikelFactory(titel="Concepttekst", slug="concept")
    StapFactory(
        titel="Verborgen stap", slug="verborgen", stappenplan=DraftStappenplanFactory(slug="x")
    )
    response = client.get(
        "/selectie/?item-1=instrument:geheim&item-2=artikel:concept&item-3=stap:x/verborgen"
        "&item-4=instrument:bestaat-niet&item-5=instrument:werkbalans"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert titles(response) == ["Niet meer beschikbaar"] * 4 + ["Werkbalans"]
    for hidden in ("Geheim concept", "Concepttekst", "Verborgen stap"):
        assert hidden not in html


@pytest.mark.parametrize(
    "query",
    [
        "item-1=%00",
        "item-1=instrument:" + "a" * 5000,
        "item-1=stap:a/b/c&item-2=activiteit:&notitie-1=x",
        "item-1=instrument:werkbalans&omhoog=onbekend:iets",
        "verwijder=&voeg-toe=%3Cscript%3E",
        "zoek=%25%27%22",
        "item-99=artikel:starters",
    ],
)
def test_bad_input_gives_a_page_not_an_error(client, items, query):
    response = client.get(f"/selectie/?{query}", follow=True)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("</head>")[1].replace(
        '<script src="', ""
    )


def test_malformed_items_and_too_many_items_are_reported(client, items):
    query = "&".join(f"item-{n}=artikel:a-{n}" for n in range(1, 56))
    response = client.get(f"/selectie/?{query}")
    assert "hoogstens 50 onderdelen; de laatste 5 zijn weggelaten" in response.content.decode()
    response = client.get("/selectie/?item-1=pilot:iets&item-2=artikel:starters")
    assert "1 onderdeel uit de link werd niet herkend" in response.content.decode()


def test_reorder_remove_and_annotate_without_javascript(client, items):
    # "Omlaag" on the first item (with a note typed in the same form).
    response = client.get(f"/selectie/?{FOUR}&notitie-1=Eerst&omlaag=instrument:werkbalans")
    assert response.status_code == 302
    assert response["Location"] == (
        "/selectie/?item-1=instrument:arboscan-vo&item-2=instrument:werkbalans"
        "&item-3=instrument:scenariomodel-vo&item-4=artikel:starters&notitie-2=Eerst"
        "#sel-instrument-werkbalans"
    )
    page = client.get(response["Location"])
    assert titles(page)[:2] == ["Arboscan-VO", "Werkbalans"]
    assert 'value="Eerst"' in page.content.decode()

    response = client.get(f"/selectie/?{FOUR}&omhoog=artikel:starters")
    assert "item-3=artikel:starters" in response["Location"]

    response = client.get(f"/selectie/?{FOUR}&verwijder=instrument:arboscan-vo")
    assert titles(client.get(response["Location"])) == [
        "Werkbalans",
        "Scenariomodel-VO",
        "Starters begeleiden",
    ]
    assert response["Location"].endswith("#sel-lijst")


def test_every_item_has_its_controls_in_one_get_form(client, items):
    page = BeautifulSoup(client.get(f"/selectie/?{FOUR}").content, "html.parser")
    form = page.select_one("form[data-selectie-form]")
    assert form["method"] == "get"
    assert [i["name"] for i in form.select("input[type=hidden]")] == [
        "item-1",
        "item-2",
        "item-3",
        "item-4",
    ]
    first, last = form.select(".selectie-item")[0], form.select(".selectie-item")[-1]
    assert [b["name"] for b in first.select("button")] == ["omlaag", "verwijder"]
    assert [b["name"] for b in last.select("button")] == ["omhoog", "verwijder"]
    assert first.select_one("label[for=notitie-1]")
    # Enter in a note saves the notes: the form's first submit button has no action.
    assert not form.select("button")[0].get("name")


def test_add_by_searching_keeps_the_selection(client, items):
    response = client.get(
        "/selectie/?item-1=instrument:werkbalans&notitie-1=Mijn+notitie&zoek=arbo"
    )
    page = BeautifulSoup(response.content, "html.parser")
    search = page.select_one(".selectie-add form")
    assert {i["name"]: i["value"] for i in search.select("input[type=hidden]")} == {
        "item-1": "instrument:werkbalans",
        "notitie-1": "Mijn notitie",
    }
    add = page.select_one("a[data-selectie-add]")
    assert add.get_text() == "Voeg toe: Arboscan-VO"
    assert add["href"] == (
        "/selectie/?item-1=instrument:werkbalans&item-2=instrument:arboscan-vo"
        "&notitie-1=Mijn+notitie#sel-lijst"
    )


def test_empty_selection_explains_what_to_do(client, db):
    response = client.get("/selectie/")
    assert response.status_code == 200
    assert "Nog niets bewaard" in response.content.decode()


def test_head_is_answered(client, items):
    assert client.head(f"/selectie/?{FOUR}").status_code == 200
    assert client.head(f"/selectie/pdf/?{FOUR}").status_code == 200
    assert client.post("/selectie/").status_code == 405


def test_query_count_is_constant(client, items, django_assert_max_num_queries):
    every_kind = (
        f"{FOUR}&item-5=stap:shrm/analyse&item-6=activiteit:voion-2024/onderzoek&item-7=artikel:weg"
    )
    with django_assert_max_num_queries(4):
        response = client.get(f"/selectie/?{every_kind}")
    assert response.status_code == 200
    many = "&".join(f"item-{n}=artikel:a-{n}" for n in range(1, 51))
    ArtikelFactory.create_batch(3)
    with django_assert_max_num_queries(1):
        assert client.get(f"/selectie/?{many}").status_code == 200


def test_the_pdf_is_a_toolkit_with_titles_notes_addresses_and_qr_codes(client, items):
    response = client.get(f"/selectie/pdf/?{FOUR}&item-5=artikel:weg&notitie-4=Voor+maandag")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Robots-Tag"] == "noindex"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    text = re.sub(r"\s+", " ", text)
    assert "Toolkit voor het teamoverleg" in text
    assert re.search(
        r"\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|"
        r"september|oktober|november|december) \d{4}",
        text,
    )
    for title in ("Werkbalans", "Arboscan-VO", "Scenariomodel-VO", "Starters begeleiden"):
        assert title in text
    assert "Notitie: Voor maandag" in text
    assert "http://testserver/instrumenten/werkbalans/" in text
    assert "Niet meer beschikbaar" in text


def line_operators(pdf: bytes) -> int:
    """How many straight line segments the PDF draws: a QR code is hundreds of them."""
    reader = PdfReader(io.BytesIO(pdf))
    return sum(page.get_contents().get_data().count(b" l\n") for page in reader.pages)


def test_each_available_item_has_a_qr_code(client, items):
    with_link = client.get("/selectie/pdf/?item-1=instrument:werkbalans").content
    without = client.get("/selectie/pdf/?item-1=instrument:weg").content
    assert line_operators(with_link) > line_operators(without) + 200


def test_the_pdf_is_cached_per_selection(client, items, settings, monkeypatch):
    settings.PAGE_CACHE_SECONDS = 600
    calls = []
    real = selectie_pdf.render_pdf

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr("selectie.views.render_pdf", counting)
    first = client.get(f"/selectie/pdf/?{FOUR}")
    second = client.get(f"/selectie/pdf/?{FOUR}")
    assert first.content == second.content
    client.get("/selectie/pdf/?item-1=instrument:werkbalans")
    assert len(calls) == 2


def test_without_weasyprint_the_pdf_link_explains_in_dutch(client, items, monkeypatch):
    def missing(*args, **kwargs):
        raise selectie_pdf.PdfUnavailable("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr("selectie.views.render_pdf", missing)
    response = client.get(f"/selectie/pdf/?{FOUR}")
    assert response.status_code == 503
    html = response.content.decode()
    assert "De PDF kan nu niet worden gemaakt" in html
    assert f'href="/selectie/?{FOUR.replace("&", "&amp;")}"' in html


def test_missing_system_libraries_become_pdf_unavailable(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def failing(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", failing)
    with pytest.raises(selectie_pdf.PdfUnavailable):
        selectie_pdf.render_pdf([], absolute=str, title="T", day="1 december 2026")


def test_bewaar_is_on_cards_and_pages_the_same_for_everyone(client, items):
    expected = {
        "/instrumenten/": "instrument:werkbalans",
        "/instrumenten/werkbalans/": "instrument:werkbalans",
        "/kennisbank/": "artikel:starters",
        "/kennisbank/starters/": "artikel:starters",
        "/stappenplannen/shrm/analyse/": "stap:shrm/analyse",
        "/jaarplan/voion-2024/": "activiteit:voion-2024/onderzoek",
    }
    for url, key in expected.items():
        response = client.get(url)
        assert response.status_code == 200, url
        page = BeautifulSoup(response.content, "html.parser")
        toggle = page.select_one(f'a.save-toggle[data-selectie-item="{key}"]')
        assert toggle is not None, url
        assert toggle["href"] == f"/selectie/?item-1={key}"
        assert "Bewaar" in toggle.get_text()
        assert not response.cookies
    header = BeautifulSoup(client.get("/").content, "html.parser")
    assert header.select_one("header a[data-selectie-link]")["href"] == "/selectie/"


def test_selections_are_not_in_the_sitemap(client, items):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/instrumenten/werkbalans/" in body
    assert "/selectie/" not in body


def test_the_page_cache_keeps_the_visitors_order(client, items, settings):
    settings.PAGE_CACHE_SECONDS = 600
    query = "item-2=instrument:arboscan-vo&item-1=instrument:werkbalans&utm_source=mail"
    first = client.get(f"/selectie/?{query}")
    again = client.get(f"/selectie/?{query}")
    assert titles(first) == titles(again) == ["Werkbalans", "Arboscan-VO"]
    assert again["X-Page-Cache"] == "hit"
