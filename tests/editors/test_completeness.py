"""The completeness report: published items that visitors cannot find by every filter."""

import pytest
from django.core.management import CommandError, call_command

from tests.factories import (
    ArtikelFactory,
    DoelgroepFactory,
    DraftInstrumentFactory,
    InstrumentFactory,
    SectorFactory,
    ThemaFactory,
)
from voion_portal.editors import completeness

pytestmark = pytest.mark.django_db


def complete_instrument(**fields):
    instrument = InstrumentFactory(**fields)
    instrument.doelgroepen.add(DoelgroepFactory())
    instrument.sectoren.add(SectorFactory())
    instrument.themas.add(ThemaFactory())
    return instrument


def test_lists_a_published_instrument_without_audience_or_link_and_nothing_complete():
    complete_instrument(titel="Werkbalans")
    lacking = complete_instrument(titel="Arboscan-VO", url="")
    lacking.doelgroepen.clear()
    DraftInstrumentFactory(titel="Nog in concept")  # drafts are not yet the public's concern
    gaps = completeness.gaps()
    assert [(gap.title, gap.missing) for gap in gaps] == [
        ("Arboscan-VO", ["doelgroepen", "externe link"])
    ]
    assert gaps[0].admin_url.endswith(f"/{lacking.pk}/change/")


def test_an_article_without_summary_sector_or_thema_is_listed_with_all_three():
    artikel = ArtikelFactory(titel="Kaal artikel", samenvatting="")
    artikel.doelgroepen.add(DoelgroepFactory())
    (gap,) = completeness.gaps()
    assert gap.title == "Kaal artikel"
    assert gap.missing == ["samenvatting", "sectoren", "thema's"]


def test_one_query_per_content_type_whatever_the_number_of_items(django_assert_max_num_queries):
    for n in range(12):
        InstrumentFactory(titel=f"Zonder alles {n}")
    with django_assert_max_num_queries(4):
        gaps = completeness.gaps()
    assert len(gaps) == 12


def test_the_dashboard_shows_the_gaps_with_links_to_fix_them(editor_client):
    lacking = InstrumentFactory(titel="Zonder doelgroep")
    response = editor_client.get("/admin/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Onvolledig gepubliceerd" in body
    assert "Zonder doelgroep" in body
    assert f"/admin/instrumenten/instrument/{lacking.pk}/change/" in body


def test_content_report_prints_the_gaps_and_fails_when_strict(capsys):
    InstrumentFactory(titel="Zonder doelgroep")
    call_command("content_report")
    assert "Zonder doelgroep" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("content_report", "--strikt")
