from django.contrib import admin

from kennisbank.models import Artikel, Stap, Stappenplan
from kennisbank.resources import ArtikelResource
from voion_portal.editors.admin import (
    AUTHORSHIP_ROWS,
    ChildContentAdmin,
    ContentImportExportMixin,
    PublicationStateFilter,
    PublishableAdmin,
    RecentlyChangedFilter,
)


@admin.register(Artikel)
class ArtikelAdmin(ContentImportExportMixin, PublishableAdmin):
    resource_classes = [ArtikelResource]
    list_display = (
        "titel",
        "soort",
        "status_badge",
        "publicatiedatum",
        "gewijzigd",
        "gewijzigd_door",
        "aangemaakt_door",
    )
    list_filter = (
        PublicationStateFilter,
        RecentlyChangedFilter,
        "soort",
        "publicatiedatum",
        "themas",
        "sectoren",
        "pijlers",
    )
    autocomplete_fields = (
        "themas",
        "sectoren",
        "pijlers",
        "doelgroepen",
        "instrumenten",
        "pilots",
        "afbeelding",
        "documenten",
    )
    fieldsets = (
        (None, {"fields": ("titel", "slug", "soort", "samenvatting", "tekst", "markdown_preview")}),
        ("Indeling", {"fields": ("themas", "sectoren", "pijlers", "doelgroepen")}),
        ("Verwijzingen", {"fields": ("instrumenten", "pilots")}),
        ("Beeld en bestanden", {"fields": ("afbeelding", "documenten")}),
        ("Bron", {"fields": ("door_redactie", "bron_titel", "bron_url", "bron_jaar")}),
        PublishableAdmin.publication_fieldset,
    )

    def get_export_queryset(self, request):
        return (
            super()
            .get_export_queryset(request)
            .prefetch_related(
                "themas", "sectoren", "pijlers", "doelgroepen", "instrumenten", "pilots"
            )
        )


class StapInline(admin.TabularInline):
    model = Stap
    fk_name = "stappenplan"
    fields = ("volgorde", "titel", "slug", "hoofdstap", "bijlage")
    prepopulated_fields = {"slug": ("titel",)}
    autocomplete_fields = ("hoofdstap",)
    extra = 0
    show_change_link = True


@admin.register(Stappenplan)
class StappenplanAdmin(PublishableAdmin):
    list_filter = (PublicationStateFilter, RecentlyChangedFilter, "sectoren", "themas")
    autocomplete_fields = ("sectoren", "themas")
    inlines = [StapInline]
    fieldsets = (
        (None, {"fields": ("titel", "slug", "samenvatting", "tekst", "markdown_preview")}),
        ("Indeling", {"fields": ("sectoren", "themas", "bron_url")}),
        PublishableAdmin.publication_fieldset,
    )


@admin.register(Stap)
class StapAdmin(ChildContentAdmin):
    list_display = (
        "titel",
        "stappenplan",
        "hoofdstap",
        "volgorde",
        "gewijzigd",
        "gewijzigd_door",
        "aangemaakt_door",
    )
    list_filter = (RecentlyChangedFilter, "stappenplan")
    list_select_related = ("stappenplan", "hoofdstap")
    search_fields = ("titel", "slug", "samenvatting", "stappenplan__titel")
    prepopulated_fields = {"slug": ("titel",)}
    autocomplete_fields = (
        "stappenplan",
        "hoofdstap",
        "instrumenten",
        "artikelen",
        "documenten",
    )
    fields = (
        "stappenplan",
        "hoofdstap",
        "volgorde",
        "bijlage",
        "titel",
        "slug",
        "samenvatting",
        "tekst",
        "markdown_preview",
        "instrumenten",
        "artikelen",
        "documenten",
        *AUTHORSHIP_ROWS,
    )
