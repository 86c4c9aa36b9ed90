"""No lost updates: a content form saved after someone else saved the same item is refused.

Each change form carries a hidden token of the state it was opened in: the item's
`gewijzigd` moment and those of the children edited with it (steps in a stappenplan,
activities in a jaarplan). On save the token is compared with the state in the
database, with the row locked until the save commits. When they differ, the save is
refused with a form error that says who saved when, links to a comparison of the
version the editor started from with the latest one, and keeps everything the editor
typed. The refused form carries the new state's token, so saving again deliberately
replaces the other change (after the editor has seen it).
"""

import hashlib

from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.db.models import Count, Max
from django.forms.models import _get_foreign_key
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from reversion.models import Version

from voion_portal.editors.permissions import user_name

TOKEN_FIELD = "bewerkt_vanaf"


class ConcurrentEditMixin:
    """For a ModelAdmin of a model with `gewijzigd`: refuse a save over someone else's."""

    change_form_template = "admin/voion/change_form.html"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        if obj is None or obj.pk is None:
            return form_class
        model_admin = self

        class GuardedForm(form_class):
            bewerkt_vanaf = forms.CharField(widget=forms.HiddenInput, required=False)

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                # A form showing a working copy has the live item's token (taken first).
                token = getattr(request, "edit_token", None) or model_admin.edit_token(obj)
                self.fields[TOKEN_FIELD].initial = token

            def clean(self):
                cleaned_data = super().clean()
                # Off where nothing is overwritten (a preview) or the view itself saved
                # first (restoring a version).
                if getattr(request, "conflict_check", True):
                    model_admin.refuse_stale_edit(self, obj)
                return cleaned_data

        return GuardedForm

    def get_fields(self, request, obj=None):
        # The token is rendered once, hidden, by the change form template.
        return [name for name in super().get_fields(request, obj) if name != TOKEN_FIELD]

    # the token

    def edit_token(self, obj) -> str:
        """`<latest version id>.<digest of the saved state>` of `obj` and its children."""
        latest = self._latest_version(obj)
        state = [obj._meta.label_lower, str(obj.pk), _moment(obj.gewijzigd)]
        for child_model, link in self._children(obj):
            summary = child_model._base_manager.filter(**{link: obj.pk}).aggregate(
                count=Count("pk"),
                **({"last": Max("gewijzigd")} if _has_field(child_model, "gewijzigd") else {}),
            )
            state += [child_model._meta.label_lower, str(summary["count"])]
            state.append(_moment(summary.get("last")))
        digest = hashlib.sha256("|".join(state).encode()).hexdigest()[:24]
        return f"{latest.pk if latest else 0}.{digest}"

    def refuse_stale_edit(self, form, obj) -> None:
        """Raise a form error when `obj` (or a child) was saved since the form was opened."""
        sent = form.data.get(form.add_prefix(TOKEN_FIELD), "")
        if not sent:
            return  # not sent by our form (a script); nothing to compare with
        # Lock the row until this save commits: a second save waits, then sees ours.
        current_row = type(obj)._base_manager.select_for_update().filter(pk=obj.pk).first()
        if current_row is None:
            return  # deleted meanwhile: the admin reports that itself
        current = self.edit_token(current_row)
        if sent == current:
            return
        form.data = form.data.copy()
        form.data[form.add_prefix(TOKEN_FIELD)] = current
        raise ValidationError(self._conflict_message(current_row, sent), code="stale")

    def _conflict_message(self, obj, sent: str):
        who = user_name(getattr(obj, "gewijzigd_door", None)) or "Iemand anders"
        when = formats.date_format(timezone.localtime(obj.gewijzigd), "DATETIME_FORMAT")
        opened_version = sent.split(".", 1)[0]
        latest = self._latest_version(obj)
        info = self.admin_site.name, obj._meta.app_label, obj._meta.model_name
        if latest and opened_version.isdigit() and int(opened_version) not in (0, latest.pk):
            compare = reverse("{}:{}_{}_compare".format(*info), args=[quote(obj.pk)])
            link = f"{compare}?a={opened_version}&b={latest.pk}"
            link_text = "Bekijk wat er is veranderd"
        else:
            link = reverse("{}:{}_{}_history".format(*info), args=[quote(obj.pk)])
            link_text = "Bekijk de geschiedenis"
        return format_html(
            "{} heeft dit item opgeslagen op {}, nadat u het opende. Uw wijzigingen zijn "
            'niet opgeslagen; ze staan hieronder nog. <a href="{}" target="_blank">{}</a> '
            "(opent in een nieuw tabblad). Slaat u nu opnieuw op, dan vervangt uw versie "
            "die van {}.",
            who,
            when,
            link,
            link_text,
            who if who != "Iemand anders" else "de ander",
        )

    def _children(self, obj):
        """(model, lookup to the parent) of each inline edited with `obj`."""
        for inline in self.inlines:
            link = _get_foreign_key(type(obj), inline.model, fk_name=inline.fk_name)
            yield inline.model, link.name

    @staticmethod
    def _latest_version(obj):
        versions = Version.objects.get_for_object(obj).filter(revision__werkversie__isnull=True)
        return versions.only("pk").order_by("-pk").first()


def _has_field(model, name: str) -> bool:
    return any(field.name == name for field in model._meta.concrete_fields)


def _moment(value) -> str:
    return value.isoformat() if value else "-"
