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


def test_hub_shows_only_sections_with_content_and_a_breadcrumb_to_all_themas(client):
    from tests.factories import PilotFactory

    thema = ThemaFactory(naam="Veilig werken")
    InstrumentFactory(titel="Arboscan-VO").themas.add(thema)

    body = client.get(thema.get_absolute_url()).content.decode()

    assert "Arboscan-VO" in body
    assert 'id="kop-instrumenten"' in body
    for empty in ("kop-pilots", "kop-kennisbank", "kop-activiteiten", "kop-stappenplannen"):
        assert empty not in body, empty
    assert "(0)" not in body and "Geen pilots" not in body
    breadcrumbs = body[body.index('<nav aria-label="Kruimelpad"') :]
    breadcrumbs = breadcrumbs[: breadcrumbs.index("</nav>")]
    assert 'href="/themas/">Thema&#x27;s</a>' in breadcrumbs
    assert 'aria-current="page">Veilig werken</span>' in breadcrumbs

    PilotFactory(titel="Pilot veilig").themas.add(thema)
    body = client.get(thema.get_absolute_url()).content.decode()
    assert 'id="kop-pilots"' in body and "Pilot veilig" in body
    # With more than one section, "Op deze pagina" leads to each of them.
    assert 'href="#instrumenten"' in body and 'href="#pilots"' in body


def test_themas_overview_lists_every_thema_with_its_description_by_kernopgave(client):
    vo = SectorFactory(slug="vo")
    markt = KernopgaveFactory(naam="Optimaliseren onderwijsarbeidsmarkt", sector=vo, volgorde=1)
    vitaal = KernopgaveFactory(naam="Stimuleren veilig en vitaal werken", sector=vo, volgorde=2)
    themas = [
        ThemaFactory(kernopgave=markt, naam="Arbeidsmarkt", omschrijving="Over de arbeidsmarkt."),
        ThemaFactory(kernopgave=vitaal, naam="Gezond werken", omschrijving="Over gezond werk."),
        ThemaFactory(kernopgave=vitaal, naam="Veilig werken", omschrijving="Over veilig werk."),
    ]
    KernopgaveFactory(naam="Zonder thema's")

    response = client.get("/themas/")

    assert response.status_code == 200
    body = response.content.decode()
    for thema in themas:
        assert f'<a href="{thema.get_absolute_url()}">{thema.naam}</a>' in body
        assert f"<p>{thema.omschrijving}</p>" in body
    # Grouped under their kernopgave, in the plan's order; an empty kernopgave is left out.
    assert body.index(markt.naam) < body.index("Arbeidsmarkt</a>") < body.index(vitaal.naam)
    assert body.index(vitaal.naam) < body.index("Gezond werken</a>")
    assert "Zonder thema" not in body
