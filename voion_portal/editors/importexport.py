"""Spreadsheet import and export of content (django-import-export): the shared parts.

A row names its item by `slug` (made from the title when left empty); taxonomy is given
by slug or by name, several values separated by commas or semicolons. Every value that
cannot be read gives a Dutch message naming the column, and the admin imports nothing
while any row has an error (see `voion_portal.editors.admin.ContentImportExportMixin`).
Each imported item gets its own revision in the history, by the importing editor.
"""

import dataclasses
import datetime
import re
from dataclasses import dataclass

import reversion
from diff_match_patch import diff_match_patch
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst, slugify
from import_export import fields, resources, widgets
from import_export.resources import Diff
from import_export.results import RowResult

from voion_portal.core.content import Status, one_line_ending

SEPARATORS = re.compile(r"[;,]")


def stamp_authors(obj, user, *, created: bool) -> None:
    """Record who created (once) and who last changed a content item."""
    if not hasattr(obj, "gewijzigd_door_id") or not getattr(user, "pk", None):
        return
    if created:
        obj.aangemaakt_door = user
    obj.gewijzigd_door = user


# A spreadsheet reads a cell that starts with one of these as a formula (CSV injection):
# `=HYPERLINK("http://evil","x")` in a registration's name would become a live link in the
# editor's Excel. Exports put a single quote before such a text, which spreadsheets show
# as text; imports take that quote off again, so a file exported and imported back
# changes nothing. (django-import-export's IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT only
# drops one leading "=", turns every value into text and leaves +, -, @, tab and CR.)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """A text that a spreadsheet would run as a formula, made plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restore_formula(value):
    """The reverse of `neutralise_formula`, for a cell read back from an export."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


class FormulaSafeExport:
    """Resource mixin: no exported cell is read as a formula by a spreadsheet."""

    def export_field(self, field, instance, **kwargs):
        return neutralise_formula(super().export_field(field, instance, **kwargs))


class _TermLookup:
    """Finds taxonomy terms by slug or name (case-insensitive), one query per import."""

    def __init__(self, model, label: str):
        self.model = model
        self.label = label
        self._index = None

    def find(self, value) -> object:
        if self._index is None:
            self._index = {}
            for term in self.model._default_manager.all():
                self._index.setdefault(term.naam.strip().lower(), term)
            for term in self.model._default_manager.all():
                self._index[term.slug.lower()] = term  # a slug wins over a name
        key = str(value).strip().lower()
        if key not in self._index:
            examples = ", ".join(sorted({t.slug for t in self._index.values()})[:4])
            raise ValueError(
                f"onbekende {self.label} ‘{str(value).strip()}’ (gebruik de slug of de naam"
                + (f", bijvoorbeeld {examples})" if examples else ")")
            )
        return self._index[key]


class TermWidget(widgets.ForeignKeyWidget):
    """One taxonomy term (a foreign key), given by slug or name; exported as its slug."""

    def __init__(self, model, label: str):
        super().__init__(model, field="slug")
        self.lookup = _TermLookup(model, label)

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        return self.lookup.find(value)

    def render(self, value, obj=None, **kwargs):
        return value.slug if value else ""


class TermsWidget(widgets.ManyToManyWidget):
    """Several taxonomy terms, by slug or name, separated by commas or semicolons."""

    def __init__(self, model, label: str):
        super().__init__(model, separator=", ", field="slug")
        self.lookup = _TermLookup(model, label)

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return self.model.objects.none()
        terms, unknown = [], []
        for part in SEPARATORS.split(str(value)):
            if not part.strip():
                continue
            try:
                terms.append(self.lookup.find(part))
            except ValueError:
                unknown.append(part.strip())
        if unknown:
            raise ValueError(
                f"onbekende {self.lookup.label}: "
                + ", ".join(f"‘{u}’" for u in unknown)
                + " (gebruik slugs of namen, gescheiden door komma’s)"
            )
        return self.model.objects.filter(pk__in=[t.pk for t in terms])

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return self.separator.join(term.slug for term in value.all())


class SlugsWidget(widgets.ManyToManyWidget):
    """Related content (instruments, pilots) by slug; unknown slugs are errors."""

    def __init__(self, model, label: str):
        super().__init__(model, separator=", ", field="slug")
        self.label = label

    def clean(self, value, row=None, **kwargs):
        slugs = [s.strip() for s in SEPARATORS.split(str(value or "")) if s.strip()]
        found = {obj.slug: obj for obj in self.model._default_manager.filter(slug__in=slugs)}
        unknown = [slug for slug in slugs if slug not in found]
        if unknown:
            raise ValueError(
                f"onbekende {self.label}: "
                + ", ".join(f"‘{slug}’" for slug in unknown)
                + " (gebruik slugs)"
            )
        return self.model._default_manager.filter(pk__in=[obj.pk for obj in found.values()])

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else self.separator.join(item.slug for item in value.all())


class ChoiceWidget(widgets.Widget):
    """A choice given by its stored value or its label, e.g. `gratis` or `Gratis`."""

    def __init__(self, choices, label: str, blank: bool = True):
        """`blank`: an empty cell means "" (unknown); otherwise it keeps the current value."""
        super().__init__()
        self.choices = list(choices)
        self.label = label
        self.blank = blank

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if not text:
            return "" if self.blank else None
        for stored, shown in self.choices:
            if text.lower() in (str(stored).lower(), str(shown).lower()):
                return stored
        options = ", ".join(str(stored) for stored, _ in self.choices)
        raise ValueError(f"onbekende {self.label} ‘{text}’ (kies uit: {options})")


class YesNoWidget(widgets.Widget):
    """ja/nee (also 1/0, true/false, x); exported as ja or nee."""

    TRUE = {"ja", "j", "yes", "y", "1", "true", "waar", "x"}
    FALSE = {"nee", "n", "no", "0", "false", "onwaar", ""}

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip().lower()
        if isinstance(value, bool):
            return value
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(f"‘{value}’ is geen ja of nee")

    def render(self, value, obj=None, **kwargs):
        return "ja" if value else "nee"


class MomentWidget(widgets.Widget):
    """A date and time: 2026-03-15 09:00, 15-03-2026 09:00 or a spreadsheet date."""

    FORMATS = (
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d",
        "%d-%m-%Y %H:%M",
        "%d-%m-%Y",
    )

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        if isinstance(value, datetime.datetime):
            moment = value
        elif isinstance(value, datetime.date):
            moment = datetime.datetime.combine(value, datetime.time(9, 0))
        else:
            for fmt in self.FORMATS:
                try:
                    moment = datetime.datetime.strptime(str(value).strip(), fmt)
                    break
                except ValueError:
                    continue
            else:
                raise ValueError(
                    f"‘{value}’ is geen datum (schrijf bijvoorbeeld 2026-03-15 09:00 "
                    "of 15-03-2026 09:00)"
                )
        return timezone.make_aware(moment) if timezone.is_naive(moment) else moment

    def render(self, value, obj=None, **kwargs):
        if not value:
            return ""
        local = timezone.localtime(value).replace(tzinfo=None)
        if kwargs.get("force_native_type"):
            return local
        return local.strftime("%Y-%m-%d %H:%M")


class MomentField(fields.Field):
    """A moment written at minute precision: an unchanged cell keeps the stored moment.

    An empty cell keeps the current moment too (new items: now).
    """

    def save(self, instance, row, is_m2m=False, **kwargs):
        cleaned = self.clean(row, **kwargs)
        current = getattr(instance, self.attribute, None)
        if cleaned is None:
            return
        if current and current.replace(second=0, microsecond=0) == cleaned:
            return
        setattr(instance, self.attribute, cleaned)


def term_field(name: str, model, label: str) -> fields.Field:
    return fields.Field(attribute=name, column_name=name, widget=TermWidget(model, label))


def terms_field(name: str, model, label: str) -> fields.Field:
    return fields.Field(
        attribute=name, column_name=name, widget=TermsWidget(model, label), m2m_add=False
    )


def header_key(text) -> str:
    """A column heading as an editor may type it: case, spaces, underscores, hyphens and
    apostrophes make no difference ("Thema's", "themas" and "THEMA S" are one column)."""
    return re.sub(r"[\s_'’‘`-]+", "", str(text or "")).casefold()


class DiffCell(SafeString):
    """One cell of the import preview: the value with what the import would change marked
    (`<del>` the old text, `<ins>` the new), and whether anything changes."""

    changed: bool = False
    heading: str = ""


# Unchanged text around a change is shortened to this many characters on either side,
# so that one corrected word in a long Markdown text shows without scrolling.
DIFF_CONTEXT = 60


def _shorten(text: str, *, head: bool, tail: bool) -> str:
    keep = DIFF_CONTEXT
    if len(text) <= 2 * keep + 10:
        return text
    if head and tail:
        return f"{text[:keep]} … {text[-keep:]}"
    if tail:  # only the end touches a change
        return f"… {text[-keep:]}"
    return f"{text[:keep]} …"


class MarkedDiff(Diff):
    """The package's diff, but with classes instead of inline styles (the admin's CSP
    forbids `style` attributes) and long unchanged stretches shortened."""

    def as_html(self):
        cells = []
        dmp = diff_match_patch()
        for before, after in zip(self.left, self.right, strict=False):
            before, after = str(before or ""), str(after or "")
            if self.new:
                before = ""
            ops = dmp.diff_main(before, after)
            dmp.diff_cleanupSemantic(ops)
            changed = any(op != 0 for op, _ in ops)
            parts = []
            for i, (op, text) in enumerate(ops):
                if op == 0:
                    if changed:
                        text = _shorten(text, head=i < len(ops) - 1, tail=i > 0)
                        text = _shorten(text, head=i > 0, tail=i < len(ops) - 1)
                    parts.append(escape(text))
                else:
                    tag = "ins" if op == 1 else "del"
                    parts.append(f"<{tag}>{escape(text)}</{tag}>")
            cell = DiffCell(mark_safe("".join(parts)))
            cell.changed = changed
            cells.append(cell)
        return cells


ROW_LABELS = {
    RowResult.IMPORT_TYPE_NEW: "Nieuw",
    RowResult.IMPORT_TYPE_UPDATE: "Gewijzigd",
    RowResult.IMPORT_TYPE_DELETE: "Verwijderd",
}


@dataclass
class PreviewRow:
    """A row of the file that would create or change an item, as the preview shows it."""

    line: int
    kind: str
    label: str
    title: str
    changed: list = dataclasses.field(default_factory=list)
    unchanged: list = dataclasses.field(default_factory=list)


@dataclass
class ImportPreview:
    """What an import would do, for editors: only the rows that change something."""

    rows: list
    new: int
    changed: int
    unchanged: int
    errors: int

    @property
    def summary(self) -> str:
        text = f"{self.new} nieuw, {self.changed} gewijzigd, {self.unchanged} ongewijzigd"
        if self.errors:
            text += f", {self.errors} met fouten"
        return text


def import_preview(result) -> ImportPreview:
    """The rows of `result` that create or change an item, each with its changed cells
    first and the unchanged ones apart (the template folds them away).

    The resource keeps reporting skipped rows (`report_skipped`): their place in
    `result.rows` gives every row its line number in the file; they are left out here.
    """
    headers = list(result.diff_headers)
    rows = []
    for index, row in enumerate(result.rows):
        if row.import_type not in ROW_LABELS or row.errors or row.validation_error:
            continue
        preview = PreviewRow(
            line=index + 2,  # line 1 holds the headings
            kind=row.import_type,
            label=ROW_LABELS[row.import_type],
            title=row.object_repr or "",
        )
        for heading, cell in zip(headers, row.diff or [], strict=False):
            cell.heading = heading
            if getattr(cell, "changed", False):
                preview.changed.append(cell)
            else:
                preview.unchanged.append(cell)
        rows.append(preview)
    totals = result.totals
    return ImportPreview(
        rows=rows,
        new=totals[RowResult.IMPORT_TYPE_NEW],
        changed=totals[RowResult.IMPORT_TYPE_UPDATE],
        unchanged=totals[RowResult.IMPORT_TYPE_SKIP],
        errors=totals[RowResult.IMPORT_TYPE_ERROR] + totals[RowResult.IMPORT_TYPE_INVALID],
    )


class ContentResource(FormulaSafeExport, resources.ModelResource):
    """Base for the content resources: slug as the key, Dutch errors, history, authors.

    Columns carry the headings editors know from the admin form ("Titel", "Thema's"),
    from the model's verbose names unless `headings` says otherwise; a file is read back
    by those headings and by the field names older exports used (`themas`, `bron_url`).
    """

    headings: dict[str, str] = {}

    status = fields.Field(
        attribute="status",
        column_name="status",
        widget=ChoiceWidget(Status.choices, "status", blank=False),
        saves_null_values=False,  # empty: keep the current status (new items: concept)
    )
    publicatiedatum = MomentField(
        attribute="publicatiedatum", column_name="publicatiedatum", widget=MomentWidget()
    )

    class Meta:
        import_id_fields = ("slug",)
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for name, column in self.fields.items():
            column.column_name = self.heading(name)

    def heading(self, name: str) -> str:
        if name in self.headings:
            return self.headings[name]
        try:
            return capfirst(str(self._meta.model._meta.get_field(name).verbose_name))
        except FieldDoesNotExist:
            return name

    def before_import(self, dataset, **kwargs):
        """Headings are matched loosely and by their old technical names; a file without
        a slug column gets one (made from the titles)."""
        known = {}
        for name, column in self.fields.items():
            for alias in (name, column.attribute, column.column_name):
                known[header_key(alias)] = column.column_name
        headers = [known.get(header_key(h), str(h or "").strip()) for h in dataset.headers or []]
        dataset.headers = headers
        slug, title = self.fields["slug"].column_name, self.fields["titel"].column_name
        if slug not in headers:
            if title not in headers:
                raise ValueError(
                    f"Het bestand mist de kolommen ‘{slug}’ en ‘{title}’: zet de kolomnamen "
                    "op de eerste regel (exporteer de lijst voor een voorbeeld)."
                )
            dataset.append_col([""] * len(dataset), header=slug)

    def before_import_row(self, row, **kwargs):
        """An empty slug is made from the title, as the admin form does; texts get plain
        newlines, as the items have (a spreadsheet may write CRLF), and lose the quote an
        export put before a formula-like text, so a file exported and imported back
        changes nothing."""
        for column, value in row.items():
            row[column] = one_line_ending(restore_formula(value))
        slug, title = self.fields["slug"].column_name, self.fields["titel"].column_name
        if slug in row and not str(row.get(slug) or "").strip() and row.get(title):
            row[slug] = slugify(str(row[title]))[:200]
        elif row.get(slug) is not None:
            row[slug] = str(row[slug]).strip()

    def get_diff_class(self):
        return MarkedDiff

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """Errors named by the column heading the editor sees in the file."""
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            by_attribute = {column.attribute: column.column_name for column in self.fields.values()}
            raise ValidationError(
                {
                    by_attribute.get(name) or self.heading(name): messages
                    for name, messages in error.update_error_dict({}).items()
                }
            ) from error

    def import_instance(self, instance, row, **kwargs):
        """Read every column, many-to-many ones too, so all errors of a row show at once."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row, **kwargs)
                except ValueError as error:
                    errors[field.attribute] = ValidationError(str(error), code="invalid")
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        stamp_authors(instance, kwargs.get("user"), created=instance._state.adding)

    def import_row(self, row, instance_loader, **kwargs):
        """Each imported item gets its own revision, so it can be compared and reverted."""
        with reversion.create_revision(manage_manually=True, atomic=False):
            user = kwargs.get("user")
            if getattr(user, "pk", None):
                reversion.set_user(user)
            name = kwargs.get("file_name") or "een bestand"
            reversion.set_comment(f"Geïmporteerd uit {name}.")
            return super().import_row(row, instance_loader, **kwargs)

    def save_m2m(self, instance, row, **kwargs):
        super().save_m2m(instance, row, **kwargs)
        if reversion.is_active() and instance.pk:
            reversion.add_to_revision(instance)
