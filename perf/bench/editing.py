"""An editing day: the portal under a realistic mix of addresses while an editor saves.

`wrk` spreads its requests over the mix (`MIX_SCRIPT` cycles through the addresses),
first for a while without edits and then for as long while an editor saves an article
every few seconds, in the benchmark's own process through the ORM, as the admin would.
The task worker (`manage.py db_worker`) runs beside gunicorn, as in production: it
recomputes the facet counts an edit made stale. Reported: requests/s, p50/p99 and
errors of both runs, and how long after a save the counts of each stale selection were
current again (from the task rows).
"""

import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from django.db import close_old_connections, connection
from django_tasks_db.models import DBTaskResult

from kennisbank.models import Artikel
from perf.bench.report import percent, table
from perf.bench.timing import percentile
from perf.bench.wrk import WRK_TIMEOUT_SECONDS, run_wrk

# The addresses of the mix (labels of `pages.page_urls()`), and two more searches. The
# pilot page is left out: its interest form (a CSRF token) makes every request a render,
# which would measure that form rather than the effect of edits.
MIX_PAGES = (
    "home",
    "kennisbank",
    "kennisbank, filters",
    "kennisbank, sort=naam",
    "kennisbank, ?q=werkdruk",
    "catalogus",
    "catalogus, 2 facetten",
    "catalogus, sort=nieuw",
    "artikel",
    "instrument",
    "jaarplan",
    "themahub",
    "stappenplan-stap",
    "zoeken",
)
MIX_EXTRA = ("/zoeken/?q=vitaliteit", "/kennisbank/?sector=vo", "/instrumenten/?sector=po")
MIX_SCRIPT = """
paths = {%s}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""
EDIT_EVERY_SECONDS = 5
TARGET_THROUGHPUT_SHARE = 0.85
TARGET_P99_MS = 150


def mix(pages: dict[str, str]) -> list[str]:
    return [pages[label] for label in MIX_PAGES if label in pages] + list(MIX_EXTRA)


class Editor(threading.Thread):
    """Saves one published article every EDIT_EVERY_SECONDS until stopped."""

    def __init__(self):
        super().__init__(daemon=True)
        self.stopped = threading.Event()
        self.saves: list[float] = []

    def run(self):
        try:
            artikel = Artikel.objects.published().order_by("-pk").first()
            base = artikel.titel
            while not self.stopped.wait(EDIT_EVERY_SECONDS):
                artikel.titel = f"{base} (bijgewerkt {len(self.saves) + 1})"
                artikel.save()
                self.saves.append(time.time())
            artikel.titel = base
            artikel.save()
        finally:
            connection.close()


def _worker(base_dir: Path, env: dict[str, str], log: Path) -> subprocess.Popen:
    command = [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"]
    return subprocess.Popen(
        command, cwd=base_dir, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT
    )


def editing_day(server, base_dir: Path, env: dict, pages: dict, seconds: int, connections: int):
    """{"text": the report, "verdict": rows for the targets, "refresh_ms": [...]}"""
    paths = mix(pages)
    script = Path(tempfile.mkdtemp(prefix="voion-mix-")) / "mix.lua"
    script.write_text(MIX_SCRIPT % ", ".join(f'"{path}"' for path in paths))
    # Recounts the in-process measurements queued and nobody ran: not this run's work.
    DBTaskResult.objects.filter(
        task_path__endswith="refresh_counts", finished_at__isnull=True
    ).delete()
    worker = _worker(base_dir, env, script.parent / "worker.log")
    try:
        run_wrk("warm", server.url, 5, connections, script=script)
        server.wait_until_idle()
        quiet = run_wrk("mix, no edits", server.url, seconds, connections, script=script)
        server.wait_until_idle()
        close_old_connections()
        since = time.time()
        editor = Editor()
        editor.start()
        editing = run_wrk("mix, editing day", server.url, seconds, connections, script=script)
        editor.stopped.set()
        editor.join()
        server.wait_until_idle()
        time.sleep(3)  # the last refreshes
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    refresh_ms = _refresh_delays(since)
    return {
        "text": _report(paths, seconds, connections, quiet, editing, editor.saves, refresh_ms),
        "verdict": _verdict_rows(quiet, editing),
        "refresh_ms": refresh_ms,
    }


def _refresh_delays(since: float) -> list[float]:
    """Milliseconds from queueing to the end of each facet-count refresh since `since`."""
    from datetime import UTC, datetime

    rows = DBTaskResult.objects.filter(
        task_path__endswith="refresh_counts",
        enqueued_at__gte=datetime.fromtimestamp(since, UTC),
        finished_at__isnull=False,
    ).values_list("enqueued_at", "finished_at")
    return sorted((done - queued).total_seconds() * 1000 for queued, done in rows)


def _report(paths, seconds, connections, quiet, editing, saves, refresh_ms) -> str:
    share = editing.requests_per_second / (quiet.requests_per_second or float("nan"))
    rows = [
        [
            run.label,
            f"{run.requests_per_second:,.0f}",
            f"{run.p50_ms:.1f}",
            f"{run.p99_ms:.1f}",
            f"{run.errors} ({run.non_2xx} non-2xx, {run.socket_errors} socket)",
        ]
        for run in (quiet, editing)
    ]
    refreshed = (
        f"{len(refresh_ms)} facet-count refreshes by the task worker, from queueing to done: "
        f"p50 {percentile(refresh_ms, 0.5):.0f} ms, max {max(refresh_ms):.0f} ms."
        if refresh_ms
        else "No facet-count refresh was queued."
    )
    return "\n".join(
        [
            f"`wrk -t2 -c{connections} -d{seconds}s --latency --timeout {WRK_TIMEOUT_SECONDS}s` "
            f"cycling through {len(paths)} addresses (home, the kennisbank and catalogue "
            "with and without filters, detail pages, search); gunicorn 2 sync workers and "
            "the task worker; the editing day saves an article every "
            f"{EDIT_EVERY_SECONDS} s ({len(saves)} saves).",
            "",
            table(["run", "requests/s", "p50 ms", "p99 ms", "errors"], rows),
            "",
            f"Editing day / no edits: {percent(share)} of the throughput "
            f"(target >= {TARGET_THROUGHPUT_SHARE:.0%}); p99 {editing.p99_ms:.0f} ms "
            f"(target <= {TARGET_P99_MS} ms).",
            refreshed,
            "",
            "Addresses: " + ", ".join(f"`{path}`" for path in paths),
        ]
    )


def _verdict_rows(quiet, editing) -> list[list[str]]:
    share = editing.requests_per_second / (quiet.requests_per_second or float("nan"))
    errors = quiet.errors + editing.errors
    return [
        [
            f"editing day >= {TARGET_THROUGHPUT_SHARE:.0%} of the mix's requests/s",
            percent(share),
            "met" if share >= TARGET_THROUGHPUT_SHARE else "MISSED",
        ],
        [
            f"editing day p99 <= {TARGET_P99_MS} ms",
            f"{editing.p99_ms:.0f} ms",
            "met" if editing.p99_ms <= TARGET_P99_MS else "MISSED",
        ],
        ["0 errors on the mix", str(errors), "met" if not errors else "MISSED"],
    ]
