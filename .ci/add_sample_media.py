"""Give the backup round-trip something to lose: library media in use on pages.

An image (re-encoded as the admin does it) embedded in the first article's text, and as
the first instrument's logo; a PDF among that instrument's documents.
"""

import io
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voion_portal.settings")

import django

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from PIL import Image  # noqa: E402

from instrumenten.models import Instrument  # noqa: E402
from kennisbank.models import Artikel  # noqa: E402
from voion_portal.media.models import Afbeelding, Document  # noqa: E402
from voion_portal.media.processing import check_document, process_image  # noqa: E402

buffer = io.BytesIO()
Image.new("RGB", (1400, 700), (0, 80, 122)).save(buffer, format="JPEG")
upload = SimpleUploadedFile("schema.jpg", buffer.getvalue())
image = Afbeelding(
    titel="Schema", alt_tekst="Schema van de SHRM-cyclus", origineel_naam="schema.jpg"
)
image.store(process_image(upload))
image.save()

pdf = SimpleUploadedFile("jaarplan.pdf", b"%PDF-1.4\n%%EOF\n" + os.urandom(2048))
document = Document(titel="Jaarplan Voion 2025", origineel_naam="jaarplan.pdf")
document.store(pdf, check_document(pdf))
document.save()

article = Artikel.objects.published().order_by("slug").first()
article.tekst += f"\n\n![](afbeelding:{image.pk})\n\nZie [het jaarplan](document:{document.pk})."
article.save()
instrument = Instrument.objects.published().order_by("slug").first()
instrument.logo = image
instrument.save()
instrument.documenten.add(document)
print(f"   image {image.pk} ({len(image.formaten)} sizes), document {document.pk}")
