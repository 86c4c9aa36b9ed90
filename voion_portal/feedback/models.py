"""A visitor's answer to "Was deze pagina nuttig?": the page, yes or no, an optional comment.

Nothing personal is kept: no address, browser, cookie or account; only the page's path.
"""

from django.db import models
from django.db.models import Count, F, FloatField, Q
from django.db.models.functions import Cast
from django.utils import timezone

COMMENT_MAX_LENGTH = 500


class PaginafeedbackQuerySet(models.QuerySet):
    def per_page(self):
        """One row per page: `pad`, `ja`, `nee`, `totaal`, `opmerkingen` and `aandeel_ja`
        (0..1), the least useful first."""
        return (
            self.values("pad")
            .annotate(
                totaal=Count("pk"),
                ja=Count("pk", filter=Q(nuttig=True)),
                nee=Count("pk", filter=Q(nuttig=False)),
                opmerkingen=Count("pk", filter=~Q(opmerking="")),
            )
            .annotate(aandeel_ja=Cast(F("ja"), FloatField()) / Cast(F("totaal"), FloatField()))
            .order_by("aandeel_ja", "-totaal", "pad")
        )

    def least_useful(self, minimum: int, limit: int):
        """The pages with the lowest share of "ja" among those with `minimum` answers."""
        return self.per_page().filter(totaal__gte=minimum)[:limit]


class Paginafeedback(models.Model):
    """One answer to "Was deze pagina nuttig?" on a public page."""

    shown_to_public = False  # for the editors only: saving never makes pages stale

    pad = models.CharField(
        "pagina",
        max_length=500,
        help_text="Het adres van de pagina binnen het portaal, zonder zoekopdracht of filters.",
    )
    nuttig = models.BooleanField("nuttig", help_text="Het antwoord van de bezoeker: ‘Ja’ of ‘Nee’.")
    opmerking = models.TextField(
        "opmerking",
        max_length=COMMENT_MAX_LENGTH,
        blank=True,
        help_text="Wat de bezoeker toevoegde (niet verplicht). Bezoekers wordt gevraagd geen "
        "persoonsgegevens te schrijven; staan ze er toch in, verwijder de reactie dan.",
    )
    aangemaakt = models.DateTimeField("ontvangen op", default=timezone.now, editable=False)

    objects = PaginafeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = "paginareactie"
        verbose_name_plural = "paginareacties (Was deze pagina nuttig?)"
        ordering = ["-aangemaakt"]
        indexes = [
            models.Index(fields=["pad", "aangemaakt"], name="feedback_pad_idx"),
            models.Index(fields=["aangemaakt"], name="feedback_aangemaakt_idx"),
        ]

    def __str__(self):
        return f"{self.pad}: {'ja' if self.nuttig else 'nee'}"

    def get_absolute_url(self):
        return self.pad
