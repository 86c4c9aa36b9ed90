"""The editors' list of synonyms and abbreviations that search expands."""

from django.contrib import admin

from voion_portal.search.models import Synoniem


@admin.register(Synoniem)
class SynoniemAdmin(admin.ModelAdmin):
    """Editors keep the sector's abbreviations and synonyms that search expands."""

    list_display = ("term", "synoniem")
    search_fields = ("term", "synoniem")
    list_per_page = 100
