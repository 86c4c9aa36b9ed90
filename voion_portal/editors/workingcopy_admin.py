"""Working copies in the change form of a live item (`editors.workingcopy`).

* "Opslaan als werkversie" saves the form as the item's working copy; the public page
  does not change. New children (a new step) cannot go in a working copy: they are
  added to the live item.
* While a working copy exists the change form shows it, with a panel to preview it,
  compare it with the live item, publish it now or at a moment, or throw it away.
  "Opslaan" then saves the form live and the working copy is done.
"""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import formats, timezone
from django.views.decorators.http import require_POST
from reversion.models import Version

from voion_portal.editors import workingcopy
from voion_portal.editors.models import Werkversie
from voion_portal.editors.permissions import user_name
from voion_portal.editors.preview import preview_page

SAVE_AS_WORKING_COPY = "_werkversie"
WORKING_COPY_NOTE = (
    "dit is de werkversie. Bezoekers zien nog de gepubliceerde versie, tot de werkversie "
    "wordt gepubliceerd."
)


class _Outcome(Exception):
    """Leaves a transaction that is rolled back, carrying what it produced."""

    def __init__(self, value):
        self.value = value


class WorkingCopyMixin:
    """For the admin of a publishable model (with `is_published`)."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        routes = [
            ("werkversie/voorbeeld/", self.working_copy_preview, "preview"),
            ("werkversie/publiceren/", require_POST(self.working_copy_publish), "publish"),
            ("werkversie/weggooien/", require_POST(self.working_copy_discard), "discard"),
        ]
        return [
            *(
                path(
                    f"<path:object_id>/{route}",
                    self.admin_site.admin_view(view),
                    name="{}_{}_workingcopy_{}".format(*info, name),
                )
                for route, view, name in routes
            ),
            *super().get_urls(),
        ]

    def _working_copy_url(self, name, obj):
        info = self.admin_site.name, self.opts.app_label, self.opts.model_name
        return reverse("{}:{}_{}_workingcopy_{}".format(*info, name), args=[quote(obj.pk)])

    # the list: "gepubliceerd, met wijzigingen in concept"

    def get_queryset(self, request):
        copies = Werkversie.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model), object_id=OuterRef("pk")
        )
        return super().get_queryset(request).annotate(has_working_copy=Exists(copies))

    # the change form

    # change_view, not changeform_view: django-reversion's VersionAdmin records the
    # revision around change_view, and a working copy is made of that revision.
    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        copy = workingcopy.for_item(obj)
        if request.method == "POST" and SAVE_AS_WORKING_COPY in request.POST and obj:
            return self._save_as_working_copy(request, obj, object_id, form_url, extra_context)
        context = {**(extra_context or {}), **self._working_copy_context(request, obj, copy)}
        if request.method == "POST":
            response = super().change_view(request, object_id, form_url, context)
            if copy is not None and response.status_code == 302:
                workingcopy.discard(copy)
                messages.info(request, "De werkversie is klaar: wat u opsloeg, is nu openbaar.")
            return response
        if copy is None:
            return super().change_view(request, object_id, form_url, context)
        # The form shows the working copy; the check for others' saves compares with the
        # live item, so its token is taken before the working copy is written back.
        request.edit_token = self.edit_token(obj)
        try:
            with transaction.atomic():
                workingcopy.write_back(copy)
                response = super().change_view(request, object_id, form_url, context)
                if hasattr(response, "render"):
                    response.render()
                raise _Outcome(response)
        except _Outcome as outcome:
            return outcome.value

    def _working_copy_context(self, request, obj, copy) -> dict:
        if obj is None or not getattr(obj, "is_published", False):
            return {}
        context = {"working_copy_allowed": self.has_change_permission(request, obj)}
        if copy is None:
            return context
        latest_live = (
            workingcopy.history_versions(Version.objects.get_for_object(obj))
            .order_by("-pk")
            .first()
        )
        info = self.admin_site.name, self.opts.app_label, self.opts.model_name
        compare = ""
        if latest_live is not None:
            compare_url = reverse("{}:{}_{}_compare".format(*info), args=[quote(obj.pk)])
            compare = f"{compare_url}?a={latest_live.pk}&b={workingcopy.item_version(copy).pk}"
        context.update(
            working_copy=copy,
            working_copy_by=user_name(copy.revision.user),
            working_copy_saved=copy.revision.date_created,
            working_copy_preview_url=self._working_copy_url("preview", obj),
            working_copy_publish_url=self._working_copy_url("publish", obj),
            working_copy_discard_url=self._working_copy_url("discard", obj),
            working_copy_compare_url=compare,
            working_copy_moment_field=MomentForm(
                initial={"moment": copy.publiceren_op or _next_hour()}
            )["moment"],
        )
        return context

    def _save_as_working_copy(self, request, obj, object_id, form_url, extra_context):
        if not obj.is_published:
            messages.error(request, "Een werkversie is er alleen voor een gepubliceerd item.")
            return redirect(self._url("change", quote(obj.pk)))
        request.saving_working_copy = True
        try:
            with transaction.atomic():
                response = super().change_view(request, object_id, form_url, extra_context)
                if response.status_code != 302:  # the form had errors: shown, nothing kept
                    if hasattr(response, "render"):
                        response.render()
                    raise _Outcome(response)
                raise _Outcome(workingcopy.revision_rows(obj))
        except _Outcome as outcome:
            if not isinstance(outcome.value, list):
                return outcome.value
            rows = outcome.value
        # The admin's "saved" message belongs to the save that was rolled back.
        list(messages.get_messages(request))
        workingcopy.keep(obj, rows, request.user)
        messages.success(
            request,
            "De werkversie is opgeslagen. Bezoekers zien nog de gepubliceerde versie; "
            "publiceer de werkversie wanneer ze klaar is.",
        )
        return redirect(self._url("change", quote(obj.pk)))

    def get_formsets_with_inlines(self, request, obj=None):
        for formset_class, inline in super().get_formsets_with_inlines(request, obj):
            if getattr(request, "saving_working_copy", False):
                formset_class = type(
                    formset_class.__name__, (NoNewChildrenMixin, formset_class), {}
                )
            yield formset_class, inline

    # the working copy's own actions

    def _item_and_copy(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("Dit item bestaat niet (meer).")
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        return obj, workingcopy.for_item(obj)

    def working_copy_preview(self, request, object_id):
        obj, copy = self._item_and_copy(request, object_id)
        if copy is None:
            messages.info(request, "Er is (nu) geen werkversie van dit item.")
            return redirect(self._url("change", quote(obj.pk)))
        return preview_page(request, lambda: workingcopy.write_back(copy), WORKING_COPY_NOTE)

    def working_copy_publish(self, request, object_id):
        obj, copy = self._item_and_copy(request, object_id)
        change_url = self._url("change", quote(obj.pk))
        if copy is None:
            messages.info(request, "Er is (nu) geen werkversie van dit item.")
            return redirect(change_url)
        if "inplannen" not in request.POST:
            workingcopy.publish(copy, request.user)
            messages.success(request, "De werkversie is gepubliceerd.")
            return redirect(change_url)
        form = MomentForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(form.errors["moment"]))
            return redirect(change_url)
        copy.publiceren_op = form.cleaned_data["moment"]
        copy.save(update_fields=["publiceren_op", "gewijzigd"])
        moment = formats.date_format(timezone.localtime(copy.publiceren_op), "DATETIME_FORMAT")
        messages.success(request, f"De werkversie wordt gepubliceerd op {moment}.")
        return redirect(change_url)

    def working_copy_discard(self, request, object_id):
        obj, copy = self._item_and_copy(request, object_id)
        if copy is not None:
            workingcopy.discard(copy)
            messages.success(request, "De werkversie is weggegooid; de gepubliceerde blijft.")
        return redirect(self._url("change", quote(obj.pk)))


class NoNewChildrenMixin:
    """A working copy changes and removes children, but adds none (a new step's row
    would exist only in the working copy, and a form cannot refer to it)."""

    def clean(self):
        super().clean()
        for form in self.extra_forms:
            if form.has_changed() and not self._should_delete_form(form):
                raise ValidationError(
                    "Een werkversie kan geen nieuwe onderdelen krijgen. Sla eerst de "
                    "werkversie op zonder het nieuwe onderdeel, of voeg het toe aan de "
                    "gepubliceerde versie.",
                    code="new_child_in_working_copy",
                )


class MomentForm(forms.Form):
    moment = forms.DateTimeField(
        label="Publiceren op",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
        error_messages={"invalid": "Geef een datum en tijd, bijvoorbeeld 30-11-2026 14:00."},
    )

    def clean_moment(self):
        moment = self.cleaned_data["moment"]
        if moment <= timezone.now():
            raise ValidationError("Kies een moment in de toekomst, of publiceer nu.")
        return moment


def _next_hour():
    now = timezone.localtime()
    return (now + datetime.timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
