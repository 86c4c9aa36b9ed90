"""Mijn selectie: the page made from the address, its changes without JavaScript, the PDF."""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from instrumenten.models import Instrument
from kennisbank.models import Artikel, Stap
from voion_portal.core.caching import remember
from voion_portal.core.pagecache import reads_parameters

from .pdf import PdfUnavailable, render_pdf, today_in_dutch
from .selection import MAX_ITEMS, PARAMETERS, Selection, anchor, item_key, resolve

PDF_TITLE = "Toolkit voor het teamoverleg"
ACTIONS = ("omhoog", "omlaag", "verwijder", "voeg-toe")
SEARCH_LIMIT = 6
COMPARE_RANGE = range(2, 5)


def selection_url(selection: Selection, name="selectie:page") -> str:
    query = selection.query_string()
    return reverse(name) + (f"?{query}" if query else "")


def changed_selection(selection: Selection, query) -> tuple[Selection, str] | None:
    """The selection after the change a button asked for, and where to land on the page."""
    if key := query.get("omhoog"):
        return selection.moved(key, -1), key
    if key := query.get("omlaag"):
        return selection.moved(key, 1), key
    if key := query.get("verwijder"):
        return selection.without(key), ""
    if key := query.get("voeg-toe"):
        return selection.plus(key), key
    return None


def search_results(selection: Selection, words: str) -> list[dict]:
    """Published instruments, articles and steps whose title holds `words` (three queries),
    each with the address of the selection that has it added."""
    found = []
    queries = [
        ("instrument", "Instrument", Instrument.objects.published().only("titel", "slug")),
        ("artikel", "Artikel", Artikel.objects.published().only("titel", "slug")),
        (
            "stap",
            "Stap",
            Stap.objects.published()
            .select_related("stappenplan")
            .only("titel", "slug", "stappenplan__slug", "stappenplan__titel"),
        ),
    ]
    for kind, label, queryset in queries:
        for item in queryset.filter(titel__icontains=words).order_by("titel")[:SEARCH_LIMIT]:
            ref = f"{item.stappenplan.slug}/{item.slug}" if kind == "stap" else item.slug
            key = item_key(kind, ref)
            if key in selection.keys:
                continue
            found.append(
                {
                    "key": key,
                    "kind_label": label,
                    "title": item.titel,
                    "context": item.stappenplan.titel if kind == "stap" else "",
                    "add_url": selection_url(selection.plus(key)) + "#sel-lijst",
                }
            )
    return found


@require_safe
@reads_parameters(*PARAMETERS, *ACTIONS, "zoek")
def selection_page(request):
    selection = Selection.from_query(request.GET)
    change = changed_selection(selection, request.GET)
    if change:
        changed, focus = change
        landing = anchor(focus) if focus in changed.keys else "sel-lijst"
        return redirect(f"{selection_url(changed)}#{landing}")

    entries = resolve(selection)
    words = " ".join(request.GET.get("zoek", "").split())[:100]
    instruments = [
        e.key.partition(":")[2] for e in entries if e.kind == "instrument" and e.available
    ]
    compare_url = ""
    if len(instruments) in COMPARE_RANGE:
        compare_url = "/instrumenten/vergelijk/?" + "&".join(f"instrument={s}" for s in instruments)
    page_url = selection_url(selection)
    notices = []
    if selection.dropped:
        notices.append(
            f"{selection.dropped} onderde{'len' if selection.dropped > 1 else 'el'} uit de link "
            "werd niet herkend of stond er dubbel in, en is weggelaten."
        )
    if selection.over_limit:
        notices.append(
            f"Een selectie heeft hoogstens {MAX_ITEMS} onderdelen; de laatste "
            f"{selection.over_limit} zijn weggelaten."
        )
    context = {
        "entries": entries,
        "notices": notices,
        "selection": selection,
        "max_items": MAX_ITEMS,
        "share_url": request.build_absolute_uri(page_url),
        "pdf_url": selection_url(selection, "selectie:pdf"),
        "compare_url": compare_url,
        "zoek": words,
        "results": search_results(selection, words) if words else None,
        "numbered": list(enumerate(selection.keys, start=1)),
        "pdf_title": PDF_TITLE,
    }
    response = render(request, "selectie/selectie.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
@reads_parameters(*PARAMETERS)
def selection_pdf(request):
    selection = Selection.from_query(request.GET)
    day = today_in_dutch()

    def make():
        return render_pdf(
            resolve(selection), absolute=request.build_absolute_uri, title=PDF_TITLE, day=day
        )

    try:
        pdf = remember(
            "selectie:pdf",
            (request.get_host(), request.scheme, selection.query_string(), day),
            make,
        )
    except PdfUnavailable:
        response = render(
            request,
            "selectie/pdf_unavailable.html",
            {"page_url": selection_url(selection)},
            status=503,
        )
        response["Retry-After"] = "3600"
        return response
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="toolkit-teamoverleg.pdf"'
    response["X-Robots-Tag"] = "noindex"
    return response
