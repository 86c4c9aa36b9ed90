"""Bookkeeping for the content loader (see `manage.py load_content`)."""

from django.db import models
from django.urls import reverse


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
