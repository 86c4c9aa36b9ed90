"""Site-wide views: home, thema hubs, robots.txt, error pages; and the shared detail view."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.http import require_GET
from django.views.generic import DetailView

from instrumenten.models import Instrument
from jaarplan.models import Activiteit
from kennisbank.models import Artikel, Stap, Stappenplan
from pilots.models import Pilot
from voion_portal.search import clean_query, search_queryset
from voion_portal.taxonomy.models import Kernopgave, Thema


class PublishableDetailView(DetailView):
    """A detail page the public sees when published and staff may preview as a draft."""

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = not self.object.is_published
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["is_preview"]:
            patch_cache_control(response, private=True, no_store=True)
        return response


@require_GET
def home(request):
    kernopgaven = Kernopgave.objects.select_related("sector").prefetch_related("themas")
    context = {
        "kernopgaven": kernopgaven,
        "featured_instruments": Instrument.objects.published().featured().for_listing()[:6],
        "latest_articles": Artikel.objects.published().for_listing()[:5],
        "open_pilots": Pilot.objects.published().open_for_registration().for_listing()[:4],
    }
    return render(request, "home.html", context)


@require_GET
def thema_hub(request, slug):
    thema = get_object_or_404(Thema.objects.select_related("kernopgave"), slug=slug)
    context = {
        "thema": thema,
        "breadcrumb_trail": [("Thema's", None), (thema.naam, None)],
        "activiteiten": Activiteit.objects.published()
        .filter(thema=thema)
        .select_related("jaarplan")
        .order_by("-jaarplan__jaar", "volgorde"),
        "instrumenten": Instrument.objects.published().filter(themas=thema).for_listing(),
        "artikelen": Artikel.objects.published().filter(themas=thema)[:12],
        "pilots": Pilot.objects.published().filter(themas=thema).for_listing(),
        "stappenplannen": Stappenplan.objects.published().filter(themas=thema),
    }
    return render(request, "thema.html", context)


SEARCH_GROUP_SIZE = 10


@require_GET
def search(request):
    """Site-wide search: every content type, grouped, best matches first."""
    query, message = clean_query(request.GET.get("q", ""))
    groups = []
    if query:
        sources = [
            ("Instrumenten", Instrument.objects.published().for_listing(),
             ("titel", "samenvatting", "tekst")),
            ("Kennisbank", Artikel.objects.published(), ("titel", "samenvatting", "tekst")),
            ("Pilots", Pilot.objects.published(), ("titel", "samenvatting", "aanleiding")),
            ("Stappenplannen", Stap.objects.published().select_related("stappenplan"),
             ("titel", "samenvatting", "tekst")),
            ("Jaarplanactiviteiten", Activiteit.objects.published().select_related("jaarplan"),
             ("titel", "omschrijving")),
        ]  # fmt: skip
        for label, queryset, fields in sources:
            matches = search_queryset(queryset, query, fields).order_by("-rank", "titel")
            items = list(matches[:SEARCH_GROUP_SIZE])
            if items:
                groups.append({"label": label, "items": items})
    context = {
        "query": query,
        "groups": groups,
        "total": sum(len(group["items"]) for group in groups),
        "filter_messages": [message] if message else [],
        "breadcrumb_trail": [("Zoeken", None)],
    }
    return render(request, "search.html", context)


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /zoeken/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    response = render(request, "500.html", status=500)
    add_never_cache_headers(response)
    return response
