from django.contrib import admin
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.forms.models import BaseInlineFormSet

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
from voion_portal.editors.inlines import (
    ArrangedForms,
    ArrangedInline,
    StepNode,
    bound_number,
    split_forms,
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


class StapFormSet(BaseInlineFormSet):
    """A stappenplan's steps: a sub-step's hoofdstap is one of this plan's main steps."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        main_steps = (
            Stap.objects.filter(stappenplan=self.instance, hoofdstap__isnull=True)
            if self.instance.pk
            else Stap.objects.none()
        )
        # One query for every form's list of choices (a ModelChoiceField asks per form).
        self.main_step_choices = [("", "---------")] + [
            (step.pk, step.titel) for step in main_steps.only("pk", "titel")
        ]

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "hoofdstap" in form.fields:
            form.fields["hoofdstap"].choices = self.main_step_choices

    def clean(self):
        super().clean()
        kept = [
            form
            for form in self.forms
            if form.is_valid() and form.cleaned_data and not self._should_delete_form(form)
        ]
        parent_of = {form.instance.pk: form.cleaned_data.get("hoofdstap") for form in kept}
        for form in kept:
            parent = form.cleaned_data.get("hoofdstap")
            if parent is None:
                continue
            if parent.stappenplan_id != self.instance.pk:
                form.add_error("hoofdstap", "Kies een hoofdstap uit dit stappenplan.")
            elif parent.pk == form.instance.pk:
                form.add_error("hoofdstap", "Een stap kan niet zijn eigen hoofdstap zijn.")
            elif parent_of.get(parent.pk) is not None:
                form.add_error(
                    "hoofdstap",
                    f"‘{parent}’ is zelf een onderdeel van een andere stap; kies een hoofdstap.",
                )
            elif form.instance.pk and any(
                other is not None and other.pk == form.instance.pk for other in parent_of.values()
            ):
                form.add_error(
                    "hoofdstap",
                    "Deze stap heeft zelf onderdelen en blijft daarom een hoofdstap.",
                )


class StapInline(ArrangedInline):
    """The steps as a tree, sub-steps under their main step, reordered with "Omhoog" and
    "Omlaag" or by dragging (static/js/admin-steps.js); without JavaScript the Volgorde
    fields order them (templates/admin/kennisbank/stap_inline.html)."""

    model = Stap
    fk_name = "stappenplan"
    formset = StapFormSet
    template = "admin/kennisbank/stap_inline.html"
    fields = ("titel", "slug", "hoofdstap", "volgorde", "bijlage")
    prepopulated_fields = {"slug": ("titel",)}

    class Media:
        js = ["vendor/sortablejs/Sortable.min.js", "js/admin-steps.js"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            field.help_text = ""  # said once above the tree, not in every row
        if isinstance(getattr(field, "widget", None), RelatedFieldWidgetWrapper):
            field.widget.can_add_related = False  # a main step is added in the tree itself
        return field

    def arrange(self, inline_admin_formset) -> ArrangedForms:
        """Main steps in reading order (appendices last), each with its sub-steps; the
        order is what the forms show, so a form sent back keeps the editor's moves."""
        saved, new, empty = split_forms(inline_admin_formset)
        by_pk = {str(form.original.pk): form for form in saved}

        def parent(form):
            value = form.form["hoofdstap"].value()
            return by_pk.get(str(value)) if value not in (None, "") else None

        def order(form):
            return (bound_number(form, "volgorde"), form.original.pk)

        def is_sub_step(form):
            above = parent(form)
            return above is not None and above is not form and parent(above) is None

        mains = sorted(
            (form for form in saved if not is_sub_step(form)),
            key=lambda form: (bool(form.form["bijlage"].value()), *order(form)),
        )
        nodes = {form.original.pk: StepNode(form) for form in mains}
        for form in sorted(filter(is_sub_step, saved), key=order):
            nodes[parent(form).original.pk].children.append(form)
        return ArrangedForms(groups=list(nodes.values()), new_forms=new, empty_form=empty)


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
