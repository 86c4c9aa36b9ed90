"""The library's files, served with headers that keep them harmless.

Images are served from local storage under MEDIA_URL (object storage serves them itself
when the portal runs on several servers). Their addresses change with their content, so
browsers may keep them for a year. Documents are always downloads: an attachment with
their real kind, never sniffed, never rendered as a page of this site.
"""

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_safe

from voion_portal.media.models import Document

# Only what the library writes: re-encoded images. Nothing else under MEDIA_ROOT is served.
SERVED_IMAGE_TYPES = {".webp": "image/webp"}
IMAGE_FOLDER = "afbeeldingen/"


def _harden(response):
    response["X-Content-Type-Options"] = "nosniff"
    # Should a browser ever render the file as a page, it may run and load nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


@require_safe
def image_file(request, path: str):
    suffix = "." + path.rsplit(".", 1)[-1].lower() if "." in path else ""
    if not path.startswith(IMAGE_FOLDER) or suffix not in SERVED_IMAGE_TYPES:
        raise Http404("Geen afbeelding uit de bibliotheek.")
    try:
        if not default_storage.exists(path):
            raise Http404("Deze afbeelding bestaat niet (meer).")
        handle = default_storage.open(path, "rb")
    except (SuspiciousFileOperation, ValueError, OSError):
        raise Http404("Deze afbeelding bestaat niet (meer).") from None
    response = FileResponse(handle, content_type=SERVED_IMAGE_TYPES[suffix])
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return _harden(response)


@require_safe
def document_download(request, pk: int, filename: str):
    document = get_object_or_404(Document, pk=pk)
    if filename != document.download_name:
        # An old title in the address: the current one, so saved links keep working.
        return redirect(document, permanent=True)
    try:
        handle = default_storage.open(document.bestand.name, "rb")
    except (SuspiciousFileOperation, ValueError, OSError):
        raise Http404("Dit document is niet meer beschikbaar.") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.download_name,
        content_type=document.content_type,
    )
    # A document can be replaced under the same address: browsers ask again after a day.
    response["Cache-Control"] = "public, max-age=86400"
    return _harden(response)
