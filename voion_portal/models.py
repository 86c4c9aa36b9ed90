"""Bookkeeping for the content loader (see `manage.py load_content`)."""

from django.db import models
from django.urls import reverse
from django.utils import timezone


class FixtureRecord(models.Model):
    """What the content loader last wrote for one item.

    The loader compares an item's current state with `state_checksum` to tell
    whether an editor has changed it since; edited items are never overwritten.
    """

    key = models.CharField("sleutel", max_length=300, unique=True)
    fixture_checksum = models.CharField("checksum bestand", max_length=64)
    state_checksum = models.CharField("checksum na laden", max_length=64)
    loaded_at = models.DateTimeField("geladen op", auto_now=True)

    class Meta:
        verbose_name = "geladen inhoudsitem"
        verbose_name_plural = "geladen inhoudsitems"
        ordering = ["key"]

    def __str__(self):
        return self.key

    def get_absolute_url(self):
        return "/admin/"


class Synoniem(models.Model):
    """Words the sector uses for the same thing, so a search for one finds the other.

    Works both ways: a search for "DI" also finds "duurzame inzetbaarheid" and vice versa.
    """

    term = models.CharField(
        "term of afkorting", max_length=100, help_text="Bijvoorbeeld: DI, OOP, SPP, RI&E."
    )
    synoniem = models.CharField(
        "betekent hetzelfde als",
        max_length=200,
        help_text="Bijvoorbeeld: duurzame inzetbaarheid. Zoeken op het een vindt ook het ander.",
    )

    class Meta:
        verbose_name = "synoniem"
        verbose_name_plural = "synoniemen (zoeken)"
        ordering = ["term"]
        constraints = [
            models.UniqueConstraint(fields=["term", "synoniem"], name="synoniem_unique_pair")
        ]

    def __str__(self):
        return f"{self.term} ↔ {self.synoniem}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        from voion_portal.search import forget_synonyms

        forget_synonyms()

    def get_absolute_url(self):
        return reverse("zoeken") + f"?q={self.term}"

    def delete(self, *args, **kwargs):
        from voion_portal.search import forget_synonyms

        result = super().delete(*args, **kwargs)
        forget_synonyms()
        return result


class ExterneLinkQuerySet(models.QuerySet):
    def broken(self):
        return self.filter(gecontroleerd_op__isnull=False, kapot=True)

    def requested(self):
        return self.filter(aangevraagd_op__isnull=False)


class ExterneLink(models.Model):
    """An external address the content links to, and what the last check of it found.

    Filled and checked by `manage.py check_links`, never inside a web request; editors
    see the broken ones in the admin and can ask for a new check (`aangevraagd_op`).
    """

    url = models.URLField("adres", max_length=1000, unique=True)
    gecontroleerd_op = models.DateTimeField("gecontroleerd op", null=True, blank=True)
    statuscode = models.PositiveSmallIntegerField("statuscode", null=True, blank=True)
    eind_url = models.URLField(
        "eindadres",
        max_length=1000,
        blank=True,
        help_text="Waar het adres na doorverwijzingen uitkomt.",
    )
    fout = models.CharField("fout", max_length=300, blank=True)
    kapot = models.BooleanField(
        "kapot", default=False, help_text="Geen antwoord, of een foutcode (400 of hoger)."
    )
    aangevraagd_op = models.DateTimeField(
        "controle aangevraagd op",
        null=True,
        blank=True,
        help_text="Een redacteur vroeg om een nieuwe controle; check_links pakt dit op.",
    )

    objects = ExterneLinkQuerySet.as_manager()

    class Meta:
        verbose_name = "externe link"
        verbose_name_plural = "externe links (linkcontrole)"
        ordering = ["-kapot", "url"]
        indexes = [models.Index(fields=["kapot", "gecontroleerd_op"], name="link_kapot_idx")]

    def __str__(self):
        return self.url

    def get_absolute_url(self):
        return self.url

    @property
    def redirected(self) -> bool:
        return bool(self.eind_url) and self.eind_url != self.url


class Vindplaats(models.Model):
    """Where an external link occurs: which item, which field."""

    link = models.ForeignKey(
        ExterneLink, verbose_name="link", on_delete=models.CASCADE, related_name="vindplaatsen"
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name="soort item", on_delete=models.CASCADE
    )
    object_id = models.PositiveBigIntegerField("item-id")
    item = models.CharField("item", max_length=300)
    veld = models.CharField("veld", max_length=100)

    class Meta:
        verbose_name = "vindplaats"
        verbose_name_plural = "vindplaatsen"
        ordering = ["link", "content_type", "object_id", "veld"]
        constraints = [
            models.UniqueConstraint(
                fields=["link", "content_type", "object_id", "veld"], name="vindplaats_unique"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="vindplaats_item_idx")]

    def __str__(self):
        return f"{self.item} ({self.veld})"

    def get_absolute_url(self):
        return reverse(
            f"admin:{self.content_type.app_label}_{self.content_type.model}_change",
            args=[self.object_id],
        )


class Zoekwoord(models.Model):
    """A word that occurs in a title of searchable content: the spelling checker's dictionary.

    When a search finds nothing, each query word missing from this list is replaced by
    the most similar word in it ("inzetbaarhied" becomes "inzetbaarheid") and the search
    runs again, offering "Bedoelde u ...?". Filled when content is saved; editors never
    edit it. Only used on PostgreSQL (pg_trgm).
    """

    woord = models.CharField("woord", max_length=100, unique=True)
    zichtbaar_vanaf = models.DateTimeField(
        "zichtbaar vanaf",
        default=timezone.now,
        help_text="Het vroegste publicatiemoment van een titel met dit woord; eerder wordt "
        "het nooit als suggestie getoond, zodat een geplande titel niet uitlekt.",
    )

    class Meta:
        verbose_name = "zoekwoord"
        verbose_name_plural = "zoekwoorden"
        ordering = ["woord"]

    def __str__(self):
        return self.woord


class Woordstam(models.Model):
    """A word stem (lexeme) that occurs in the search vector of some content.

    A search first checks its words against this list: a word that occurs nowhere, such
    as a typo, means the query cannot match, so the misspelling is corrected at once
    instead of first searching every table in vain. Database triggers add the stems of
    every vector written (PostgreSQL only); stems are never removed, so the list may hold
    words that no longer occur, which only costs a search that finds nothing.
    """

    stam = models.TextField("woordstam", primary_key=True)

    class Meta:
        verbose_name = "woordstam"
        verbose_name_plural = "woordstammen"
        ordering = ["stam"]

    def __str__(self):
        return self.stam
