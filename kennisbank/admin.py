from django.contrib import admin

from kennisbank.models import Artikel, Stap, Stappenplan
from voion_portal.admin import MarkdownPreviewMixin, PublishableAdmin


@admin.register(Artikel)
class ArtikelAdmin(PublishableAdmin):
    list_display = ("titel", "soort", "status_badge", "publicatiedatum", "gewijzigd")
    list_filter = ("status", "soort", "publicatiedatum", "themas", "sectoren", "pijlers")
    autocomplete_fields = ("themas", "sectoren", "pijlers", "doelgroepen", "instrumenten", "pilots")
    fieldsets = (
        (None, {"fields": ("titel", "slug", "soort", "samenvatting", "tekst", "markdown_preview")}),
        ("Indeling", {"fields": ("themas", "sectoren", "pijlers", "doelgroepen")}),
        ("Verwijzingen", {"fields": ("instrumenten", "pilots", "bron_url")}),
        PublishableAdmin.publication_fieldset,
    )


class StapInline(admin.TabularInline):
    model = Stap
    fk_name = "stappenplan"
    fields = ("volgorde", "titel", "slug", "hoofdstap")
    prepopulated_fields = {"slug": ("titel",)}
    autocomplete_fields = ("hoofdstap",)
    extra = 0
    show_change_link = True


@admin.register(Stappenplan)
class StappenplanAdmin(PublishableAdmin):
    list_filter = ("status", "sectoren", "themas")
    autocomplete_fields = ("sectoren", "themas")
    inlines = [StapInline]
    fieldsets = (
        (None, {"fields": ("titel", "slug", "samenvatting", "tekst", "markdown_preview")}),
        ("Indeling", {"fields": ("sectoren", "themas", "bron_url")}),
        PublishableAdmin.publication_fieldset,
    )


@admin.register(Stap)
class StapAdmin(MarkdownPreviewMixin, admin.ModelAdmin):
    list_display = ("titel", "stappenplan", "hoofdstap", "volgorde", "gewijzigd")
    list_filter = ("stappenplan",)
    list_select_related = ("stappenplan", "hoofdstap")
    search_fields = ("titel", "slug", "samenvatting", "stappenplan__titel")
    prepopulated_fields = {"slug": ("titel",)}
    autocomplete_fields = ("stappenplan", "hoofdstap", "instrumenten", "artikelen")
    readonly_fields = ("markdown_preview", "aangemaakt", "gewijzigd")
    fields = (
        "stappenplan",
        "hoofdstap",
        "volgorde",
        "titel",
        "slug",
        "samenvatting",
        "tekst",
        "markdown_preview",
        "instrumenten",
        "artikelen",
        "aangemaakt",
        "gewijzigd",
    )
