from django.contrib import admin

from jaarplan.models import Activiteit, ActiviteitLink, Jaarplan
from voion_portal.editors.admin import (
    AUTHORSHIP_ROWS,
    ChildContentAdmin,
    PublicationStateFilter,
    PublishableAdmin,
    RecentlyChangedFilter,
)


class ActiviteitInline(admin.TabularInline):
    model = Activiteit
    fields = ("volgorde", "titel", "slug", "thema", "soort")
    prepopulated_fields = {"slug": ("titel",)}
    autocomplete_fields = ("thema",)
    extra = 0
    show_change_link = True


@admin.register(Jaarplan)
class JaarplanAdmin(PublishableAdmin):
    list_display = (
        "titel",
        "jaar",
        "organisatie",
        "sector",
        "status_badge",
        "gewijzigd",
        "gewijzigd_door",
        "aangemaakt_door",
    )
    list_filter = (PublicationStateFilter, RecentlyChangedFilter, "jaar", "organisatie", "sector")
    list_select_related = ("organisatie", "sector")
    autocomplete_fields = ("organisatie", "sector", "documenten")
    inlines = [ActiviteitInline]
    fieldsets = (
        (None, {"fields": ("titel", "slug", "jaar", "organisatie", "sector")}),
        (
            "Inhoud",
            {"fields": ("samenvatting", "tekst", "markdown_preview", "bron_url", "documenten")},
        ),
        PublishableAdmin.publication_fieldset,
    )


class ActiviteitLinkInline(admin.TabularInline):
    model = ActiviteitLink
    fields = ("volgorde", "titel", "url")
    extra = 1


@admin.register(Activiteit)
class ActiviteitAdmin(ChildContentAdmin):
    list_display = (
        "titel",
        "jaarplan",
        "thema",
        "soort",
        "volgorde",
        "gewijzigd",
        "gewijzigd_door",
        "aangemaakt_door",
    )
    list_filter = (RecentlyChangedFilter, "jaarplan", "soort", "thema__kernopgave", "thema")
    list_select_related = ("jaarplan", "thema")
    search_fields = ("titel", "slug", "omschrijving", "jaarplan__titel")
    prepopulated_fields = {"slug": ("titel",)}
    autocomplete_fields = ("jaarplan", "thema", "instrumenten", "pilots", "artikelen")
    inlines = [ActiviteitLinkInline]
    fields = (
        "jaarplan",
        "thema",
        "soort",
        "volgorde",
        "titel",
        "slug",
        "omschrijving",
        "markdown_preview",
        "instrumenten",
        "pilots",
        "artikelen",
        *AUTHORSHIP_ROWS,
    )
