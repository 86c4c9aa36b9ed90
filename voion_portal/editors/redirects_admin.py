"""The old addresses of renamed items, for the editors: where each one leads now."""

from django.contrib import admin
from django.utils.html import format_html

from voion_portal.core.dutch_admin import DutchMessagesMixin
from voion_portal.editors.models import OudAdres
from voion_portal.editors.redirects import follow


@admin.register(OudAdres)
class OudAdresAdmin(DutchMessagesMixin, admin.ModelAdmin):
    list_display = ("pad", "leads_to", "content_type", "sinds")
    # Only the kinds of item that have old addresses, not every table in the database.
    list_filter = (("content_type", admin.RelatedOnlyFieldListFilter), "sinds")
    search_fields = ("pad",)
    list_select_related = ("content_type",)
    readonly_fields = ("pad", "leads_to", "content_type", "object_id", "sinds")
    fields = readonly_fields
    list_per_page = 50

    def has_add_permission(self, request):
        return False  # recorded by saves, not typed in

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="leidt naar")
    def leads_to(self, obj):
        target = follow(obj.pad)
        if target is None:
            return "niets: het item is niet (meer) openbaar, bezoekers krijgen ‘niet gevonden’"
        return format_html('<a href="{}">{}</a>', target, target)
