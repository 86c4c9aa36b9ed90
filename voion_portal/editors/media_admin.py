"""The media library in the admin: upload, describe, find and (when unused) delete.

The upload forms check a file by its content (`media.processing`); the same forms serve
the change page and the chooser's "upload a new one" (`editors.chooser`), so a file
reaches the library one way only.
"""

from django import forms
from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from voion_portal.core.dutch_admin import DutchMessagesMixin
from voion_portal.editors.admin import AUTHORSHIP_READONLY, AuthorshipMixin
from voion_portal.editors.media_usage import remove_files_later, usages
from voion_portal.media.models import Afbeelding, Document
from voion_portal.media.processing import check_document, process_image


def _title_from_filename(name: str) -> str:
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    title = stem.replace("_", " ").replace("-", " ").strip()[:200]
    return title[:1].upper() + title[1:] if title else "Zonder titel"


class _UploadForm(forms.ModelForm):
    """The file comes in through `upload` and is checked and stored by us, never written
    to storage as the browser sent it."""

    upload_label = "bestand"
    upload_help = ""

    upload = forms.FileField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        adding = self.instance.pk is None
        field = self.fields["upload"]
        field.required = adding
        field.label = self.upload_label if adding else "Vervangen door"
        field.help_text = self.upload_help
        if "titel" in self.fields:
            self.fields["titel"].required = False
            self.fields["titel"].help_text += " Leeg: de naam van het bestand."
        self.processed = None

    def check(self, upload):
        raise NotImplementedError

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            self.processed = self.check(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("upload")
        if not cleaned.get("titel"):
            if upload:
                cleaned["titel"] = _title_from_filename(upload.name)
            elif self.instance.pk:
                cleaned["titel"] = self.instance.titel
        if self.processed is not None:
            twin = (
                type(self.instance)
                .objects.filter(inhoud_hash=self.processed.digest)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if twin is not None:
                self.add_error(
                    "upload",
                    format_html(
                        'Dit bestand staat al in de bibliotheek: <a href="{}">{}</a>. '
                        "Gebruik dat, dan hoeft niemand twee versies bij te houden.",
                        reverse(
                            f"admin:voion_portal_{twin._meta.model_name}_change", args=[twin.pk]
                        ),
                        twin,
                    ),
                )
        return cleaned

    def store_upload(self) -> list[str]:
        """Store the checked file on the instance; the names of files it replaced."""
        raise NotImplementedError


class AfbeeldingForm(_UploadForm):
    upload_label = "Afbeelding"
    upload_help = (
        "JPEG, PNG, WebP of GIF, hoogstens 10 MB. De site bewaart haar opnieuw (zonder "
        "gegevens over camera of plaats) in een paar breedtes, zodat een telefoon een "
        "kleine versie laadt."
    )

    class Meta:
        model = Afbeelding
        fields = ("upload", "titel", "alt_tekst", "bijschrift", "maker")

    def check(self, upload):
        return process_image(upload)

    def store_upload(self) -> list[str]:
        upload = self.cleaned_data["upload"]
        self.instance.origineel_naam = upload.name[:255]
        self.instance.origineel_grootte = upload.size
        return self.instance.store(self.processed)


class DocumentForm(_UploadForm):
    upload_label = "Document"
    upload_help = "PDF, Word (.docx) of Excel (.xlsx), hoogstens 25 MB, zonder macro's."

    class Meta:
        model = Document
        fields = ("upload", "titel", "beschrijving")

    def check(self, upload):
        return check_document(upload)

    def store_upload(self) -> list[str]:
        replaced = self.instance.store(self.cleaned_data["upload"], self.processed)
        return [replaced] if replaced else []


class MediaAdmin(DutchMessagesMixin, AuthorshipMixin, admin.ModelAdmin):
    """What images and documents share: the upload, who did it, and "in use"."""

    readonly_fields = ("used_in", *AUTHORSHIP_READONLY)
    list_per_page = 40
    delete_confirmation_template = "admin/voion/media_delete_confirmation.html"
    delete_selected_confirmation_template = "admin/voion/media_delete_selected_confirmation.html"

    class Media:
        css = {"all": ["css/admin.css"]}

    def save_model(self, request, obj, form, change):
        replaced = form.store_upload() if form.processed is not None else []
        super().save_model(request, obj, form, change)
        remove_files_later(replaced)

    @admin.display(description="gebruikt in")
    def used_in(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        used = usages(obj)
        if not used:
            return "Nergens: dit bestand kan weg."
        return format_html(
            '<ul class="media-usage">{}</ul>',
            format_html_join(
                "",
                '<li><a href="{}">{}</a></li>',
                ((_change_url(usage.item), str(usage)) for usage in used),
            ),
        )

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        in_use = [
            format_html('<a href="{}">{}</a>: {}', _change_url(usage.item), medium, usage)
            for medium in objs
            for usage in usages(medium)
        ]
        # Our list names every use, those Django's protection found among them.
        return deleted, model_count, perms_needed, in_use or protected


def _change_url(item) -> str:
    meta = item._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[item.pk])


@admin.register(Afbeelding)
class AfbeeldingAdmin(MediaAdmin):
    form = AfbeeldingForm
    list_display = ("thumbnail", "titel", "alt_tekst", "dimensions", "gewijzigd")
    list_display_links = ("thumbnail", "titel")
    search_fields = ("titel", "alt_tekst", "bijschrift", "maker", "origineel_naam")
    readonly_fields = ("preview", "dimensions", *MediaAdmin.readonly_fields)
    fieldsets = (
        (None, {"fields": ("preview", "upload", "titel", "alt_tekst", "bijschrift", "maker")}),
        ("Bestand", {"fields": ("dimensions", "used_in")}),
        ("Beheer", {"fields": AUTHORSHIP_READONLY}),
    )

    @admin.display(description="voorbeeld")
    def thumbnail(self, obj):
        if not obj.formaten:
            return "-"
        width, height, url = obj.sizes[0]
        return format_html(
            '<img class="media-thumbnail" src="{}" width="{}" height="{}" alt="">',
            url,
            width,
            height,
        )

    @admin.display(description="zo ziet het eruit")
    def preview(self, obj):
        if obj is None or not obj.formaten:
            return "Nog geen afbeelding."
        width, height, url = obj.smallest_at_least(640)
        return format_html(
            '<img class="media-preview" src="{}" width="{}" height="{}" alt="{}">',
            url,
            width,
            height,
            obj.alt_tekst,
        )

    @admin.display(description="afmetingen")
    def dimensions(self, obj):
        if not obj or not obj.breedte:
            return "-"
        widths = ", ".join(str(width) for width, _h, _n in obj.formaten)
        return (
            f"{obj.breedte} × {obj.hoogte} pixels; opgeslagen in de breedtes {widths}. "
            f"Origineel: {obj.origineel_naam}, {filesizeformat(obj.origineel_grootte)}."
        )


@admin.register(Document)
class DocumentAdmin(MediaAdmin):
    form = DocumentForm
    list_display = ("titel", "kind_and_size", "origineel_naam", "gewijzigd")
    search_fields = ("titel", "beschrijving", "origineel_naam")
    list_filter = ("soort",)
    readonly_fields = ("download", *MediaAdmin.readonly_fields)
    fieldsets = (
        (None, {"fields": ("upload", "titel", "beschrijving")}),
        ("Bestand", {"fields": ("download", "used_in")}),
        ("Beheer", {"fields": AUTHORSHIP_READONLY}),
    )

    @admin.display(description="soort en grootte")
    def kind_and_size(self, obj):
        return obj.kind_and_size

    @admin.display(description="downloaden")
    def download(self, obj):
        if obj is None or not obj.bestand:
            return "-"
        return format_html(
            '<a href="{}">{}</a> ({}; geüpload als {})',
            obj.get_absolute_url(),
            obj.download_name,
            obj.kind_and_size,
            obj.origineel_naam,
        )
