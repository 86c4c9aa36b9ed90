"""The editors' view of "Was deze pagina nuttig?": every answer with its page's totals,
filters on the answer and date, search in page and comment, and CSV exports.

Answers come from visitors only: editors read and delete them (a comment with personal
data in it, say), but never add or change one.
"""

import csv

from django.contrib import admin
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode

from voion_portal.feedback.models import Paginafeedback


def _page_count(**answer):
    """How many answers (of this kind) the row's page has in all, whatever the filters."""
    counted = (
        Paginafeedback.objects.filter(pad=OuterRef("pad"), **answer)
        .order_by()
        .values("pad")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _csv_response(name: str, header: list[str], rows) -> HttpResponse:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the accents right
    writer = csv.writer(response, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_safe_cell(value) for value in row])
    return response


def _safe_cell(value):
    """A visitor's comment must not become a formula in a spreadsheet."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@admin.register(Paginafeedback)
class PaginafeedbackAdmin(admin.ModelAdmin):
    list_display = ("page", "answer", "opmerking", "aangemaakt", "page_yes", "page_no")
    list_display_links = ("aangemaakt",)
    list_filter = ("nuttig", ("aangemaakt", admin.DateFieldListFilter))
    search_fields = ("pad", "opmerking")
    date_hierarchy = "aangemaakt"
    readonly_fields = ("pad", "nuttig", "opmerking", "aangemaakt")
    fields = readonly_fields
    actions = ("export_csv", "export_per_page_csv")
    list_per_page = 100

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                pagina_ja=_page_count(nuttig=True),
                pagina_nee=_page_count(nuttig=False),
            )
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="pagina", ordering="pad")
    def page(self, obj):
        only_this_page = reverse("admin:voion_portal_paginafeedback_changelist")
        return format_html(
            '<a href="{}?{}" title="Alle reacties op deze pagina">{}</a> '
            '<a href="{}" class="quiet">(bekijk)</a>',
            only_this_page,
            urlencode({"pad": obj.pad}),
            obj.pad,
            obj.pad,
        )

    @admin.display(description="nuttig", ordering="nuttig")
    def answer(self, obj):
        return "Ja" if obj.nuttig else "Nee"

    @admin.display(description="ja (hele pagina)", ordering="pagina_ja")
    def page_yes(self, obj):
        return obj.pagina_ja

    @admin.display(description="nee (hele pagina)", ordering="pagina_nee")
    def page_no(self, obj):
        return obj.pagina_nee

    @admin.action(description="Exporteer de gekozen reacties als CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        rows = (
            (
                item.pad,
                "ja" if item.nuttig else "nee",
                item.opmerking,
                timezone.localtime(item.aangemaakt).isoformat(timespec="seconds"),
            )
            for item in queryset.order_by("pad", "aangemaakt")
        )
        return _csv_response(
            "paginareacties", ["pagina", "nuttig", "opmerking", "ontvangen op"], rows
        )

    @admin.action(
        description="Exporteer de gekozen reacties per pagina als CSV (aantallen)",
        permissions=["view"],
    )
    def export_per_page_csv(self, request, queryset):
        ids = queryset.values("pk")
        pages = Paginafeedback.objects.filter(pk__in=ids).per_page()
        rows = (
            (
                page["pad"],
                page["ja"],
                page["nee"],
                page["totaal"],
                round(100 * page["aandeel_ja"]),
                page["opmerkingen"],
            )
            for page in pages
        )
        return _csv_response(
            "paginareacties-per-pagina",
            ["pagina", "ja", "nee", "totaal", "percentage ja", "opmerkingen"],
            rows,
        )
