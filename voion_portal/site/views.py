"""Site-wide views: home, thema hubs, the search page, robots.txt, error pages."""

import sys
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import F, Value
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from instrumenten.models import Instrument
from jaarplan.models import Activiteit, Jaarplan
from kennisbank.models import Artikel, Stappenplan
from pilots.models import Pilot
from voion_portal.core.faults import database_unavailable, is_database_outage
from voion_portal.core.pagecache import reads_parameters
from voion_portal.listing.cards import ARTIKEL_CARD, INSTRUMENT_CARD, rendered_cards
from voion_portal.search import engine
from voion_portal.search.engine import (
    best_of_each_type,
    by_relevance,
    clean_query,
    match_count,
    rankable_count,
    rows_with_snippets,
    search,
    type_total,
)
from voion_portal.taxonomy.models import DiPijler, Kernopgave, Sector, Thema

HUB_LIST_SIZE = 24


def home_shortcuts():
    """The home page's direct links: DI pillars, sectors and the published jaarplannen, in one
    query (a UNION) so the home page keeps its small, constant number of queries."""

    def rows(queryset, kind, label, order):
        return queryset.annotate(kind=Value(kind), label=F(label), order=order).values_list(
            "kind", "slug", "label", "order"
        )

    found = (
        rows(DiPijler.objects.order_by(), "pijler", "naam", F("volgorde"))
        .union(rows(Sector.objects.order_by(), "sector", "afkorting", F("volgorde")))
        .union(rows(Jaarplan.objects.published().order_by(), "jaarplan", "titel", -F("jaar")))
    )
    shortcuts = {"pijlers": [], "sectoren": [], "jaarplannen": []}
    plural = {"pijler": "pijlers", "sector": "sectoren", "jaarplan": "jaarplannen"}
    for kind, slug, label, _order in sorted(found, key=lambda row: (row[0], row[3], row[2])):
        if kind == "jaarplan":
            url = reverse("jaarplan:detail", kwargs={"slug": slug})
        else:
            url = f"{reverse('instrumenten:list')}?{urlencode({kind: slug})}"
        shortcuts[plural[kind]].append({"label": label, "url": url})
    shortcuts["jaarplannen"] = shortcuts["jaarplannen"][:4]
    return shortcuts


@require_safe
def home(request):
    """Start from what a visitor wants to do: find a tool, start with strategic HR, see the
    funds' plans; then the themas, featured tools, the newest articles and open pilots."""
    kernopgaven = Kernopgave.objects.select_related("sector").prefetch_related("themas")
    context = {
        "kernopgaven": kernopgaven,
        **home_shortcuts(),
        "instrument_cards": rendered_cards(
            Instrument.objects.published().featured().for_listing()[:6], INSTRUMENT_CARD
        ),
        "artikel_cards": rendered_cards(
            Artikel.objects.published().for_listing()[:6], ARTIKEL_CARD
        ),
        "open_pilots": Pilot.objects.published().open_for_registration().for_listing()[:4],
    }
    return render(request, "home.html", context)


@require_safe
def thema_hub(request, slug):
    thema = get_object_or_404(Thema.objects.select_related("kernopgave"), slug=slug)
    activiteiten = list(
        Activiteit.objects.published()
        .filter(thema=thema)
        .select_related("jaarplan")
        .order_by("-jaarplan__jaar", "volgorde")
    )
    # A hub shows the first cards; the catalogue filtered on the thema has them all.
    instrument_cards = rendered_cards(
        Instrument.objects.published().filter(themas=thema).for_listing()[:HUB_LIST_SIZE],
        INSTRUMENT_CARD,
    )
    artikel_cards = rendered_cards(
        Artikel.objects.published().filter(themas=thema).for_listing()[:12], ARTIKEL_CARD
    )
    pilots = list(Pilot.objects.published().filter(themas=thema).for_listing())
    stappenplannen = list(Stappenplan.objects.published().filter(themas=thema))
    # Only the sections that have something to show, in the order the page shows them.
    sections = [
        (anchor, label, items)
        for anchor, label, items in (
            ("activiteiten", "Activiteiten", activiteiten),
            ("instrumenten", "Instrumenten", instrument_cards),
            ("kennisbank", "Kennisbank", artikel_cards),
            ("pilots", "Pilots", pilots),
            ("stappenplannen", "Stappenplannen", stappenplannen),
        )
        if items
    ]
    context = {
        "thema": thema,
        "breadcrumb_trail": [("Thema's", reverse("themas")), (thema.naam, None)],
        "activiteiten": activiteiten,
        "instrument_cards": instrument_cards,
        "artikel_cards": artikel_cards,
        "pilots": pilots,
        "stappenplannen": stappenplannen,
        "contents": [{"anchor": anchor, "label": label} for anchor, label, _ in sections]
        if len(sections) > 1
        else [],
    }
    return render(request, "thema.html", context)


@require_safe
def themas_overview(request):
    """Every thema with its introduction, grouped by the plan's kernopgave (po and vo
    plans each with their own), in the plans' reading order."""
    kernopgaven = (
        Kernopgave.objects.select_related("sector")
        .prefetch_related("themas")
        .order_by("sector__volgorde", "sector__naam", "volgorde", "naam")
    )
    context = {
        "kernopgaven": [kernopgave for kernopgave in kernopgaven if kernopgave.themas.all()],
        "breadcrumb_trail": [("Thema's", None)],
    }
    return render(request, "themas.html", context)


SEARCH_GROUP_SIZE = 5


@require_safe
@reads_parameters("q", "type", "page")
def search_page(request):
    """Site-wide search: all types grouped by kind, or one type paginated (?type=)."""
    search_types = engine.search_types()
    query, message = clean_query(request.GET.get("q", ""))
    messages = [message] if message else []
    chosen = request.GET.get("type", "")
    if chosen and chosen not in search_types:
        messages.append("Onbekend type genegeerd; we zoeken in alles.")
        chosen = ""
    context = {
        "query": query,
        "types": [(key, kind.label) for key, kind in search_types.items()],
        "chosen_type": chosen,
        "groups": [],
        "suggestion": None,
        "breadcrumb_trail": [("Zoeken", None)],
    }
    if query and chosen:
        kind = search_types[chosen]
        outcome = search(kind.queryset(), query)
        searched = outcome.suggestion or query
        paginator = Paginator(by_relevance(outcome.queryset, kind.title_field), settings.PAGE_SIZE)
        total = match_count(outcome.queryset, searched)
        paginator.count, capped_message = rankable_count(total)
        if capped_message:
            messages.append(capped_message)
        page = paginator.get_page(request.GET.get("page"))
        rows = kind.results(rows_with_snippets(page.object_list, searched, kind.snippet_fields))
        page.object_list = rows  # the template tests the page; do not fetch it twice
        context.update(
            groups=[
                {"key": chosen, "label": kind.label, "items": rows, "more": False, "total": total}
            ],
            page_obj=page,
            total=total,
            suggestion=outcome.suggestion,
        )
    elif query:
        total, more_than_total = 0, False
        found, context["suggestion"] = best_of_each_type(search_types, query, SEARCH_GROUP_SIZE)
        searched = context["suggestion"] or query
        for key, rows in found.items():
            kind = search_types[key]
            if rows:
                more = len(rows) > SEARCH_GROUP_SIZE
                group_total = type_total(kind, searched) if more else len(rows)
                cap = settings.SEARCH_GROUP_TOTAL_CAP
                context["groups"].append(
                    {
                        "key": key,
                        "label": kind.label,
                        "items": rows[:SEARCH_GROUP_SIZE],
                        "more": more,
                        "total": min(group_total, cap),
                        "more_than_total": group_total > cap,
                    }
                )
                total += min(group_total, cap)
                more_than_total = more_than_total or group_total > cap
        context["total"] = total
        context["more_than_total"] = more_than_total
    context["filter_messages"] = messages
    if context["suggestion"]:
        query_string = urlencode({"q": context["suggestion"]})
        context["suggestion_url"] = f"{reverse('zoeken')}?{query_string}"
    # A TemplateResponse: the search counting middleware reads the query and total from it.
    return TemplateResponse(request, "search.html", context)


@require_safe
def robots_txt(request):
    sitemap_path = reverse("django.contrib.sitemaps.views.sitemap")
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        f"Disallow: {reverse('zoeken')}",
        f"Disallow: {reverse('feedback')}",
        f"Sitemap: {request.build_absolute_uri(sitemap_path)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


# The error pages never read the request body and never run the CSRF check: Django's own
# 400 and 403 views do (`requires_csrf_token`), so a body that failed to parse the first
# time (e.g. a form in latin-1) failed again inside the error page and became a 500.


def _error_page(request, template: str, status: int, context=None):
    response = render(request, template, context or {}, status=status)
    add_never_cache_headers(response)
    return response


def bad_request(request, exception):
    return _error_page(request, "400.html", 400)


def permission_denied(request, exception):
    return _error_page(request, "403.html", 403)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form whose security token is missing or does not match."""
    return _error_page(request, "403.html", 403, {"csrf_failed": True})


def page_not_found(request, exception):
    return _error_page(request, "404.html", 404)


def server_error(request):
    # A database outage that surfaced outside a view (e.g. in a middleware) still gets
    # the friendly 503 page; this handler runs inside Django's `except` block.
    if is_database_outage(sys.exc_info()[1]):
        return database_unavailable(request)
    response = render(request, "500.html", status=500)
    add_never_cache_headers(response)
    return response
