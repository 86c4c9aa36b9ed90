"""What search keeps besides the content: synonyms, the spelling dictionary, the stem list,
and the weekly counts of what visitors searched for."""

from django.contrib.postgres.search import SearchVectorField
from django.core.cache import cache
from django.db import models
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

# The synonym pairs search reads on every query, kept in the cache (see `query.synonym_pairs`).
SYNONYM_CACHE_KEY = "search-synonyms"


def forget_synonyms() -> None:
    cache.delete(SYNONYM_CACHE_KEY)


class Synoniem(models.Model):
    """Words the sector uses for the same thing, so a search for one finds the other.

    Works both ways: a search for "DI" also finds "duurzame inzetbaarheid" and vice versa.
    """

    lidwoord = "het"  # "het synoniem" in the admin's messages (core/dutch_admin.py)

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
    edit it. PostgreSQL finds similar words with pg_trgm, SQLite with the same trigram
    measure in Python (search/spelling.py).
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

    # Written by triggers, never through the ORM: no content generation follows it, and
    # a cached page that read it is never kept without reading it again.
    shown_to_public = False

    stam = models.TextField("woordstam", primary_key=True)

    class Meta:
        verbose_name = "woordstam"
        verbose_name_plural = "woordstammen"
        ordering = ["stam"]

    def __str__(self):
        return self.stam


class ZoekopdrachtQuerySet(models.QuerySet):
    def in_week(self, week):
        return self.filter(week=week)

    def without_results(self):
        """Queries that found nothing at least once that week."""
        return self.filter(zonder_resultaat__gt=0)

    def without_clicks(self):
        """Queries after which no visitor opened a page that week."""
        return self.filter(kliks=0)

    def most_frequent(self):
        return self.order_by("-aantal", "zoekterm")

    def not_found_since(self, week, limit: int):
        """The queries that found nothing most often from `week` on, weeks added up:
        dicts with `zoekterm`, `zonder` (searches without results) and `aantal`."""
        return (
            self.filter(week__gte=week, zonder_resultaat__gt=0)
            .values("zoekterm")
            .annotate(zonder=Sum("zonder_resultaat"), totaal=Sum("aantal"))
            .order_by("-zonder", "zoekterm")[:limit]
        )

    def older_than(self, week):
        """Counts of the weeks that started before `week`: what the retention purges."""
        return self.filter(week__lt=week)


class Zoekopdracht(models.Model):
    """How often visitors searched for one (normalised) text in one week, and how it went.

    Tells editors what visitors could not find: a query searched often that finds nothing,
    or after which nobody opens a page, asks for a synonym or new content. Only the
    normalised text is kept (lowercased, whitespace collapsed, e-mail addresses and long
    numbers masked) with weekly totals: no address, cookie, account or moment of a search.
    Counted by `voion_portal.search.counting`; purged by `manage.py purge_search_log`.
    """

    shown_to_public = False  # counts for the editors only: saving never makes pages stale

    week = models.DateField(
        "week", help_text="De maandag waarop de week (ISO-week) begint.", editable=False
    )
    zoekterm = models.CharField(
        "zoekterm",
        max_length=200,
        editable=False,
        help_text="Wat bezoekers zochten, in kleine letters en met enkele spaties; "
        "e-mailadressen en lange getallen zijn weggelaten.",
    )
    aantal = models.PositiveIntegerField(
        "aantal keer gezocht", default=0, editable=False, help_text="Hoe vaak deze week."
    )
    zonder_resultaat = models.PositiveIntegerField(
        "zonder resultaat",
        default=0,
        editable=False,
        help_text="Hoe vaak deze zoekopdracht deze week niets vond.",
    )
    kliks = models.PositiveIntegerField(
        "kliks op een resultaat",
        default=0,
        editable=False,
        help_text="Hoe vaak een bezoeker vanaf deze zoekresultaten een pagina opende. "
        "Wie drie resultaten opent, telt drie keer.",
    )

    objects = ZoekopdrachtQuerySet.as_manager()

    class Meta:
        verbose_name = "zoekopdracht"
        verbose_name_plural = "zoekopdrachten (wat bezoekers zochten)"
        ordering = ["-week", "-aantal", "zoekterm"]
        constraints = [
            models.UniqueConstraint(fields=["week", "zoekterm"], name="zoekopdracht_week_term")
        ]
        indexes = [
            # the admin lists one week by frequency; the unique index serves the counting
            # and the purge (both look up by week first)
            models.Index(fields=["week", "-aantal"], name="zoekopdracht_week_aantal_idx"),
        ]

    def __str__(self):
        return f"{self.zoekterm} (week van {self.week:%d-%m-%Y})"

    def get_absolute_url(self):
        """The search itself on the site, as visitors saw it (today's results)."""
        return reverse("zoeken") + "?" + urlencode({"q": self.zoekterm})


class Tekstwijziging(models.Model):
    """The search vector an item had just before a save changed it (PostgreSQL only).

    The facet counts of a free-text search (`/kennisbank/?q=werkdruk`) change after an
    edit only when the edit changed which items match the words. With the vector from
    before every save, a list can tell, and keeps its counts instead of having them
    recounted (listing/facets.py). Written by the save signal, kept for an hour; editors
    never see it.
    """

    shown_to_public = False  # bookkeeping: writing it never makes a page stale

    model = models.CharField("soort inhoud", max_length=100)
    item_id = models.BigIntegerField("item")
    vector = SearchVectorField("zoekvector vóór de wijziging", null=True)
    moment = models.DateTimeField("moment", default=timezone.now)

    class Meta:
        verbose_name = "tekstwijziging"
        verbose_name_plural = "tekstwijzigingen"
        ordering = ["-moment"]
        indexes = [models.Index(fields=["model", "moment"], name="tekstwijziging_model_moment")]

    def __str__(self):
        return f"{self.model} {self.item_id} ({self.moment:%Y-%m-%d %H:%M:%S})"
