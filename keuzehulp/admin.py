from django import forms
from django.contrib import admin

from keuzehulp.models import Doel, Onderwerp, Publiek
from voion_portal.core.dutch_admin import DutchMessagesMixin


class AntwoordAdmin(DutchMessagesMixin, admin.ModelAdmin):
    list_display = ("naam", "kort", "slug", "volgorde")
    list_editable = ("volgorde",)
    search_fields = ("naam", "kort", "slug")
    prepopulated_fields = {"slug": ("kort",)}


@admin.register(Doel)
class DoelAdmin(AntwoordAdmin):
    fields = ("naam", "kort", "slug", "toelichting", "volgorde", "soorten")
    filter_horizontal = ("soorten",)


class OnderwerpForm(forms.ModelForm):
    class Meta:
        model = Onderwerp
        fields = ("naam", "kort", "slug", "toelichting", "volgorde", "themas", "pijlers")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("themas") and not cleaned.get("pijlers"):
            raise forms.ValidationError(
                "Kies minstens één thema of één DI-pijler: anders past geen enkel instrument "
                "bij dit onderwerp."
            )
        return cleaned


@admin.register(Onderwerp)
class OnderwerpAdmin(AntwoordAdmin):
    form = OnderwerpForm
    fields = ("naam", "kort", "slug", "toelichting", "volgorde", "themas", "pijlers")
    filter_horizontal = ("themas", "pijlers")


@admin.register(Publiek)
class PubliekAdmin(AntwoordAdmin):
    fields = ("naam", "kort", "slug", "toelichting", "volgorde", "doelgroepen")
    filter_horizontal = ("doelgroepen",)
