"""Two to four instruments side by side: which were asked for, and the table's rows.

The page shows the same data twice from one structure: a table on wide screens and on
paper, a card per instrument on a phone. So the rows are built here, once, and the
template only lays them out.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

from instrumenten.models import Instrument

PARAMETER = "instrument"
MIN_INSTRUMENTS = 2
MAX_INSTRUMENTS = 4
# More distinct values than this are not a visitor's choice; they are not looked up.
MAX_LOOKED_UP = 20
UNKNOWN = "Niet bekend"


@dataclass(frozen=True)
class Value:
    """One thing in a cell: a text, a link when it has a page, and a note after it."""

    text: str
    url: str = ""
    note: str = ""
    external: bool = False


@dataclass(frozen=True)
class Cell:
    values: tuple[Value, ...]
    empty_text: str = UNKNOWN


@dataclass
class Column:
    instrument: Instrument
    remove_url: str
    cells: list[tuple[str, Cell]] = field(default_factory=list)  # (aspect, cell)


@dataclass(frozen=True)
class Aspect:
    label: str
    cells: tuple[Cell, ...]


@dataclass
class Comparison:
    requested: list[str]  # distinct slugs asked for, in the visitor's order
    columns: list[Column]
    aspects: list[Aspect]
    unknown: list[str]  # asked for, but not a published instrument

    @property
    def too_few(self) -> bool:
        return len(self.columns) < MIN_INSTRUMENTS

    @property
    def too_many(self) -> bool:
        return len(self.columns) > MAX_INSTRUMENTS

    @property
    def complete(self) -> bool:
        return not (self.too_few or self.too_many)

    @property
    def titles(self) -> str:
        """The instruments' titles as a sentence names them: "A, B en C"."""
        names = [column.instrument.titel for column in self.columns]
        return " en ".join(filter(None, [", ".join(names[:-1]), *names[-1:]]))

    @property
    def can_add(self) -> bool:
        return len(self.columns) < MAX_INSTRUMENTS


def requested_slugs(values: list[str]) -> list[str]:
    """The distinct non-empty slugs, in the order given."""
    seen: dict[str, None] = {}
    for value in values:
        value = value.strip()
        if value:
            seen.setdefault(value, None)
    return list(seen)[:MAX_LOOKED_UP]


def compare_url(slugs) -> str:
    query = urlencode([(PARAMETER, slug) for slug in slugs])
    return reverse("instrumenten:compare") + (f"?{query}" if query else "")


def _terms(terms) -> Cell:
    return Cell(tuple(Value(term.naam, term.get_absolute_url()) for term in terms))


def _text(value: str) -> Cell:
    return Cell((Value(value),) if value else ())


def _cells(instrument: Instrument) -> list[tuple[str, Cell]]:
    """The aspects of one instrument, in the order the table shows them."""
    link = (
        (Value(f"Naar {instrument.titel}", instrument.url, external=True),)
        if instrument.url
        else ()
    )
    activities = tuple(
        Value(
            activity.titel,
            activity.get_absolute_url(),
            note=f"{activity.get_soort_display()}, {activity.jaarplan.titel}",
        )
        for activity in instrument.public_activiteiten
    )
    return [
        ("Soort", _terms([instrument.soort] if instrument.soort else [])),
        ("Aanbieder", _terms([instrument.aanbieder] if instrument.aanbieder else [])),
        ("Sectoren", _terms(instrument.sectoren.all())),
        ("DI-pijlers", _terms(instrument.pijlers.all())),
        ("Thema's", _terms(instrument.themas.all())),
        ("Voor wie", Cell(tuple(Value(d.naam) for d in instrument.doelgroepen.all()))),
        ("Kosten", _text(instrument.get_kosten_display() if instrument.kosten else "")),
        ("Tijdsinvestering", _text(instrument.tijdsinvestering)),
        ("Wie doet mee", _text(instrument.deelnemers)),
        ("Link", Cell(link, "Geen link bekend")),
        ("In het jaarplan", Cell(activities, "Geen activiteit in een gepubliceerd jaarplan")),
    ]


def build_comparison(values: list[str]) -> Comparison:
    """The comparison of the instruments named by `values` (the `instrument` parameters).

    Only published instruments are shown, in title order (the page cache hands the view its
    parameters sorted, so the visitor's order could not be kept for everyone anyway)."""
    requested = requested_slugs(values)
    instruments = (
        list(Instrument.objects.published().for_comparison().filter(slug__in=requested))
        if requested
        else []
    )
    found = {instrument.slug for instrument in instruments}
    slugs = [instrument.slug for instrument in instruments]
    columns = [
        Column(
            instrument=instrument,
            remove_url=compare_url(s for s in slugs if s != instrument.slug),
        )
        for instrument in instruments
    ]
    labels: list[str] = []
    rows: dict[str, list[Cell]] = {}
    for column in columns:
        for label, cell in _cells(column.instrument):
            if label not in rows:
                labels.append(label)
                rows[label] = []
            rows[label].append(cell)
            column.cells.append((label, cell))
    aspects = [Aspect(label, tuple(rows[label])) for label in labels]
    unknown = [slug for slug in requested if slug not in found]
    return Comparison(requested, columns, aspects, unknown)
