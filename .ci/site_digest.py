"""Print a JSON digest of the database named by DATABASE_URL and of pages rendered from it.

Used by .ci/backup-roundtrip.sh: the digest of the original database and of its restored
copy must be identical. Per table: the row count and a hash of all rows; per sequence: its
position (a restored database must hand out new ids after the old ones); per page: the
status and a hash of the HTML (with the per-request CSRF token taken out), rendered by
Django's test client; per library file (an image, a document): its bytes' hash, read from
the storage MEDIA_ROOT points at.

    DATABASE_URL=postgres://... python .ci/site_digest.py > digest.json
"""

import hashlib
import json
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voion_portal.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from instrumenten.models import Instrument  # noqa: E402
from jaarplan.models import Jaarplan  # noqa: E402
from kennisbank.models import Artikel, Stap  # noqa: E402
from pilots.models import Pilot  # noqa: E402
from voion_portal.media.models import Afbeelding, Document  # noqa: E402

CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def tables() -> dict:
    digest = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            quoted = connection.ops.quote_name(table)
            cursor.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
                f" FROM {quoted} AS t"
            )
            count, rows_hash = cursor.fetchone()
            digest[table] = {"rows": count, "md5": rows_hash}
    return digest


def sequences() -> dict:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sequencename, last_value FROM pg_sequences "
            "WHERE schemaname = 'public' ORDER BY sequencename"
        )
        return dict(cursor.fetchall())


def page_urls() -> list[str]:
    def first(model):
        item = model.objects.published().order_by("slug").first()
        return [item.get_absolute_url()] if item else []

    return [
        "/",
        "/kennisbank/",
        "/instrumenten/",
        "/instrumenten/?pijler=kunnen-werken&sector=vo",
        "/jaarplan/",
        "/pilots/",
        "/stappenplannen/",
        "/zoeken/?q=werkdruk",
        "/sitemap.xml",
        "/feeds/kennisbank/",
        *first(Artikel),
        *first(Instrument),
        *first(Jaarplan),
        *first(Pilot),
        *first(Stap),
        # the media library's files, as visitors fetch them: from the restored storage
        *[image.src for image in Afbeelding.objects.order_by("pk")],
        *[document.get_absolute_url() for document in Document.objects.order_by("pk")],
    ]


def pages() -> dict:
    client = Client(HTTP_HOST="localhost")
    digest = {}
    for url in page_urls():
        response = client.get(url)
        if response.streaming:  # a library file: its bytes, not text
            data = b"".join(response.streaming_content)
            digest[url] = {
                "status": response.status_code,
                "bytes": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
            }
            continue
        html = CSRF_TOKEN.sub('name="csrfmiddlewaretoken" value=""', response.content.decode())
        digest[url] = {
            "status": response.status_code,
            "bytes": len(html),
            "sha256": hashlib.sha256(html.encode()).hexdigest(),
        }
    return digest


if __name__ == "__main__":
    if connection.vendor != "postgresql":
        sys.exit("site_digest.py compares PostgreSQL databases; DATABASE_URL is not one.")
    print(
        json.dumps(
            {"tables": tables(), "sequences": sequences(), "pages": pages()},
            indent=1,
            sort_keys=True,
        )
    )
