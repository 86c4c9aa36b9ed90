"""The kennisbank's facets and sort orders, one GET parameter per facet."""

from kennisbank.models import ArtikelSoort
from voion_portal.listing.facets import FacetSpec
from voion_portal.taxonomy.models import DiPijler, Doelgroep, Sector, Thema

# OR within a facet, AND across facets.
ARTIKEL_FACETS = [
    FacetSpec("soort", "Soort", "soort", kind="choice", choices=tuple(ArtikelSoort.choices)),
    FacetSpec("thema", "Thema", "themas", model=Thema),
    FacetSpec("sector", "Sector", "sectoren", model=Sector),
    FacetSpec("pijler", "DI-pijler", "pijlers", model=DiPijler),
    FacetSpec("doelgroep", "Doelgroep", "doelgroepen", model=Doelgroep),
]

ARTIKEL_SORTS = {
    "nieuw": ("-publicatiedatum", "pk"),
    "naam": ("titel", "pk"),
    "relevantie": ("-rank", "-publicatiedatum", "pk"),
}
