"""A thema hub names the plan its thema comes from, not a sector: it gathers po, vo and mbo."""

import pytest

from tests.factories import InstrumentFactory, KernopgaveFactory, SectorFactory, ThemaFactory

pytestmark = pytest.mark.django_db


def test_hub_names_its_plan_and_introduction_without_a_sector_tag(client):
    vo = SectorFactory(slug="vo")
    kernopgave = KernopgaveFactory(
        naam="Optimaliseren onderwijsarbeidsmarkt", sector=vo, bron="Jaarplan Voion 2024"
    )
    thema = ThemaFactory(
        kernopgave=kernopgave,
        naam="Aantrekkelijk werk",
        omschrijving="Onder dit thema onderzoekt Voion waar leraren zich vestigen.",
    )
    for sector in ("po", "mbo"):
        tool = InstrumentFactory(titel=f"Startwijzerscan {sector}")
        tool.themas.add(thema)
        tool.sectoren.add(SectorFactory(slug=sector))

    response = client.get(thema.get_absolute_url())

    assert response.status_code == 200
    body = response.content.decode()
    assert "Thema uit het Jaarplan Voion 2024 · Optimaliseren onderwijsarbeidsmarkt" in body
    assert '<p class="lead">Onder dit thema onderzoekt Voion waar leraren zich vestigen.</p>' in (
        body
    )
    assert "Startwijzerscan po" in body and "Startwijzerscan mbo" in body
    assert "(vo)" not in body


def test_hub_without_a_named_plan_still_says_thema(client):
    thema = ThemaFactory(naam="Innovatie", kernopgave=KernopgaveFactory(naam="Een kernopgave"))

    body = client.get(thema.get_absolute_url()).content.decode()

    assert "Thema · Een kernopgave" in body
    assert "Thema uit het" not in body
