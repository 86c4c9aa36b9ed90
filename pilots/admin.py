from django.contrib import admin
from django.db.models import Count, Q

from pilots.models import Interesseaanmelding, Pilot
from voion_portal.editors.admin import (
    PublicationStateFilter,
    PublishableAdmin,
    RecentlyChangedFilter,
)


@admin.register(Pilot)
class PilotAdmin(PublishableAdmin):
    list_display = (
        "titel",
        "programma",
        "fase",
        "open_registrations",
        "status_badge",
        "gewijzigd",
        "gewijzigd_door",
        "aangemaakt_door",
    )
    list_filter = (
        PublicationStateFilter,
        RecentlyChangedFilter,
        "fase",
        "programma",
        "sectoren",
        "themas",
    )
    autocomplete_fields = ("sectoren", "themas")
    fieldsets = (
        (None, {"fields": ("titel", "slug", "samenvatting", "programma", "fase")}),
        ("Looptijd", {"fields": ("periode", "startdatum", "einddatum")}),
        (
            "Inhoud",
            {
                "fields": (
                    "aanleiding",
                    "ondersteuning",
                    "deelname",
                    "opbrengst",
                    "contact",
                    "markdown_preview",
                    "bron_url",
                )
            },
        ),
        ("Indeling", {"fields": ("sectoren", "themas")}),
        PublishableAdmin.publication_fieldset,
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(open_count=Count("aanmeldingen", filter=Q(aanmeldingen__afgehandeld=False)))
        )

    @admin.display(description="open aanmeldingen", ordering="open_count")
    def open_registrations(self, obj):
        return obj.open_count


@admin.register(Interesseaanmelding)
class InteresseaanmeldingAdmin(admin.ModelAdmin):
    """Registrations are personal data given by a visitor: editors read and handle them."""

    list_display = ("naam", "organisatie", "pilot", "aangemeld_op", "afgehandeld")
    list_filter = ("afgehandeld", "pilot", "aangemeld_op")
    list_select_related = ("pilot",)
    search_fields = ("naam", "email", "organisatie", "pilot__titel")
    date_hierarchy = "aangemeld_op"
    fields = (
        "pilot",
        "naam",
        "email",
        "telefoon",
        "organisatie",
        "functie",
        "bericht",
        "toestemming",
        "aangemeld_op",
        "afgehandeld",
        "notitie",
    )
    readonly_fields = (
        "pilot",
        "naam",
        "email",
        "telefoon",
        "organisatie",
        "functie",
        "bericht",
        "toestemming",
        "aangemeld_op",
    )
    actions = ("mark_handled",)

    def has_add_permission(self, request):
        return False

    @admin.action(description="Markeren als afgehandeld", permissions=["change"])
    def mark_handled(self, request, queryset):
        updated = queryset.update(afgehandeld=True)
        self.message_user(request, f"{updated} aanmelding(en) afgehandeld.")
