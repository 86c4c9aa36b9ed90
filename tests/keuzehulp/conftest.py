import pytest

from keuzehulp.models import Doel, Onderwerp, Publiek
from tests.factories import (
    DiPijlerFactory,
    DoelgroepFactory,
    DraftInstrumentFactory,
    InstrumentFactory,
    InstrumentSoortFactory,
    SectorFactory,
    ThemaFactory,
)


@pytest.fixture
def catalogue(db):
    """A small catalogue and the editors' mapping of the keuzehulp's answers onto it."""
    vo, po = SectorFactory(slug="vo", naam="Voortgezet onderwijs"), SectorFactory(slug="po")
    kunnen = DiPijlerFactory(slug="kunnen-werken")
    gezond = ThemaFactory(slug="gezond-werken", naam="Gezond werken")
    arbeidsmarkt = ThemaFactory(slug="arbeidsmarkt", naam="Arbeidsmarkt")
    leraar = DoelgroepFactory(slug="leraar", naam="Leraar")
    hr = DoelgroepFactory(slug="hr-medewerker", naam="Hr-medewerker")
    gesprekshulp = InstrumentSoortFactory(slug="gesprekshulp", naam="Gesprekshulp")
    methode = InstrumentSoortFactory(slug="methode", naam="Methode")
    scan = InstrumentSoortFactory(slug="scan", naam="Scan")

    def tool(slug, soort, sectoren, themas, doelgroepen, pijlers=(), factory=InstrumentFactory):
        item = factory(titel=slug.replace("-", " ").capitalize(), slug=slug, soort=soort)
        item.sectoren.set(sectoren)
        item.themas.set(themas)
        item.doelgroepen.set(doelgroepen)
        item.pijlers.set(pijlers)
        return item

    tools = {
        "werkbalans": tool("werkbalans", methode, [vo], [gezond], [leraar], [kunnen]),
        "gesprekswaaier": tool("gesprekswaaier", gesprekshulp, [vo, po], [gezond], [leraar]),
        # fits vo, werkdruk and team, but is a scan: one answer short
        "welzijnscheck": tool("welzijnscheck", scan, [vo], [gezond], [leraar], [kunnen]),
        # a po conversation tool on workload: fits all but the sector
        "po-gesprek": tool("po-gesprek", gesprekshulp, [po], [gezond], [leraar]),
        # fits only the sector and the kind
        "prognose": tool("prognose", gesprekshulp, [vo], [arbeidsmarkt], [hr]),
        "concept": tool(
            "concept", gesprekshulp, [vo], [gezond], [leraar], factory=DraftInstrumentFactory
        ),
    }
    gesprek = Doel.objects.create(naam="Het gesprek voeren", kort="gesprek", slug="gesprek")
    gesprek.soorten.set([gesprekshulp, methode])
    meten = Doel.objects.create(naam="In kaart brengen", kort="in kaart brengen", slug="meten")
    meten.soorten.set([scan])
    werkdruk = Onderwerp.objects.create(naam="Werkdruk", kort="werkdruk", slug="werkdruk")
    werkdruk.themas.set([gezond])
    gezondheid = Onderwerp.objects.create(
        naam="Gezond blijven (kunnen werken)", kort="kunnen werken", slug="gezondheid"
    )
    gezondheid.pijlers.set([kunnen])
    team = Publiek.objects.create(naam="Het team", kort="team", slug="team")
    team.doelgroepen.set([leraar])
    hr_answer = Publiek.objects.create(naam="Hr", kort="hr", slug="hr")
    hr_answer.doelgroepen.set([hr])
    return tools


ANSWERS = {"sector": "vo", "doel": "gesprek", "onderwerp": "werkdruk", "voor": "team"}
