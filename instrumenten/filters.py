"""The instrument catalogue's facets and sort orders, one GET parameter per facet."""

from instrumenten.models import InstrumentSoort
from voion_portal.listing.facets import FacetSpec
from voion_portal.taxonomy.models import DiPijler, Doelgroep, Organisatie, Sector, Thema

# OR within a facet (sector=po&sector=vo), AND across facets.
INSTRUMENT_FACETS = [
    FacetSpec("pijler", "DI-pijler", "pijlers", model=DiPijler),
    FacetSpec("sector", "Sector", "sectoren", model=Sector),
    FacetSpec("thema", "Thema", "themas", model=Thema),
    FacetSpec("soort", "Soort", "soort", kind="fk", model=InstrumentSoort),
    FacetSpec("doelgroep", "Doelgroep", "doelgroepen", model=Doelgroep),
    FacetSpec("aanbieder", "Aanbieder", "aanbieder", kind="fk", model=Organisatie),
]

INSTRUMENT_SORTS = {
    "naam": ("titel", "pk"),
    "nieuw": ("-publicatiedatum", "pk"),
    "relevantie": ("-rank", "titel", "pk"),
}
