"""What search keeps besides the content: synonyms, the spelling dictionary, the stem list."""

from django.core.cache import cache
from django.db import models
from django.urls import reverse
from django.utils import timezone

# The synonym pairs search reads on every query, kept in the cache (see `query.synonym_pairs`).
SYNONYM_CACHE_KEY = "search-synonyms"


def forget_synonyms() -> None:
    cache.delete(SYNONYM_CACHE_KEY)


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
        forget_synonyms()

    def get_absolute_url(self):
        return reverse("zoeken") + f"?q={self.term}"

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        forget_synonyms()
        return result


class Zoekwoord(models.Model):
    """A word that occurs in a title of searchable content: the spelling checker's dictionary.

    When a search finds nothing, each query word missing from this list is replaced by
    the most similar word in it ("inzetbaarhied" becomes "inzetbaarheid") and the search
    runs again, offering "Bedoelde u ...?". Filled when content is saved; editors never
    edit it. Only used on PostgreSQL (pg_trgm).
    """

    # Grows with titles already saved (and so already cached afresh).
    shown_to_public = False

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
