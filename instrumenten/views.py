from django.db.models import OuterRef
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from instrumenten.compare import (
    MAX_INSTRUMENTS,
    MIN_INSTRUMENTS,
    PARAMETER,
    build_comparison,
    compare_url,
)
from instrumenten.filters import INSTRUMENT_FACETS, INSTRUMENT_SORTS
from instrumenten.models import Instrument
from jaarplan.models import Activiteit
from pilots.models import Pilot
from voion_portal.core.pagecache import reads_parameters
from voion_portal.core.views import PublishableDetailView
from voion_portal.editors.models import ExterneLink
from voion_portal.listing.cards import INSTRUMENT_CARD
from voion_portal.listing.views import FacetedListView

RELATED_LIST_SIZE = 20


class InstrumentListView(FacetedListView):
    page_topics = ("instrumenten",)  # for the page cache: only the catalogue's changes
    template_name = "instrumenten/instrument_list.html"
    context_object_name = "instrumenten"
    facet_specs = INSTRUMENT_FACETS
    sort_options = INSTRUMENT_SORTS
    facets_noun = "instrumenten"
    card_kind = INSTRUMENT_CARD
    default_sort = "naam"
    page_title = "Instrumenten"

    def base_queryset(self):
        return Instrument.objects.published().for_listing()


class InstrumentDetailView(PublishableDetailView):
    model = Instrument
    template_name = "instrumenten/instrument_detail.html"
    context_object_name = "instrument"

    def get_queryset(self):
        # When the link check last found the tool's address working, read with the row.
        # A broken link is the editors' business, not shown.
        last_checked = ExterneLink.objects.filter(url=OuterRef("url"), kapot=False).values(
            "gecontroleerd_op"
        )[:1]
        return super().get_queryset().for_detail().annotate(link_gecontroleerd_op=last_checked)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        instrument = self.object
        context["activiteiten"] = instrument.activiteiten.published().select_related(
            "jaarplan", "thema"
        )
        context["stappen"] = instrument.stappen.published().select_related("stappenplan")
        context["artikelen"] = instrument.artikelen.published()[:RELATED_LIST_SIZE]
        # A pilot is related where a source ties the two: a jaarplan activity naming both.
        # Not through articles: an overview article linking many tools and every pilot
        # would relate them all to each other.
        via_activities = Activiteit.pilots.through.objects.filter(
            activiteit__instrumenten=instrument
        ).values("pilot_id")
        context["pilots"] = Pilot.objects.published().filter(pk__in=via_activities)
        context["link_gecontroleerd_op"] = (
            instrument.link_gecontroleerd_op if instrument.url else None
        )
        context["breadcrumb_trail"] = [
            ("Instrumenten", reverse("instrumenten:list")),
            (instrument.titel, None),
        ]
        return context


@require_safe
@reads_parameters(PARAMETER)
def compare(request):
    """Two to four published instruments side by side (`?instrument=a&instrument=b`).

    A personal combination: not indexed, not in the sitemap. Too few, too many or unknown
    instruments give the page with a message saying what to do, never an error."""
    comparison = build_comparison(request.GET.getlist(PARAMETER))
    context = {
        "comparison": comparison,
        # Shared and printed: the address of exactly the instruments shown.
        "share_url": request.build_absolute_uri(
            compare_url(column.instrument.slug for column in comparison.columns)
        ),
        "min_instruments": MIN_INSTRUMENTS,
        "max_instruments": MAX_INSTRUMENTS,
        "catalogue_url": reverse("instrumenten:list"),
        "breadcrumb_trail": [
            ("Instrumenten", reverse("instrumenten:list")),
            ("Vergelijken", None),
        ],
    }
    return render(request, "instrumenten/instrument_compare.html", context)
