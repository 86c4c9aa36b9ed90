"""The export of interest registrations (CSV/XLSX), with the columns editors know."""

from django.utils import timezone
from import_export import fields, resources

from pilots.models import Interesseaanmelding
from voion_portal.editors.importexport import FormulaSafeExport
from voion_portal.editors.permissions import user_name


class InteresseaanmeldingResource(FormulaSafeExport, resources.ModelResource):
    """Export only: registrations come from the public form, never from a file. Visitors
    typed every text in it, so no cell may reach a spreadsheet as a formula."""

    pilot = fields.Field(column_name="pilot", attribute="pilot__titel")
    naam = fields.Field(column_name="naam", attribute="naam")
    email = fields.Field(column_name="e-mailadres", attribute="email")
    telefoon = fields.Field(column_name="telefoonnummer", attribute="telefoon")
    organisatie = fields.Field(column_name="school of bestuur", attribute="organisatie")
    functie = fields.Field(column_name="functie", attribute="functie")
    bericht = fields.Field(column_name="toelichting", attribute="bericht")
    aangemeld_op = fields.Field(column_name="aangemeld op")
    afgehandeld = fields.Field(column_name="afgehandeld")
    afgehandeld_door = fields.Field(column_name="afgehandeld door")
    afgehandeld_op = fields.Field(column_name="afgehandeld op")
    notitie = fields.Field(column_name="notitie redactie", attribute="notitie")

    class Meta:
        model = Interesseaanmelding
        fields = (
            "pilot",
            "naam",
            "email",
            "telefoon",
            "organisatie",
            "functie",
            "bericht",
            "aangemeld_op",
            "afgehandeld",
            "afgehandeld_door",
            "afgehandeld_op",
            "notitie",
        )
        export_order = fields

    def dehydrate_aangemeld_op(self, registration):
        return _moment(registration.aangemeld_op)

    def dehydrate_afgehandeld(self, registration):
        return "ja" if registration.afgehandeld else "nee"

    def dehydrate_afgehandeld_door(self, registration):
        return user_name(registration.afgehandeld_door)

    def dehydrate_afgehandeld_op(self, registration):
        return _moment(registration.afgehandeld_op)


def _moment(value) -> str:
    return timezone.localtime(value).strftime("%d-%m-%Y %H:%M") if value else ""
