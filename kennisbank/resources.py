"""Spreadsheet columns of the kennisbank's articles (import and export in the admin)."""

from import_export import fields

from instrumenten.models import Instrument
from kennisbank.models import Artikel, ArtikelSoort
from pilots.models import Pilot
from voion_portal.editors.importexport import (
    ChoiceWidget,
    ContentResource,
    SlugsWidget,
    YesNoWidget,
    terms_field,
)
from voion_portal.taxonomy.models import DiPijler, Doelgroep, Sector, Thema


class ArtikelResource(ContentResource):
    headings = {"bron_url": "Bron (webadres)"}

    soort = fields.Field(
        attribute="soort",
        column_name="soort",
        widget=ChoiceWidget(ArtikelSoort.choices, "soort", blank=False),
        saves_null_values=False,
    )
    door_redactie = fields.Field(
        attribute="door_redactie", column_name="door_redactie", widget=YesNoWidget()
    )
    themas = terms_field("themas", Thema, "thema")
    sectoren = terms_field("sectoren", Sector, "sector")
    pijlers = terms_field("pijlers", DiPijler, "DI-pijler")
    doelgroepen = terms_field("doelgroepen", Doelgroep, "doelgroep")
    instrumenten = fields.Field(
        attribute="instrumenten",
        column_name="instrumenten",
        widget=SlugsWidget(Instrument, "instrumenten"),
    )
    pilots = fields.Field(
        attribute="pilots", column_name="pilots", widget=SlugsWidget(Pilot, "pilots")
    )

    class Meta(ContentResource.Meta):
        model = Artikel
        name = "Artikelen"
        fields = (
            "slug",
            "titel",
            "soort",
            "status",
            "publicatiedatum",
            "samenvatting",
            "tekst",
            "door_redactie",
            "bron_titel",
            "bron_url",
            "bron_jaar",
            "themas",
            "sectoren",
            "pijlers",
            "doelgroepen",
            "instrumenten",
            "pilots",
        )
        export_order = fields
