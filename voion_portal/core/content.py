"""The abstract base every public content type builds on.

It gives an item its slug, its draft/published status with a publication moment,
its timestamps and a QuerySet that knows what the public may see. Markdown fields
are rendered to sanitised HTML once, on save (see `voion_portal.core.markup`).
"""

from django.conf import settings
from django.db import models
from django.dispatch import Signal
from django.utils import formats, timezone

from voion_portal.core.markup import render_markdown

# Help texts for fields many content types share: editors read the same sentence on
# every form, and a change reaches them all.
HEADINGS_HELP = (
    "Tussenkoppen met ## (de titel van de pagina is de hoofdkop); sla geen kopniveau over."
)
SECTOREN_HELP = (
    "Voor welke sectoren (po, vo, mbo) dit bedoeld is. Bezoekers filteren hierop; de "
    "afkortingen staan bij het item."
)
THEMAS_HELP = (
    "De thema's waar dit over gaat. Het item verschijnt dan op die themapagina's en in het "
    "filter ‘Thema’."
)
PIJLERS_HELP = (
    "Aan welke pijlers van duurzame inzetbaarheid dit bijdraagt (willen werken, kunnen "
    "werken, competent zijn). Bezoekers filteren hierop."
)
DOELGROEPEN_HELP = (
    "Voor wie dit geschreven is (schoolleider, hr-medewerker, …). Bezoekers filteren hierop."
)
SAMENVATTING_HELP = (
    "Korte samenvatting (max. 2 zinnen) die bovenaan de pagina, in de kaartjes en in de "
    "zoekresultaten staat."
)


class Status(models.TextChoices):
    CONCEPT = "concept", "Concept"
    GEPUBLICEERD = "gepubliceerd", "Gepubliceerd"


def sector_names(item) -> str:
    """The item's sectors as visitors know them ("po, vo"); read from a prefetch."""
    return ", ".join(sector.afkorting for sector in item.sectoren.all())


def shown_date(moment) -> str:
    """A publication moment as a page shows it: "3 maart 2025"."""
    return formats.date_format(timezone.localtime(moment), "j F Y")


def without_search_vector(queryset):
    """`queryset` leaving the search vector in the database.

    No public page shows a vector, and sending one (kilobytes of text per row) costs
    more than finding the row; search still filters and ranks on it inside the query.
    """
    if any(field.name == "search_vector" for field in queryset.model._meta.concrete_fields):
        return queryset.defer("search_vector")
    return queryset


# Sent (with the model as sender) after a bulk write that sends no post_save: `update()`,
# `bulk_create()`, `bulk_update()`. voion_portal.core.caching makes the caches stale on
# it, as a save does.
bulk_changed = Signal()


class ContentQuerySet(models.QuerySet):
    """A QuerySet whose bulk writes count as changes, like saves.

    Django sends no post_save for `update()`, `bulk_create()` or `bulk_update()`;
    these send `bulk_changed` once, after the write. (`delete()` sends post_delete
    for every row already.) Every model the public sees uses it or a subclass."""

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        self._changed()
        return rows

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        self._changed()
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        rows = super().bulk_update(objs, fields, *args, **kwargs)
        self._changed()
        return rows

    def _changed(self):
        bulk_changed.send(sender=self.model)


class PublishableQuerySet(ContentQuerySet):
    def published(self, at=None):
        """Items the public may see: published, with a publication moment that has passed
        (at the moment `at`, by default now)."""
        at = timezone.now() if at is None else at
        visible = self.filter(status=Status.GEPUBLICEERD, publicatiedatum__lte=at)
        return without_search_vector(visible)

    def drafts(self):
        return self.filter(status=Status.CONCEPT)

    def scheduled(self):
        return self.filter(status=Status.GEPUBLICEERD, publicatiedatum__gt=timezone.now())

    def visible_to(self, user):
        """Staff preview drafts and scheduled items; everyone else sees what is published."""
        if user is not None and user.is_active and user.is_staff:
            return self.all()
        return self.published()

    def for_listing(self):
        """What a list page needs in as few queries as possible; models refine this."""
        return self


class MarkdownRenderingMixin(models.Model):
    """Renders each Markdown source field into its stored HTML twin on save.

    `markdown_fields` maps a source field to the field holding its HTML, e.g.
    {"tekst": "tekst_html"}. Editors never edit the HTML fields.
    """

    markdown_fields: dict[str, str] = {}

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.render_markdown_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            touched = set(update_fields)
            extra = {t for s, t in self.markdown_fields.items() if s in touched}
            kwargs["update_fields"] = list(touched | extra)
        super().save(*args, **kwargs)

    def render_markdown_fields(self):
        for source, target in self.markdown_fields.items():
            setattr(self, target, render_markdown(getattr(self, source) or ""))


class TimestampedModel(models.Model):
    """When an item was created and last changed, and by whom.

    The admin fills in the users (`voion_portal.editors.admin.AuthorshipMixin`); items the
    content loader or an import script writes have none.
    """

    aangemaakt = models.DateTimeField("aangemaakt", auto_now_add=True)
    gewijzigd = models.DateTimeField("gewijzigd", auto_now=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="aangemaakt door",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gewijzigd door",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        normalise_line_endings(self)
        super().save(*args, **kwargs)


def one_line_ending(text):
    """`text` with Windows (CRLF) and old Mac (CR) line endings as plain newlines."""
    if isinstance(text, str) and "\r" in text:
        return text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def normalise_line_endings(item) -> None:
    """One kind of line ending in every text of `item`, however it was written (a browser
    sends CRLF, a spreadsheet may too): a save that changes nothing else is no change in
    the history, and an export imports back unchanged."""
    for field in item._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(item, field.attname)
            setattr(item, field.attname, one_line_ending(value))


class PublishableContent(MarkdownRenderingMixin, TimestampedModel):
    """Slug, status, publication moment and timestamps shared by all public content."""

    titel = models.CharField(
        "titel",
        max_length=200,
        help_text="De kop van de pagina; staat ook in kaartjes, lijsten en zoekresultaten. "
        "Kort en herkenbaar, zonder punt aan het eind.",
    )
    slug = models.SlugField(
        "slug",
        max_length=200,
        unique=True,
        help_text="Het laatste deel van het webadres. Alleen kleine letters, cijfers en "
        "koppeltekens. Wijzig je hem na publicatie, dan stuurt het oude adres bezoekers door "
        "naar het nieuwe.",
    )
    status = models.CharField(
        "status",
        max_length=20,
        choices=Status.choices,
        default=Status.CONCEPT,
        help_text="Een concept is alleen zichtbaar voor de redactie (als voorbeeld).",
    )
    publicatiedatum = models.DateTimeField(
        "publicatiemoment",
        default=timezone.now,
        help_text="Vanaf dit moment is een gepubliceerd item openbaar. Kies een moment in de "
        "toekomst om publicatie in te plannen.",
    )
    depubliceren_op = models.DateTimeField(
        "depubliceren op",
        null=True,
        blank=True,
        help_text="Optioneel: op dit moment wordt het item weer een concept (bijvoorbeeld "
        "een vacature of een aanmeldperiode die afloopt). Leeg: het blijft openbaar.",
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return self.titel

    @property
    def is_published(self) -> bool:
        return self.status == Status.GEPUBLICEERD and self.publicatiedatum <= timezone.now()

    @property
    def is_scheduled(self) -> bool:
        return self.status == Status.GEPUBLICEERD and self.publicatiedatum > timezone.now()

    def public_from(self):
        """The moment the public may see this item (None for a draft)."""
        return self.publicatiedatum if self.status == Status.GEPUBLICEERD else None

    @property
    def publication_state(self) -> str:
        """concept / gepland / gepubliceerd, as editors speak of it."""
        if self.status == Status.CONCEPT:
            return "concept"
        return "gepland" if self.is_scheduled else "gepubliceerd"


def publishable_indexes(prefix: str, covering: tuple[str, ...] = ()) -> list[models.Index]:
    """The indexes every public list filters and sorts on.

    The publication index also holds the id (and the `covering` columns): counting the
    facets of all published items then reads the index alone (PostgreSQL index-only
    scan), not a table whose rows carry kilobytes of search vector.
    """
    return [
        models.Index(
            fields=["status", "-publicatiedatum"],
            name=f"{prefix}_status_pub_idx",
            include=["id", *covering],
        ),
        models.Index(fields=["titel"], name=f"{prefix}_titel_idx"),
        # `publish_scheduled` looks for items due to be taken offline: few ever are.
        models.Index(
            fields=["depubliceren_op"],
            name=f"{prefix}_depub_idx",
            condition=models.Q(depubliceren_op__isnull=False),
        ),
    ]
