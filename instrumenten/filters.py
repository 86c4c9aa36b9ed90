"""The instrument catalogue's filters: one FilterSet, one parameter per facet."""

import django_filters

from instrumenten.models import Instrument, InstrumentSoort
from voion_portal.listing.facets import FacetSpec, TermFilter
from voion_portal.taxonomy.models import DiPijler, Doelgroep, Organisatie, Sector, Thema


def _terms(model, field_name, label):
    # Values are slugs: readable, stable URLs. Filtering is a semi-join (TermFilter).
    return TermFilter(field_name=field_name, queryset=model.objects.all(), label=label)


class InstrumentFilterSet(django_filters.FilterSet):
    """OR within a facet (sector=po&sector=vo), AND across facets."""

    thema = _terms(Thema, "themas", "Thema")
    sector = _terms(Sector, "sectoren", "Sector")
    pijler = _terms(DiPijler, "pijlers", "DI-pijler")
    soort = _terms(InstrumentSoort, "soort", "Soort")
    doelgroep = _terms(Doelgroep, "doelgroepen", "Doelgroep")
    aanbieder = _terms(Organisatie, "aanbieder", "Aanbieder")

    class Meta:
        model = Instrument
        fields = ["thema", "sector", "pijler", "soort", "doelgroep", "aanbieder"]


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
