"""Admin bases shared by every content app.

* `PublishableAdmin`: status badges (concept / gepland / gepubliceerd) with a filter on
  that state, publish actions, a rendered Markdown preview, who created and changed an
  item, and its history.
* `HistoryAdmin`: django-reversion's history, revert and recover-deleted views, with a
  comparison of two versions and a revert scoped to one item (and its children).
* `AuthorshipMixin`: fills in aangemaakt_door / gewijzigd_door, also for inline rows.
* `ContentImportExportMixin`: CSV/XLSX import with a dry-run preview that imports nothing
  while any row has an error, and an export of the filtered list.
"""

import datetime
from contextlib import contextmanager

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.forms.formsets import all_valid
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from import_export.admin import ImportExportMixin
from import_export.forms import ExportForm, ImportForm
from import_export.results import RowResult
from reversion.admin import VersionAdmin
from reversion.errors import RevertError
from reversion.models import Version

from voion_portal.core.content import Status, one_line_ending
from voion_portal.core.dutch_admin import DutchMessagesMixin
from voion_portal.editors import checklist, history, internallinks
from voion_portal.editors import tasks as editor_tasks
from voion_portal.editors.importexport import import_preview, stamp_authors
from voion_portal.editors.locking import ConcurrentEditMixin
from voion_portal.editors.permissions import user_name
from voion_portal.editors.preview import preview_page
from voion_portal.editors.scheduling import PublicationForm
from voion_portal.editors.workingcopy_admin import WorkingCopyMixin


def count_items(count: int) -> str:
    return f"{count} item" if count == 1 else f"{count} items"


# -- list filters -----------------------------------------------------------------------------


class PublicationStateFilter(admin.SimpleListFilter):
    """concept / gepland / gepubliceerd, as the badges show it (gepland: a future moment)."""

    title = "publicatie"
    parameter_name = "publicatie"

    def lookups(self, request, model_admin):
        return (
            ("concept", "Concept"),
            ("gepland", "Gepland"),
            ("gepubliceerd", "Gepubliceerd"),
            ("werkversie", "Met wijzigingen in concept (werkversie)"),
        )

    def queryset(self, request, queryset):
        if self.value() == "concept":
            return queryset.drafts()
        if self.value() == "gepland":
            return queryset.scheduled()
        if self.value() == "gepubliceerd":
            return queryset.published()
        if self.value() == "werkversie":
            return queryset.filter(has_working_copy=True)  # WorkingCopyMixin annotates it
        return queryset


class RecentlyChangedFilter(admin.SimpleListFilter):
    title = "laatst gewijzigd"
    parameter_name = "gewijzigd"
    periods = {"vandaag": 1, "week": 7, "maand": 31}

    def lookups(self, request, model_admin):
        return (
            ("vandaag", "Afgelopen 24 uur"),
            ("week", "Afgelopen 7 dagen"),
            ("maand", "Afgelopen maand"),
        )

    def queryset(self, request, queryset):
        days = self.periods.get(self.value())
        if days:
            since = timezone.now() - datetime.timedelta(days=days)
            return queryset.filter(gewijzigd__gte=since)
        return queryset


# -- previews, authors ------------------------------------------------------------------------


def markdown_editor_attributes() -> dict[str, str]:
    """What `static/js/markdown-editor.js` needs on a Markdown text area: where to find
    items and media, upload media, and render the live preview."""
    return {
        "data-markdown-editor": "",
        "data-item-chooser": reverse("choose_item"),
        "data-media-chooser": reverse("choose_media"),
        "data-media-upload": reverse("upload_media"),
        "data-markdown-preview": reverse("preview_markdown"),
        "rows": "16",
    }


class MarkdownEditorMixin:
    """For a ModelAdmin or an inline: the Markdown editor (toolbar, choosers, live
    preview) on each Markdown text area."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in getattr(self.model, "markdown_fields", {}) and field is not None:
            field.widget.attrs.update(markdown_editor_attributes())
        return field


class MarkdownPreviewMixin(MarkdownEditorMixin):
    """Shows the stored, sanitised HTML of each Markdown field on the change page, and
    warns after a save about internal links visitors cannot follow."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if getattr(request, "previewing", False):
            return
        for problem in internallinks.unreachable_links(form.instance):
            target = str(problem.target) if problem.target else "een item"
            messages.warning(
                request,
                f"Let op: de link naar ‘{target}’ in {problem.field} werkt niet voor bezoekers: "
                f"het item {problem.reason}. Zij zien alleen de linktekst, tot het openbaar is.",
            )
        for finding in checklist_findings(form.instance, formsets):
            messages.warning(request, f"Controleer: {finding}")

    @admin.display(description="voorbeeld van de opgemaakte tekst")
    def markdown_preview(self, obj):
        if obj is None or not obj.pk:
            return "Nog niet opgeslagen: klik op Voorbeeld (bij de knoppen) om de pagina te zien."
        parts = []
        for source, target in obj.markdown_fields.items():
            html = getattr(obj, target)
            if html:
                label = obj._meta.get_field(source).verbose_name
                # The stored HTML went through voion_portal.core.markup on save.
                parts.append(
                    format_html(
                        '<section class="markdown-preview"><h4>{}</h4>{}</section>',
                        label.capitalize(),
                        mark_safe(html),
                    )
                )
        if not parts:
            return "Nog geen tekst."
        return format_html_join("", "{}", ((part,) for part in parts))


def checklist_findings(item, formsets) -> list[str]:
    """The content checklist for a saved item and the inline children saved with it (a
    stappenplan's steps, a jaarplan's activities), each child named by its type and title."""
    found = checklist.check_item(item)
    for formset in formsets:
        for child_form in formset.forms:
            child = child_form.instance
            if child.pk is None or child_form in getattr(formset, "deleted_forms", ()):
                continue
            name = f"{child._meta.verbose_name.capitalize()} ‘{child}’"
            found.extend(
                f"{name} – {finding[0].lower()}{finding[1:]}"
                for finding in checklist.check_item(child)
            )
    return found


class OneLineEndingField(forms.CharField):
    """A text area's value with plain newlines: browsers send CRLF, and the stored text
    (`core.content.normalise_line_endings`) has LF, so an untouched text is unchanged."""

    def to_python(self, value):
        return one_line_ending(super().to_python(value))


# Every content admin's text areas.
TEXT_FORM_FIELDS = {models.TextField: {"form_class": OneLineEndingField}}

AUTHOR_FIELDS = ("aangemaakt_door", "gewijzigd_door")
# The change form's rows of who created and who last changed an item: names as text (a
# user field would link to the user's page, which editors may not open).
AUTHORSHIP_ROWS = (("aangemaakt", "created_by"), ("gewijzigd", "changed_by"))
AUTHORSHIP_READONLY = ("aangemaakt", "created_by", "gewijzigd", "changed_by")


class AuthorshipMixin:
    """Records who created and who last changed an item, in the form and in inlines."""

    @admin.display(description="aangemaakt door")
    def created_by(self, obj):
        return user_name(obj.aangemaakt_door) or "-"

    @admin.display(description="gewijzigd door")
    def changed_by(self, obj):
        return user_name(obj.gewijzigd_door) or "-"

    def save_model(self, request, obj, form, change):
        stamp_authors(obj, request.user, created=not change)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for obj in instances:
            stamp_authors(obj, request.user, created=obj._state.adding)
            obj.save()
        formset.save_m2m()

    def get_list_select_related(self, request):
        related = super().get_list_select_related(request)
        if related is True:
            return related
        return (*(related or ()), *AUTHOR_FIELDS)


# -- preview of unsaved changes -----------------------------------------------------------------

UNSAVED_NOTE = (
    "zo ziet de pagina eruit met wat nu in het formulier staat. Er is niets opgeslagen; "
    "bezoekers zien de pagina zoals hij was."
)


class UnsavedPreviewMixin:
    """A "Voorbeeld" button on the change form: the public page with the form's current
    content (children included), in a new tab, without saving anything."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view(self.preview_view)
        return [
            path("voorbeeld/", view, name="{}_{}_preview_new".format(*info)),
            path("<path:object_id>/voorbeeld/", view, name="{}_{}_preview".format(*info)),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        info = self.admin_site.name, self.opts.app_label, self.opts.model_name
        if obj is not None and obj.pk:
            context["preview_url"] = reverse("{}:{}_{}_preview".format(*info), args=[quote(obj.pk)])
        else:
            context["preview_url"] = reverse("{}:{}_{}_preview_new".format(*info))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def preview_view(self, request, object_id=None):
        obj = None
        if object_id is not None:
            obj = self.get_object(request, unquote(object_id))
            if obj is None:
                raise Http404("Dit item bestaat niet (meer).")
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
        elif not self.has_add_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            return redirect(self._url("change", quote(obj.pk)) if obj else self._url("add"))
        # Nothing is saved, so nobody else's save can be overwritten.
        request.conflict_check = False
        request.previewing = True
        change = obj is not None
        form = self.get_form(request, obj, change=change)(request.POST, request.FILES, instance=obj)
        formsets, _ = self._create_formsets(request, form.instance, change=change)
        form_valid = form.is_valid()
        if not (all_valid(formsets) and form_valid):
            context = {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": "Voorbeeld niet mogelijk",
                "form": form,
                "formsets": formsets,
            }
            return TemplateResponse(request, "admin/voion/preview_errors.html", context, status=400)

        def write():
            item = self.save_form(request, form, change=change)
            self.save_model(request, item, form, change)
            self.save_related(request, form, formsets, change)
            return item

        return preview_page(request, write, UNSAVED_NOTE)


# -- history ----------------------------------------------------------------------------------


class _RollBack(Exception):
    def __init__(self, response):
        self.response = response


class HistoryAdmin(DutchMessagesMixin, VersionAdmin):
    """django-reversion's VersionAdmin, one revision per item, with compare and scoped revert.

    * the history lists every version with who and what, and compares any two;
    * revert (and recover) restores one item and the children it follows — not
      whatever else was saved in the same revision;
    * publishing, unpublishing and deleting from the list record one revision per item,
      so a deleted item can always be recovered (also one the content loader created).
    """

    object_history_template = "admin/voion/object_history.html"
    history_latest_first = True

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        compare = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.compare_view),
            name="{}_{}_compare".format(*info),
        )
        return [compare, *super().get_urls()]

    def _url(self, name, *args):
        info = self.admin_site.name, self.opts.app_label, self.opts.model_name
        return reverse("{}:{}_{}_".format(*info) + name, args=args)

    @contextmanager
    def revision(self, request, comment: str):
        """One revision for a change made outside the change form (an action, a delete)."""
        if reversion.is_active():
            yield
            return
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(comment)
            yield

    def changelist_view(self, request, extra_context=None):
        """The list without one revision around it all: actions record one per item."""
        context = {"has_change_permission": self.has_change_permission(request)}
        context.update(extra_context or {})
        return admin.ModelAdmin.changelist_view(self, request, context)

    def delete_model(self, request, obj):
        with self.revision(request, "Verwijderd."):
            reversion.add_to_revision(obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            with self.revision(request, "Verwijderd."):
                reversion.add_to_revision(obj)
        super().delete_queryset(request, queryset)

    # the history page and the comparison

    def history_view(self, request, object_id, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        # A working copy's version is not history (yet): the item's panel shows it.
        versions = (
            Version.objects.get_for_object_reference(self.model, unquote(object_id))
            .filter(revision__werkversie__isnull=True)
            .select_related("revision__user")
            .order_by("-pk")
        )
        action_list = [
            {
                "version": version,
                "revision": version.revision,
                "url": self._url("revision", quote(version.object_id), version.pk),
            }
            for version in versions
        ]
        context = {
            "action_list": action_list,
            "compare_url": self._url("compare", object_id),
            "can_revert": self.has_change_permission(request),
        }
        context.update(extra_context or {})
        return admin.ModelAdmin.history_view(self, request, object_id, context)

    def compare_view(self, request, object_id):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("Dit item bestaat niet (meer).")
        versions = Version.objects.get_for_object(obj).select_related("revision__user")
        try:
            first = versions.get(pk=int(request.GET.get("a", "")))
            second = versions.get(pk=int(request.GET.get("b", "")))
        except (ValueError, Version.DoesNotExist):
            messages.warning(request, "Kies twee versies om te vergelijken.")
            return redirect(self._url("history", quote(obj.pk)))
        older, newer = sorted((first, second), key=lambda v: v.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "object_id": obj.pk,
            "title": f"Versies vergelijken: {obj}",
            "older": older,
            "newer": newer,
            "comparison": history.compare_versions(older, newer),
            "history_url": self._url("history", quote(obj.pk)),
            "revert_url": self._url("revision", quote(obj.pk), older.pk),
            "can_revert": self.has_change_permission(request, obj),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/voion/compare.html", context)

    # revert and recover (replaces VersionAdmin's revert of the whole revision)

    def _reversion_revisionform_view(self, request, version, template_name, extra_context=None):
        if version.content_type_id != ContentType.objects.get_for_model(self.model).pk:
            raise Http404("Deze versie hoort niet bij dit soort item.")
        # A preview (GET) runs the revert and renders the form inside a transaction that is
        # rolled back. (VersionAdmin also mutes all model signals meanwhile; that is
        # process-wide, so other threads' saves would go unnoticed: not done here.)
        moment = formats.date_format(
            timezone.localtime(version.revision.date_created), "DATETIME_FORMAT"
        )
        # Restoring saves the item first: the form's no-lost-updates check would see that
        # save as someone else's.
        request.conflict_check = False
        try:
            with transaction.atomic(using=version.db):
                history.revert_item(version)
                with self.create_revision(request):
                    response = self.changeform_view(
                        request, quote(version.object_id), request.path, extra_context
                    )
                    if request.method == "POST" and response.status_code == 302:
                        reversion.set_comment(f"Teruggezet naar de versie van {moment}.")
                    elif response.status_code == 200:
                        response.template_name = template_name
                        response.render()
                        raise _RollBack(response)
                    else:
                        raise RevertError("Deze versie kon niet worden geladen.")
        except _RollBack as rollback:
            return rollback.response
        except (RevertError, models.ProtectedError, IntegrityError) as error:
            text = str(error) if isinstance(error, RevertError) else ""
            messages.error(
                request,
                text
                or "Deze versie kan niet worden teruggezet: een gekoppeld item bestaat niet meer "
                "of is nog in gebruik.",
            )
            return redirect(self._url("changelist"))
        if request.method == "POST":
            messages.success(request, f"‘{version.object_repr}’ is teruggezet naar {moment}.")
        return response


# -- publishable content ----------------------------------------------------------------------


class PublishableAdmin(
    WorkingCopyMixin,
    UnsavedPreviewMixin,
    ConcurrentEditMixin,
    MarkdownPreviewMixin,
    AuthorshipMixin,
    HistoryAdmin,
):
    """Admin for any PublishableContent model."""

    list_display = (
        "titel",
        "status_badge",
        "publicatiedatum",
        "gewijzigd",
        "gewijzigd_door",
        "aangemaakt_door",
    )
    list_filter = (PublicationStateFilter, RecentlyChangedFilter, "publicatiedatum")
    search_fields = ("titel", "slug", "samenvatting")
    prepopulated_fields = {"slug": ("titel",)}
    readonly_fields = ("markdown_preview", *AUTHORSHIP_READONLY)
    formfield_overrides = TEXT_FORM_FIELDS
    date_hierarchy = "publicatiedatum"
    actions = ("publish", "unpublish", "check_item_links")
    list_per_page = 50
    save_on_top = True
    form = PublicationForm
    publication_fieldset = (
        "Publicatie",
        {
            "fields": (
                "publiceren",
                "publicatiedatum",
                "depubliceren_op",
                *AUTHORSHIP_ROWS,
            ),
            "description": "Ingepland verschijnt het item vanzelf op het publicatiemoment. "
            "Met een moment bij Depubliceren op wordt het daarna vanzelf weer een concept.",
        },
    )

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/admin.js", "js/markdown-editor.js"]

    @admin.display(description="status", ordering="status")
    def status_badge(self, obj):
        state = obj.publication_state
        if state == "gepland":
            moment = formats.date_format(
                timezone.localtime(obj.publicatiedatum), "SHORT_DATETIME_FORMAT"
            )
            badge = format_html(
                '<span class="status-badge status-gepland" title="verschijnt op {}">gepland</span>',
                moment,
            )
        else:
            badge = format_html('<span class="status-badge status-{}">{}</span>', state, state)
        if obj.depubliceren_op and state != "concept":
            until = formats.date_format(
                timezone.localtime(obj.depubliceren_op), "SHORT_DATETIME_FORMAT"
            )
            badge = format_html('{}<span class="working-copy-note">tot {}</span>', badge, until)
        if getattr(obj, "has_working_copy", False):
            return format_html(
                '{}<span class="working-copy-note">met wijzigingen in concept</span>', badge
            )
        return badge

    @admin.action(description="Publiceren (nu, of op het geplande moment)", permissions=["change"])
    def publish(self, request, queryset):
        count = self._move(request, queryset, Status.CONCEPT, Status.GEPUBLICEERD, "Gepubliceerd.")
        self.message_user(request, f"{count_items(count)} gepubliceerd.", messages.SUCCESS)

    @admin.action(description="Terugzetten naar concept", permissions=["change"])
    def unpublish(self, request, queryset):
        count = self._move(
            request, queryset, Status.GEPUBLICEERD, Status.CONCEPT, "Teruggezet naar concept."
        )
        self.message_user(
            request, f"{count_items(count)} teruggezet naar concept.", messages.SUCCESS
        )

    @admin.action(description="Links in deze items laten controleren", permissions=["change"])
    def check_item_links(self, request, queryset):
        count = editor_tasks.request_for_items(self.model, queryset.values_list("pk", flat=True))
        changelist = reverse("admin:voion_portal_externelink_changelist")
        self.message_user(
            request,
            format_html(
                "{} gecontroleerd, op de achtergrond (nieuwe links ook). "
                'De uitkomst staat bij <a href="{}">Externe links</a>.',
                "1 link wordt" if count == 1 else f"{count} links worden",
                changelist,
            ),
            messages.SUCCESS,
        )

    def _move(self, request, queryset, source: str, target: str, comment: str) -> int:
        """Give every selected item in status `source` the status `target`, one saved
        revision each (so history and the page cache see every change)."""
        count = 0
        for item in queryset.filter(status=source):
            item.status = target
            stamp_authors(item, request.user, created=False)
            with self.revision(request, comment):
                item.save()
            count += 1
        return count


class ChildContentAdmin(
    UnsavedPreviewMixin, ConcurrentEditMixin, MarkdownPreviewMixin, AuthorshipMixin, HistoryAdmin
):
    """Admin for content published with its parent (steps, activities)."""

    readonly_fields = ("markdown_preview", *AUTHORSHIP_READONLY)
    formfield_overrides = TEXT_FORM_FIELDS
    list_filter = (RecentlyChangedFilter,)

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/admin.js", "js/markdown-editor.js"]


# -- import and export ------------------------------------------------------------------------


class DutchImportForm(ImportForm):
    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.fields["import_file"].label = "Bestand"
        self.fields["format"].label = "Bestandsformaat"


class DutchExportForm(ExportForm):
    """Format only: the package's field picker needs inline script, which the CSP forbids."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.fields["format"].label = "Bestandsformaat"


def _error_rows(result):
    """Each invalid row of an import: its line in the file, its title and its errors, each
    under the column heading the editor sees in the file (`ContentResource` names them)."""
    headers = list(result.diff_headers)
    rows = []
    for row in result.invalid_rows:
        values = dict(zip(headers, row.values, strict=False))
        errors = [
            (heading, message)
            for heading, messages_ in row.field_specific_errors.items()
            for message in messages_
        ]
        errors.extend(("", message) for message in row.non_field_specific_errors)
        rows.append({"line": row.number + 1, "title": values.get("Titel", ""), "errors": errors})
    return rows


class ContentImportExportMixin(ImportExportMixin):
    """CSV/XLSX import (dry-run preview, all or nothing) and export of the filtered list."""

    import_template_name = "admin/voion/import.html"
    export_template_name = "admin/voion/export.html"
    import_form_class = DutchImportForm
    export_form_class = DutchExportForm
    import_error_display = ("message",)

    def get_import_formats(self):
        from import_export.formats.base_formats import CSV, XLSX

        return [CSV, XLSX]

    def get_export_formats(self):
        return self.get_import_formats()

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_or_change_permission(request)

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        kwargs["rollback_on_validation_errors"] = True  # any bad row: nothing changes
        return kwargs

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        result = getattr(response, "context_data", {}).get("result")
        if result is not None:
            response.context_data["preview"] = import_preview(result)
            response.context_data["error_rows"] = _error_rows(result)
        return response

    def init_request_context_data(self, request, form):
        context = super().init_request_context_data(request, form)
        context["can_import"] = self.has_import_permission(request)
        return context

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            messages.error(
                request,
                "Er is niets geïmporteerd: het bestand bevat fouten. Controleer het bestand en "
                "importeer het opnieuw.",
            )
            return HttpResponseRedirect(self._url("import"))
        return super().process_result(result, request)

    def add_success_message(self, result, request):
        totals = result.totals
        messages.success(
            request,
            f"Import klaar: {totals[RowResult.IMPORT_TYPE_NEW]} nieuw, "
            f"{totals[RowResult.IMPORT_TYPE_UPDATE]} gewijzigd, "
            f"{totals[RowResult.IMPORT_TYPE_SKIP]} ongewijzigd.",
        )

    def get_export_filename(self, request, queryset, file_format):
        stamp = timezone.localtime().strftime("%Y-%m-%d-%H%M")
        return f"{self.opts.model_name}-{stamp}.{file_format.get_extension()}"
