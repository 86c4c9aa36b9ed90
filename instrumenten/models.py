"""The instrument catalogue: scans, monitors, guides and other tools for schools."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from voion_portal.core import registry
from voion_portal.core.content import (
    DOELGROEPEN_HELP,
    HEADINGS_HELP,
    PIJLERS_HELP,
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
from voion_portal.taxonomy.models import TaxonomyTerm


class InstrumentSoort(TaxonomyTerm):
    """A kind of instrument (scan, monitor, handreiking, ...), a facet of the catalogue."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = "soort instrument"
        verbose_name_plural = "soorten instrumenten"

    def get_absolute_url(self):
        return reverse("instrumenten:list") + f"?soort={self.slug}"


class Kosten(models.TextChoices):
    GRATIS = "gratis", "Gratis"
    BETAALD = "betaald", "Betaald"


class InstrumentQuerySet(PublishableQuerySet):
    def for_listing(self):
        """Cards and lists show title, kind, provider and summary.

        The sector and pillar tags on a card are fetched by `voion_portal.listing.cards`, only
        for the cards it has not cached yet.
        """
        return self.select_related("soort", "aanbieder").defer(
            "tekst", "tekst_html", "search_vector"
        )

    def for_detail(self):
        return self.select_related("soort", "aanbieder", "logo").prefetch_related(
            "sectoren", "themas", "pijlers", "doelgroepen", "documenten"
        )

    def for_comparison(self):
        """Everything the comparison table shows, in a fixed number of queries: kind and
        provider joined, the tags prefetched, and the published jaarplan activities that
        make, maintain or use the instrument (as `public_activiteiten`, with their plan)."""
        from jaarplan.models import Activiteit, ActiviteitSoort

        maintaining_first = models.Case(
            models.When(soort=ActiviteitSoort.ONDERHOUDEN, then=0), default=1
        )
        activities = (
            Activiteit.objects.published()
            .select_related("jaarplan")
            .order_by(maintaining_first, "-jaarplan__jaar", "volgorde", "pk")
        )
        return (
            self.select_related("soort", "aanbieder")
            .defer("tekst", "tekst_html", "search_vector")
            .prefetch_related(
                "sectoren",
                "themas",
                "pijlers",
                "doelgroepen",
                models.Prefetch("activiteiten", queryset=activities, to_attr="public_activiteiten"),
            )
        )

    def featured(self):
        return self.filter(uitgelicht=True)


# Addresses under /instrumenten/ that are pages of their own, not instruments.
RESERVED_SLUGS = frozenset({"vergelijk"})


@versioned()
class Instrument(SearchIndexedMixin, PublishableContent):
    """A tool HR staff and school leaders can use, and the facts they filter it by."""

    lidwoord = "het"
    # Its card shows its own row, its links and the taxonomy only: cards are kept per
    # saved version (voion_portal.listing.cards).
    cards_show_own_row = True

    samenvatting = models.TextField(
        "samenvatting",
        max_length=400,
        blank=True,
        help_text="Eén of twee zinnen: wat het instrument is en wat je ermee doet. "
        "Verschijnt in de catalogus en in zoekresultaten.",
    )
    tekst = models.TextField(
        "tekst",
        blank=True,
        help_text="De beschrijving op de instrumentpagina, in Markdown: wat het instrument "
        f"biedt, voor wie en hoe je het gebruikt. {HEADINGS_HELP}",
    )
    tekst_html = models.TextField(editable=False, blank=True)
    logo = image_field(
        "logo van de aanbieder",
        help_text="Het logo van de aanbieder uit de mediabibliotheek; het staat bovenaan de pagina "
        "van het instrument. Mag leeg blijven.",
    )
    documenten = documents_field()
    url = models.URLField(
        "externe link",
        max_length=500,
        blank=True,
        help_text="Waar het instrument zelf staat (website, pdf of tool).",
    )
    soort = models.ForeignKey(
        InstrumentSoort,
        verbose_name="soort",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="instrumenten",
        help_text="Wat voor instrument het is (scan, monitor, handreiking …). Staat op het "
        "kaartje; bezoekers filteren de catalogus hierop.",
    )
    aanbieder = models.ForeignKey(
        "taxonomy.Organisatie",
        verbose_name="aanbieder",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="instrumenten",
        help_text="De organisatie die het instrument maakt of aanbiedt.",
    )
    sectoren = models.ManyToManyField(
        "taxonomy.Sector",
        verbose_name="sectoren",
        blank=True,
        related_name="instrumenten",
        help_text=SECTOREN_HELP,
    )
    themas = models.ManyToManyField(
        "taxonomy.Thema",
        verbose_name="thema's",
        blank=True,
        related_name="instrumenten",
        help_text=THEMAS_HELP,
    )
    pijlers = models.ManyToManyField(
        "taxonomy.DiPijler",
        verbose_name="DI-pijlers",
        blank=True,
        related_name="instrumenten",
        help_text=PIJLERS_HELP,
    )
    doelgroepen = models.ManyToManyField(
        "taxonomy.Doelgroep",
        verbose_name="doelgroepen",
        blank=True,
        related_name="instrumenten",
        help_text=DOELGROEPEN_HELP,
    )
    kosten = models.CharField(
        "kosten",
        max_length=10,
        choices=Kosten.choices,
        blank=True,
        help_text="Laat leeg als niet bekend is of het instrument gratis is.",
    )
    tijdsinvestering = models.CharField(
        "tijdsinvestering",
        max_length=150,
        blank=True,
        help_text="Hoeveel tijd het instrument vraagt, kort, zoals de aanbieder het zegt "
        '(bijvoorbeeld "30 minuten per medewerker" of "drie teamsessies"). Laat leeg als '
        'de bron het niet zegt: de vergelijking toont dan "Niet bekend".',
    )
    deelnemers = models.CharField(
        "wie doet mee",
        max_length=150,
        blank=True,
        help_text='Wie er met het instrument aan de slag gaan, kort (bijvoorbeeld "schoolleider '
        'en team"). Laat leeg als de bron het niet zegt: de vergelijking toont dan '
        '"Niet bekend".',
    )
    uitgelicht = models.BooleanField(
        "uitgelicht", default=False, help_text="Toon dit instrument op de homepage."
    )

    markdown_fields = {"tekst": "tekst_html"}

    objects = InstrumentQuerySet.as_manager()

    class Meta:
        verbose_name = "instrument"
        verbose_name_plural = "instrumenten"
        ordering = ["titel"]
        indexes = [
            *publishable_indexes("instr"),
            models.Index(fields=["uitgelicht", "titel"], name="instr_uitgelicht_idx"),
            search_vector_index("instrument"),
        ]

    def get_absolute_url(self):
        return reverse("instrumenten:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": f"“{self.slug}” is het adres van een andere pagina; kies een ander."}
            )

    def search_facts(self) -> list[str]:
        """What tells this result apart on the search page: kind, provider, sectors."""
        provider = "" if self.provider_beside_title is None else self.provider_beside_title
        return [self.soort.naam if self.soort else "", str(provider), sector_names(self)]

    @property
    def provider_beside_title(self):
        """The provider, unless it only repeats the title (a platform's own website)."""
        if self.aanbieder and self.aanbieder.naam.casefold() != self.titel.casefold():
            return self.aanbieder
        return None


registry.register(
    Instrument,
    key="instrumenten",
    label="Instrumenten",
    search_weights={"titel": "A", "samenvatting": "B", "tekst": "C"},
    snippet_fields=("samenvatting", "tekst"),
    search_position=1,
    search_prefetch=("soort", "aanbieder", "sectoren"),
    link_fields=("url",),
    required_fields=("samenvatting", "doelgroepen", "sectoren", "themas", "url"),
)
