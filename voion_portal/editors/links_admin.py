"""The link-check results in the admin: what is broken, where it occurs, ask for a new check."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.urls import path
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from voion_portal.editors import tasks
from voion_portal.editors.models import ExterneLink


class LinkStateFilter(admin.SimpleListFilter):
    title = "resultaat"
    parameter_name = "resultaat"

    def lookups(self, request, model_admin):
        return (
            ("kapot", "Kapot"),
            ("doorverwezen", "Doorverwezen"),
            ("ok", "In orde"),
            ("nieuw", "Nog niet gecontroleerd"),
            ("aangevraagd", "Controle aangevraagd"),
        )

    def queryset(self, request, queryset):
        value = self.value()
        if value == "kapot":
            return queryset.broken()
        if value == "doorverwezen":
            return (
                queryset.filter(kapot=False, gecontroleerd_op__isnull=False)
                .exclude(eind_url="")
                .exclude(eind_url=models.F("url"))
            )
        if value == "ok":
            return queryset.filter(kapot=False, gecontroleerd_op__isnull=False)
        if value == "nieuw":
            return queryset.filter(gecontroleerd_op__isnull=True)
        if value == "aangevraagd":
            return queryset.requested()
        return queryset


@admin.register(ExterneLink)
class ExterneLinkAdmin(admin.ModelAdmin):
    """Results of `manage.py check_links`; editors read them and ask for a new check."""

    list_display = (
        "link",
        "result",
        "fout",
        "eind_url",
        "where",
        "gecontroleerd_op",
        "aangevraagd_op",
    )
    list_filter = (LinkStateFilter,)
    search_fields = ("url", "eind_url", "vindplaatsen__item")
    readonly_fields = (
        "url",
        "result",
        "statuscode",
        "eind_url",
        "fout",
        "gecontroleerd_op",
        "aangevraagd_op",
        "where",
    )
    fields = readonly_fields
    actions = ("request_check",)
    list_per_page = 100

    class Media:
        css = {"all": ["css/admin.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("vindplaatsen__content_type")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    change_list_template = "admin/voion/externelink_change_list.html"

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "title": "Externe links",
            "subtitle": "Gecontroleerd op de achtergrond: elke nacht, en wanneer u erom vraagt.",
            "check_progress": tasks.progress(),
            "can_request_checks": self.has_change_permission(request),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    @admin.display(description="adres", ordering="url")
    def link(self, obj):
        return format_html('<a href="{}" rel="noopener noreferrer">{}</a>', obj.url, obj.url)

    @admin.display(description="resultaat", ordering="kapot")
    def result(self, obj):
        if obj.gecontroleerd_op is None:
            return format_html(
                '<span class="link-badge link-nieuw">{}</span>', "nog niet gecontroleerd"
            )
        if obj.kapot:
            text = f"kapot ({obj.statuscode})" if obj.statuscode else "kapot"
            return format_html('<span class="link-badge link-kapot">{}</span>', text)
        if obj.redirected:
            return format_html(
                '<span class="link-badge link-doorverwezen">{}</span>', "doorverwezen"
            )
        return format_html(
            '<span class="link-badge link-ok">{}</span>', f"in orde ({obj.statuscode})"
        )

    @admin.display(description="vindplaatsen")
    def where(self, obj):
        places = list(obj.vindplaatsen.all())
        if not places:
            return "—"
        return format_html(
            "<ul class='vindplaatsen'>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a> <span class="veld">({}: {})</span></li>',
                (
                    (
                        place.get_absolute_url(),
                        place.item,
                        place.content_type.model_class()._meta.verbose_name,
                        place.veld,
                    )
                    for place in places
                ),
            ),
        )

    @admin.action(description="Opnieuw laten controleren", permissions=["change"])
    def request_check(self, request, queryset):
        count = tasks.request(queryset)
        self.message_user(
            request,
            f"Controle aangevraagd voor {'1 link' if count == 1 else f'{count} links'}. "
            "De controle draait op de achtergrond; "
            "bovenaan de lijst ziet u hoe ver ze is.",
            messages.SUCCESS,
        )

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        check_all = path(
            "alles-controleren/",
            self.admin_site.admin_view(require_POST(self.check_all_view)),
            name="{}_{}_check_all".format(*info),
        )
        return [check_all, *super().get_urls()]

    def check_all_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        tasks.request_all()
        self.message_user(
            request, "Alle links worden gecontroleerd, op de achtergrond.", messages.SUCCESS
        )
        return redirect("admin:voion_portal_externelink_changelist")
