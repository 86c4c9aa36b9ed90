"""Vergelijken: two to four instruments side by side at /instrumenten/vergelijk/."""

import re
from html import unescape

import pytest

from instrumenten.models import Instrument, Kosten
from jaarplan.models import ActiviteitSoort
from tests.factories import (
    ActiviteitFactory,
    DiPijlerFactory,
    DoelgroepFactory,
    DraftInstrumentFactory,
    DraftJaarplanFactory,
    InstrumentFactory,
    InstrumentSoortFactory,
    JaarplanFactory,
    SectorFactory,
)
from voion_portal.core.pagecache import bypass_headers

pytestmark = pytest.mark.django_db

URL = "/instrumenten/vergelijk/"


@pytest.fixture
def instruments():
    vo = SectorFactory(slug="vo", naam="Voortgezet onderwijs")
    kunnen = DiPijlerFactory(slug="kunnen-werken", naam="Kunnen werken")
    methode = InstrumentSoortFactory(slug="methode", naam="Methode")
    schoolleider = DoelgroepFactory(slug="schoolleider", naam="Schoolleider")
    werkbalans = InstrumentFactory(
        titel="Werkbalans",
        slug="werkbalans",
        soort=methode,
        kosten=Kosten.GRATIS,
        tijdsinvestering="drie teamsessies van een uur",
        deelnemers="schoolleider en team",
        url="https://www.voion.nl/instrumenten/werkbalans/",
    )
    werkbalans.sectoren.add(vo)
    werkbalans.pijlers.add(kunnen)
    werkbalans.doelgroepen.add(schoolleider)
    raamwerk = InstrumentFactory(
        titel="Raamwerk Professionele gesprek en taakbeleid",
        slug="raamwerk-professionele-gesprek-en-taakbeleid",
        url="",
    )
    raamwerk.sectoren.add(vo)
    plan = JaarplanFactory(titel="Jaarplan Voion 2024", slug="jaarplan-voion-2024")
    ActiviteitFactory(
        jaarplan=plan,
        titel="Werkbalans verder implementeren",
        slug="werkbalans-implementeren",
        soort=ActiviteitSoort.ONDERSTEUNEN,
    ).instrumenten.add(werkbalans)
    ActiviteitFactory(
        jaarplan=DraftJaarplanFactory(titel="Jaarplan in de maak"),
        titel="Geheime activiteit",
    ).instrumenten.add(werkbalans)
    DraftInstrumentFactory(titel="Concept-scan", slug="concept-scan")
    return {"werkbalans": werkbalans, "raamwerk": raamwerk}


def compare(client, *slugs, **extra):
    query = "&".join(f"instrument={slug}" for slug in slugs)
    return client.get(f"{URL}?{query}" if query else URL, **extra)


def text(response) -> str:
    """The page's visible text, tags removed, whitespace collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def table(response) -> str:
    html = response.content.decode()
    start, end = html.index("<table"), html.index("</table>")
    return html[start:end]


def row(response, label: str) -> str:
    """The text of the table row whose header is `label`."""
    match = re.search(
        rf'<th scope="row">{re.escape(label)}</th>(.*?)</tr>', table(response), flags=re.S
    )
    assert match, f"no row {label!r}"
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", match.group(1)))).strip()


def test_werkbalans_and_the_raamwerk_side_by_side(client, instruments):
    response = compare(client, "werkbalans", "raamwerk-professionele-gesprek-en-taakbeleid")
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "<caption>Vergelijking van Raamwerk Professionele gesprek en taakbeleid en Werkbalans"
        in html
    )
    # One column per instrument, its title a link to its page; the aspects as row headers.
    assert re.findall(r'<th scope="col"><a href="([^"]+)">', html) == [
        "/instrumenten/raamwerk-professionele-gesprek-en-taakbeleid/",
        "/instrumenten/werkbalans/",
    ]
    assert "Methode" in row(response, "Soort")
    assert "Voortgezet onderwijs" in row(response, "Sectoren")
    assert row(response, "DI-pijlers") == "Niet bekend Kunnen werken"
    assert row(response, "Voor wie") == "Niet bekend Schoolleider"
    assert row(response, "Kosten") == "Niet bekend Gratis"
    assert row(response, "Tijdsinvestering") == "Niet bekend drie teamsessies van een uur"
    assert row(response, "Wie doet mee") == "Niet bekend schoolleider en team"
    assert "Geen link bekend" in row(response, "Link")
    assert 'href="https://www.voion.nl/instrumenten/werkbalans/"' in table(response)
    # The jaarplan activity behind it, with its kind and plan; not one of a draft plan.
    assert row(response, "In het jaarplan") == (
        "Geen activiteit in een gepubliceerd jaarplan "
        "Werkbalans verder implementeren (Ondersteunen, Jaarplan Voion 2024)"
    )
    assert 'href="/jaarplan/jaarplan-voion-2024/#werkbalans-implementeren"' in html
    assert "Geheime activiteit" not in html
    # A personal combination: not for search engines.
    assert '<meta name="robots" content="noindex, follow">' in html


def test_each_column_can_be_removed_keeping_the_others(client, instruments):
    third = InstrumentFactory(titel="Teamwerk-VO", slug="teamwerk-vo")
    response = compare(
        client, "werkbalans", "teamwerk-vo", "raamwerk-professionele-gesprek-en-taakbeleid"
    )
    columns = {column.instrument.slug: column for column in response.context["comparison"].columns}
    assert columns[third.slug].remove_url == (
        f"{URL}?instrument=raamwerk-professionele-gesprek-en-taakbeleid&instrument=werkbalans"
    )
    html = response.content.decode()
    assert (
        html.count('Verwijder<span class="visually-hidden"> Teamwerk-VO</span> uit vergelijking')
        == 2
    )


def test_the_phone_cards_list_the_same_facts(client, instruments):
    response = compare(client, "werkbalans", "raamwerk-professionele-gesprek-en-taakbeleid")
    html = response.content.decode()
    cards = html[html.index('<div class="compare-cards">') :]
    assert cards.count('<section class="compare-card"') == 2
    facts = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", cards)))
    assert (
        "Tijdsinvestering drie teamsessies van een uur Wie doet mee schoolleider en team" in facts
    )


def test_share_link_and_print_address_name_the_instruments(client, instruments):
    response = compare(
        client, "raamwerk-professionele-gesprek-en-taakbeleid", "werkbalans", "onbekend"
    )
    expected = (
        "http://testserver/instrumenten/vergelijk/?instrument=raamwerk-professionele-gesprek-"
        "en-taakbeleid&amp;instrument=werkbalans"
    )
    html = response.content.decode()
    assert f'href="{expected}" data-share-copy' in html
    assert f"Afgedrukt van {expected}" in html


@pytest.mark.parametrize(
    "slugs, message",
    [
        ((), "Kies 2 tot 4 instrumenten om naast elkaar te zetten."),
        (("werkbalans",), "Kies nog minstens één instrument"),
        (("werkbalans", "werkbalans"), "Kies nog minstens één instrument"),
    ],
    ids=["none", "one", "one-twice"],
)
def test_fewer_than_two_asks_for_more_with_a_way_to_the_catalogue(
    client, instruments, slugs, message
):
    response = compare(client, *slugs)
    assert response.status_code == 200
    assert message in text(response)
    assert "<table" not in response.content.decode()
    assert 'href="/instrumenten/"' in response.content.decode()


def test_more_than_four_says_the_maximum_and_offers_to_remove(client, instruments):
    for n in range(3):
        InstrumentFactory(titel=f"Extra {n}", slug=f"extra-{n}")
    slugs = ["werkbalans", "raamwerk-professionele-gesprek-en-taakbeleid", "extra-0", "extra-1"]
    response = compare(client, *slugs, "extra-2")
    assert response.status_code == 200
    assert "U koos 5 instrumenten. U kunt er maximaal 4 tegelijk vergelijken" in text(response)
    assert "<table" not in response.content.decode()
    # Removing one gives a comparison of the other four.
    extra_2 = next(
        c for c in response.context["comparison"].columns if c.instrument.slug == "extra-2"
    )
    after = client.get(extra_2.remove_url)
    assert after.status_code == 200
    assert len(after.context["comparison"].columns) == 4
    assert "<table" in after.content.decode()


def test_unknown_and_draft_instruments_are_named_and_left_out(client, instruments):
    response = compare(
        client,
        "werkbalans",
        "raamwerk-professionele-gesprek-en-taakbeleid",
        "bestaat-niet",
        "concept-scan",
    )
    assert response.status_code == 200
    page = text(response)
    assert "Deze instrumenten vonden we niet: “bestaat-niet”, “concept-scan”." in page
    assert "Concept-scan" not in page
    assert len(response.context["comparison"].columns) == 2


def test_only_unknown_or_odd_values_never_fail(client, instruments):
    response = client.get(URL + "?instrument=%3Cscript%3E&instrument=&instrument=" + "x" * 500)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>" not in html.split("</head>")[1].split("<footer")[0]
    assert "&lt;script&gt;" in html
    assert "Deze instrumenten vonden we niet" in text(response)
    assert "x" * 100 not in text(response)  # a long value is shortened
    assert "Kies 2 tot 4 instrumenten" in text(response)


def test_staff_do_not_see_drafts_in_a_comparison_either(client, admin_user, instruments):
    client.force_login(admin_user)
    response = compare(client, "werkbalans", "concept-scan")
    assert response.status_code == 200
    assert [c.instrument.slug for c in response.context["comparison"].columns] == ["werkbalans"]


def test_head_answers_and_post_is_not_allowed(client, instruments):
    head = client.head(
        f"{URL}?instrument=werkbalans&instrument=raamwerk-professionele-gesprek-en-taakbeleid"
    )
    assert head.status_code == 200
    assert client.post(URL).status_code == 405


def test_vergelijk_is_not_taken_for_an_instrument_slug(client, instruments):
    assert client.get(URL).resolver_match.url_name == "compare"


def test_query_count_does_not_grow_with_the_instruments(
    client, instruments, django_assert_max_num_queries
):
    plan = JaarplanFactory()
    slugs = ["werkbalans", "raamwerk-professionele-gesprek-en-taakbeleid"]
    for n in range(2):
        extra = InstrumentFactory(titel=f"Extra {n}", slug=f"extra-{n}")
        extra.sectoren.add(*SectorFactory.create_batch(3))
        extra.doelgroepen.add(*DoelgroepFactory.create_batch(3))
        for _ in range(3):
            ActiviteitFactory(jaarplan=plan).instrumenten.add(extra)
        slugs.append(extra.slug)
    with django_assert_max_num_queries(8) as two:
        assert compare(client, *slugs[:2], headers=bypass_headers()).status_code == 200
    with django_assert_max_num_queries(len(two.captured_queries)) as four:
        assert compare(client, *slugs, headers=bypass_headers()).status_code == 200
    assert len(four.captured_queries) == len(two.captured_queries)


def test_catalogue_cards_have_a_compare_box_for_the_compare_form(client, instruments):
    response = client.get("/instrumenten/")
    html = response.content.decode()
    assert (
        '<input type="checkbox" class="utrecht-checkbox utrecht-checkbox--html-input" '
        'id="vergelijk-werkbalans" name="instrument" value="werkbalans" '
        'form="vergelijkformulier" data-compare-toggle>'
    ) in html
    assert (
        '<label for="vergelijk-werkbalans">Vergelijk<span class="visually-hidden"> Werkbalans'
        in html
    )
    form = re.search(r'<form id="vergelijkformulier"[^>]*>', html).group(0)
    assert 'action="/instrumenten/vergelijk/"' in form and 'method="get"' in form
    assert "Vergelijk geselecteerde instrumenten</button>" in html


def test_new_fields_are_loaded_from_the_content_files(tmp_path):
    from voion_portal.loader.loader import ContentLoader

    (tmp_path / "instrumenten.yaml").write_text(
        "instrumenten:\n"
        "  - slug: proef\n"
        "    titel: Proef\n"
        "    tijdsinvestering: 30 minuten per medewerker\n"
        "    deelnemers: schoolleider en team\n",
        encoding="utf-8",
    )
    ContentLoader(tmp_path).load()
    proef = Instrument.objects.get(slug="proef")
    assert (proef.tijdsinvestering, proef.deelnemers) == (
        "30 minuten per medewerker",
        "schoolleider en team",
    )


def test_the_comparison_is_not_in_the_sitemap(client, instruments):
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert b"/instrumenten/werkbalans/" in sitemap.content
    assert b"vergelijk" not in sitemap.content


def test_an_instrument_cannot_take_the_address_of_the_compare_page():
    from django.core.exceptions import ValidationError

    instrument = InstrumentFactory.build(titel="Vergelijk", slug="vergelijk")
    with pytest.raises(ValidationError) as raised:
        instrument.full_clean(exclude=["soort", "aanbieder", "logo"])
    assert "ander" in str(raised.value.message_dict["slug"])
