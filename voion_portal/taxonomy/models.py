"""The shared taxonomy every app classifies its content by.

These are small lookup tables, loaded from `fixtures/taxonomie*.yaml`. They live
here, once, so that an instrument, an article and a jaarplan activity tagged
"vo" or "Gezond werken" point at the very same row and can be filtered together.
"""

from django.db import models
from django.urls import reverse

from voion_portal.core import registry
from voion_portal.core.content import ContentQuerySet, without_search_vector
from voion_portal.core.searchable import SearchIndexedMixin, search_vector_index


class TaxonomyTerm(models.Model):
    """A named term with a stable slug (used in filter URLs) and an editorial order."""

    naam = models.CharField(
        "naam",
        max_length=150,
        help_text="De naam zoals bezoekers hem zien: in de filters, op kaartjes en als label "
        "bij een item.",
    )
    slug = models.SlugField(
        "slug",
        max_length=150,
        unique=True,
        help_text="Wordt gebruikt in filter-URL's (bijv. ?sector=vo). Niet meer wijzigen na "
        "gebruik: gedeelde links werken dan niet meer.",
    )
    volgorde = models.PositiveSmallIntegerField(
        "volgorde", default=0, help_text="Lagere nummers staan eerder in lijsten en filters."
    )

    objects = ContentQuerySet.as_manager()  # bulk writes make caches stale, like saves

    class Meta:
        abstract = True
        ordering = ["volgorde", "naam"]

    def __str__(self):
        return self.naam


class Sector(TaxonomyTerm):
    """An education sector (po, vo, mbo); content can serve one or more sectors."""

    afkorting = models.CharField("afkorting", max_length=10, help_text="Bijv. po, vo of mbo.")

    class Meta(TaxonomyTerm.Meta):
        verbose_name = "sector"
        verbose_name_plural = "sectoren"

    def get_absolute_url(self):
        return reverse("instrumenten:list") + f"?sector={self.slug}"


class Kernopgave(TaxonomyTerm):
    """A main task or programme line of a fund's jaarplan; it groups themas.

    `sector` is the sector of the fund that runs it, not of the content filed under its
    themas (a thema gathers po, vo and mbo items alike); `bron` names the plan it comes from.
    """

    sector = models.ForeignKey(
        Sector,
        verbose_name="sector",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kernopgaven",
        help_text="De sector van het fonds dat deze kernopgave voert; niet die van alle inhoud "
        "bij haar thema's.",
    )
    bron = models.CharField(
        "uit het jaarplan",
        max_length=150,
        blank=True,
        help_text="Het plan waar deze kernopgave en haar thema's uit komen, zoals de "
        "themapagina het noemt (‘Thema uit het …’), bijv. ‘Jaarplan Voion 2024’.",
    )
    omschrijving = models.TextField(
        "omschrijving",
        blank=True,
        help_text="Eén tot drie zinnen over de kernopgave; staat boven haar thema's op de "
        "pagina met alle thema's.",
    )

    class Meta(TaxonomyTerm.Meta):
        verbose_name = "kernopgave"
        verbose_name_plural = "kernopgaven"

    def get_absolute_url(self):
        first = self.themas.first()
        return first.get_absolute_url() if first else reverse("home")


class ThemaQuerySet(ContentQuerySet):
    def published(self, at=None):
        """Every thema: a hub page has no draft or publication moment of its own (`at`
        is accepted so that search treats it like any content type)."""
        return without_search_vector(self.all())


class Thema(SearchIndexedMixin, TaxonomyTerm):
    """A theme under a kernopgave; it has its own hub page gathering all content on it."""

    lidwoord = "het"

    kernopgave = models.ForeignKey(
        Kernopgave,
        verbose_name="kernopgave",
        on_delete=models.PROTECT,
        related_name="themas",
        help_text="De kernopgave waaronder dit thema valt; thema's staan per kernopgave op de "
        "homepage, de themapagina's en in de jaarplannen.",
    )
    nummer = models.PositiveSmallIntegerField(
        "nummer", null=True, blank=True, help_text="Het themanummer zoals het jaarplan het noemt."
    )
    omschrijving = models.TextField(
        "omschrijving", blank=True, help_text="Korte inleiding bovenaan de themapagina."
    )

    objects = ThemaQuerySet.as_manager()

    class Meta(TaxonomyTerm.Meta):
        verbose_name = "thema"
        verbose_name_plural = "thema's"
        ordering = ["kernopgave__volgorde", "volgorde", "naam"]
        indexes = [search_vector_index("thema")]

    def get_absolute_url(self):
        return reverse("thema", kwargs={"slug": self.slug})

    def search_facts(self) -> list[str]:
        return [f"Thema bij {self.kernopgave.naam}"]


class DiPijler(TaxonomyTerm):
    """A pillar of duurzame inzetbaarheid: willen werken, kunnen werken, competent zijn."""

    ondertitel = models.CharField(
        "ondertitel",
        max_length=150,
        blank=True,
        help_text="Korte uitleg van de pijler in een paar woorden, bijv. ‘energiek en "
        "gemotiveerd’.",
    )
    omschrijving = models.TextField(
        "omschrijving",
        blank=True,
        help_text="Eén of twee zinnen over wat de pijler inhoudt, voor de redactie en de "
        "uitleg bij het filter.",
    )

    class Meta(TaxonomyTerm.Meta):
        verbose_name = "DI-pijler"
        verbose_name_plural = "DI-pijlers"

    def get_absolute_url(self):
        return reverse("instrumenten:list") + f"?pijler={self.slug}"


class Doelgroep(TaxonomyTerm):
    """An audience content is written for: schoolleider, hr-medewerker, (g)mr, ..."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = "doelgroep"
        verbose_name_plural = "doelgroepen"

    def get_absolute_url(self):
        return reverse("instrumenten:list") + f"?doelgroep={self.slug}"


class Organisatie(TaxonomyTerm):
    """An organisation: publisher of a jaarplan or provider (aanbieder) of an instrument."""

    website = models.URLField(
        "website",
        blank=True,
        help_text="Het adres van de website van de organisatie, beginnend met https://. "
        "De linkcontrole houdt het in de gaten.",
    )

    class Meta(TaxonomyTerm.Meta):
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"

    def get_absolute_url(self):
        return reverse("instrumenten:list") + f"?aanbieder={self.slug}"


registry.register_link_source(Organisatie, ("website",))
# A thema's hub page is found by its name and introduction, first on the search page: it
# gathers everything on the subject.
registry.register(
    Thema,
    key="themas",
    label="Thema's",
    search_weights={"naam": "A", "omschrijving": "B"},
    snippet_fields=("omschrijving",),
    title_field="naam",
    scheduled=False,
    sitemap=None,  # in the sitemap as `ThemaSitemap`: a thema records no change date
    on_dashboard=False,
    search_position=0,
    search_prefetch=("kernopgave",),
)
