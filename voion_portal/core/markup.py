"""Markdown to sanitised HTML: the one place where editor text becomes markup.

Content models call `render_markdown` when they are saved and store the result;
templates only ever output that stored, cleaned HTML.
"""

import functools
import html as html_lib
import re
from collections.abc import Callable
from urllib.parse import urlsplit

import markdown
import nh3
from django.utils.text import slugify

from voion_portal.core import registry

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "dl", "dt",
    "em", "h2", "h3", "h4", "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "s",
    "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip

ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "ol": {"start"},
}

ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

MARKDOWN_EXTENSIONS = ["extra", "sane_lists"]


_ANCHOR_TAG = re.compile(r"<a\b([^>]*)>")
_HREF = re.compile(r'\bhref="([^"]*)"')


def _mark_external_links(html: str) -> str:
    """Add rel="noopener noreferrer" to links that leave the site.

    Runs on sanitised output, where attribute values can no longer contain a
    raw ">" or quote, so a tag-level regex is reliable here.
    """

    def rewrite(match: re.Match) -> str:
        attributes = match.group(1)
        href = _HREF.search(attributes)
        if href and urlsplit(href.group(1)).scheme in {"http", "https"}:
            return f'<a{attributes} rel="noopener noreferrer">'
        return match.group(0)

    return _ANCHOR_TAG.sub(rewrite, html)


# A link to another item of the portal, as the admin's chooser writes it:
# [Werkbalans](item:instrumenten/42) — the type's registry key and the item's id.
ITEM_LINK = re.compile(r"item:([a-z]+)/(\d+)")
_ITEM_ANCHOR = re.compile(
    r'<a href="item:([a-z]+)/(\d+)"((?: title="[^"]*")?)>(.*?)</a>', re.DOTALL
)


# Media from the library, as the admin's choosers write them: ![alt](afbeelding:12) and
# [text](document:7). The media layer registers how each is shown (`register_embeds`):
# core knows no media models.
MEDIA_REFERENCE = re.compile(r"\((afbeelding|document):(\d+)[)\s]")
MEDIA_KINDS = ("afbeelding", "document")
_IMAGE_TAG = re.compile(r"<img\b[^>]*?\bsrc=\"afbeelding:(\d+)\"[^>]*>")
_ALT = re.compile(r'\balt="([^"]*)"')
_ANY_IMAGE_TAG = re.compile(r"<img\b[^>]*>")
_DOCUMENT_ANCHOR = re.compile(r'<a href="document:(\d+)"((?: title="[^"]*")?)>(.*?)</a>', re.DOTALL)
# Stand-ins for images while the sanitiser runs (it allows no <img>): characters from
# Unicode's private use area, removed from the text first so nobody can type one.
_OPEN, _CLOSE = "\ue000", "\ue001"
_STAND_IN = re.compile(f"{_OPEN}(\\d+){_CLOSE}")
_STANDALONE_STAND_IN = re.compile(f"<p>{_OPEN}(\\d+){_CLOSE}</p>")

_embeds: dict[str, Callable] = {}


def register_embeds(*, image: Callable, document: Callable) -> None:
    """How library media are shown: `image(pk, alt, standalone)` returns trusted HTML,
    `document(pk, label_html, title_attr)` a link; either returns None for a missing file."""
    _embeds["image"] = image
    _embeds["document"] = document


def item_links(text: str) -> list[tuple[str, int]]:
    """The (type key, id) of every internal link and library medium in Markdown `text`;
    media have the key "afbeelding" or "document"."""
    text = text or ""
    links = [(key, int(pk)) for key, pk in ITEM_LINK.findall(text)]
    return links + [(kind, int(pk)) for kind, pk in MEDIA_REFERENCE.findall(text + " ")]


def _set_images_aside(html: str) -> tuple[str, list[tuple[int, str]]]:
    """Library images replaced by stand-ins; any other image is dropped (no raw URLs)."""
    found: list[tuple[int, str]] = []

    def aside(match: re.Match) -> str:
        alt = _ALT.search(match.group(0))
        found.append((int(match.group(1)), html_lib.unescape(alt.group(1)) if alt else ""))
        return f"{_OPEN}{len(found) - 1}{_CLOSE}"

    html = _IMAGE_TAG.sub(aside, html.replace(_OPEN, "").replace(_CLOSE, ""))
    return _ANY_IMAGE_TAG.sub("", html), found


def _put_images_back(html: str, images: list[tuple[int, str]]) -> str:
    render = _embeds.get("image")

    def put(match: re.Match, standalone: bool) -> str:
        pk, alt = images[int(match.group(1))]
        shown = render(pk, alt, standalone) if render else None
        return shown or ""

    html = _STANDALONE_STAND_IN.sub(lambda m: put(m, True), html)
    return _STAND_IN.sub(lambda m: put(m, False), html)


def _resolve_document_links(html: str) -> str:
    render = _embeds.get("document")

    def rewrite(match: re.Match) -> str:
        pk, title, label = match.groups()
        shown = render(int(pk), label, title) if render else None
        return shown or label

    return _DOCUMENT_ANCHOR.sub(rewrite, html)


def _resolve_item_links(html: str) -> str:
    """Each internal link pointing at the item's address now; a link to an item the
    public cannot see (a draft, a deleted item) becomes its plain text."""

    def rewrite(match: re.Match) -> str:
        key, pk, title, label = match.groups()
        url = linkable_address(key, int(pk))
        return f'<a href="{url}"{title}>{label}</a>' if url else label

    return _ITEM_ANCHOR.sub(rewrite, html)


def linkable_address(key: str, pk: int) -> str | None:
    """The address of item `pk` of type `key` if a link to it may be shown: it is public,
    or planned (its page appears by itself at the planned moment)."""
    entry = registry.by_key(key)
    if entry is None:
        return None
    item = entry.model._default_manager.filter(pk=pk).first()
    if item is None:
        return None
    public = entry.model.objects.published().filter(pk=pk).exists()
    if public or getattr(item, "is_scheduled", False):
        return item.get_absolute_url()
    return None


def render_markdown(text: str) -> str:
    """Render editor Markdown and return HTML that is safe to show as is.

    Raw HTML in the Markdown is passed to the sanitiser, which keeps only the
    allow-listed tags and attributes; `href`s with other schemes than http,
    https and mailto are dropped. External links get `rel="noopener noreferrer"`.
    Internal links (`item:<type>/<id>`) get the item's current address; library images
    and documents (`afbeelding:<id>`, `document:<id>`) their files; any other image is
    dropped. Headings start at h2 because the page title is the h1.
    """
    if not text or not text.strip():
        return ""
    html = markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS, output_format="html")
    html = _demote_h1(html)
    if "item:" in html:
        html = _resolve_item_links(html)
    if "document:" in html:
        html = _resolve_document_links(html)
    html, images = _set_images_aside(html)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    clean = _mark_external_links(clean)
    if images:
        clean = _put_images_back(clean, images)
    return clean.strip()


def _demote_h1(html: str) -> str:
    return html.replace("<h1>", "<h2>").replace("</h1>", "</h2>").replace("<h1 ", "<h2 ")


def plain_text(html: str) -> str:
    """The visible text of stored HTML, for search indexing and descriptions."""
    return nh3.clean(html, tags=set()).strip()


_H2 = re.compile(r"<h2>(.*?)</h2>", re.DOTALL)
# Ids the page templates use themselves: a heading never takes one of them.
PAGE_IDS = frozenset({"inhoud", "op-deze-pagina", "alle-stappen", "kop-gegevens"})


@functools.lru_cache(maxsize=512)
def headings_with_ids(html: str, prefix: str = "") -> tuple[str, tuple[tuple[str, str], ...]]:
    """Stored, sanitised HTML with an `id` on every h2, and the (id, text) of each:
    what an "Op deze pagina" list needs.

    Built at render time (no migration, nothing stored).
    The sanitiser allows no attributes on h2, so `<h2>` is matched literally; the id is
    a slug of the heading's text (unique within the page), the text plain and unescaped
    for the template to escape again. The result is cached: the same stored HTML gives
    the same answer. Fewer than two headings make no list: the HTML is returned as is.
    """
    if len(_H2.findall(html or "")) < 2:
        return html or "", ()
    used: set[str] = set(PAGE_IDS)
    found: list[tuple[str, str]] = []

    def give_id(match: re.Match) -> str:
        text = html_lib.unescape(plain_text(match.group(1)))
        base = prefix + (slugify(text) or "kop")
        anchor, n = base, 2
        while anchor in used:
            anchor, n = f"{base}-{n}", n + 1
        used.add(anchor)
        found.append((anchor, text))
        return f'<h2 id="{anchor}">{match.group(1)}</h2>'

    return _H2.sub(give_id, html or ""), tuple(found)
