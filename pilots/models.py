"""Pilots the funds run with schools, and the interest visitors register for them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from voion_portal.core import registry
from voion_portal.core.content import (
    SECTOREN_HELP,
    THEMAS_HELP,
    PublishableContent,
    PublishableQuerySet,
    publishable_indexes,
    sector_names,
)
from voion_portal.core.searchable import SearchIndexedMixin, search_vector_index
from voion_portal.editors.history import versioned
from voion_portal.media.fields import documents_field, image_field

# The Markdown fields of a pilot each sit under a heading of the page (h2).
SECTION_HEADINGS_HELP = "Tussenkoppen daarin met ### (de kop erboven is al een tussenkop)."


class Fase(models.TextChoices):
    WERVING = "werving", "Werving: aanmelden mogelijk"
    LOPEND = "lopend", "Lopend"
    AFGEROND = "afgerond", "Afgerond"


class PilotQuerySet(PublishableQuerySet):
    def for_listing(self):
        return self.defer(
            "aanleiding_html",
            "ondersteuning_html",
            "deelname_html",
            "opbrengst_html",
            "contact_html",
        )

    def open_for_registration(self):
        return self.filter(fase=Fase.WERVING)


@versioned()
class Pilot(SearchIndexedMixin, PublishableContent):
    """A time-boxed experiment with schools, e.g. from Voion's Innovatielab.

    The page explains why it exists, what participants get and give, and takes
    registrations of interest while the pilot is recruiting.
    """

    programma = models.CharField(
        "programma",
        max_length=100,
        blank=True,
        help_text="Het programma waaronder de pilot valt, bijv. Innovatielab.",
    )
    fase = models.CharField(
        "fase",
        max_length=20,
        choices=Fase.choices,
        default=Fase.WERVING,
        help_text="Alleen in de fase 'werving' kunnen bezoekers interesse aanmelden.",
    )
    periode = models.CharField(
        "periode",
        max_length=150,
        blank=True,
        help_text="Looptijd in woorden, bijv. 'maximaal 12 maanden' of '2023–2024'.",
    )
    startdatum = models.DateField(
        "startdatum",
        null=True,
        blank=True,
        help_text="De dag dat de pilot begint, als die vaststaat; staat bij de gegevens op de "
        "pilotpagina.",
    )
    einddatum = models.DateField(
        "einddatum",
        null=True,
        blank=True,
        help_text="De dag dat de pilot eindigt, als die vaststaat; staat bij de gegevens op de "
        "pilotpagina.",
    )
    samenvatting = models.TextField(
        "samenvatting",
        max_length=400,
        blank=True,
        help_text="Korte samenvatting (max. 2 zinnen) die bovenaan de pagina, in het overzicht "
        "van pilots en, zolang de pilot werft, op de homepage staat.",
    )
    aanleiding = models.TextField(
        "aanleiding",
        blank=True,
        help_text="Waarom deze pilot er is, in Markdown; staat onder de kop "
        f"‘Aanleiding’. {SECTION_HEADINGS_HELP}",
    )
    aanleiding_html = models.TextField(editable=False, blank=True)
    ondersteuning = models.TextField(
        "ondersteuning",
        blank=True,
        help_text="Welke begeleiding deelnemers krijgen, in Markdown; staat onder de kop "
        f"‘Ondersteuning’. {SECTION_HEADINGS_HELP}",
    )
    ondersteuning_html = models.TextField(editable=False, blank=True)
    deelname = models.TextField(
        "wat houdt deelname in?",
        blank=True,
        help_text="Wat van deelnemers verwacht wordt, in Markdown; staat onder de kop "
        f"‘Wat houdt deelname in?’. {SECTION_HEADINGS_HELP}",
    )
    deelname_html = models.TextField(editable=False, blank=True)
    opbrengst = models.TextField(
        "wat levert deelname op?",
        blank=True,
        help_text="Wat deelnemers eraan hebben, in Markdown; staat onder de kop "
        f"‘Wat levert deelname op?’. {SECTION_HEADINGS_HELP}",
    )
    opbrengst_html = models.TextField(editable=False, blank=True)
    contact = models.TextField(
        "contact",
        blank=True,
        help_text="Wie bezoekers kunnen bellen of mailen, in Markdown; staat onder de kop "
        f"‘Contact’. {SECTION_HEADINGS_HELP}",
    )
    contact_html = models.TextField(editable=False, blank=True)
    bron_url = models.URLField(
        "bron",
        max_length=500,
        blank=True,
        help_text="Het adres van de pagina met meer over de pilot; staat onder ‘Meer informatie’.",
    )
    afbeelding = image_field()
    documenten = documents_field()
    themas = models.ManyToManyField(
        "taxonomy.Thema",
        verbose_name="thema's",
        blank=True,
        related_name="pilots",
        help_text=THEMAS_HELP,
    )
    sectoren = models.ManyToManyField(
        "taxonomy.Sector",
        verbose_name="sectoren",
        blank=True,
        related_name="pilots",
        help_text=SECTOREN_HELP,
    )

    # Each text sits under a heading of the page (h2): its own headings start at h3.
    heading_levels = {
        "aanleiding": 2,
        "ondersteuning": 2,
        "deelname": 2,
        "opbrengst": 2,
        "contact": 2,
    }
    markdown_fields = {
        "aanleiding": "aanleiding_html",
        "ondersteuning": "ondersteuning_html",
        "deelname": "deelname_html",
        "opbrengst": "opbrengst_html",
        "contact": "contact_html",
    }

    objects = PilotQuerySet.as_manager()

    class Meta:
        verbose_name = "pilot"
        verbose_name_plural = "pilots"
        ordering = ["fase", "titel"]
        indexes = [
            *publishable_indexes("pilot"),
            models.Index(fields=["fase", "titel"], name="pilot_fase_idx"),
            search_vector_index("pilot"),
        ]

    def get_absolute_url(self):
        return reverse("pilots:detail", kwargs={"slug": self.slug})

    def search_facts(self) -> list[str]:
        """What tells this result apart on the search page: phase, sectors."""
        return [f"Pilot, {self.get_fase_display().lower()}", sector_names(self)]

    @property
    def accepts_registrations(self) -> bool:
        return self.fase == Fase.WERVING


class Interesseaanmelding(models.Model):
    """A visitor's registration of interest in a pilot; personal data, handled by editors."""

    # Personal data, shown to editors only: saving one leaves every public page as it is.
    shown_to_public = False

    pilot = models.ForeignKey(
        Pilot,
        verbose_name="pilot",
        on_delete=models.CASCADE,
        related_name="aanmeldingen",
        help_text="De pilot waarvoor de bezoeker interesse aanmeldde.",
    )
    naam = models.CharField(
        "naam", max_length=150, help_text="De naam die de bezoeker in het formulier invulde."
    )
    email = models.EmailField(
        "e-mailadres",
        help_text="Hierheen ging de bevestiging; gebruik het om contact op te nemen.",
    )
    telefoon = models.CharField(
        "telefoonnummer",
        max_length=30,
        blank=True,
        help_text="Alleen als de bezoeker het invulde (niet verplicht).",
    )
    organisatie = models.CharField(
        "school of bestuur",
        max_length=200,
        help_text="De school of het bestuur waar de bezoeker werkt, zoals ingevuld.",
    )
    functie = models.CharField(
        "functie",
        max_length=150,
        blank=True,
        help_text="De functie van de bezoeker, als die is ingevuld.",
    )
    bericht = models.TextField(
        "toelichting",
        blank=True,
        max_length=2000,
        help_text="Wat de bezoeker er in het formulier bij schreef.",
    )
    toestemming = models.BooleanField(
        "toestemming privacyverklaring",
        default=False,
        help_text="De bezoeker gaf toestemming om de gegevens voor deze pilot te gebruiken.",
    )
    aangemeld_op = models.DateTimeField("aangemeld op", auto_now_add=True)
    afgehandeld = models.BooleanField(
        "afgehandeld", default=False, help_text="Vink aan als er contact is opgenomen."
    )
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="afgehandeld door",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    afgehandeld_op = models.DateTimeField("afgehandeld op", null=True, blank=True, editable=False)
    # The mails of `pilots.tasks`, sent by the task worker (never in the visitor's request).
    melding_verstuurd_op = models.DateTimeField(
        "melding aan de redactie verstuurd op", null=True, blank=True, editable=False
    )
    bevestiging_verstuurd_op = models.DateTimeField(
        "bevestiging aan de bezoeker verstuurd op", null=True, blank=True, editable=False
    )
    mail_fout = models.CharField("laatste mailfout", max_length=300, blank=True, editable=False)
    notitie = models.TextField(
        "notitie redactie",
        blank=True,
        help_text="Interne notitie; niet zichtbaar voor de bezoeker.",
    )

    class Meta:
        verbose_name = "interesseaanmelding"
        verbose_name_plural = "interesseaanmeldingen"
        ordering = ["-aangemeld_op"]
        indexes = [
            models.Index(fields=["afgehandeld", "-aangemeld_op"], name="aanmelding_open_idx"),
        ]

    def __str__(self):
        return f"{self.naam} ({self.organisatie}) voor {self.pilot}"

    def get_absolute_url(self):
        return reverse("admin:pilots_interesseaanmelding_change", args=[self.pk])

    def mark_handled(self, user, handled: bool = True) -> None:
        """Record who handled the registration and when (or that it is open again)."""
        self.afgehandeld = handled
        self.afgehandeld_door = user if handled and getattr(user, "pk", None) else None
        self.afgehandeld_op = timezone.now() if handled else None


registry.register(
    Pilot,
    key="pilots",
    label="Pilots",
    search_weights={
        "titel": "A",
        "samenvatting": "B",
        "programma": "B",
        "aanleiding": "C",
        "ondersteuning": "C",
        "deelname": "C",
        "opbrengst": "C",
    },
    snippet_fields=("samenvatting", "aanleiding", "deelname"),
    search_position=3,
    search_prefetch=("sectoren",),
    link_fields=("bron_url",),
    required_fields=("samenvatting", "sectoren", "themas"),
)
