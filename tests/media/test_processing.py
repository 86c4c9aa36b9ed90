"""Uploads are judged by their content, re-encoded without metadata, in a few widths."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import PDF_BYTES, image_bytes
from voion_portal.media.processing import check_document, process_image


def upload(name, data):
    return SimpleUploadedFile(name, data)


def office_file(*names, extra=()):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for name in (*names, *extra):
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


def test_a_photo_is_stored_as_webp_in_several_widths_without_its_exif(settings):
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    exif[0x0132] = "2026:11:30 09:00:00"  # DateTime
    photo = image_bytes(2400, 1600, "JPEG", exif=exif.tobytes())
    assert b"Camera maker" in photo

    processed = process_image(upload("IMG_0001.jpg", photo))

    assert [r.width for r in processed.renditions] == [320, 640, 960, 1280, 1920]
    assert processed.renditions[-1].height == 1280
    for rendition in processed.renditions:
        with Image.open(io.BytesIO(rendition.data)) as stored:
            assert stored.format == "WEBP"
            assert not stored.getexif()
            assert "icc_profile" not in stored.info
        assert b"Camera maker" not in rendition.data


def test_a_small_logo_is_not_enlarged_and_keeps_its_transparency():
    logo = image_bytes(250, 100, "PNG", color=(255, 0, 0, 0))

    processed = process_image(upload("logo.png", logo))

    assert [(r.width, r.height) for r in processed.renditions] == [(250, 100)]
    with Image.open(io.BytesIO(processed.renditions[0].data)) as stored:
        assert stored.mode == "RGBA"
        assert stored.getpixel((5, 5))[3] == 0


def test_a_photo_taken_sideways_is_stored_upright():
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to show
    sideways = image_bytes(800, 400, "JPEG", exif=exif.tobytes())

    processed = process_image(upload("telefoon.jpg", sideways))

    assert (processed.width, processed.height) == (400, 800)


@pytest.mark.parametrize(
    "name, data",
    [
        ("logo.png", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
        ("foto.jpg", PDF_BYTES),
        ("foto.jpg", b"MZ\x90\x00 an executable with a photo's name"),
        ("foto.tiff", image_bytes(50, 50, "TIFF")),
    ],
)
def test_what_is_not_a_web_image_is_refused_whatever_its_name(name, data):
    with pytest.raises(ValidationError) as refused:
        process_image(upload(name, data))
    assert refused.value.code == "not_an_image"


@pytest.mark.parametrize("after_a_pdf", [False, True])
def test_a_truncated_image_is_refused_as_damaged(monkeypatch, after_a_pdf):
    if after_a_pdf:  # WeasyPrint, once imported, lets Pillow read incomplete images
        from PIL import ImageFile

        monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    whole = image_bytes(1200, 800, "PNG", color=(10, 20, 30))
    with pytest.raises(ValidationError) as refused:
        process_image(upload("half.png", whole[: len(whole) // 2]))
    assert refused.value.code == "damaged"


def test_too_large_and_too_many_pixels_are_refused_with_the_limits(settings):
    settings.MEDIA_MAX_IMAGE_BYTES = 1000
    with pytest.raises(ValidationError) as refused:
        process_image(upload("groot.jpg", image_bytes(800, 800)))
    assert "hoogstens 1000" in refused.value.messages[0]

    settings.MEDIA_MAX_IMAGE_BYTES = 10 * 1024 * 1024
    settings.MEDIA_MAX_IMAGE_PIXELS = 1_000_000
    with pytest.raises(ValidationError) as refused:
        process_image(upload("breed.png", image_bytes(2000, 1000, "PNG")))
    assert refused.value.code == "too_many_pixels"
    assert "2000 × 1000" in refused.value.messages[0]


def test_documents_are_recognised_by_content():
    assert check_document(upload("jaarplan.bin", PDF_BYTES)).kind == "pdf"
    assert check_document(upload("brief", office_file("word/document.xml"))).kind == "docx"
    assert check_document(upload("model.pdf", office_file("xl/workbook.xml"))).kind == "xlsx"


@pytest.mark.parametrize(
    "data, code",
    [
        (b"<html><script>alert(1)</script></html>", "unknown_document"),
        (image_bytes(20, 20), "unknown_document"),
        (b"PK\x03\x04 not really a zip", "unknown_document"),
        (office_file("word/document.xml", extra=["word/vbaProject.bin"]), "macros"),
        (office_file("ppt/presentation.xml"), "unknown_document"),
    ],
)
def test_other_files_and_macros_are_refused(data, code):
    with pytest.raises(ValidationError) as refused:
        check_document(upload("jaarplan.pdf", data))
    assert refused.value.code == code


def test_a_document_over_the_limit_is_refused(settings):
    settings.MEDIA_MAX_DOCUMENT_BYTES = 10
    with pytest.raises(ValidationError) as refused:
        check_document(upload("jaarplan.pdf", PDF_BYTES))
    assert refused.value.code == "too_large"
