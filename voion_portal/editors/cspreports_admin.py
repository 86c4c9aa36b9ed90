"""What browsers reported the Content-Security-Policy blocked, for editors to read."""

from django.contrib import admin

from voion_portal.core.models import CspRapport


@admin.register(CspRapport)
class CspRapportAdmin(admin.ModelAdmin):
    list_display = ("ontvangen", "regel", "geblokkeerd", "pagina")
    list_filter = ("regel", "ontvangen")
    search_fields = ("pagina", "geblokkeerd", "bron")
    date_hierarchy = "ontvangen"
    readonly_fields = ("ontvangen", "pagina", "regel", "geblokkeerd", "bron", "browser")
    fields = readonly_fields
    list_per_page = 50

    def has_add_permission(self, request):
        return False  # sent by browsers, not typed in

    def has_change_permission(self, request, obj=None):
        return False
