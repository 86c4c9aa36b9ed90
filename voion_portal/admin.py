"""Admin bases shared by every content app: status badges, publish actions, previews."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from voion_portal.content import Status
from voion_portal.models import Synoniem


class MarkdownPreviewMixin:
    """Shows the stored, sanitised HTML of each Markdown field on the change page."""

    @admin.display(description="voorbeeld van de opgemaakte tekst")
    def markdown_preview(self, obj):
        if obj is None or not obj.pk:
            return "Het voorbeeld verschijnt na de eerste keer opslaan."
        parts = []
        for source, target in obj.markdown_fields.items():
            html = getattr(obj, target)
            if html:
                label = obj._meta.get_field(source).verbose_name
                # The stored HTML went through voion_portal.markup on save.
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


class PublishableAdmin(MarkdownPreviewMixin, admin.ModelAdmin):
    """Admin for any PublishableContent model."""

    list_display = ("titel", "status_badge", "publicatiedatum", "gewijzigd")
    list_filter = ("status", "publicatiedatum")
    search_fields = ("titel", "slug", "samenvatting")
    prepopulated_fields = {"slug": ("titel",)}
    readonly_fields = ("markdown_preview", "aangemaakt", "gewijzigd")
    date_hierarchy = "publicatiedatum"
    actions = ("publish", "unpublish")
    list_per_page = 50
    save_on_top = True
    publication_fieldset = (
        "Publicatie",
        {"fields": ("status", "publicatiedatum", "aangemaakt", "gewijzigd")},
    )

    @admin.display(description="status", ordering="status")
    def status_badge(self, obj):
        state = obj.publication_state
        return format_html('<span class="status-badge status-{}">{}</span>', state, state)

    @admin.action(description="Publiceren (nu, of op het geplande moment)", permissions=["change"])
    def publish(self, request, queryset):
        now = timezone.now()
        drafts = queryset.filter(status=Status.CONCEPT)
        count = drafts.count()
        for item in drafts:
            item.status = Status.GEPUBLICEERD
            if item.publicatiedatum is None:
                item.publicatiedatum = now
            item.save()
        self.message_user(request, f"{count} item(s) gepubliceerd.", messages.SUCCESS)

    @admin.action(description="Terugzetten naar concept", permissions=["change"])
    def unpublish(self, request, queryset):
        published = queryset.filter(status=Status.GEPUBLICEERD)
        count = published.count()
        for item in published:
            item.status = Status.CONCEPT
            item.save()
        self.message_user(request, f"{count} item(s) teruggezet naar concept.", messages.SUCCESS)


@admin.register(Synoniem)
class SynoniemAdmin(admin.ModelAdmin):
    """Editors keep the sector's abbreviations and synonyms that search expands."""

    list_display = ("term", "synoniem")
    search_fields = ("term", "synoniem")
    list_per_page = 100
