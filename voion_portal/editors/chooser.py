"""The admin's item chooser: find an item by its title to link to it from a text.

Answers `GET /admin/kies-item/?q=…` with JSON for `static/js/admin.js`: per match its
title, kind, state and the Markdown to insert, `[title](item:<type>/<id>)`, which
`core.markup` renders as a link that follows the item (`editors.internallinks`).
"""

from django.http import JsonResponse

from voion_portal.core import registry

PER_TYPE = 6
MIN_LENGTH = 2


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
