"""Hostile input never breaks a page and never comes back as markup.

1. Property-based: hypothesis throws random and hostile query strings (repeated keys,
   huge values, unicode, null bytes, broken percent-escapes, SQL and HTML fragments) and
   path segments at every public URL: no server error, no unescaped reflection.
2. An XSS corpus in every Markdown field (and the plain summaries and titles) of every
   content type, rendered through the real pages: no active content reaches the HTML.
"""

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import quote, urlencode

import pytest
from django.core.exceptions import FieldDoesNotExist
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import (
    ActiviteitFactory,
    ArtikelFactory,
    InstrumentFactory,
    JaarplanFactory,
    PilotFactory,
    StapFactory,
    StappenplanFactory,
    ThemaFactory,
)

pytestmark = pytest.mark.django_db

FUZZ_SETTINGS = settings(
    max_examples=10,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Reflected as-is, these would be markup; escaped they are harmless text.
MARKERS = ("<script>x</script>", '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>")
REFLECTED_MARKUP = ("<script>x</script>", "<img src=x onerror", "<svg onload")

HOSTILE_VALUES = [
    *MARKERS,
    "' OR '1'='1",
    "1; DROP TABLE instrumenten_instrument; --",
    "1 UNION SELECT username, password FROM auth_user--",
    "%' AND 1=0 UNION ALL SELECT NULL--",
    "\x00",
    "vo\x00mbo",
    "\x00<script>x</script>",
    "../../../../etc/passwd",
    "${7*7}{{7*7}}{% debug %}",
    "javascript:alert(1)",
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "\u202egnp.exe",
    "\ufeff\u200b\u200d",
    "Zoë 👩\u200d🏫 𝕏 日本語",
    "\ud7ff\ue000\uffff",
    "a" * 5000,
    "werkdruk " * 400,
    "<" * 2000,
    '"' * 500,
    "%",
    "%zz",
    "%ff%fe",
    "&amp;&lt;&#x3c;",
    "kunnen-werken",
    "vo",
    "nieuw",
]

KNOWN_KEYS = [
    "thema",
    "sector",
    "pijler",
    "soort",
    "doelgroep",
    "aanbieder",
    "q",
    "sort",
    "page",
    "type",
    "p",
    "jaar",
]

values = st.one_of(
    st.sampled_from(HOSTILE_VALUES),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=200, max_size=3000),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)
keys = st.one_of(st.sampled_from(KNOWN_KEYS), st.sampled_from(HOSTILE_VALUES[:8]), st.text())


@st.composite
def query_strings(draw):
    """An encoded query string: random pairs, a repeated key, and always a marker."""
    pairs = draw(st.lists(st.tuples(keys, values), max_size=8))
    repeated = draw(st.sampled_from(KNOWN_KEYS))
    pairs += [(repeated, draw(values)) for _ in range(draw(st.integers(0, 30)))]
    pairs.insert(
        draw(st.integers(0, len(pairs))),
        (draw(st.sampled_from(KNOWN_KEYS)), draw(st.sampled_from(MARKERS))),
    )
    encoded = urlencode(pairs, encoding="utf-8", errors="surrogatepass")
    if draw(st.booleans()):
        # Also raw, broken or unencoded bits, as a hand-made URL would have them.
        encoded += "&" + draw(st.sampled_from(["q=<script>x</script>", "%", "&&=&", "a=%ZZ%0"]))
    return encoded


segments = st.one_of(
    st.from_regex(r"[-a-zA-Z0-9_]{1,80}", fullmatch=True),
    st.sampled_from(HOSTILE_VALUES),
    st.text(min_size=1, max_size=60),
)

PUBLIC_URLS = [
    "/",
    "/kennisbank/",
    "/instrumenten/",
    "/jaarplan/",
    "/pilots/",
    "/stappenplannen/",
    "/zoeken/",
    "/feeds/kennisbank/",
    "/themas/x/",
    "/themas/gezond-werken/",
    "/sitemap.xml",
    "/robots.txt",
    "/privacy/",
]

DETAIL_TEMPLATES = [
    "/kennisbank/{}/",
    "/instrumenten/{}/",
    "/jaarplan/{}/",
    "/pilots/{}/",
    "/pilots/{}/interesse/",
    "/stappenplannen/{}/",
    "/stappenplannen/shrm-cyclus/{}/",
    "/stappenplannen/{}/{}/",
    "/themas/{}/",
    "/feeds/{}/",
    "/{}/",
]


@pytest.fixture
def content(db):
    """A little of every content type, so filters, facets and search have something to do."""
    thema = ThemaFactory(slug="gezond-werken", naam="Gezond werken")
    for n in range(3):
        InstrumentFactory(titel=f"Werkdrukscan {n}").themas.add(thema)
        ArtikelFactory(titel=f"Werkdruk in het vo {n}").themas.add(thema)
    PilotFactory(slug="personeelsbehoud")
    stappenplan = StappenplanFactory(slug="shrm-cyclus")
    StapFactory(stappenplan=stappenplan, slug="analyse")
    ActiviteitFactory(thema=thema, jaarplan=JaarplanFactory(slug="jaarplan-voion-2024"))
    return {
        "details": [
            "/kennisbank/werkdruk-in-het-vo-0/",
            "/pilots/personeelsbehoud/",
            "/stappenplannen/shrm-cyclus/",
            "/stappenplannen/shrm-cyclus/analyse/",
            "/jaarplan/jaarplan-voion-2024/",
        ]
    }


def assert_handled(response, url):
    assert response.status_code < 500, f"{response.status_code} for {url!r}"
    if "html" in response.get("Content-Type", ""):
        body = response.content.decode("utf-8", "replace")
        for markup in REFLECTED_MARKUP:
            assert markup not in body, f"unescaped {markup!r} reflected by {url!r}"


@pytest.mark.parametrize("path", PUBLIC_URLS)
@FUZZ_SETTINGS
@given(query=query_strings())
def test_hostile_query_strings_on_every_public_url(content, path, query):
    client = Client()
    url = f"{path}?{query}"
    assert_handled(client.get(url), url)


@FUZZ_SETTINGS
@given(query=query_strings(), index=st.integers(0, 4))
def test_hostile_query_strings_on_detail_pages(content, query, index):
    url = f"{content['details'][index]}?{query}"
    assert_handled(Client().get(url), url)


@settings(
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    template=st.sampled_from(DETAIL_TEMPLATES),
    first=segments,
    second=segments,
    raw=st.booleans(),
)
def test_hostile_path_segments(content, template, first, second, raw):
    parts = [first, second][: template.count("{}")]
    if raw:
        # Unencoded, as a careless link would send them (only what HTTP allows in a path).
        parts = [quote(part, safe="<>\"'!$&()*+,;=:@") for part in parts]
    else:
        parts = [quote(part, safe="") for part in parts]
    url = template.format(*parts)
    assert_handled(Client().get(url), url)


# -- the XSS corpus ---------------------------------------------------------------------------

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="alert(1)">',
    "<body onload=alert(1)>",
    '<div onmouseover="alert(1)">hover</div>',
    '<a href="javascript:alert(1)">klik</a>',
    '<a href="JaVaScRiPt:alert(1)">klik</a>',
    '<a href="  javascript:alert(1)">klik</a>',
    '<a href="java\tscript:alert(1)">klik</a>',
    '<a href="jav&#x61;script:alert(1)">klik</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">klik</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">klik</a>',
    '<a href="vbscript:msgbox(1)">klik</a>',
    "[klik](javascript:alert(1))",
    "[klik](JAVASCRIPT:alert(1))",
    "[klik](data:text/html,<script>alert(1)</script>)",
    "[klik](<javascript:alert(1)>)",
    "![plaatje](javascript:alert(1))",
    '![x](x" onerror="alert(1))',
    "<javascript:alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel=stylesheet href="javascript:alert(1)">',
    "<style>@import 'javascript:alert(1)';</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p title="</p><script>alert(1)</script>">x</p>',
    "<img src=x onerror=alert(1)//",
    "<<script>alert(1);//<</script>",
    '<img """><script>alert(1)</script>">',
    "<!--<script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    '<a href="https://example.nl" onclick="alert(1)">link</a>',
    '<a href="https://example.nl" target="_blank">link</a>',
    "`<script>alert(1)</script>`",
    "    <script>alert(1)</script>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<template><script>alert(1)</script></template>",
]

FORBIDDEN_TAGS = {
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "link",
    "meta", "base", "math", "template", "noscript",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "poster"}
DANGEROUS_SCHEME = re.compile(r"^(javascript|data|vbscript):", re.IGNORECASE)
# The only legitimate script on a public page: the one external file in <head>.
ALLOWED_SCRIPT_SRC = re.compile(r"^/static/js/portal(\.[0-9a-f]+)?\.js$")


def as_browser_reads_url(value: str) -> str:
    """WHATWG URL parsing: strip leading and trailing C0 controls and spaces, drop every
    tab and newline; `" java\tscript:"` is `javascript:` to a browser."""
    return re.sub(r"[\t\n\r]", "", value.strip("".join(map(chr, range(0x21)))))


class ActiveContentFinder(HTMLParser):
    """Collects anything in a page that a browser would execute or load as a document."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_main = False
        self.main_depth = 0
        self.problems = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and (
            self.in_main or not ALLOWED_SCRIPT_SRC.match(attributes.get("src") or "")
        ):
            self.problems.append(f"<script {attributes}>")
        if tag == "main":
            self.in_main = True
        if not self.in_main:
            return
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        if tag == "svg" and attributes.get("role") != "group":  # the cycle diagram's svg
            self.problems.append("<svg>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if (
                name in URL_ATTRIBUTES
                and value is not None
                and DANGEROUS_SCHEME.match(as_browser_reads_url(value))
            ):
                self.problems.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False


def active_content(html: str) -> list[str]:
    finder = ActiveContentFinder()
    finder.feed(html)
    finder.close()
    return finder.problems


def test_the_finder_finds_what_it_should():
    """The checker itself: it would see each kind of active content."""
    page = (
        '<html><head><script src="/static/js/portal.abc123.js"></script></head><body><main>'
        "{}</main></body></html>"
    )
    assert active_content(page.format("<p>veilig</p>")) == []
    for bad in (
        "<script>x</script>",
        "<img src=x onerror=alert(1)>",
        '<a href=" jav&#x61;script:alert(1)">x</a>',
        '<a href="java&#9;scr&#10;ipt:alert(1)">x</a>',
        '<a href="data:text/html,x">x</a>',
        "<svg onload=alert(1)>",
        "<iframe></iframe>",
        "<style>x</style>",
    ):
        assert active_content(page.format(bad)), bad


def _fill(instance, payload: str) -> list[str]:
    """Put the payload in every Markdown field, the summary and the title; return sentinels.

    Each Markdown field starts with a word of its own, so the test can see the field
    was really rendered on the page it checks.
    """
    sentinels = []
    for source in instance.markdown_fields:
        sentinel = f"veilig{type(instance).__name__}{source}".lower()
        setattr(instance, source, f"{sentinel}\n\n{payload}\n\nNa de payload.")
        sentinels.append(sentinel)
    for name in ("samenvatting", "titel"):
        try:
            field = instance._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        value = f"fuzzcorpus {payload}"
        setattr(instance, name, value[: field.max_length] if field.max_length else value)
    instance.save()
    return sentinels


CORPUS_CHUNKS = 4  # payloads per chunk stay under one list page (PAGE_SIZE)


@pytest.mark.parametrize("chunk", range(CORPUS_CHUNKS))
def test_xss_corpus_never_reaches_a_page_as_active_content(editor_client, chunk):
    """Every payload in every Markdown field of every content type, on every page showing it.

    Each payload gets its own item of each type; a chunk of payloads shares the list pages.
    """
    payloads = XSS_PAYLOADS[chunk::CORPUS_CHUNKS]
    thema = ThemaFactory(slug="gezond-werken")
    pages = {}  # url -> (payload, sentinels that must be on it)
    previews = []
    for payload in payloads:
        instrument = InstrumentFactory()
        artikel = ArtikelFactory()
        pilot = PilotFactory()
        stappenplan = StappenplanFactory()
        for item in (instrument, artikel, pilot, stappenplan):
            item.themas.add(thema)
        stap = StapFactory(stappenplan=stappenplan)
        jaarplan = JaarplanFactory()
        activiteit = ActiviteitFactory(jaarplan=jaarplan, thema=thema)
        for item, page in (
            (instrument, instrument),
            (artikel, artikel),
            (pilot, pilot),
            (stappenplan, stappenplan),
            (stap, stap),
            (jaarplan, jaarplan),
            (activiteit, jaarplan),
        ):
            url = page.get_absolute_url()
            pages.setdefault(url, (payload, []))[1].extend(_fill(item, payload))
        previews.append((pilot, payload))  # five Markdown fields on one admin page

    for url in (
        "/",
        "/kennisbank/",
        "/instrumenten/",
        "/jaarplan/",
        "/pilots/",
        "/stappenplannen/",
        f"/themas/{thema.slug}/",
        "/zoeken/?q=fuzzcorpus",
        "/zoeken/?q=fuzzcorpus&type=kennisbank",
        "/zoeken/?q=payload",
    ):
        pages[url] = ("(all of this chunk)", [])

    visitor = Client()
    for url, (payload, sentinels) in pages.items():
        response = visitor.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert active_content(html) == [], (url, payload)
        for sentinel in sentinels:
            assert sentinel in html, (url, sentinel)

    # The editors' Markdown preview shows the same stored, cleaned HTML.
    for item, payload in previews:
        admin_url = f"/admin/{item._meta.app_label}/{item._meta.model_name}/{item.pk}/change/"
        html = editor_client.get(admin_url).content.decode()
        shown = re.findall(r'<section class="markdown-preview">.*?</section>', html, re.S)
        assert shown, admin_url
        assert active_content("<main>{}</main>".format("".join(shown))) == [], payload

    # The RSS feed: readers render an item's description as HTML.
    feed = ET.fromstring(visitor.get("/feeds/kennisbank/").content)
    for element in feed.iter("description"):
        if element.text:
            assert active_content(f"<main>{element.text}</main>") == [], element.text
