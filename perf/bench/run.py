"""The performance benchmark as a whole: `make bench` runs it on a throwaway PostgreSQL server.

One run, on the configured (empty, throwaway) PostgreSQL database:

1. migrate, load the real content, seed a small data set (1,000 articles) and measure:
   SQL queries per page type and sequential single-request latency;
2. seed up to the large data set (100,000 articles, 10,000 instruments) and measure
   again, plus search latency and EXPLAIN ANALYZE of the listing queries;
3. serve the portal with gunicorn (2 workers, DEBUG off) and drive it with `wrk`:
   the catalogue uncached, from the page cache, and saved as a static file;
4. print everything as tables and a verdict per target of issue 6.

It fills the database it is pointed at, so it refuses to run unless that database is
a throwaway server started by `.ci/with-postgres.sh` (or `--yes` is given).
"""

import io
import os
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from instrumenten.models import Instrument
from jaarplan.models import Jaarplan
from kennisbank.models import Artikel, Stappenplan
from perf.bench import report
from perf.bench.load import load_test
from perf.bench.machine import machine_info
from perf.bench.pages import measure_pages, measure_search, page_urls
from perf.bench.plans import explain_pages
from pilots.models import Pilot

SMALL = {"articles": 1000, "instruments": 1000, "activities": 200, "pilots": 20, "steps": 200}
LARGE = {"articles": 100000, "instruments": 10000, "activities": 2000, "pilots": 200, "steps": 2000}


def check_preconditions(yes: bool) -> None:
    if connection.vendor != "postgresql":
        raise CommandError("De benchmark draait op PostgreSQL: start hem met `make bench`.")
    if not (os.environ.get("PGDATA_DIR") or yes):
        raise CommandError(
            "Deze opdracht vult de database met 100.000 synthetische artikelen. Draai hem "
            "via `make bench` (een wegwerpserver) of geef --yes voor een lege test-db."
        )
    if settings.DEBUG:
        raise CommandError("Zet DEBUG uit: met DEBUG aan meet je Django's debugmodus.")


class Benchmark:
    """One run: the report on `stdout` section by section, progress on `stderr`."""

    def __init__(self, stdout, stderr, options: dict):
        self.stdout = stdout
        self.stderr = stderr
        self.options = options
        self.started = time.perf_counter()
        self.pages: dict[str, str] = {}

    def run(self) -> None:
        options = self.options
        large = {**LARGE, "articles": options["articles"], "instruments": options["instruments"]}
        size = f"{large['articles']:,} articles"

        self.section("Machine", report.machine_table(machine_info()))
        self.progress("migrate, collectstatic and load_content")
        call_command("migrate", verbosity=0, interactive=False)
        # With DEBUG off, pages need the static files manifest (as in production).
        call_command("collectstatic", verbosity=0, interactive=False)
        if options["load_only"]:
            self.pages = page_urls()
            load = self.load_test()
            self.section("Under load", load["text"])
            if load.get("editing"):
                self.section("An editing day", load["editing"]["text"])
            return
        call_command("load_content", stdout=io.StringIO())
        seeding = {}
        phases = {}
        for label, sizes in (("1k", SMALL), ("100k", large)):
            self.progress(f"seeding {label}: {sizes}")
            started = time.perf_counter()
            call_command("seed_synthetic", seed=options["seed"], verbosity=0, **sizes)
            seeding[label] = (time.perf_counter() - started, totals())
            if label == "1k":
                self.pages = page_urls()
            self.progress(f"query counts and latency at {label}")
            phases[label] = measure_pages(self.pages, options["requests"], options["budget"])
        self.section("Data sets", report.seeding_table(seeding))
        self.section("SQL queries per page", report.query_table(phases))
        self.section(
            "Single-request latency (ms)",
            report.latency_table(phases, options["requests"], options["budget"]),
        )

        self.progress("search latency")
        searches = measure_search(options["search_requests"], options["budget"] / 2)
        self.section(f"Search latency at {size} (ms)", report.search_table(searches))
        self.progress("EXPLAIN ANALYZE")
        self.section(f"EXPLAIN ANALYZE at {size}", explain_pages(self.pages))

        load = None
        if not options["skip_load"]:
            load = self.load_test()
            self.section("Under load: gunicorn (2 sync workers) + wrk", load["text"])
            if load.get("editing"):
                self.section("An editing day", load["editing"]["text"])
        self.section("Targets (issue 6)", report.verdict(phases, searches, load))
        elapsed = time.perf_counter() - self.started
        self.stdout.write(f"Benchmark finished in {elapsed / 60:.1f} min.")

    def load_test(self) -> dict:
        duration, connections = self.options["duration"], self.options["connections"]
        return load_test(
            self.pages, duration, connections, self.progress, self.options["mix_duration"]
        )

    def progress(self, message: str) -> None:
        elapsed = time.perf_counter() - self.started
        self.stderr.write(f"[{elapsed:6.1f} s] {message}")

    def section(self, title: str, body: str) -> None:
        """Print a part of the report as soon as it is measured."""
        self.stdout.write("\n".join([f"## {title}", "", body.rstrip(), ""]))
        self.stdout.flush()


def totals() -> dict[str, int]:
    return {
        "artikelen": Artikel.objects.count(),
        "gepubliceerd": Artikel.objects.published().count(),
        "instrumenten": Instrument.objects.count(),
        "pilots": Pilot.objects.count(),
        "stappenplannen": Stappenplan.objects.count(),
        "jaarplannen": Jaarplan.objects.count(),
    }
