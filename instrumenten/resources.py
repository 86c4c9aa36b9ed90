"""Spreadsheet columns of the instrument catalogue (import and export in the admin)."""

from import_export import fields

from instrumenten.models import Instrument, InstrumentSoort, Kosten
from voion_portal.editors.importexport import (
    ChoiceWidget,
    ContentResource,
    YesNoWidget,
    term_field,
    terms_field,
)
from voion_portal.taxonomy.models import DiPijler, Doelgroep, Organisatie, Sector, Thema


class InstrumentResource(ContentResource):
    soort = term_field("soort", InstrumentSoort, "soort")
    aanbieder = term_field("aanbieder", Organisatie, "aanbieder")
    sectoren = terms_field("sectoren", Sector, "sector")
    themas = terms_field("themas", Thema, "thema")
    pijlers = terms_field("pijlers", DiPijler, "DI-pijler")
    doelgroepen = terms_field("doelgroepen", Doelgroep, "doelgroep")
    kosten = fields.Field(
        attribute="kosten", column_name="kosten", widget=ChoiceWidget(Kosten.choices, "kosten")
    )
    uitgelicht = fields.Field(
        attribute="uitgelicht", column_name="uitgelicht", widget=YesNoWidget()
    )

    class Meta(ContentResource.Meta):
        model = Instrument
        name = "Instrumenten"
        fields = (
            "slug",
            "titel",
            "status",
            "publicatiedatum",
            "soort",
            "aanbieder",
            "samenvatting",
            "tekst",
            "url",
            "kosten",
            "tijdsinvestering",
            "deelnemers",
            "uitgelicht",
            "sectoren",
            "themas",
            "pijlers",
            "doelgroepen",
        )
        export_order = fields
