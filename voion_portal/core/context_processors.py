from django.conf import settings

MAIN_NAV = [
    ("Kennisbank", "/kennisbank/"),
    ("Instrumenten", "/instrumenten/"),
    ("Stappenplannen", "/stappenplannen/"),
    ("Jaarplannen", "/jaarplan/"),
    ("Pilots", "/pilots/"),
]


def site(request):
    """The site name and the main navigation, with the current section marked."""
    path = request.path
    return {
        "site_name": settings.SITE_NAME,
        "main_nav": [
            {"label": label, "url": url, "current": path.startswith(url)} for label, url in MAIN_NAV
        ],
    }
