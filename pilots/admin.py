from django.contrib import admin
from django.db.models import Count, Q
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from import_export.admin import ExportMixin

from pilots.models import Interesseaanmelding, Pilot
from pilots.resources import InteresseaanmeldingResource
from voion_portal.editors.admin import (
    DutchExportForm,
    PublicationStateFilter,
    PublishableAdmin,
    RecentlyChangedFilter,
)
from voion_portal.editors.permissions import user_name


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
    autocomplete_fields = ("sectoren", "themas", "afbeelding", "documenten")
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
        ("Beeld en bestanden", {"fields": ("afbeelding", "documenten")}),
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
class InteresseaanmeldingAdmin(ExportMixin, admin.ModelAdmin):
    """Registrations are personal data given by a visitor: editors read, handle and export
    them (to call or mail the people who registered)."""

    resource_classes = [InteresseaanmeldingResource]
    export_form_class = DutchExportForm
    list_display = ("naam", "handled", "pilot", "email_link", "organisatie", "aangemeld_op")
    list_filter = ("afgehandeld", "pilot", "pilot__fase", "aangemeld_op")
    list_select_related = ("pilot", "afgehandeld_door")
    search_fields = ("naam", "email", "organisatie", "pilot__titel")
    date_hierarchy = "aangemeld_op"
    fields = (
        "pilot",
        "naam",
        "email_link",
        "telefoon",
        "organisatie",
        "functie",
        "bericht",
        "toestemming",
        "aangemeld_op",
        "afgehandeld",
        "handled_by",
        "notitie",
        "mails",
    )
    readonly_fields = (
        "pilot",
        "naam",
        "email_link",
        "telefoon",
        "organisatie",
        "functie",
        "bericht",
        "toestemming",
        "aangemeld_op",
        "handled_by",
        "mails",
    )
    actions = ("mark_handled",)

    def has_add_permission(self, request):
        return False

    def has_export_permission(self, request):
        return self.has_view_or_change_permission(request)

    def get_export_filename(self, request, queryset, file_format):
        stamp = timezone.localtime().strftime("%Y-%m-%d-%H%M")
        return f"interesseaanmeldingen-{stamp}.{file_format.get_extension()}"

    def get_export_formats(self):
        from import_export.formats.base_formats import CSV, XLSX

        return [CSV, XLSX]

    @admin.display(description="e-mailadres", ordering="email")
    def email_link(self, obj):
        return format_html('<a href="mailto:{}">{}</a>', obj.email, obj.email)

    @admin.display(description="afgehandeld", ordering="afgehandeld", boolean=False)
    def handled(self, obj):
        if not obj.afgehandeld:
            return "nee"
        return self.handled_by(obj)

    @admin.display(description="afgehandeld door")
    def handled_by(self, obj):
        if not obj.afgehandeld:
            return "nog niet"
        parts = ["ja"]
        if obj.afgehandeld_door:
            parts.append(f"door {user_name(obj.afgehandeld_door)}")
        if obj.afgehandeld_op:
            moment = formats.date_format(
                timezone.localtime(obj.afgehandeld_op), "SHORT_DATETIME_FORMAT"
            )
            parts.append(f"op {moment}")
        return ", ".join(parts)

    @admin.display(description="e-mails")
    def mails(self, obj):
        def sent(moment, what):
            if moment is None:
                return f"{what}: nog niet verstuurd"
            when = formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
            return f"{what}: verstuurd op {when}"

        lines = [
            sent(obj.melding_verstuurd_op, "melding aan de redactie"),
            sent(obj.bevestiging_verstuurd_op, "bevestiging aan de bezoeker"),
        ]
        if obj.mail_fout:
            lines.append(f"laatste fout: {obj.mail_fout}")
        return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines))

    def save_model(self, request, obj, form, change):
        if "afgehandeld" in form.changed_data:
            obj.mark_handled(request.user, obj.afgehandeld)
        super().save_model(request, obj, form, change)

    @admin.action(description="Markeren als afgehandeld", permissions=["change"])
    def mark_handled(self, request, queryset):
        handled = 0
        for registration in queryset.filter(afgehandeld=False):
            registration.mark_handled(request.user)
            registration.save(update_fields=["afgehandeld", "afgehandeld_door", "afgehandeld_op"])
            handled += 1
        self.message_user(
            request, f"{handled} {'aanmelding' if handled == 1 else 'aanmeldingen'} afgehandeld."
        )
