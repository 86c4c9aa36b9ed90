from django.conf import settings


def site(request):
    """The site name and main navigation, on every page."""
    return {
        "site_name": settings.SITE_NAME,
        "main_nav": [
            ("Kennisbank", "/kennisbank/"),
            ("Instrumenten", "/instrumenten/"),
            ("Jaarplannen", "/jaarplan/"),
            ("Pilots", "/pilots/"),
        ],
    }
