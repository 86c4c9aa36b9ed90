"""The kennisbank's filters: one FilterSet, one parameter per facet."""

import django_filters

from kennisbank.models import Artikel, ArtikelSoort
from voion_portal.listing.facets import FacetSpec, TermFilter
from voion_portal.taxonomy.models import DiPijler, Doelgroep, Sector, Thema


def _terms(model, field_name, label):
    # Values are slugs: readable, stable URLs. Filtering is a semi-join (TermFilter).
    return TermFilter(field_name=field_name, queryset=model.objects.all(), label=label)


class ArtikelFilterSet(django_filters.FilterSet):
    """OR within a facet, AND across facets."""

    thema = _terms(Thema, "themas", "Thema")
    sector = _terms(Sector, "sectoren", "Sector")
    pijler = _terms(DiPijler, "pijlers", "DI-pijler")
    doelgroep = _terms(Doelgroep, "doelgroepen", "Doelgroep")
    soort = django_filters.MultipleChoiceFilter(
        choices=ArtikelSoort.choices, label="Soort", distinct=False
    )

    class Meta:
        model = Artikel
        fields = ["thema", "sector", "pijler", "doelgroep", "soort"]


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
