from django.contrib import admin

from voion_portal.core.dutch_admin import DutchMessagesMixin
from voion_portal.taxonomy.models import (
    DiPijler,
    Doelgroep,
    Kernopgave,
    Organisatie,
    Sector,
    Thema,
)


class TermAdmin(DutchMessagesMixin, admin.ModelAdmin):
    list_display = ("naam", "slug", "volgorde")
    list_editable = ("volgorde",)
    search_fields = ("naam", "slug")
    prepopulated_fields = {"slug": ("naam",)}


@admin.register(Sector)
class SectorAdmin(TermAdmin):
    list_display = ("naam", "afkorting", "slug", "volgorde")


class ThemaInline(admin.TabularInline):
    model = Thema
    fields = ("naam", "slug", "nummer", "volgorde")
    prepopulated_fields = {"slug": ("naam",)}
    extra = 0
    show_change_link = True


@admin.register(Kernopgave)
class KernopgaveAdmin(TermAdmin):
    list_display = ("naam", "bron", "sector", "slug", "volgorde")
    list_filter = ("sector", "bron")
    search_fields = ("naam", "slug", "bron")
    fields = ("naam", "slug", "bron", "sector", "omschrijving", "volgorde")
    inlines = [ThemaInline]


@admin.register(Thema)
class ThemaAdmin(TermAdmin):
    list_display = ("naam", "kernopgave", "nummer", "slug", "volgorde")
    list_filter = ("kernopgave__sector", "kernopgave")
    list_select_related = ("kernopgave",)
    search_fields = ("naam", "slug", "kernopgave__naam")


@admin.register(DiPijler)
class DiPijlerAdmin(TermAdmin):
    list_display = ("naam", "ondertitel", "slug", "volgorde")


@admin.register(Doelgroep)
class DoelgroepAdmin(TermAdmin):
    pass


@admin.register(Organisatie)
class OrganisatieAdmin(TermAdmin):
    list_display = ("naam", "website", "slug", "volgorde")
