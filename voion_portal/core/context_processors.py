from django.conf import settings
from django.urls import reverse

MAIN_NAV = [
    ("Kennisbank", "kennisbank:list"),
    ("Instrumenten", "instrumenten:list"),
    ("Thema's", "themas"),
    ("Stappenplannen", "kennisbank:stappenplannen"),
    ("Jaarplannen", "jaarplan:list"),
    ("Pilots", "pilots:list"),
    ("Keuzehulp", "keuzehulp:start"),
]


def site(request):
    """The site name and the main navigation, with the current section marked."""
    path = request.path
    nav = [(label, reverse(name)) for label, name in MAIN_NAV]
    return {
        "site_name": settings.SITE_NAME,
        "main_nav": [
            {"label": label, "url": url, "current": path.startswith(url)} for label, url in nav
        ],
    }


def preview(request):
    """The banner of a page shown to an editor as it would be (editors.preview)."""
    return {"preview_note": getattr(request, "preview_note", "")}
