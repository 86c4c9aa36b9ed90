from django import forms

from pilots.models import Interesseaanmelding


class InteresseForm(forms.ModelForm):
    """A visitor's registration of interest; the honeypot field catches simple bots."""

    website = forms.CharField(
        required=False,
        label="Laat dit veld leeg",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Interesseaanmelding
        fields = ["naam", "email", "telefoon", "organisatie", "functie", "bericht", "toestemming"]
        labels = {
            "toestemming": "Ik geef toestemming om mijn gegevens te gebruiken voor contact over "
            "deze pilot, zoals beschreven in de privacyverklaring.",
        }
        help_texts = {"toestemming": ""}  # the model's help text is written for editors
        widgets = {
            "naam": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "telefoon": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "organisatie": forms.TextInput(attrs={"autocomplete": "organization"}),
            "functie": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "bericht": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "naam": {"required": "Vul uw naam in."},
            "email": {
                "required": "Vul uw e-mailadres in.",
                "invalid": "Vul een geldig e-mailadres in, bijvoorbeeld naam@school.nl.",
            },
            "organisatie": {"required": "Vul uw school of bestuur in."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["toestemming"].required = True
        self.fields["toestemming"].error_messages["required"] = (
            "Geef toestemming voor het gebruik van uw gegevens; anders kunnen we geen contact "
            "met u opnemen."
        )

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("Dit veld moet leeg blijven.")
        return ""
