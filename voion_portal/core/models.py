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
