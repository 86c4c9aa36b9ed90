"""What the Markdown editor (`static/js/markdown-editor.js`) asks the server.

* `GET /admin/kies-item/?q=…`: items by title, each with the Markdown to insert,
  `[title](item:<type>/<id>)`, which `core.markup` renders as a link that follows the
  item (`editors.internallinks`);
* `GET /admin/kies-media/?soort=afbeelding|document&q=…`: library media, the newest first
  when nothing is typed, with `![alt](afbeelding:<id>)` or `[title](document:<id>)`;
* `POST /admin/kies-media/nieuw/`: upload a new image or document from the editor,
  through the library's own forms;
* `POST /admin/markdown-voorbeeld/`: the text rendered exactly as it will be stored.
"""

from django.http import JsonResponse
from django.views.decorators.http import require_POST, require_safe

from voion_portal.core import registry
from voion_portal.core.markup import render_markdown
from voion_portal.editors.importexport import stamp_authors
from voion_portal.editors.media_admin import AfbeeldingForm, DocumentForm
from voion_portal.editors.media_usage import remove_files_later
from voion_portal.media.models import Afbeelding, Document

PER_TYPE = 6
MIN_LENGTH = 2


@require_safe
def choose_item(request):
    query = request.GET.get("q", "").strip()[:100]
    if len(query) < MIN_LENGTH:
        return JsonResponse({"results": [], "message": "Typ minstens twee letters."})
    results = []
    for entry in registry.public_types():
        model = entry.model
        if not request.user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"):
            continue
        title = entry.title_field
        matches = model._default_manager.filter(**{f"{title}__icontains": query})
        for item in matches.order_by(title)[:PER_TYPE]:
            label = getattr(item, title)
            results.append(
                {
                    "label": label,
                    "kind": str(model._meta.verbose_name),
                    "state": _state(item),
                    "url": item.get_absolute_url(),
                    "markdown": f"[{_link_text(label)}](item:{entry.key}/{item.pk})",
                }
            )
    message = "" if results else "Niets gevonden met deze titel."
    return JsonResponse({"results": results, "message": message})


def _state(item) -> str:
    return getattr(item, "publication_state", "openbaar")


def _link_text(label: str) -> str:
    # Square brackets would end the link text early.
    return label.replace("[", "(").replace("]", ")")


MEDIA = {"afbeelding": (Afbeelding, AfbeeldingForm), "document": (Document, DocumentForm)}
MEDIA_PER_PAGE = 12
PREVIEW_MAX_CHARS = 200_000


def _medium_kind(request, data) -> tuple[str | None, JsonResponse | None]:
    """The kind of medium asked for, or the answer refusing the question."""
    kind = data.get("soort", "")
    if kind not in MEDIA:
        return None, JsonResponse({"message": "Onbekende soort."}, status=400)
    model_name = MEDIA[kind][0]._meta.model_name
    if not request.user.has_perm(f"voion_portal.view_{model_name}"):
        return None, JsonResponse({"message": "U mag de mediabibliotheek niet zien."}, status=403)
    return kind, None


def _describe(kind: str, medium) -> dict:
    if kind == "afbeelding":
        thumbnail = medium.sizes[0][2]
        return {
            "label": medium.titel,
            "about": f"{medium.breedte} × {medium.hoogte} · alt: {medium.alt_tekst}",
            "thumbnail": thumbnail,
            "markdown": f"![{_link_text(medium.alt_tekst)}](afbeelding:{medium.pk})",
        }
    return {
        "label": medium.titel,
        "about": f"{medium.kind_and_size}",
        "thumbnail": "",
        "markdown": f"[{_link_text(medium.titel)}](document:{medium.pk})",
    }


@require_safe
def choose_media(request):
    kind, refused = _medium_kind(request, request.GET)
    if refused:
        return refused
    model = MEDIA[kind][0]
    query = request.GET.get("q", "").strip()[:100]
    found = model.objects.order_by("-gewijzigd", "-pk")
    if query:
        found = found.filter(titel__icontains=query) | found.filter(origineel_naam__icontains=query)
    results = [_describe(kind, medium) for medium in found[:MEDIA_PER_PAGE]]
    if results:
        message = f"{len(results)} gevonden; kies er een." if query else "De nieuwste eerst."
    else:
        message = "Niets gevonden. Upload hieronder een nieuwe." if query else "Nog niets."
    return JsonResponse({"results": results, "message": message})


@require_POST
def upload_media(request):
    kind, refused = _medium_kind(request, request.POST)
    if refused:
        return refused
    model, form_class = MEDIA[kind]
    if not request.user.has_perm(f"voion_portal.add_{model._meta.model_name}"):
        return JsonResponse({"message": "U mag niets aan de bibliotheek toevoegen."}, status=403)
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        errors = {name: [str(error) for error in list_] for name, list_ in form.errors.items()}
        return JsonResponse({"message": "Het uploaden lukte niet.", "errors": errors}, status=400)
    medium = form.save(commit=False)
    replaced = form.store_upload()
    stamp_authors(medium, request.user, created=True)
    medium.save()
    remove_files_later(replaced)
    return JsonResponse({"result": _describe(kind, medium)}, status=201)


@require_POST
def preview_markdown(request):
    text = request.POST.get("tekst", "")
    if len(text) > PREVIEW_MAX_CHARS:
        return JsonResponse({"message": "Te lang voor een voorbeeld."}, status=400)
    return JsonResponse({"html": render_markdown(text)})
