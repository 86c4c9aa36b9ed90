"""The editors' list of synonyms that search expands, and what visitors searched for."""

from django.contrib import admin
from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html
from django.utils.http import urlencode

from voion_portal.core.dutch_admin import DutchMessagesMixin
from voion_portal.search.models import Synoniem, Zoekopdracht

# The week filter offers this many of the most recent weeks (a year), newest first.
WEEKS_IN_FILTER = 53


@admin.register(Synoniem)
class SynoniemAdmin(DutchMessagesMixin, admin.ModelAdmin):
    """Editors keep the sector's abbreviations and synonyms that search expands."""

    list_display = ("term", "synoniem")
    search_fields = ("term", "synoniem")
    list_per_page = 100


def week_label(week) -> str:
    return f"week {week.isocalendar().week} (vanaf {formats.date_format(week, 'j F Y')})"


class WeekFilter(admin.SimpleListFilter):
    title = "week"
    parameter_name = "week"

    def lookups(self, request, model_admin):
        weeks = (
            Zoekopdracht.objects.order_by("-week")
            .values_list("week", flat=True)
            .distinct()[:WEEKS_IN_FILTER]
        )
        return [(week.isoformat(), week_label(week)) for week in weeks]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(week=self.value())
        return queryset


class OutcomeFilter(admin.SimpleListFilter):
    """What an editor can act on: searches that found nothing, or found nothing useful."""

    title = "uitkomst"
    parameter_name = "uitkomst"

    def lookups(self, request, model_admin):
        return [("geen-resultaten", "geen resultaten"), ("geen-klik", "geen klik")]

    def queryset(self, request, queryset):
        if self.value() == "geen-resultaten":
            return queryset.without_results()
        if self.value() == "geen-klik":
            return queryset.without_clicks()
        return queryset


@admin.register(Zoekopdracht)
class ZoekopdrachtAdmin(admin.ModelAdmin):
    """Weekly counts of what visitors searched for: read, and deleted, never written."""

    list_display = (
        "zoekterm",
        "week_shown",
        "aantal",
        "zonder_resultaat",
        "kliks",
        "search_on_site",
        "add_synonym",
    )
    list_display_links = None
    list_filter = (WeekFilter, OutcomeFilter)
    search_fields = ("zoekterm",)
    ordering = ("-week", "-aantal", "zoekterm")
    fields = ("zoekterm", "week", "aantal", "zonder_resultaat", "kliks")
    readonly_fields = fields
    list_per_page = 100

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="week", ordering="week")
    def week_shown(self, obj):
        return week_label(obj.week)

    @admin.display(description="op de site")
    def search_on_site(self, obj):
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">zoek nu</a>', obj.get_absolute_url()
        )

    @admin.display(description="synoniem")
    def add_synonym(self, obj):
        add_url = reverse("admin:voion_portal_synoniem_add")
        return format_html(
            '<a href="{}?{}">synoniem toevoegen</a>', add_url, urlencode({"term": obj.zoekterm})
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "synoniemen_url": reverse("admin:voion_portal_synoniem_changelist"),
        }
        return super().changelist_view(request, extra_context)
