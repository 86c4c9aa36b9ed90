"""The kennisbank: articles, and step-by-step guides (stappenplannen) with their steps."""

from dataclasses import dataclass

from django.db import models
from django.urls import reverse

from voion_portal.core import registry
from voion_portal.core.content import (
    DOELGROEPEN_HELP,
    HEADINGS_HELP,
    PIJLERS_HELP,
    SAMENVATTING_HELP,
    SECTOREN_HELP,
    THEMAS_HELP,
    ContentQuerySet,
    MarkdownRenderingMixin,
    PublishableContent,
    PublishableQuerySet,
    TimestampedModel,
    publishable_indexes,
    sector_names,
    shown_date,
    without_search_vector,
)
from voion_portal.core.searchable import SearchIndexedMixin, search_vector_index
from voion_portal.editors.history import versioned
from voion_portal.media.fields import documents_field, image_field
from voion_portal.search.indexing import add_to_vocabulary


class ArtikelSoort(models.TextChoices):
    NIEUWS = "nieuws", "Nieuws"
    INFORMATIE = "informatie", "Informatie"
    INSPIRATIEVERHAAL = "inspiratieverhaal", "Inspiratieverhaal"
    PRAKTIJKVOORBEELD = "praktijkvoorbeeld", "Praktijkvoorbeeld"
    ONDERZOEK = "onderzoek", "Onderzoek"
    HANDREIKING = "handreiking", "Handreiking"


class ArtikelQuerySet(PublishableQuerySet):
    def for_listing(self):
        """Cards show title, kind, date and summary: leave the bodies in the database."""
        return self.defer("tekst", "tekst_html", "search_vector")

    def for_detail(self):
        return self.select_related("afbeelding").prefetch_related(
            "themas", "sectoren", "pijlers", "doelgroepen", "documenten"
        )

    def news(self):
        return self.filter(soort=ArtikelSoort.NIEUWS)


@versioned()
class Artikel(SearchIndexedMixin, PublishableContent):
    """What is known on a subject: news, background, research and stories from schools."""

    lidwoord = "het"  # "het artikel" in the admin's messages (core/dutch_admin.py)
    # Its card shows its own row, its links and the taxonomy only: cards are kept per
    # saved version (voion_portal.listing.cards).
    cards_show_own_row = True

    soort = models.CharField(
        "soort",
        max_length=20,
        choices=ArtikelSoort.choices,
        default=ArtikelSoort.INFORMATIE,
        help_text="Wat voor artikel het is. Staat boven de titel en op het kaartje; bezoekers "
        "filteren de kennisbank hierop.",
    )
    samenvatting = models.TextField(
        "samenvatting",
        max_length=400,
        blank=True,
        help_text="Korte samenvatting (max. 2 zinnen) die bovenaan het artikel, in de kaartjes, "
        "de zoekresultaten en de RSS-feed staat.",
    )
    tekst = models.TextField(
        "tekst",
        blank=True,
        help_text=f"De tekst van het artikel in Markdown. {HEADINGS_HELP}",
    )
    tekst_html = models.TextField(editable=False, blank=True)
    afbeelding = image_field()
    documenten = documents_field()
    bron_url = models.URLField(
        "bron",
        max_length=500,
        blank=True,
        help_text="Het adres van de publicatie waarop het artikel berust; onder het artikel staat "
        "een link ‘Bron’ ernaartoe.",
    )
    bron_titel = models.CharField(
        "titel van de bron",
        max_length=300,
        blank=True,
        help_text="De naam van die publicatie, zoals bezoekers haar herkennen "
        "(bijv. 'Jaarplan Voion 2024'). Wordt de tekst van de bronlink.",
    )
    bron_jaar = models.PositiveSmallIntegerField(
        "jaar van de bron",
        null=True,
        blank=True,
        help_text="Het jaar dat de bron zelf noemt. Bij een samenvatting van de redactie is dit "
        "de enige datum die de pagina toont; laat leeg als de bron geen jaar geeft.",
    )
    door_redactie = models.BooleanField(
        "samenvatting van de redactie",
        default=False,
        help_text="Aanzetten als de redactie dit artikel schreef als samenvatting van de bron. "
        "De pagina zegt dat dan, noemt de bron en toont geen publicatiedag.",
    )
    themas = models.ManyToManyField(
        "taxonomy.Thema",
        verbose_name="thema's",
        blank=True,
        related_name="artikelen",
        help_text=THEMAS_HELP,
    )
    sectoren = models.ManyToManyField(
        "taxonomy.Sector",
        verbose_name="sectoren",
        blank=True,
        related_name="artikelen",
        help_text=SECTOREN_HELP,
    )
    pijlers = models.ManyToManyField(
        "taxonomy.DiPijler",
        verbose_name="DI-pijlers",
        blank=True,
        related_name="artikelen",
        help_text=PIJLERS_HELP,
    )
    doelgroepen = models.ManyToManyField(
        "taxonomy.Doelgroep",
        verbose_name="doelgroepen",
        blank=True,
        related_name="artikelen",
        help_text=DOELGROEPEN_HELP,
    )
    instrumenten = models.ManyToManyField(
        "instrumenten.Instrument",
        verbose_name="gerelateerde instrumenten",
        blank=True,
        related_name="artikelen",
        help_text="Instrumenten waar het artikel over gaat. Ze staan onder ‘Instrumenten bij "
        "dit artikel’, en het artikel staat op hun pagina.",
    )
    pilots = models.ManyToManyField(
        "pilots.Pilot",
        verbose_name="gerelateerde pilots",
        blank=True,
        related_name="artikelen",
        help_text="Pilots waar het artikel over gaat; ze staan onder ‘Pilots’ op de artikelpagina.",
    )

    markdown_fields = {"tekst": "tekst_html"}

    objects = ArtikelQuerySet.as_manager()

    class Meta:
        verbose_name = "artikel"
        verbose_name_plural = "artikelen"
        ordering = ["-publicatiedatum", "titel"]
        indexes = [
            *publishable_indexes("artikel", covering=("soort",)),
            models.Index(fields=["soort", "-publicatiedatum"], name="artikel_soort_idx"),
            search_vector_index("artikel"),
        ]

    def get_absolute_url(self):
        return reverse("kennisbank:detail", kwargs={"slug": self.slug})

    def search_facts(self) -> list[str]:
        """What tells this result apart on the search page: kind, date, sectors."""
        if self.door_redactie:
            dating = "samenvatting van de redactie"
            if self.bron_jaar:
                dating += f", bron uit {self.bron_jaar}"
        else:
            dating = shown_date(self.publicatiedatum)
        return [self.get_soort_display(), dating, sector_names(self)]

    @property
    def shows_publication_day(self) -> bool:
        """A summary by the editors has no publication day of its own: only the source's
        year (if it gives one) may be shown, never the moment it went online here."""
        return not self.door_redactie


class StappenplanQuerySet(PublishableQuerySet):
    def for_listing(self):
        return self.prefetch_related("sectoren")


@versioned(follow=("stappen",))
class Stappenplan(SearchIndexedMixin, PublishableContent):
    """A guide that walks a school through a process step by step (e.g. the SHRM cycle)."""

    lidwoord = "het"

    samenvatting = models.TextField(
        "samenvatting", max_length=400, blank=True, help_text=SAMENVATTING_HELP
    )
    tekst = models.TextField(
        "inleiding",
        blank=True,
        help_text="De inleiding boven de stappen, in Markdown: voor wie het stappenplan is en "
        f"hoe je het doorloopt. {HEADINGS_HELP}",
    )
    tekst_html = models.TextField(editable=False, blank=True)
    bron_url = models.URLField(
        "bron",
        max_length=500,
        blank=True,
        help_text="Het adres van de publicatie waar het stappenplan uit komt; het staat als "
        "‘Bron’ onder de stappen en op de afdruk.",
    )
    sectoren = models.ManyToManyField(
        "taxonomy.Sector",
        verbose_name="sectoren",
        blank=True,
        related_name="stappenplannen",
        help_text=SECTOREN_HELP,
    )
    themas = models.ManyToManyField(
        "taxonomy.Thema",
        verbose_name="thema's",
        blank=True,
        related_name="stappenplannen",
        help_text=THEMAS_HELP,
    )

    markdown_fields = {"tekst": "tekst_html"}

    objects = StappenplanQuerySet.as_manager()

    class Meta:
        verbose_name = "stappenplan"
        verbose_name_plural = "stappenplannen"
        ordering = ["titel"]
        indexes = [*publishable_indexes("stappenplan"), search_vector_index("stappenplan")]

    def get_absolute_url(self):
        return reverse("kennisbank:stappenplan", kwargs={"slug": self.slug})

    def search_facts(self) -> list[str]:
        return [f"{len(self.stappen.all())} stappen", sector_names(self)]

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Publishing the plan publishes its steps: their titles may now be suggested.
        add_to_vocabulary(self.stappen.values_list("titel", flat=True), self.public_from())

    def ordered_steps(self) -> list["Stap"]:
        """All steps in reading order: each main step followed by its sub-steps, the
        appendices (`bijlage`) after every step."""
        steps = list(self.stappen.all())
        children: dict[int | None, list[Stap]] = {}
        for step in steps:
            children.setdefault(step.hoofdstap_id, []).append(step)
        mains = sorted(children.get(None, []), key=lambda step: step.bijlage)  # stable
        ordered: list[Stap] = []
        for main in mains:
            ordered.append(main)
            ordered.extend(children.get(main.pk, []))
        return ordered

    def outline(self) -> "GuideOutline":
        return GuideOutline(self.ordered_steps())


@dataclass
class GuideOutline:
    """A guide's steps as a reader meets them: numbered phases (the cycle) with their
    sub-steps, then unnumbered appendices outside the cycle."""

    steps: list

    @property
    def phases(self) -> list:
        return [step for step in self.steps if not step.hoofdstap_id and not step.bijlage]

    @property
    def appendices(self) -> list:
        return [step for step in self.steps if step.bijlage]

    @property
    def numbered(self) -> list:
        """Every step that counts as one of the guide's parts (appendices do not)."""
        appendix_ids = {step.pk for step in self.appendices}
        return [
            step
            for step in self.steps
            if step.pk not in appendix_ids and step.hoofdstap_id not in appendix_ids
        ]

    def number(self, step) -> int | None:
        """The step's place among the numbered parts; None for an appendix."""
        numbered = self.numbered
        return numbered.index(step) + 1 if step in numbered else None


class StapQuerySet(ContentQuerySet):
    def published(self, at=None):
        """Steps are public when their stappenplan is."""
        return without_search_vector(self.filter(stappenplan__in=Stappenplan.objects.published(at)))


@versioned()
class Stap(SearchIndexedMixin, MarkdownRenderingMixin, TimestampedModel):
    """One step of a stappenplan; a step may have sub-steps (one level deep)."""

    stappenplan = models.ForeignKey(
        Stappenplan,
        verbose_name="stappenplan",
        on_delete=models.CASCADE,
        related_name="stappen",
        help_text="Het stappenplan waar deze stap in staat.",
    )
    hoofdstap = models.ForeignKey(
        "self",
        verbose_name="hoofdstap",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="substappen",
        help_text="Leeg voor een hoofdstap; kies de hoofdstap als dit een onderdeel ervan is.",
    )
    volgorde = models.PositiveSmallIntegerField(
        "volgorde", default=0, help_text="De volgorde binnen het stappenplan (en de hoofdstap)."
    )
    bijlage = models.BooleanField(
        "bijlage",
        default=False,
        help_text="Aanzetten voor een onderdeel dat geen fase of stap is (bijv. een overzicht "
        "van alle tools): het staat na de stappen, zonder nummer en buiten de cyclus.",
    )
    titel = models.CharField(
        "titel",
        max_length=200,
        help_text="De naam van de stap: de kop van de stappagina en de tekst in de stappenlijst "
        "en de cyclus.",
    )
    slug = models.SlugField(
        "slug", max_length=200, help_text="Uniek binnen dit stappenplan; deel van het webadres."
    )
    samenvatting = models.TextField(
        "samenvatting",
        max_length=400,
        blank=True,
        help_text="Eén of twee zinnen: wat je in deze stap doet. Staat bovenaan de stappagina "
        "en in de zoekresultaten.",
    )
    tekst = models.TextField(
        "tekst",
        blank=True,
        help_text=f"De uitleg van de stap in Markdown. {HEADINGS_HELP}",
    )
    tekst_html = models.TextField(editable=False, blank=True)
    documenten = documents_field()
    instrumenten = models.ManyToManyField(
        "instrumenten.Instrument",
        verbose_name="instrumenten bij deze stap",
        blank=True,
        related_name="stappen",
        help_text="Instrumenten die bij deze stap helpen. Ze staan onder ‘Instrumenten bij deze "
        "stap’, en de stap staat op hun pagina.",
    )
    artikelen = models.ManyToManyField(
        Artikel,
        verbose_name="artikelen bij deze stap",
        blank=True,
        related_name="stappen",
        help_text="Artikelen om verder te lezen; ze staan onder ‘Lees ook’ op de stappagina.",
    )

    markdown_fields = {"tekst": "tekst_html"}

    objects = StapQuerySet.as_manager()

    class Meta:
        verbose_name = "stap"
        verbose_name_plural = "stappen"
        ordering = ["stappenplan", "volgorde", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["stappenplan", "slug"], name="stap_unique_slug_per_stappenplan"
            )
        ]
        indexes = [
            models.Index(fields=["stappenplan", "volgorde"], name="stap_volgorde_idx"),
            search_vector_index("stap"),
        ]

    def __str__(self):
        return self.titel

    def public_from(self):
        """Steps are public with their stappenplan."""
        return self.stappenplan.public_from()

    def search_facts(self) -> list[str]:
        return []  # its guide is named beside it

    def get_absolute_url(self):
        return reverse(
            "kennisbank:stap",
            kwargs={"stappenplan_slug": self.stappenplan.slug, "slug": self.slug},
        )


registry.register(
    Artikel,
    key="kennisbank",
    label="Kennisbank",
    search_weights={"titel": "A", "samenvatting": "B", "tekst": "C"},
    snippet_fields=("samenvatting", "tekst"),
    search_position=2,
    search_prefetch=("sectoren",),
    link_fields=("bron_url",),
    sitemap="weekly",
    required_fields=("samenvatting", "doelgroepen", "sectoren", "themas"),
)
registry.register(
    Stappenplan,
    key="stappenplan",
    label="Stappenplannen",
    # The guide's start page: found by its title, summary and introduction, shown in the
    # overview just before the guides' steps.
    search_weights={"titel": "A", "samenvatting": "B", "tekst": "C"},
    snippet_fields=("samenvatting", "tekst"),
    search_position=4,
    search_prefetch=("sectoren", "stappen"),
    link_fields=("bron_url",),
    required_fields=("samenvatting", "sectoren", "themas"),
)
registry.register(
    Stap,
    key="stappenplannen",
    label="Stappen uit stappenplannen",
    search_weights={"titel": "A", "samenvatting": "B", "tekst": "C"},
    snippet_fields=("samenvatting", "tekst"),
    search_position=5,
    parent="stappenplan",
    scheduled=False,
)
