from dataclasses import dataclass

from django import forms

from pilots.models import Interesseaanmelding


@dataclass(frozen=True)
class SummaryError:
    """One line of an error summary: the field it links to (if any) and what is wrong."""

    anchor: str
    message: str


def design_system_class(widget) -> str:
    """The NL Design System (Utrecht) component class of a form control, if it has one."""
    if isinstance(widget, forms.CheckboxInput):
        return "utrecht-checkbox utrecht-checkbox--html-input"
    if isinstance(widget, forms.Textarea):
        return "utrecht-textarea utrecht-textarea--html-textarea"
    if isinstance(widget, forms.Select):
        return "utrecht-select utrecht-select--html-select"
    if isinstance(widget, forms.widgets.Input) and widget.input_type != "hidden":
        return "utrecht-textbox utrecht-textbox--html-input"
    return ""


class ErrorSummaryMixin:
    """What the error summary (`includes/error_summary.html`) lists, and fields that point
    at their own error message (`aria-describedby`), as NL Design System's form pattern asks.

    `summary_exclude` names fields never listed (a honeypot a visitor does not see).
    """

    summary_exclude: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            component = design_system_class(field.widget)
            if component:
                field.widget.attrs["class"] = component

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            described = [f"{bound.auto_id}_error"]
            if bound.help_text:
                described.append(f"{bound.auto_id}_helptext")
            widget = self.fields[name].widget
            widget.attrs["aria-describedby"] = " ".join(described)
            widget.attrs["aria-invalid"] = "true"

    def error_summary(self) -> list[SummaryError]:
        lines = [SummaryError("", message) for message in self.non_field_errors()]
        for bound in self.visible_fields():
            if bound.errors and bound.name not in self.summary_exclude:
                message = " ".join(str(error) for error in bound.errors)
                lines.append(SummaryError(f"#{bound.id_for_label}", message))
        return lines


class InteresseForm(ErrorSummaryMixin, forms.ModelForm):
    """A visitor's registration of interest; the honeypot field catches simple bots."""

    summary_exclude = ("website",)

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
        # The model's help texts are written for the editors who read the registrations.
        help_texts = dict.fromkeys(fields, "")
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
