from django.contrib import admin

from jaarplan.models import Activiteit, ActiviteitLink, Jaarplan
from voion_portal.editors.admin import (
    AUTHORSHIP_ROWS,
    ChildContentAdmin,
    PublicationStateFilter,
    PublishableAdmin,
    RecentlyChangedFilter,
)
from voion_portal.editors.inlines import (
    ArrangedForms,
    ArrangedInline,
    FormGroup,
    bound_number,
    split_forms,
)


class ActiviteitInline(ArrangedInline):
    """Every activity editable in full on the plan's page, grouped by kernopgave and
    thema as the published plan reads (templates/admin/jaarplan/activiteit_inline.html).
    External links stay on the activity's own page, linked from its heading."""

    model = Activiteit
    template = "admin/jaarplan/activiteit_inline.html"
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "titel",
                    "slug",
                    ("thema", "soort", "volgorde"),
                    "omschrijving",
                    "instrumenten",
                    "pilots",
                    "artikelen",
                )
            },
        ),
    )
    prepopulated_fields = {"slug": ("titel",)}
    autocomplete_fields = ("thema", "instrumenten", "pilots", "artikelen")

    def get_queryset(self, request):
        return super().get_queryset(request).for_plan_form()

    def arrange(self, inline_admin_formset) -> ArrangedForms:
        saved, new, empty = split_forms(inline_admin_formset)
        by_thema: dict = {}
        for form in saved:
            activity = form.original
            # A thema changed in a form sent back with errors: shown under the new one.
            by_thema.setdefault(activity.thema if activity.thema_id else None, []).append(form)
        kernopgaven: dict = {}
        for thema in sorted(filter(None, by_thema), key=_thema_order):
            group = FormGroup(thema.naam, forms=_in_own_order(by_thema[thema]))
            kernopgave = kernopgaven.setdefault(
                thema.kernopgave_id, FormGroup(thema.kernopgave.naam)
            )
            kernopgave.groups.append(group)
        groups = list(kernopgaven.values())
        if None in by_thema:
            without = FormGroup("Zonder thema", forms=_in_own_order(by_thema[None]))
            groups.append(FormGroup("Zonder thema", groups=[without]))
        return ArrangedForms(groups=groups, new_forms=new, empty_form=empty)


def _thema_order(thema):
    return (thema.kernopgave.volgorde, thema.kernopgave_id, thema.volgorde, thema.pk)


def _in_own_order(forms):
    return sorted(forms, key=lambda form: (bound_number(form, "volgorde"), form.original.pk))


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
