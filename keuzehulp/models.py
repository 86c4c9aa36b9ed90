"""The keuzehulp's answers and how each maps onto the catalogue's facets.

The questions are fixed (sector, what you want to do, subject, for whom); the answers a
visitor can pick and what each one means in facet terms are data the editors maintain in
the admin. Sectors need no table here: they come straight from the taxonomy.
"""

from django.db import models

from voion_portal.core.content import ContentQuerySet


class Antwoord(models.Model):
    """An answer a visitor can pick in one question of the keuzehulp."""

    lidwoord = "het"

    naam = models.CharField(
        "antwoord",
        max_length=120,
        help_text="Het antwoord zoals bezoekers het in de keuzehulp zien, bijv. ‘Het gesprek "
        "voeren’.",
    )
    kort = models.CharField(
        "korte naam",
        max_length=40,
        help_text="Eén of twee woorden voor de uitleg bij een resultaat: ‘Past bij: vo · "
        "gesprek · werkdruk’. Schrijf ze met een kleine letter.",
    )
    slug = models.SlugField(
        "slug",
        max_length=60,
        unique=True,
        help_text="Staat in de adressen van de keuzehulp (bijv. ?doel=gesprek). Niet meer "
        "wijzigen na gebruik: gedeelde links werken dan niet meer.",
    )
    toelichting = models.CharField(
        "toelichting",
        max_length=200,
        blank=True,
        help_text="Eén korte zin onder het antwoord die uitlegt wat ermee bedoeld is. Mag "
        "leeg blijven.",
    )
    volgorde = models.PositiveSmallIntegerField(
        "volgorde",
        default=0,
        help_text="Lagere nummers staan eerder in de lijst met antwoorden.",
    )

    objects = ContentQuerySet.as_manager()  # a saved mapping makes cached pages stale

    class Meta:
        abstract = True
        ordering = ["volgorde", "naam"]

    def __str__(self):
        return self.naam


class Doel(Antwoord):
    """An answer to "Wat wilt u doen?": the kinds of instrument that serve that aim."""

    soorten = models.ManyToManyField(
        "instrumenten.InstrumentSoort",
        verbose_name="soorten instrumenten",
        related_name="keuzehulp_doelen",
        help_text="De soorten instrumenten die bij dit doel passen, bijv. bij ‘Het gesprek "
        "voeren’: Gesprekshulp en Kaart. Een instrument past als zijn soort hierbij staat.",
    )

    class Meta(Antwoord.Meta):
        verbose_name = "antwoord op ‘Wat wilt u doen?’"
        verbose_name_plural = "antwoorden op ‘Wat wilt u doen?’"


class Onderwerp(Antwoord):
    """An answer to "Waarover gaat uw vraag?": the themas and/or DI pillars it means."""

    themas = models.ManyToManyField(
        "taxonomy.Thema",
        verbose_name="thema's",
        blank=True,
        related_name="keuzehulp_onderwerpen",
        help_text="Een instrument past als het bij één van deze thema's hoort. Vult u ook "
        "pijlers in, dan moet het instrument bij allebei passen (een thema én een pijler).",
    )
    pijlers = models.ManyToManyField(
        "taxonomy.DiPijler",
        verbose_name="DI-pijlers",
        blank=True,
        related_name="keuzehulp_onderwerpen",
        help_text="Een instrument past als het bij één van deze pijlers hoort. Laat leeg als "
        "alleen de thema's tellen.",
    )

    class Meta(Antwoord.Meta):
        verbose_name = "antwoord op ‘Waarover gaat uw vraag?’"
        verbose_name_plural = "antwoorden op ‘Waarover gaat uw vraag?’"


class Publiek(Antwoord):
    """An answer to "Voor wie zoekt u iets?": the audiences (doelgroepen) it covers."""

    doelgroepen = models.ManyToManyField(
        "taxonomy.Doelgroep",
        verbose_name="doelgroepen",
        related_name="keuzehulp_publiek",
        help_text="Een instrument past als het voor één van deze doelgroepen is, bijv. bij "
        "‘Het team’: leidinggevende, leraar en oop.",
    )

    class Meta(Antwoord.Meta):
        verbose_name = "antwoord op ‘Voor wie zoekt u iets?’"
        verbose_name_plural = "antwoorden op ‘Voor wie zoekt u iets?’"
