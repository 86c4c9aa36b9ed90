"""A content checklist run after every save: what makes a text hard to use for some
visitors, found in the HTML the Markdown became (`core.markup`), told to the editor as a
warning that names the field and the text to look for. Nothing is blocked.

After NL Design System's guidance for editors (and WCAG): every image has a text
alternative; headings form an outline without skipped levels (the page title is the h1,
so a text starts at h2, or deeper when the page puts it under a heading of its own);
a link's text says where it leads, not "klik hier" or a bare address.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown

from voion_portal.core.markup import MARKDOWN_EXTENSIONS
from voion_portal.media.models import Afbeelding

# Link texts that say nothing out of context (a screen reader's list of links shows
# only these words). Compared without case, spaces and closing punctuation.
VAGUE_LINK_TEXTS = frozenset(
    {
        "klik hier",
        "klik",
        "hier",
        "lees meer",
        "lees verder",
        "meer",
        "meer informatie",
        "meer info",
        "info",
        "link",
        "deze link",
        "website",
        "pagina",
        "download",
    }
)
BARE_ADDRESS = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)
LIBRARY_IMAGE = re.compile(r"afbeelding:(\d+)")


@dataclass
class _Link:
    href: str
    text: str = ""


class _Outline(HTMLParser):
    """The images, headings and links of a piece of HTML, in document order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.images: list[dict] = []
        self.headings: list[tuple[int, str]] = []
        self.links: list[_Link] = []
        self._heading: list | None = None
        self._link: _Link | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "img":
            self.images.append(attributes)
            if self._link is not None and attributes.get("alt"):
                self._link.text += attributes["alt"]
        elif re.fullmatch(r"h[1-6]", tag):
            self._heading = [int(tag[1]), ""]
        elif tag == "a":
            self._link = _Link(href=attributes.get("href") or "")

    def handle_endtag(self, tag):
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self.headings.append((self._heading[0], " ".join(self._heading[1].split())))
            self._heading = None
        elif tag == "a" and self._link is not None:
            self._link.text = " ".join(self._link.text.split())
            self.links.append(self._link)
            self._link = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1] += data
        if self._link is not None:
            self._link.text += data


def _hashes(level: int) -> str:
    return "#" * level


def check_html(html: str, parent_level: int = 1) -> list[str]:
    """What the checklist finds in `html`, placed under a heading of `parent_level`
    (1: straight under the page title)."""
    outline = _Outline()
    outline.feed(html or "")
    outline.close()
    problems = []
    for image in outline.images:
        if not (image.get("alt") or "").strip():
            source = image.get("src") or "zonder adres"
            problems.append(
                f"de afbeelding ‘{source}’ heeft geen alternatieve tekst: beschrijf in "
                "![…](…) wat erop staat, voor wie de afbeelding niet ziet."
            )
    previous = parent_level
    for level, text in outline.headings:
        if level > previous + 1:
            problems.append(
                f"de kop ‘{text}’ slaat een kopniveau over (h{previous} → h{level}): maak er "
                f"{_hashes(previous + 1)} van, of zet er eerst een kop van dat niveau boven."
            )
        previous = level
    for link in outline.links:
        said = link.text.strip().rstrip(".:!»›…").strip().casefold()
        if said in VAGUE_LINK_TEXTS:
            problems.append(
                f"de linktekst ‘{link.text}’ zegt niet waar de link heen gaat ({link.href}): "
                "noem het doel, bijvoorbeeld de titel van de pagina."
            )
        elif BARE_ADDRESS.match(link.text.strip()):
            problems.append(
                f"de linktekst is een kaal webadres (‘{link.text}’): noem in plaats daarvan "
                "waar de link heen gaat, bijvoorbeeld de titel van de pagina."
            )
    return problems


def _dropped_images(source: str) -> list[str]:
    """Images in the Markdown that the portal leaves out: any not from the media library
    (`![alt](afbeelding:<id>)`), and library images that no longer exist."""
    if "![" not in (source or ""):
        return []
    outline = _Outline()
    outline.feed(markdown.markdown(source, extensions=MARKDOWN_EXTENSIONS))
    library = {}
    for image in outline.images:
        found = LIBRARY_IMAGE.fullmatch(image.get("src") or "")
        if found:
            library[int(found.group(1))] = image
    existing = set(Afbeelding.objects.filter(pk__in=library).values_list("pk", flat=True))
    problems = []
    for image in outline.images:
        found = LIBRARY_IMAGE.fullmatch(image.get("src") or "")
        name = image.get("alt") or image.get("src")
        if found is None:
            problems.append(
                f"de afbeelding ‘{name}’ wordt niet getoond: een afbeelding van een webadres "
                "neemt de portal niet over. Zet haar in de mediabibliotheek en kies haar met "
                "de knop Afbeelding."
            )
        elif int(found.group(1)) not in existing:
            problems.append(
                f"de afbeelding ‘{name}’ staat niet (meer) in de mediabibliotheek en wordt "
                "niet getoond: kies er een met de knop Afbeelding."
            )
    return problems


def check_item(item) -> list[str]:
    """Every finding for `item`'s Markdown fields, each starting with the field's label."""
    found = []
    parents = getattr(item, "heading_levels", {})
    for source, target in getattr(item, "markdown_fields", {}).items():
        label = str(item._meta.get_field(source).verbose_name)
        html = getattr(item, target, "") or ""
        problems = _dropped_images(getattr(item, source, ""))
        problems += check_html(html, parents.get(source, 1))
        found.extend(f"{label.capitalize()}: {problem}" for problem in problems)
    return found
