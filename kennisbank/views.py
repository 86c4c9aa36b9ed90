from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from django.views.generic import ListView

from kennisbank.models import Artikel, Stappenplan
from voion_portal.views import PublishableDetailView


class ArtikelListView(ListView):
    template_name = "kennisbank/artikel_list.html"
    paginate_by = settings.PAGE_SIZE
    context_object_name = "artikelen"

    def get_queryset(self):
        return Artikel.objects.published().for_listing()


class ArtikelDetailView(PublishableDetailView):
    model = Artikel
    template_name = "kennisbank/artikel_detail.html"
    context_object_name = "artikel"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("themas", "sectoren", "pijlers")


class StappenplanDetailView(PublishableDetailView):
    model = Stappenplan
    template_name = "kennisbank/stappenplan_detail.html"
    context_object_name = "stappenplan"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["stappen"] = self.object.ordered_steps()
        return context


def stap_detail(request, stappenplan_slug, slug):
    stappenplan = get_object_or_404(
        Stappenplan.objects.visible_to(request.user), slug=stappenplan_slug
    )
    stappen = stappenplan.ordered_steps()
    stap = next((s for s in stappen if s.slug == slug), None)
    if stap is None:
        raise Http404("Deze stap bestaat niet in dit stappenplan.")
    index = stappen.index(stap)
    context = {
        "stappenplan": stappenplan,
        "stap": stap,
        "stappen": stappen,
        "vorige": stappen[index - 1] if index > 0 else None,
        "volgende": stappen[index + 1] if index + 1 < len(stappen) else None,
        "is_preview": not stappenplan.is_published,
    }
    response = render(request, "kennisbank/stap_detail.html", context)
    if context["is_preview"]:
        patch_cache_control(response, private=True, no_store=True)
    return response
