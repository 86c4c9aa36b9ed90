"""Which published items lack what makes them findable: the editors' completeness report.

Each content type declares in the registry which fields a published item needs
(`required_fields`: a summary, an audience, a sector, a thema, an external link). An
item missing any of them drops out of the filters a visitor uses (an instrument without
a doelgroep never appears under "hr-medewerker"), so the dashboard and
`manage.py content_report` list them, each linking to the item to fix. One query per
content type, whatever the number of items.
"""

from dataclasses import dataclass

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.urls import reverse

from voion_portal.core import registry


@dataclass
class Gap:
    """One published item and the fields it lacks (their names as editors see them)."""

    title: str
    kind: str
    missing: list[str]
    admin_url: str
    public_url: str


def _missing_conditions(model, required: tuple[str, ...]) -> dict[str, object]:
    """Per field, an expression that is true when the item lacks it."""
    conditions = {}
    for name in required:
        field = model._meta.get_field(name)
        if field.many_to_many:
            through = field.remote_field.through
            owner = f"{field.m2m_field_name()}_id"
            conditions[name] = ~Exists(through.objects.filter(**{owner: OuterRef("pk")}))
        else:
            conditions[name] = Q(**{f"{name}__isnull": True}) | Q(**{name: ""})
    return conditions


def gaps(user=None) -> list[Gap]:
    """Every published item missing a required field, by type; only the types `user`
    may see (all of them without a user)."""
    found = []
    for entry in registry.public_types():
        if not entry.required_fields:
            continue
        model = entry.model
        opts = model._meta
        if user is not None and not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        conditions = _missing_conditions(model, entry.required_fields)
        flags = {f"lacks_{name}": condition for name, condition in conditions.items()}
        any_missing = Q()
        for flag in flags:
            any_missing |= Q(**{flag: True})
        rows = (
            model.objects.published()
            .annotate(**{flag: _as_boolean(condition) for flag, condition in flags.items()})
            .filter(any_missing)
            .order_by("titel")
        )
        for item in rows:
            missing = [
                str(opts.get_field(name).verbose_name)
                for name in entry.required_fields
                if getattr(item, f"lacks_{name}")
            ]
            found.append(
                Gap(
                    title=item.titel,
                    kind=str(opts.verbose_name),
                    missing=missing,
                    admin_url=reverse(
                        f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk]
                    ),
                    public_url=item.get_absolute_url(),
                )
            )
    return found


def _as_boolean(condition):
    return ExpressionWrapper(condition, output_field=BooleanField())
