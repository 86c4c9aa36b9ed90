"""Counts of the rate limit on public POSTs (see `voion_portal.core.ratelimit`)."""

from django.db import models


class Snelheidsteller(models.Model):
    """The recent posts of one client address to one kind of form.

    Kept in the database, not in a cache, so every worker and every app server counts
    the same posts, without Redis; `voion_portal.core.ratelimit.hit` changes a row only
    while it holds the row's write lock, so the configured limit holds exactly.
    """

    shown_to_public = False  # bookkeeping of the rate limit

    sleutel = models.CharField(
        "sleutel",
        max_length=100,
        unique=True,
        help_text="Soort formulier en een hash van het adres van de bezoeker (geen IP-adres).",
    )
    momenten = models.JSONField(
        "momenten",
        default=list,
        help_text="Wanneer er binnen het venster is verstuurd (seconden sinds 1970).",
    )
    verloopt_op = models.DateTimeField(
        "verloopt op",
        db_index=True,
        help_text="Na dit moment telt deze rij niet meer mee en mag ze weg.",
    )

    class Meta:
        verbose_name = "snelheidsteller"
        verbose_name_plural = "snelheidstellers"
        ordering = ["sleutel"]

    def __str__(self):
        return self.sleutel

    def get_absolute_url(self):
        return "/admin/"


class CspRapport(models.Model):
    """A browser's report that the Content-Security-Policy blocked something on a page.

    Visitors' browsers send these (`report-uri`) when a script, style, image or frame was
    refused: an injected script, a browser extension, or one of our own pages that broke
    the policy. Kept briefly (`voion_portal.core.cspreports`) for editors and engineers
    to see whether a page misbehaves.
    """

    shown_to_public = False  # what browsers report; nothing of it is shown on the site

    ontvangen = models.DateTimeField(
        "ontvangen", auto_now_add=True, db_index=True, help_text="Wanneer de melding binnenkwam."
    )
    pagina = models.CharField(
        "pagina",
        max_length=500,
        blank=True,
        help_text="Het adres van de pagina waarop de browser iets tegenhield.",
    )
    regel = models.CharField(
        "geschonden regel",
        max_length=200,
        blank=True,
        help_text="Welke regel van het beleid iets tegenhield, bijv. script-src.",
    )
    geblokkeerd = models.CharField(
        "tegengehouden",
        max_length=500,
        blank=True,
        help_text="Wat werd tegengehouden: een adres, of ‘inline’ voor code in de pagina.",
    )
    bron = models.CharField(
        "bron",
        max_length=500,
        blank=True,
        help_text="Het bestand en de regel waar het vandaan kwam, als de browser dat meldt.",
    )
    browser = models.CharField(
        "browser", max_length=300, blank=True, help_text="De User-Agent van de browser."
    )

    class Meta:
        verbose_name = "CSP-melding"
        verbose_name_plural = "CSP-meldingen"
        ordering = ["-ontvangen", "-pk"]

    def __str__(self):
        return f"{self.regel or 'melding'}: {self.geblokkeerd or '?'} op {self.pagina or '?'}"

    def get_absolute_url(self):
        return f"/admin/voion_portal/csprapport/{self.pk}/change/"
