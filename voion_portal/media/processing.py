"""Uploads judged by what they contain, never by their name.

An image is opened with Pillow, checked, turned upright and re-encoded into a few widths
of WebP without any metadata (no camera, location or editing history reaches the site).
A document must really be a PDF, or a Word or Excel file in the Office Open XML format
without macros; anything else is refused with a message an editor understands.
"""

import hashlib
import io
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError

# What an image is stored as: one WebP per width, the widest no wider than the original.
RENDITION_WIDTHS = (320, 640, 960, 1280, 1920)
WEBP_QUALITY = 82
ACCEPTED_IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


class DocumentKind:
    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"

    LABELS = {PDF: "PDF", DOCX: "Word", XLSX: "Excel"}
    CONTENT_TYPES = {
        PDF: "application/pdf",
        DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    CHOICES = [(PDF, "PDF"), (DOCX, "Word (.docx)"), (XLSX, "Excel (.xlsx)")]


@dataclass
class Rendition:
    width: int
    height: int
    data: bytes


@dataclass
class ProcessedImage:
    digest: str
    width: int
    height: int
    renditions: list[Rendition] = field(default_factory=list)


def _too_large(upload, limit: int, kind: str) -> ValidationError:
    return ValidationError(
        f"Dit {kind} is {filesizeformat(upload.size)}; het mag hoogstens "
        f"{filesizeformat(limit)} zijn. Verklein het en probeer het opnieuw.",
        code="too_large",
    )


def _read(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def process_image(upload) -> ProcessedImage:
    """Check an uploaded image and return its re-encoded sizes, or raise ValidationError."""
    limit = settings.MEDIA_MAX_IMAGE_BYTES
    if upload.size > limit:
        raise _too_large(upload, limit, "bestand")
    data = _read(upload)
    not_an_image = ValidationError(
        "Dit bestand is geen afbeelding die de site kan tonen. Upload een JPEG, PNG, WebP "
        "of GIF (een SVG of PDF kan niet als afbeelding; een PDF hoort bij Documenten).",
        code="not_an_image",
    )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            image_format = probe.format
            width, height = probe.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise not_an_image from None
    if image_format not in ACCEPTED_IMAGE_FORMATS:
        raise not_an_image
    if width * height > settings.MEDIA_MAX_IMAGE_PIXELS:
        raise ValidationError(
            f"Deze afbeelding is {width} × {height} pixels; de site verwerkt hoogstens "
            f"{settings.MEDIA_MAX_IMAGE_PIXELS // 1_000_000} miljoen pixels. Verklein haar "
            "(2000 pixels breed is ruim genoeg) en probeer het opnieuw.",
            code="too_many_pixels",
        )
    # Pillow's switch is process-wide, and WeasyPrint (the selection's PDF) turns it on
    # when imported: an incomplete upload must still be refused.
    truncated_allowed, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        with Image.open(io.BytesIO(data)) as original:
            original.load()
            picture = _upright_srgb(original)
    except (OSError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            "Deze afbeelding is beschadigd of onvolledig en kan niet worden gelezen.",
            code="damaged",
        ) from None
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated_allowed
    processed = ProcessedImage(
        digest=hashlib.sha256(data).hexdigest(), width=picture.width, height=picture.height
    )
    for width in _widths_for(picture.width):
        height = max(1, round(picture.height * width / picture.width))
        sized = (
            picture
            if width == picture.width
            else picture.resize((width, height), Image.Resampling.LANCZOS)
        )
        buffer = io.BytesIO()
        # Saved without exif=, icc_profile= or xmp=: nothing of the original's metadata.
        sized.save(buffer, format="WEBP", quality=WEBP_QUALITY, method=4)
        processed.renditions.append(Rendition(width, height, buffer.getvalue()))
    return processed


def _widths_for(original_width: int) -> list[int]:
    widest = min(original_width, RENDITION_WIDTHS[-1])
    return [width for width in RENDITION_WIDTHS if width < widest] + [widest]


def _upright_srgb(image: Image.Image) -> Image.Image:
    """The first frame, turned as the camera meant it, in sRGB, RGB or RGBA."""
    image.seek(0)
    icc = image.info.get("icc_profile")
    upright = ImageOps.exif_transpose(image)
    has_alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
    mode = "RGBA" if has_alpha else "RGB"
    if icc and upright.mode in ("RGB", "RGBA", "CMYK"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            target = ImageCms.createProfile("sRGB")
            return ImageCms.profileToProfile(upright, source, target, outputMode=mode)
        except (ImageCms.PyCMSError, OSError):
            pass  # a broken profile: the colours as they are beat no image at all
    return upright.convert(mode)


@dataclass
class CheckedDocument:
    kind: str
    digest: str
    size: int


def check_document(upload) -> CheckedDocument:
    """The kind of an uploaded document, judged by its content; or a ValidationError."""
    limit = settings.MEDIA_MAX_DOCUMENT_BYTES
    if upload.size > limit:
        raise _too_large(upload, limit, "document")
    data = _read(upload)
    kind = document_kind(data)
    if kind is None:
        raise ValidationError(
            "Dit bestand is geen PDF, Word- (.docx) of Excel-bestand (.xlsx). Sla het in een "
            "van die vormen op en probeer het opnieuw.",
            code="unknown_document",
        )
    return CheckedDocument(kind=kind, digest=hashlib.sha256(data).hexdigest(), size=len(data))


def document_kind(data: bytes) -> str | None:
    if data[:5] == b"%PDF-":
        return DocumentKind.PDF
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if any(name.endswith("vbaProject.bin") for name in names):
        raise ValidationError(
            "Dit bestand bevat macro's. Die kunnen schadelijk zijn voor wie het downloadt; "
            "sla het op zonder macro's (als .docx of .xlsx) en probeer het opnieuw.",
            code="macros",
        )
    if "word/document.xml" in names:
        return DocumentKind.DOCX
    if "xl/workbook.xml" in names:
        return DocumentKind.XLSX
    return None
