"""The catalogue under load: gunicorn (2 sync workers) driven by `wrk`, and its memory.

Three runs against the same page: uncached (the signed
`X-Page-Cache-Bypass` header), from the page
cache, and the same HTML saved as a static file, which is the ceiling the cached page
is judged against.
"""

import os
import shutil
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.test import Client

from perf.bench.editing import editing_day
from perf.bench.gunicorn import Gunicorn
from perf.bench.report import percent, table
from perf.bench.timing import NO_CACHE, allow_test_client, anonymous_get, settle
from perf.bench.wrk import WRK_TIMEOUT_SECONDS, run_wrk

LOADED_PAGE = "catalogus, 2 facetten"


@contextmanager
def static_file_removed(path: Path):
    """The benchmark's copy of a page lives under STATIC_ROOT only while it is served."""
    try:
        yield
    finally:
        path.unlink(missing_ok=True)


def load_test(
    pages: dict[str, str],
    seconds: int,
    connections: int,
    progress: Callable[[str], None],
    mix_seconds: int = 0,
) -> dict:
    """{"text": the report, "runs": {label: WrkResult}, "rss": peak worker RSS in MiB,
    "editing": the editing day (`perf.bench.editing`), if `mix_seconds`}."""
    if not shutil.which("wrk"):
        text = "wrk is not installed (`apt-get install -y wrk`): load test skipped."
        return {"text": text, "runs": {}, "rss": []}
    static_root = Path(settings.STATIC_ROOT)
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": str(static_root),
        "LOG_LEVEL": "ERROR",
    }
    path = pages[LOADED_PAGE]
    with allow_test_client():
        settle(path)  # recounts queued by earlier measurements done, as between two edits
        html = anonymous_get(Client(), path, NO_CACHE).content
    static_file = static_root / "bench-catalogus.html"
    static_file.write_bytes(html)

    progress("gunicorn + wrk")
    runs = {}
    log = Path(tempfile.mkdtemp(prefix="voion-bench-")) / "gunicorn.log"
    with (
        static_file_removed(static_file),
        Gunicorn(Path(settings.BASE_DIR), env, log, workers=2) as server,
    ):
        targets = [
            ("uncached", server.url + path, NO_CACHE),
            ("cached", server.url + path, None),
            ("static file", f"{server.url}{settings.STATIC_URL}{static_file.name}", None),
        ]
        cache_says = {}
        for label, url, headers in targets:
            run_wrk(label, url, 2, 2, headers)  # warm both workers (and their caches)
            server.wait_until_idle()
            cache_says[label] = server.cache_header(url, headers)
            runs[label] = run_wrk(label, url, seconds, connections, headers)
            server.wait_until_idle()
        editing = None
        if mix_seconds:
            progress(f"editing day: the mix for 2 x {mix_seconds} s")
            editing = editing_day(
                server, Path(settings.BASE_DIR), env, pages, mix_seconds, connections
            )
        workers = {pid: server.memory_kib(pid) for pid in server.worker_pids()}
        master = server.memory_kib(server.process.pid)
    shutil.rmtree(log.parent, ignore_errors=True)
    static_rps = runs["static file"].requests_per_second or float("nan")
    suspicious = [run for run in runs.values() if run.errors or not run.requests_per_second]
    rows = [
        [
            label,
            cache_says[label],
            f"{run.requests_per_second:,.0f}",
            f"{run.p50_ms:.1f}",
            f"{run.p99_ms:.1f}",
            f"{run.errors} ({run.non_2xx} non-2xx, {run.socket_errors} socket)",
            percent(run.requests_per_second / static_rps),
        ]
        for label, run in runs.items()
    ]
    rss_rows = [
        [f"worker {pid}", f"{mem['VmHWM'] / 1024:.0f}", f"{mem['VmRSS'] / 1024:.0f}"]
        for pid, mem in workers.items()
    ]
    rss_rows.append(["master", f"{master['VmHWM'] / 1024:.0f}", f"{master['VmRSS'] / 1024:.0f}"])
    text = "\n".join(
        [
            f"`wrk -t2 -c{connections} -d{seconds}s --latency "
            f"--timeout {WRK_TIMEOUT_SECONDS}s` against "
            f"`{path}` ({len(html) / 1024:.0f} KiB of HTML); uncached = with "
            "the signed `X-Page-Cache-Bypass` header; static = the same HTML as a file under "
            "STATIC_ROOT, served by WhiteNoise in the same gunicorn. wrk, gunicorn and "
            "PostgreSQL share the machine's cores.",
            "",
            table(
                [
                    "catalogue page",
                    "X-Page-Cache",
                    "requests/s",
                    "p50 ms",
                    "p99 ms",
                    "errors",
                    "of static",
                ],
                rows,
            ),
            "",
            "Ratios: cached/static = "
            f"{percent(runs['cached'].requests_per_second / static_rps)}, uncached/static = "
            f"{percent(runs['uncached'].requests_per_second / static_rps)}.",
            "",
            "Peak memory of the gunicorn processes (MiB):",
            "",
            table(["process", "peak RSS (VmHWM)", "RSS now"], rss_rows),
            *(
                f"\nwrk output of the run '{run.label}' (errors or no requests):\n\n"
                f"```\n{run.raw.strip()}\n```"
                for run in suspicious
            ),
        ]
    )
    peak = max((mem["VmHWM"] for mem in workers.values()), default=0) / 1024
    return {"text": text, "runs": runs, "rss": peak, "editing": editing}
