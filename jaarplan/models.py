"""Yearly plans of the funds: what they do this year, per kernopgave and thema."""

from django.db import models
from django.urls import reverse

from voion_portal.core import registry
from voion_portal.core.content import (
    HEADINGS_HELP,
    ContentQuerySet,
    MarkdownRenderingMixin,
    PublishableContent,
    PublishableQuerySet,
    TimestampedModel,
    publishable_indexes,
    without_search_vector,
)
from voion_portal.core.searchable import SearchIndexedMixin, search_vector_index
from voion_portal.editors.history import versioned
from voion_portal.media.fields import documents_field
from voion_portal.search.indexing import add_to_vocabulary


class JaarplanQuerySet(PublishableQuerySet):
    def for_listing(self):
        return self.select_related("organisatie", "sector")


@versioned(follow=("activiteiten",))
class Jaarplan(PublishableContent):
    """One fund's plan for one year, e.g. Jaarplan Voion 2024 (vo)."""

    lidwoord = "het"

    jaar = models.PositiveSmallIntegerField(
        "jaar",
        help_text="Het jaar waarover het plan gaat, bijv. 2025. Staat bij het plan in het "
        "overzicht en bovenaan de pagina.",
    )
    organisatie = models.ForeignKey(
        "taxonomy.Organisatie",
        verbose_name="organisatie",
        on_delete=models.PROTECT,
        related_name="jaarplannen",
        help_text="Het fonds of platform dat het plan uitbrengt.",
    )
    sector = models.ForeignKey(
        "taxonomy.Sector",
        verbose_name="sector",
        on_delete=models.PROTECT,
        related_name="jaarplannen",
        help_text="De sector waarvoor het fonds dit plan maakt; staat bij het plan.",
    )
    samenvatting = models.TextField(
        "samenvatting",
        max_length=400,
        blank=True,
        help_text="Korte samenvatting (max. 2 zinnen) die bovenaan de pagina en in het "
        "overzicht van jaarplannen staat.",
    )
    tekst = models.TextField(
        "inleiding",
        blank=True,
        help_text="De inleiding boven de activiteiten, in Markdown: wat het fonds dit jaar "
        f"wil bereiken. {HEADINGS_HELP}",
    )
    tekst_html = models.TextField(editable=False, blank=True)
    documenten = documents_field(
        help_text="Het jaarplan zelf als PDF, of bijlagen, uit de mediabibliotheek; ze staan op "
        "de pagina met hun soort en grootte.",
    )
    bron_url = models.URLField(
        "bron",
        max_length=500,
        blank=True,
        help_text="Het adres van de gepubliceerde pdf of pagina; het staat als ‘Bron’ onder het "
        "plan.",
    )

    markdown_fields = {"tekst": "tekst_html"}

    objects = JaarplanQuerySet.as_manager()

    class Meta:
        verbose_name = "jaarplan"
        verbose_name_plural = "jaarplannen"
        ordering = ["-jaar", "titel"]
        indexes = [
            *publishable_indexes("jaarplan"),
            models.Index(fields=["-jaar"], name="jaarplan_jaar_idx"),
        ]

    def get_absolute_url(self):
        return reverse("jaarplan:detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Publishing the plan publishes its activities: their titles may now be suggested.
        add_to_vocabulary(self.activiteiten.values_list("titel", flat=True), self.public_from())

    def grouped_activities(self):
        """[(kernopgave, [(thema, [activiteit, ...]), ...]), ...] in the plan's reading order."""
        activities = sorted(
            self.activiteiten.for_listing(),
            key=lambda a: (
                a.thema.kernopgave.volgorde,
                a.thema.kernopgave_id,
                a.thema.volgorde,
                a.thema_id,
                a.volgorde,
                a.pk,
            ),
        )
        grouped: list = []
        for activity in activities:
            kernopgave, thema = activity.thema.kernopgave, activity.thema
            if not grouped or grouped[-1][0] != kernopgave:
                grouped.append((kernopgave, []))
            themas = grouped[-1][1]
            if not themas or themas[-1][0] != thema:
                themas.append((thema, []))
            themas[-1][1].append(activity)
        return grouped


class ActiviteitSoort(models.TextChoices):
    ONDERZOEK = "onderzoek", "Onderzoek"
    ONTWIKKELEN = "ontwikkelen", "Ontwikkelen"
    ONDERHOUDEN = "onderhouden", "Onderhouden en actualiseren"
    ONDERSTEUNEN = "ondersteunen", "Ondersteunen"
    ORGANISEREN = "organiseren", "Organiseren (bijeenkomsten, netwerken)"
    INFORMEREN = "informeren", "Informeren en communiceren"
    ADVISEREN = "adviseren", "Adviseren"
    MONITOREN = "monitoren", "Monitoren"
    PILOT = "pilot", "Pilot"
    OVERIG = "overig", "Overig"


def _published(app_label, model_name):
    """Only published related items are linked from a public activity."""
    from django.apps import apps

    return apps.get_model(app_label, model_name).objects.published()


class ActiviteitQuerySet(ContentQuerySet):
    def in_reading_order(self):
        """As the plan reads: per kernopgave, per thema, then the activity's own order."""
        return self.order_by(
            "thema__kernopgave__volgorde",
            "thema__kernopgave",
            "thema__volgorde",
            "thema",
            "volgorde",
            "pk",
        )

    def for_plan_form(self):
        """The jaarplan's change form: every activity with its thema, kernopgave and
        relations (shown in each activity's form) and the number of its external links."""
        return (
            self.in_reading_order()
            .select_related("thema__kernopgave")
            .prefetch_related("instrumenten", "pilots", "artikelen")
            .annotate(link_count=models.Count("links"))
        )

    def published(self, at=None):
        """Activities are public when their jaarplan is."""
        return without_search_vector(self.filter(jaarplan__in=Jaarplan.objects.published(at)))

    def for_listing(self):
        """What a jaarplan page shows per activity: its thema and the links of `references()`.

        A link needs a title and a slug; a plan has ~50 activities, so the linked rows are
        fetched without their texts and kept as lists, not managers the template re-creates.
        """

        def linkable(app_label, model_name):
            return _published(app_label, model_name).only("titel", "slug")

        return self.select_related("thema__kernopgave", "jaarplan").prefetch_related(
            models.Prefetch(
                "instrumenten",
                queryset=linkable("instrumenten", "Instrument"),
                to_attr="public_instrumenten",
            ),
            models.Prefetch(
                "pilots", queryset=linkable("pilots", "Pilot"), to_attr="public_pilots"
            ),
            models.Prefetch(
                "artikelen", queryset=linkable("kennisbank", "Artikel"), to_attr="public_artikelen"
            ),
            models.Prefetch("links", to_attr="external_links"),
        )


@versioned(follow=("links",))
class Activiteit(SearchIndexedMixin, MarkdownRenderingMixin, TimestampedModel):
    """One thing a fund does in its jaarplan year, under a thema."""

    jaarplan = models.ForeignKey(
        Jaarplan,
        verbose_name="jaarplan",
        on_delete=models.CASCADE,
        related_name="activiteiten",
        help_text="Het jaarplan waar deze activiteit in staat.",
    )
    thema = models.ForeignKey(
        "taxonomy.Thema",
        verbose_name="thema",
        on_delete=models.PROTECT,
        related_name="activiteiten",
        help_text="Het thema waaronder de activiteit op de jaarplanpagina staat; ze verschijnt "
        "ook op de pagina van dat thema.",
    )
    volgorde = models.PositiveSmallIntegerField(
        "volgorde",
        default=0,
        help_text="Lagere nummers staan eerder binnen hun thema op de jaarplanpagina.",
    )
    titel = models.CharField("titel", max_length=200, help_text="Korte titel van de activiteit.")
    slug = models.SlugField(
        "slug", max_length=200, help_text="Uniek binnen dit jaarplan; anker op de jaarplanpagina."
    )
    soort = models.CharField(
        "soort",
        max_length=20,
        choices=ActiviteitSoort.choices,
        default=ActiviteitSoort.OVERIG,
        help_text="Wat voor activiteit het is; staat als label naast de titel.",
    )
    omschrijving = models.TextField(
        "omschrijving",
        blank=True,
        help_text="De activiteit zoals het plan haar beschrijft, in Markdown. Ze staat onder "
        "kernopgave en thema: gebruik hier liever geen tussenkoppen.",
    )
    omschrijving_html = models.TextField(editable=False, blank=True)
    instrumenten = models.ManyToManyField(
        "instrumenten.Instrument",
        verbose_name="instrumenten",
        blank=True,
        related_name="activiteiten",
        help_text="Instrumenten die deze activiteit maakt, onderhoudt of gebruikt.",
    )
    pilots = models.ManyToManyField(
        "pilots.Pilot",
        verbose_name="pilots",
        blank=True,
        related_name="activiteiten",
        help_text="Pilots die bij deze activiteit horen; ze staan als link onder de omschrijving.",
    )
    artikelen = models.ManyToManyField(
        "kennisbank.Artikel",
        verbose_name="artikelen",
        blank=True,
        related_name="activiteiten",
        help_text="Kennisbankartikelen over deze activiteit; ze staan als link onder de "
        "omschrijving.",
    )

    markdown_fields = {"omschrijving": "omschrijving_html"}
    # On the jaarplan page the description follows the activity's own heading (h4).
    heading_levels = {"omschrijving": 4}

    objects = ActiviteitQuerySet.as_manager()

    class Meta:
        verbose_name = "activiteit"
        verbose_name_plural = "activiteiten"
        ordering = ["jaarplan", "volgorde", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["jaarplan", "slug"], name="activiteit_unique_slug_per_jaarplan"
            )
        ]
        indexes = [
            models.Index(fields=["jaarplan", "volgorde"], name="activiteit_volgorde_idx"),
            search_vector_index("activiteit"),
            models.Index(fields=["thema", "jaarplan"], name="activiteit_thema_idx"),
        ]

    def __str__(self):
        return self.titel

    def public_from(self):
        """Activities are public with their jaarplan."""
        return self.jaarplan.public_from()

    def get_absolute_url(self):
        return f"{self.jaarplan.get_absolute_url()}#{self.slug}"

    def search_facts(self) -> list[str]:
        """What tells this result apart on the search page: kind and thema."""
        return [self.get_soort_display(), self.thema.naam if self.thema else ""]

    def references(self) -> list[tuple[str, str, str]]:
        """(kind, title, url) of every public item and external page this activity links to.

        Needs the queryset's `for_listing()`.
        """
        return [
            *(
                ("Instrument", item.titel, item.get_absolute_url())
                for item in self.public_instrumenten
            ),
            *(("Pilot", item.titel, item.get_absolute_url()) for item in self.public_pilots),
            *(
                ("Kennisbank", item.titel, item.get_absolute_url())
                for item in self.public_artikelen
            ),
            *(("Extern", link.titel, link.url) for link in self.external_links),
        ]


@versioned()
class ActiviteitLink(models.Model):
    """An external page an activity refers to (a report, a project page, a tool)."""

    activiteit = models.ForeignKey(
        Activiteit,
        verbose_name="activiteit",
        on_delete=models.CASCADE,
        related_name="links",
        help_text="De activiteit waar deze link bij hoort.",
    )
    titel = models.CharField(
        "linktekst",
        max_length=200,
        help_text="Zeg waar de link heen gaat (bijv. ‘Rapport werkdruk vo 2024’), niet "
        "‘klik hier’ of het webadres.",
    )
    url = models.URLField(
        "adres", max_length=500, help_text="Het volledige webadres, beginnend met https://."
    )
    volgorde = models.PositiveSmallIntegerField(
        "volgorde", default=0, help_text="Lagere nummers staan eerder in de lijst met links."
    )

    class Meta:
        verbose_name = "link"
        verbose_name_plural = "links"
        ordering = ["activiteit", "volgorde", "pk"]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return self.url


registry.register(Jaarplan, key="jaarplan", label="Jaarplannen", link_fields=("bron_url",))
registry.register(
    Activiteit,
    key="jaarplannen",
    label="Jaarplanactiviteiten",
    search_weights={"titel": "A", "omschrijving": "B"},
    snippet_fields=("omschrijving",),
    search_position=6,
    search_prefetch=("thema",),
    parent="jaarplan",
    scheduled=False,
    sitemap=None,
)
registry.register_link_source(ActiviteitLink, ("url",), owner="activiteit")
