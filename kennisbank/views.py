from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils.cache import patch_cache_control
from django.views.generic import ListView

from kennisbank.filters import ARTIKEL_FACETS, ARTIKEL_SORTS
from kennisbank.models import Artikel, Stappenplan
from voion_portal.core.markup import headings_with_ids
from voion_portal.core.views import PublishableDetailView
from voion_portal.listing.cards import ARTIKEL_CARD
from voion_portal.listing.views import FacetedListView


class ArtikelListView(FacetedListView):
    page_topics = ("kennisbank",)  # for the page cache: only the kennisbank's changes
    template_name = "kennisbank/artikel_list.html"
    context_object_name = "artikelen"
    facet_specs = ARTIKEL_FACETS
    sort_options = ARTIKEL_SORTS
    facets_noun = "de kennisbank"
    card_kind = ARTIKEL_CARD
    default_sort = "nieuw"
    page_title = "Kennisbank"
    feed_url = reverse_lazy("feed_kennisbank")

    def base_queryset(self):
        return Artikel.objects.published().for_listing()


class ArtikelDetailView(PublishableDetailView):
    model = Artikel
    template_name = "kennisbank/artikel_detail.html"
    context_object_name = "artikel"

    def get_queryset(self):
        return super().get_queryset().for_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        artikel = self.object
        context["instrumenten"] = artikel.instrumenten.published()
        context["pilots"] = artikel.pilots.published()
        context["stappen"] = artikel.stappen.published().select_related("stappenplan")
        context["tekst_html"], headings = headings_with_ids(artikel.tekst_html)
        context["contents"] = [{"anchor": anchor, "label": text} for anchor, text in headings]
        context["breadcrumb_trail"] = [
            ("Kennisbank", reverse("kennisbank:list")),
            (artikel.titel, None),
        ]
        return context


class StappenplanListView(ListView):
    page_topics = ("kennisbank",)
    template_name = "kennisbank/stappenplan_list.html"
    context_object_name = "stappenplannen"

    def get_queryset(self):
        return Stappenplan.objects.published().for_listing().annotate(stap_count=Count("stappen"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumb_trail"] = [("Stappenplannen", None)]
        return context


class StappenplanDetailView(PublishableDetailView):
    model = Stappenplan
    template_name = "kennisbank/stappenplan_detail.html"
    context_object_name = "stappenplan"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        outline = self.object.outline()
        context["stappen"] = outline.steps
        context["hoofdstappen"] = outline.phases
        context["eerste_stap"] = outline.numbered[0] if outline.numbered else None
        context["tekst_html"], headings = headings_with_ids(self.object.tekst_html)
        context["contents"] = [{"anchor": anchor, "label": text} for anchor, text in headings]
        if outline.steps:
            context["contents"].append({"anchor": "alle-stappen", "label": "Alle stappen"})
        context["breadcrumb_trail"] = [
            ("Stappenplannen", reverse("kennisbank:stappenplannen")),
            (self.object.titel, None),
        ]
        return context


def stap_detail(request, stappenplan_slug, slug):
    stappenplan = get_object_or_404(
        Stappenplan.objects.visible_to(request.user), slug=stappenplan_slug
    )
    outline = stappenplan.outline()
    stappen = outline.steps
    stap = next((s for s in stappen if s.slug == slug), None)
    if stap is None:
        raise Http404("Deze stap bestaat niet in dit stappenplan.")
    index = stappen.index(stap)
    context = {
        "stappenplan": stappenplan,
        "stap": stap,
        "stappen": stappen,
        "hoofdstappen": outline.phases,
        "actieve_hoofdstap_id": stap.hoofdstap_id or stap.pk,
        "stapnummer": outline.number(stap),
        "aantal_stappen": len(outline.numbered),
        "vorige": stappen[index - 1] if index > 0 else None,
        "volgende": stappen[index + 1] if index + 1 < len(stappen) else None,
        "instrumenten": stap.instrumenten.published().for_listing(),
        "artikelen": stap.artikelen.published(),
        "is_preview": not stappenplan.is_published,
        "breadcrumb_trail": [
            ("Stappenplannen", reverse("kennisbank:stappenplannen")),
            (stappenplan.titel, stappenplan.get_absolute_url()),
            (stap.titel, None),
        ],
    }
    response = render(request, "kennisbank/stap_detail.html", context)
    if context["is_preview"]:
        patch_cache_control(response, private=True, no_store=True)
    return response
