from django.contrib import admin

from instrumenten.models import Instrument, InstrumentSoort
from instrumenten.resources import InstrumentResource
from voion_portal.editors.admin import (
    ContentImportExportMixin,
    PublicationStateFilter,
    PublishableAdmin,
    RecentlyChangedFilter,
)
from voion_portal.taxonomy.admin import TermAdmin


@admin.register(InstrumentSoort)
class InstrumentSoortAdmin(TermAdmin):
    pass


@admin.register(Instrument)
class InstrumentAdmin(ContentImportExportMixin, PublishableAdmin):
    resource_classes = [InstrumentResource]
    list_display = (
        "titel",
        "status_badge",
        "soort",
        "aanbieder",
        "uitgelicht",
        "gewijzigd",
        "gewijzigd_door",
        "aangemaakt_door",
    )
    list_filter = (
        PublicationStateFilter,
        RecentlyChangedFilter,
        "uitgelicht",
        "soort",
        "aanbieder",
        "sectoren",
        "pijlers",
        "themas",
    )
    list_select_related = ("soort", "aanbieder")
    search_fields = ("titel", "slug", "samenvatting", "url", "aanbieder__naam")
    autocomplete_fields = (
        "soort",
        "aanbieder",
        "sectoren",
        "themas",
        "pijlers",
        "doelgroepen",
        "logo",
        "documenten",
    )
    date_hierarchy = None
    fieldsets = (
        (None, {"fields": ("titel", "slug", "samenvatting", "tekst", "markdown_preview", "url")}),
        ("Kenmerken", {"fields": ("soort", "aanbieder", "kosten", "uitgelicht")}),
        ("Wat het vraagt", {"fields": ("tijdsinvestering", "deelnemers")}),
        ("Indeling", {"fields": ("sectoren", "themas", "pijlers", "doelgroepen")}),
        ("Beeld en bestanden", {"fields": ("logo", "documenten")}),
        PublishableAdmin.publication_fieldset,
    )

    def get_export_queryset(self, request):
        return (
            super()
            .get_export_queryset(request)
            .select_related("soort", "aanbieder")
            .prefetch_related("sectoren", "themas", "pijlers", "doelgroepen")
        )
