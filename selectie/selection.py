"""A visitor's selection, as it travels in the address: parsed here, and only here.

The selection is never stored on the server. It lives in the visitor's browser (local
storage, see static/js/src/60-selectie.js) and in the address of the selection page, which
is what a share link, the print and the PDF are made from:

    /selectie/?item-1=instrument:werkbalans&item-2=artikel:<slug>
              &item-3=stap:<stappenplan>/<stap>&item-4=activiteit:<jaarplan>/<activiteit>
              &notitie-2=Bespreken+op+maandag

`item-<n>` is the n-th item and `notitie-<n>` its note. The position is in the name, not
in the order of the parameters: the page cache sorts a query string by name and value
(`core.pagecache.canonical_query`), so a repeated `item=` would lose the visitor's order.
Gaps in the numbering are closed. Malformed or repeated items are left out; items that are
not (or no longer) published are shown as "niet meer beschikbaar", never as an error.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import quote, quote_plus

from django.db.models import Q
from django.utils.html import strip_tags

from instrumenten.models import Instrument
from jaarplan.models import Activiteit
from kennisbank.models import Artikel, Stap

MAX_ITEMS = 50
MAX_NOTE = 500

SLUG = r"[-a-zA-Z0-9_]{1,200}"
KINDS = {
    # kind: (label, pattern of the reference)
    "instrument": ("Instrument", re.compile(rf"^{SLUG}$")),
    "artikel": ("Artikel", re.compile(rf"^{SLUG}$")),
    "stap": ("Stap", re.compile(rf"^{SLUG}/{SLUG}$")),
    "activiteit": ("Activiteit", re.compile(rf"^{SLUG}/{SLUG}$")),
}
# Read up to twice the limit, so that a longer selection is cut with a message.
READ_POSITIONS = range(1, 2 * MAX_ITEMS + 1)
PARAMETERS = tuple(f"{name}-{n}" for n in READ_POSITIONS for name in ("item", "notitie"))


def item_key(kind: str, ref: str) -> str:
    return f"{kind}:{ref}"


def valid_key(value: str) -> bool:
    kind, _, ref = value.partition(":")
    return kind in KINDS and bool(KINDS[kind][1].match(ref))


@dataclass
class Selection:
    """The items (keys such as "instrument:werkbalans") in order, with their notes."""

    keys: list[str] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # key -> note
    dropped: int = 0  # malformed or repeated items left out
    over_limit: int = 0  # items past MAX_ITEMS left out

    @classmethod
    def from_query(cls, query) -> "Selection":
        """From a QueryDict (request.GET)."""
        selection = cls()
        for position in READ_POSITIONS:
            value = query.get(f"item-{position}")
            if value is None:
                continue
            value = value.strip()
            if not valid_key(value) or value in selection.keys:
                selection.dropped += 1
                continue
            if len(selection.keys) >= MAX_ITEMS:
                selection.over_limit += 1
                continue
            selection.keys.append(value)
            note = clean_note(query.get(f"notitie-{position}", ""))
            if note:
                selection.notes[value] = note
        return selection

    def copy(self) -> "Selection":
        return Selection(list(self.keys), dict(self.notes))

    def query_string(self) -> str:
        """The readable, canonical query string of this selection (without "?")."""
        parts = [
            f"item-{position}={quote(key, safe=':/')}"
            for position, key in enumerate(self.keys, start=1)
        ]
        parts += [
            f"notitie-{position}={quote_plus(self.notes[key])}"
            for position, key in enumerate(self.keys, start=1)
            if self.notes.get(key)
        ]
        return "&".join(parts)

    # Changes; each returns a new selection.
    def moved(self, key: str, offset: int) -> "Selection":
        changed = self.copy()
        if key in changed.keys:
            index = changed.keys.index(key)
            target = min(max(index + offset, 0), len(changed.keys) - 1)
            changed.keys.insert(target, changed.keys.pop(index))
        return changed

    def without(self, key: str) -> "Selection":
        changed = self.copy()
        if key in changed.keys:
            changed.keys.remove(key)
            changed.notes.pop(key, None)
        return changed

    def plus(self, key: str) -> "Selection":
        changed = self.copy()
        if valid_key(key) and key not in changed.keys and len(changed.keys) < MAX_ITEMS:
            changed.keys.append(key)
        return changed


def clean_note(text: str) -> str:
    return " ".join(str(text).split())[:MAX_NOTE]


@dataclass
class Entry:
    """One item of a selection as the page and the PDF show it."""

    key: str
    kind: str
    kind_label: str
    note: str = ""
    title: str = ""
    summary: str = ""
    url: str = ""
    context: str = ""  # e.g. the stappenplan of a step
    available: bool = False

    @property
    def anchor(self) -> str:
        return anchor(self.key)


def anchor(key: str) -> str:
    """The id of an item on the selection page (where a change without JavaScript lands)."""
    return "sel-" + re.sub(r"[^-a-zA-Z0-9_]", "-", key)


def _refs(selection: Selection, kind: str) -> list[str]:
    return [key.partition(":")[2] for key in selection.keys if key.startswith(kind + ":")]


def _pairs_filter(refs: list[str], parent: str) -> Q:
    condition = Q(pk__in=[])
    for ref in refs:
        parent_slug, slug = ref.split("/")
        condition |= Q(**{f"{parent}__slug": parent_slug, "slug": slug})
    return condition


def resolve(selection: Selection) -> list[Entry]:
    """The selection's entries in order: published items with their title, summary and
    address; the others marked unavailable. At most one query per kind present."""
    found: dict[str, Entry] = {}

    if refs := _refs(selection, "instrument"):
        for item in Instrument.objects.published().for_listing().filter(slug__in=refs):
            found[item_key("instrument", item.slug)] = Entry(
                key="",
                kind="instrument",
                kind_label=str(item.soort or "Instrument"),
                title=item.titel,
                summary=item.samenvatting,
                url=item.get_absolute_url(),
                context=str(item.provider_beside_title or ""),
            )
    if refs := _refs(selection, "artikel"):
        for item in Artikel.objects.published().for_listing().filter(slug__in=refs):
            found[item_key("artikel", item.slug)] = Entry(
                key="",
                kind="artikel",
                kind_label=item.get_soort_display(),
                title=item.titel,
                summary=item.samenvatting,
                url=item.get_absolute_url(),
            )
    if refs := _refs(selection, "stap"):
        steps = (
            Stap.objects.published()
            .filter(_pairs_filter(refs, "stappenplan"))
            .select_related("stappenplan")
            .defer("tekst", "tekst_html", "stappenplan__tekst", "stappenplan__tekst_html")
        )
        for item in steps:
            found[item_key("stap", f"{item.stappenplan.slug}/{item.slug}")] = Entry(
                key="",
                kind="stap",
                kind_label="Stap",
                title=item.titel,
                summary=item.samenvatting,
                url=item.get_absolute_url(),
                context=item.stappenplan.titel,
            )
    if refs := _refs(selection, "activiteit"):
        activities = (
            Activiteit.objects.published()
            .filter(_pairs_filter(refs, "jaarplan"))
            .select_related("jaarplan", "thema")
            .defer("omschrijving", "jaarplan__tekst", "jaarplan__tekst_html")
        )
        for item in activities:
            found[item_key("activiteit", f"{item.jaarplan.slug}/{item.slug}")] = Entry(
                key="",
                kind="activiteit",
                kind_label=f"Activiteit · {item.get_soort_display()}",
                title=item.titel,
                summary=strip_tags(item.omschrijving_html),
                url=item.get_absolute_url(),
                context=f"{item.jaarplan.titel}, thema {item.thema.naam}",
            )

    entries = []
    for key in selection.keys:
        kind = key.partition(":")[0]
        entry = found.get(key) or Entry(key="", kind=kind, kind_label=KINDS[kind][0])
        entry.key = key
        entry.available = key in found
        entry.note = selection.notes.get(key, "")
        entries.append(entry)
    return entries
