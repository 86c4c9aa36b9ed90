"""Images and documents of the media library.

Files are stored through Django's default storage: the local file system by default,
S3-compatible object storage on several servers (docs/operations.md). Each upload gets a
folder named after the hash of its content, so a replaced file never reuses an address a
browser or proxy may have cached.
"""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import slugify

from voion_portal.core.content import TimestampedModel
from voion_portal.media.processing import DocumentKind


class Afbeelding(TimestampedModel):
    """An image editors upload once and use in texts, as an article's or pilot's picture
    and as a provider's logo; stored re-encoded, without metadata, in a few widths so a
    phone loads a small one (`srcset`)."""

    titel = models.CharField(
        "titel",
        max_length=200,
        help_text="Waaraan u de afbeelding in de bibliotheek herkent. Bezoekers zien de "
        "titel niet.",
    )
    alt_tekst = models.CharField(
        "alternatieve tekst",
        max_length=250,
        help_text="Wat de afbeelding laat zien, voor wie haar niet kan zien (schermlezers, "
        "trage verbindingen). Kort en zakelijk, bijv. ‘Logo van TNO’ of ‘Twee docenten in "
        "gesprek in de lerarenkamer’. Niet: ‘afbeelding van …’.",
    )
    bijschrift = models.CharField(
        "bijschrift",
        max_length=300,
        blank=True,
        help_text="Staat onder de afbeelding in een tekst. Mag leeg blijven.",
    )
    maker = models.CharField(
        "maker of bron",
        max_length=200,
        blank=True,
        help_text="Wie de foto of illustratie maakte of waar zij vandaan komt, bijv. "
        "‘Foto: Voion’. Staat klein onder de afbeelding.",
    )
    bestand = models.FileField(
        "bestand",
        max_length=300,
        editable=False,
        help_text="De grootste opgeslagen versie (WebP, zonder metadata).",
    )
    breedte = models.PositiveIntegerField("breedte in pixels", editable=False, default=0)
    hoogte = models.PositiveIntegerField("hoogte in pixels", editable=False, default=0)
    formaten = models.JSONField(
        "formaten",
        editable=False,
        default=list,
        help_text="Elke opgeslagen breedte: [breedte, hoogte, bestandsnaam].",
    )
    inhoud_hash = models.CharField("SHA-256 van het origineel", max_length=64, editable=False)
    origineel_naam = models.CharField("naam van het geüploade bestand", max_length=255)
    origineel_grootte = models.PositiveBigIntegerField("grootte van het origineel", default=0)

    class Meta:
        verbose_name = "afbeelding"
        verbose_name_plural = "afbeeldingen"
        ordering = ["-aangemaakt", "pk"]
        indexes = [
            models.Index(fields=["titel"], name="afbeelding_titel_idx"),
            models.Index(fields=["inhoud_hash"], name="afbeelding_hash_idx"),
        ]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return self.url

    @property
    def url(self) -> str:
        return default_storage.url(self.bestand.name) if self.bestand else ""

    @cached_property
    def sizes(self) -> list[tuple[int, int, str]]:
        """(width, height, address) of every stored width, narrowest first."""
        return [(w, h, default_storage.url(name)) for w, h, name in self.formaten]

    def srcset(self) -> str:
        return ", ".join(f"{url} {width}w" for width, _height, url in self.sizes)

    def smallest_at_least(self, width: int) -> tuple[int, int, str]:
        """The narrowest stored size at least `width` wide (or the widest there is)."""
        for size in self.sizes:
            if size[0] >= width:
                return size
        return self.sizes[-1]

    @property
    def src(self) -> str:
        """The address for browsers that ignore `srcset`: a middle width."""
        return self.smallest_at_least(640)[2] if self.formaten else ""

    @property
    def src_width(self) -> int:
        return self.smallest_at_least(640)[0] if self.formaten else 0

    @property
    def src_height(self) -> int:
        return self.smallest_at_least(640)[1] if self.formaten else 0

    @property
    def credit_line(self) -> str:
        return " · ".join(part for part in (self.bijschrift, self.maker) if part)

    def store(self, processed) -> list[str]:
        """Write the re-encoded sizes of `processed` and point this image at them.
        Returns the names of the files it replaced, for the caller to remove after commit."""
        folder = f"afbeeldingen/{processed.digest[:20]}"
        stem = slugify(self.titel)[:60] or "afbeelding"
        replaced = [name for _w, _h, name in self.formaten]
        stored = []
        for rendition in processed.renditions:
            name = default_storage.save(
                f"{folder}/{stem}-{rendition.width}.webp", ContentFile(rendition.data)
            )
            stored.append([rendition.width, rendition.height, name])
        self.formaten = stored
        self.bestand.name = stored[-1][2]
        self.breedte, self.hoogte = processed.width, processed.height
        self.inhoud_hash = processed.digest
        self.__dict__.pop("sizes", None)
        return [name for name in replaced if name not in {s[2] for s in stored}]

    def file_names(self) -> list[str]:
        return [name for _w, _h, name in self.formaten]


class Document(TimestampedModel):
    """A file visitors download — a publication as PDF, a form as Word, a calculation
    model as Excel — uploaded once and attached to instruments, articles, pilots and steps
    or linked from a text; always shown with its kind and size."""

    lidwoord = "het"  # "het document" in the admin's messages (core/dutch_admin.py)

    titel = models.CharField(
        "titel",
        max_length=200,
        help_text="Zoals bezoekers het document zien in de lijst met downloads, bijv. "
        "‘Jaarplan Voion 2025’. Soort en grootte zet de site er zelf bij.",
    )
    beschrijving = models.CharField(
        "beschrijving",
        max_length=300,
        blank=True,
        help_text="Eén zin over wat erin staat, onder de titel in de lijst. Mag leeg blijven.",
    )
    bestand = models.FileField("bestand", max_length=300, editable=False)
    soort = models.CharField(
        "soort bestand",
        max_length=10,
        choices=DocumentKind.CHOICES,
        editable=False,
        help_text="Bepaald uit de inhoud van het bestand, niet uit de naam.",
    )
    bestandsgrootte = models.PositiveBigIntegerField("grootte", default=0, editable=False)
    inhoud_hash = models.CharField("SHA-256", max_length=64, editable=False)
    origineel_naam = models.CharField("naam van het geüploade bestand", max_length=255)

    class Meta:
        verbose_name = "document"
        verbose_name_plural = "documenten"
        ordering = ["titel", "pk"]
        indexes = [
            models.Index(fields=["titel"], name="document_titel_idx"),
            models.Index(fields=["inhoud_hash"], name="document_hash_idx"),
        ]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("document", kwargs={"pk": self.pk, "filename": self.download_name})

    @property
    def download_name(self) -> str:
        return f"{slugify(self.titel)[:80] or 'document'}.{self.soort}"

    @property
    def content_type(self) -> str:
        return DocumentKind.CONTENT_TYPES[self.soort]

    @property
    def kind_and_size(self) -> str:
        """What a link to the document adds, so nobody is surprised: "PDF, 1,2 MB"."""
        kind = DocumentKind.LABELS.get(self.soort, self.soort)
        return f"{kind}, {filesizeformat(self.bestandsgrootte)}"

    def store(self, upload, checked) -> str | None:
        """Write the uploaded file and point this document at it. Returns the name of the
        file it replaced, for the caller to remove after commit."""
        replaced = self.bestand.name or None
        stem = slugify(self.titel)[:80] or "document"
        upload.seek(0)
        name = default_storage.save(
            f"documenten/{checked.digest[:20]}/{stem}.{checked.kind}", ContentFile(upload.read())
        )
        self.bestand.name = name
        self.soort = checked.kind
        self.bestandsgrootte = checked.size
        self.inhoud_hash = checked.digest
        self.origineel_naam = getattr(upload, "name", "")[:255]
        return replaced if replaced != name else None
