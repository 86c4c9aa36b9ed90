"""Time pages in process against the configured database: p50/p95 and SQL per page.

    DATABASE_URL=postgres://... PAGE_CACHE_SECONDS=0 .venv/bin/python .ci/page_timings.py \
        "/instrumenten/?pijler=kunnen-werken&sector=vo" "/zoeken/?q=werkdruk"

Every request bypasses the page cache (the signed X-Page-Cache-Bypass header). With
PAGE_CACHE_SECONDS=0 the facet counts and filter panel are not cached either: the cost
of the first request after an editor saved something. N=20 sets the number of timed
requests per page.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voion_portal.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from voion_portal.core.pagecache import bypass_headers  # noqa: E402


def main(urls: list[str], repeats: int) -> None:
    client = Client()
    for url in urls:
        client.get(url, headers=bypass_headers())  # warm caches and plans
        timings, sql = [], []
        for _ in range(repeats):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, headers=bypass_headers())
            timings.append((time.perf_counter() - started) * 1000)
            sql.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
        timings.sort()
        p95 = timings[max(int(len(timings) * 0.95) - 1, 0)]
        print(
            f"{response.status_code} {url}: {len(queries)} queries, "
            f"SQL {statistics.median(sql):.0f} ms, p50 {statistics.median(timings):.1f} ms, "
            f"p95 {p95:.1f} ms"
        )


if __name__ == "__main__":
    main(sys.argv[1:], int(os.environ.get("N", "20")))
