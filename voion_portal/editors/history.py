"""Version history of content (django-reversion): what is versioned, compared and reverted.

Every save in the admin stores a JSON snapshot of the item — with its many-to-many
relations and, for a parent, the children it *follows* (a stappenplan's steps, a
jaarplan's activities and their links) — in one revision with the editor and a comment.

Reverting is scoped to one item: the item and the children it follows go back to the
chosen version (children added since are removed, deleted ones come back); other items
that happened to be saved in the same revision are left alone.

Two things a plain `Version.revert()` does not do are handled here, because it writes
rows "raw" (without `save()`): search vectors are rebuilt, and a user who no longer
exists is not written back into the aangemaakt_door / gewijzigd_door columns.
"""

import difflib
import re
from dataclasses import dataclass, field

import reversion
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError, models, transaction
from django.db.models.signals import pre_save
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from reversion.errors import RevertError
from reversion.models import Version

# model label -> the reverse relations (child accessors) its versions include
FOLLOW: dict[str, tuple[str, ...]] = {}

# Derived or bookkeeping fields: never versioned, or never worth showing in a comparison.
NOT_VERSIONED = ("search_vector",)
NOT_COMPARED = ("id", "aangemaakt", "gewijzigd", "aangemaakt_door", "gewijzigd_door")
USER_FIELDS = ("aangemaakt_door", "gewijzigd_door")


def versioned(*, follow: tuple[str, ...] = ()):
    """Class decorator: keep a version history of this model (and of the children in `follow`)."""

    def register(model):
        names = {f.name for f in model._meta.local_fields}
        exclude = tuple(name for name in NOT_VERSIONED if name in names)
        reversion.register(model, exclude=exclude, follow=follow)
        FOLLOW[model._meta.label_lower] = tuple(follow)
        return model

    return register


def hidden_fields(model) -> set[str]:
    """Fields a comparison leaves out: ids, timestamps, and stored HTML renderings."""
    rendered = set(getattr(model, "markdown_fields", {}).values())
    return set(NOT_COMPARED) | set(NOT_VERSIONED) | rendered


# -- the children a version follows ---------------------------------------------------------


def _child_relations(model):
    """(accessor, child model, foreign-key attname) for each relation `model` follows."""
    for accessor in FOLLOW.get(model._meta.label_lower, ()):
        relation = model._meta.get_field(accessor)
        yield accessor, relation.related_model, relation.field.attname


def child_versions(version, revision_versions=None) -> dict[str, list[Version]]:
    """accessor -> the versions of this version's children saved in the same revision."""
    if revision_versions is None:
        revision_versions = list(version.revision.version_set.all())
    found: dict[str, list[Version]] = {}
    for accessor, child_model, fk_attname in _child_relations(version._model):
        content_type = ContentType.objects.get_for_model(child_model)
        found[accessor] = [
            candidate
            for candidate in revision_versions
            if candidate.content_type_id == content_type.pk
            and str(candidate.field_dict.get(fk_attname)) == str(version.object_id)
        ]
    return found


def item_versions(version) -> list[Version]:
    """The version and, recursively, its children's versions from the same revision."""
    revision_versions = list(version.revision.version_set.all())
    result, queue = [version], [version]
    while queue:
        parent = queue.pop()
        for children in child_versions(parent, revision_versions).values():
            for child in children:
                if child not in result:
                    result.append(child)
                    queue.append(child)
    return result


def _current_children(obj):
    for accessor, _model, _fk in _child_relations(type(obj)):
        yield from getattr(obj, accessor).all()


def revert_item(version) -> None:
    """Put one item and the children it follows back as they were in `version`.

    Children that exist now but not in that version are deleted; the others are
    written back, parents before children (retrying rows whose parent is not back yet).
    """
    versions = item_versions(version)
    keep = {(v.content_type_id, str(v.object_id)) for v in versions}
    with transaction.atomic(using=version.db):
        for v in versions:
            current = v._model._default_manager.using(v.db).filter(pk=v.object_id).first()
            if current is None:
                continue
            for child in _current_children(current):
                child_type = ContentType.objects.get_for_model(child)
                if (child_type.pk, str(child.pk)) not in keep:
                    child.delete()
        pending = versions
        while pending:
            failed = []
            for v in pending:
                try:
                    with transaction.atomic(using=v.db):
                        v.revert()
                except (IntegrityError, ObjectDoesNotExist):
                    failed.append(v)
            if len(failed) == len(pending):
                raise RevertError(
                    f"‘{failed[0].object_repr}’ kan niet worden teruggezet: een gekoppeld item "
                    "bestaat niet meer."
                )
            pending = failed


# -- raw saves (a revert writes rows without calling save()) --------------------------------


def _forget_missing_users(sender, instance, raw=False, **kwargs):
    if not raw or not isinstance(instance, models.Model):
        return
    ids = {
        name: getattr(instance, f"{name}_id", None)
        for name in USER_FIELDS
        if getattr(instance, f"{name}_id", None) is not None
    }
    if not ids:
        return
    existing = set(
        get_user_model()._base_manager.filter(pk__in=ids.values()).values_list("pk", flat=True)
    )
    for name, user_id in ids.items():
        if user_id not in existing:
            setattr(instance, f"{name}_id", None)


pre_save.connect(_forget_missing_users, dispatch_uid="history-forget-missing-users")


# -- comparing two versions -------------------------------------------------------------------


@dataclass
class FieldChange:
    label: str
    old: str
    new: str
    diff: SafeString | None = None


@dataclass
class ChildChange:
    """A child (step, activity, link) added, removed or changed between two versions."""

    kind: str  # toegevoegd / verwijderd / gewijzigd
    label: str
    title: str
    changes: list[FieldChange] = field(default_factory=list)


@dataclass
class Comparison:
    changes: list[FieldChange]
    children: list[ChildChange]

    @property
    def empty(self) -> bool:
        return not self.changes and not self.children


EMPTY = "—"
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def word_diff(old: str, new: str) -> SafeString:
    """Escaped HTML of `new` with removed words in <del> and added words in <ins>."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    parts = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[a1:a2])))
            continue
        if op in ("delete", "replace"):
            parts.append(f"<del>{escape(''.join(a[a1:a2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{escape(''.join(b[b1:b2]))}</ins>")
    return mark_safe("".join(parts))  # every piece of text above is escaped


def _lines(value):
    return value.replace("\r\n", "\n") if isinstance(value, str) else value


def _related_names(model, pks) -> dict:
    if not pks:
        return {}
    return {obj.pk: str(obj) for obj in model._base_manager.filter(pk__in=pks)}


def _display(model_field, value, names: dict) -> str:
    if model_field.many_to_many:
        labels = sorted(names.get(pk, f"(verwijderd: #{pk})") for pk in value or [])
        return ", ".join(labels) if labels else EMPTY
    if value is None or value == "":
        return EMPTY
    if model_field.is_relation:
        return names.get(value, f"(verwijderd: #{value})")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return "ja" if value else "nee"
    if isinstance(model_field, models.DateTimeField):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(model_field, models.DateField):
        return formats.date_format(value, "DATE_FORMAT")
    return str(value)


def compare_fields(model, old: dict, new: dict) -> list[FieldChange]:
    """The fields that differ between two field dicts of `model`, in form order."""
    hidden = hidden_fields(model)
    changes = []
    candidates = [
        f
        for f in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if f.name not in hidden and (f.attname in old or f.attname in new)
    ]
    for model_field in candidates:
        before, after = old.get(model_field.attname), new.get(model_field.attname)
        if model_field.many_to_many:
            before, after = sorted(before or []), sorted(after or [])
        elif isinstance(before, str) or isinstance(after, str):
            # Browsers send text areas with CRLF line ends: no change worth showing.
            before, after = _lines(before), _lines(after)
        if before == after or (before in (None, "") and after in (None, "")):
            continue
        names = {}
        if model_field.many_to_many:
            names = _related_names(model_field.related_model, {*before, *after})
        elif model_field.is_relation:
            pks = {v for v in (before, after) if v is not None}
            names = _related_names(model_field.related_model, pks)
        old_text = _display(model_field, before, names)
        new_text = _display(model_field, after, names)
        diff = None
        if isinstance(model_field, models.CharField | models.TextField) and not model_field.choices:
            diff = word_diff(old_text if before else "", new_text if after else "")
        elif model_field.many_to_many:
            removed = sorted(names.get(pk, f"#{pk}") for pk in set(before) - set(after))
            added = sorted(names.get(pk, f"#{pk}") for pk in set(after) - set(before))
            diff = mark_safe(
                " ".join(
                    [f"<del>{escape(n)}</del>" for n in removed]
                    + [f"<ins>{escape(n)}</ins>" for n in added]
                )
            )
        changes.append(
            FieldChange(str(model_field.verbose_name).capitalize(), old_text, new_text, diff)
        )
    return changes


def _compare_children(old_version, new_version, prefix="") -> list[ChildChange]:
    children: list[ChildChange] = []
    old_children = child_versions(old_version) if old_version else {}
    new_children = child_versions(new_version) if new_version else {}
    for accessor in {*old_children, *new_children}:
        before = {v.object_id: v for v in old_children.get(accessor, [])}
        after = {v.object_id: v for v in new_children.get(accessor, [])}
        for object_id in sorted({*before, *after}, key=lambda pk: (len(pk), pk)):
            a, b = before.get(object_id), after.get(object_id)
            some = b or a
            label = prefix + str(some._model._meta.verbose_name)
            if a is None:
                children.append(ChildChange("toegevoegd", label, b.object_repr))
            elif b is None:
                children.append(ChildChange("verwijderd", label, a.object_repr))
            else:
                changes = compare_fields(b._model, a.field_dict, b.field_dict)
                if changes:
                    children.append(ChildChange("gewijzigd", label, b.object_repr, changes))
            if a is not None or b is not None:
                children.extend(_compare_children(a, b, prefix=f"{label} ‘{some.object_repr}’ › "))
    return children


def compare_versions(old: Version, new: Version) -> Comparison:
    """What changed from `old` to `new`: the item's fields and its children."""
    return Comparison(
        changes=compare_fields(old._model, old.field_dict, new.field_dict),
        children=_compare_children(old, new),
    )
