"""What the browser tests share: the database mark and the page types a visitor meets."""

import pytest

# The live server runs in another thread, so data must be committed: transactional tests.
BROWSER_DB = pytest.mark.django_db(transaction=True)

# pytest-playwright's own `base_url` fixture warns under pytest 9; nothing this project can fix.
IGNORE_PLUGIN_WARNING = pytest.mark.filterwarnings(
    "ignore:Session-scoped fixtures defined as instance methods"
)

PILOT_URL = "/pilots/bovenbestuurlijke-samenwerking-voor-personeelsbehoud/"
GUIDE_URL = "/stappenplannen/strategisch-personeelsbeleid/"
FILTERED_CATALOGUE_URL = "/instrumenten/?pijler=kunnen-werken&sector=vo"
NOT_FOUND_URL = "/deze-pagina-bestaat-niet/"

# One URL per page type, as a visitor reaches it.
PAGES = {
    "home": "/",
    "kennisbank": "/kennisbank/",
    "artikel": "/kennisbank/wat-is-duurzame-inzetbaarheid/",
    "instrumenten": "/instrumenten/",
    "instrumenten-gefilterd": FILTERED_CATALOGUE_URL,
    "instrument": "/instrumenten/werkbalans/",
    "jaarplannen": "/jaarplan/",
    "jaarplan": "/jaarplan/jaarplan-voion-2024/",
    "themas": "/themas/",
    "thema": "/themas/gezond-werken/",
    "pilots": "/pilots/",
    "pilot": PILOT_URL,
    "stappenplannen": "/stappenplannen/",
    "stappenplan": GUIDE_URL,
    "stap": f"{GUIDE_URL}externe-en-interne-analyse/",
    "substap": f"{GUIDE_URL}werkwijze/",
    "zoeken": "/zoeken/?q=werkdruk",
    "privacy": "/privacy/",
    "toegankelijkheid": "/toegankelijkheid/",
    "404": NOT_FOUND_URL,
}
