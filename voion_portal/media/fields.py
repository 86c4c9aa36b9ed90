"""The fields a content type declares to use the media library: one definition each."""

from django.db import models

PICTURE_HELP = (
    "Een foto of illustratie uit de mediabibliotheek, bovenaan de pagina, met bijschrift en "
    "maker. Mag leeg blijven."
)
DOCUMENTS_HELP = (
    "Bestanden om te downloaden uit de mediabibliotheek (PDF, Word, Excel); ze staan op de "
    "pagina met hun soort en grootte."
)


def image_field(verbose_name: str = "afbeelding", help_text: str = PICTURE_HELP):
    """An optional image from the library; deleting the image is refused while it is used."""
    return models.ForeignKey(
        "voion_portal.Afbeelding",
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=help_text,
    )


def documents_field(help_text: str = DOCUMENTS_HELP):
    """Documents from the library, listed as downloads on the item's page."""
    return models.ManyToManyField(
        "voion_portal.Document",
        verbose_name="documenten",
        blank=True,
        related_name="+",
        help_text=help_text,
    )
