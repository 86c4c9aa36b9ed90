"""Measuring the portal: query counts, latencies, query plans, load and memory.

The building blocks of `manage.py benchmark` (see there for the run as a whole).
Nothing here changes the portal; everything reads or requests.
"""

import gc
import json
import math
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import django
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

# The request header the page cache honours to skip the cache (as browsers send on reload).
NO_CACHE = {"Cache-Control": "no-cache"}


# -- statistics ----------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value with at least `share` of values <= it."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def table(headers: list[str], rows: list[list], align: str = "") -> str:
    """A Markdown pipe table (readable in a terminal, pasteable into the README)."""
    cells = [[str(cell) for cell in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    align = align or "l" + "r" * (len(headers) - 1)

    def line(values):
        padded = [
            value.ljust(width) if how == "l" else value.rjust(width)
            for value, width, how in zip(values, widths, align, strict=False)
        ]
        return "| " + " | ".join(padded) + " |"

    dashes = [
        "-" * (width + 1) + ":" if how == "r" else "-" * (width + 2)
        for width, how in zip(widths, align, strict=False)
    ]
    rule = "|" + "|".join(dashes) + "|"
    return "\n".join([line(headers), rule, *(line(row) for row in cells)])


# -- the machine ---------------------------------------------------------------------------


def machine_info() -> dict[str, str]:
    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        for text in handle:
            if text.startswith("model name"):
                cpu = text.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with open("/proc/meminfo", encoding="utf-8") as handle:
        for text in handle:
            if text.startswith("MemTotal"):
                memory = f"{int(text.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0]
        cursor.execute("SHOW shared_buffers")
        buffers = cursor.fetchone()[0]
        cursor.execute("SHOW jit")
        jit = cursor.fetchone()[0]
    wrk = shutil.which("wrk")
    wrk_version = "not installed"
    if wrk:
        result = subprocess.run([wrk, "--version"], capture_output=True, text=True, check=False)
        wrk_version = (result.stdout or result.stderr).split("[")[0].strip()
    with open("/proc/loadavg", encoding="utf-8") as handle:
        load = " ".join(handle.read().split()[:3])
    return {
        "CPUs (nproc)": str(len(os.sched_getaffinity(0))),
        "CPU model": cpu,
        "RAM": memory,
        "PostgreSQL": f"{server} (shared_buffers {buffers}, jit {jit}, fsync off)",
        "Python / Django": f"{platform.python_version()} / {django.get_version()}",
        "wrk": wrk_version,
        "OS": platform.platform(terse=True),
        "load average at start": load,
    }


# -- requests in process -------------------------------------------------------------------


@dataclass
class PageResult:
    name: str
    url: str
    status: int = 0
    queries: int = 0
    cached_queries: int = 0
    times_ms: list[float] = field(default_factory=list)

    @property
    def p50(self) -> float:
        return percentile(self.times_ms, 0.50)

    @property
    def p95(self) -> float:
        return percentile(self.times_ms, 0.95)


def freeze_like_a_worker() -> None:
    """Collect, then exempt what is alive now from garbage collection.

    `voion_portal/wsgi.py` does this when a gunicorn worker starts; without it, the
    in-process timings would pay for full collections over objects (the seeding's
    leftovers, Django itself) that a production worker never traverses.
    """
    gc.collect()
    gc.freeze()


def anonymous_get(client: Client, url: str, headers: dict | None = None):
    """A GET as a first-time anonymous visitor (no cookies from earlier responses)."""
    client.cookies.clear()
    return client.get(url, headers=headers or {})


def count_queries(
    url: str, cached: bool = True, before_each: Callable[[], None] | None = None
) -> tuple[int, int, int, list[str]]:
    """(status, queries uncached, queries from the page cache, the uncached SQL).

    The first request warms the lookup-table, synonym, facet-count and card caches and
    is not counted; `before_each` (e.g. "an editor saved something") runs before the
    counted request.
    """
    client = Client()
    anonymous_get(client, url, NO_CACHE)
    if before_each:
        before_each()
    with CaptureQueriesContext(connection) as uncached:
        response = anonymous_get(client, url, NO_CACHE)
    # Read the capture now: it slices the connection's query log lazily, and the next
    # request resets that log.
    sql = [query["sql"] for query in uncached.captured_queries]
    from_cache = -1
    if cached:
        anonymous_get(client, url)  # fills the page cache, if there is one
        with CaptureQueriesContext(connection) as hits:
            anonymous_get(client, url)
        from_cache = len(hits.captured_queries)
    return response.status_code, len(sql), from_cache, sql


def time_page(
    url: str,
    requests: int,
    budget_seconds: float,
    minimum: int = 5,
    before_each: Callable[[], None] | None = None,
) -> tuple[list[float], set[int]]:
    """Sequential, uncached single-request latencies in milliseconds (call it warm).

    `requests` timed requests; a slow page stops early once it has used its time
    budget and has at least `minimum` timings. `before_each` runs before every request,
    outside the timing.
    """
    client = Client()
    statuses = set()
    times: list[float] = []
    started = time.perf_counter()
    while len(times) < requests:
        if before_each:
            before_each()
        before = time.perf_counter()
        response = anonymous_get(client, url, NO_CACHE)
        times.append((time.perf_counter() - before) * 1000)
        statuses.add(response.status_code)
        if len(times) >= minimum and time.perf_counter() - started > budget_seconds:
            break
    return times, statuses


# -- query plans ---------------------------------------------------------------------------


@dataclass
class PlanSummary:
    kind: str
    table: str
    top_node: str
    execution_ms: float
    planning_ms: float
    jit_ms: float
    rows: int
    scans: list[str]
    sql: str

    @property
    def uses_seq_scan(self) -> bool:
        return any(scan.startswith("Seq Scan") for scan in self.scans)


_FROM = re.compile(r'\bFROM\s+"?(\w+)"?', re.IGNORECASE)
# Small lookup tables: how they are read does not matter at any data size.
_LOOKUP_TABLES = re.compile(r"^(taxonomy_|instrumenten_instrumentsoort$|voion_portal_synoniem$)")


def classify(sql: str) -> str:
    upper = sql.lstrip("( ").upper()
    if "TS_HEADLINE" in upper:
        return "search results"
    if "UNION ALL" in upper:
        return "facet counts"
    if upper.startswith("SELECT COUNT(*)"):
        return "COUNT(*) (paginator)"
    if upper.startswith('SELECT 1 AS "A"') or upper.startswith("SELECT (1) AS"):
        return "exists"
    if " IN (" in upper and "LIMIT" not in upper:
        return "prefetch"
    if "LIMIT" in upper:
        return "results"
    return "other"


def is_select(sql: str) -> bool:
    return sql.lstrip("( ").upper().startswith(("SELECT", "WITH"))


def explain(sql: str) -> PlanSummary:
    """EXPLAIN (ANALYZE, BUFFERS) of one captured query, boiled down to how it reads data."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}")
        document = cursor.fetchone()[0]
    if isinstance(document, str):
        document = json.loads(document)
    root = document[0]
    plan = root["Plan"]
    scans: dict[str, list[int]] = {}

    def walk(node):
        relation = node.get("Relation Name", "")
        if relation and not _LOOKUP_TABLES.match(relation):
            how = node["Node Type"]
            if node.get("Index Name"):
                how += f" using {node['Index Name']}"
            read = node.get("Actual Rows", 0) + node.get("Rows Removed by Filter", 0)
            scans.setdefault(f"{how} on {relation}", []).append(
                int(read * node.get("Actual Loops", 1))
            )
        for child in node.get("Plans", []):
            walk(child)

    walk(plan)
    described = []
    for how, rows in scans.items():
        times = f" x{len(rows)}" if len(rows) > 1 else ""
        described.append(f"{how}{times} ({sum(rows):,} rows)")
    top = plan["Node Type"]
    if plan.get("Strategy") and plan["Strategy"] != "Plain":
        top = f"{top} ({plan['Strategy']})"
    match = _FROM.search(sql)
    return PlanSummary(
        kind=classify(sql),
        table=match.group(1) if match else "",
        top_node=top,
        execution_ms=root["Execution Time"],
        planning_ms=root["Planning Time"],
        jit_ms=root.get("JIT", {}).get("Timing", {}).get("Total", 0.0),
        rows=int(plan.get("Actual Rows", 0)),
        scans=described,
        sql=sql,
    )


# -- a real server under load --------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    """gunicorn serving the portal on loopback, DEBUG off, in a child process."""

    def __init__(self, base_dir: Path, env: dict[str, str], log: Path, workers: int = 2):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        binary = Path(sys.executable).with_name("gunicorn")
        self.log = log
        self.command = [
            str(binary) if binary.exists() else "gunicorn",
            "voion_portal.wsgi",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(workers),
            "--error-logfile",
            str(self.log),
        ]
        self.env = env
        self.base_dir = base_dir
        self.process: subprocess.Popen | None = None

    def __enter__(self):
        self.process = subprocess.Popen(self.command, cwd=self.base_dir, env=self.env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped; see {self.log}")
            try:
                with urllib.request.urlopen(f"{self.url}/robots.txt", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer within 60 s; see {self.log}")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def wait_until_idle(self, limit_seconds: float = 120) -> None:
        """Wait until requests queued by an earlier wrk run are served.

        wrk stops after its duration, but gunicorn's sync workers still answer every
        request already queued in the listen backlog. A probe queues behind them, so
        when two probes in a row come back fast, the backlog is gone.
        """
        deadline = time.monotonic() + limit_seconds
        fast = 0
        while fast < 2 and time.monotonic() < deadline:
            started = time.monotonic()
            with urllib.request.urlopen(f"{self.url}/robots.txt", timeout=limit_seconds):
                pass
            fast = fast + 1 if time.monotonic() - started < 0.05 else 0

    def cache_header(self, url: str, headers: dict | None = None) -> str:
        """What the page cache says about one request to `url` (its X-Page-Cache header)."""
        request = urllib.request.Request(url, headers=headers or {})
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.headers.get("X-Page-Cache", "-")

    def worker_pids(self) -> list[int]:
        master = self.process.pid
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # The command name is in parentheses and may contain spaces: split after it.
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            if parent == master:
                pids.append(int(entry.name))
        return sorted(pids)

    @staticmethod
    def memory_kib(pid: int) -> dict[str, int]:
        values = {}
        for text in Path(f"/proc/{pid}/status").read_text().splitlines():
            name, _, rest = text.partition(":")
            if name in {"VmHWM", "VmRSS"}:
                values[name] = int(rest.split()[0])
        return values


@dataclass
class WrkResult:
    label: str
    url: str
    requests_per_second: float = 0.0
    requests: int = 0
    p50_ms: float = math.nan
    p99_ms: float = math.nan
    non_2xx: int = 0
    socket_errors: int = 0
    raw: str = ""

    @property
    def errors(self) -> int:
        return self.non_2xx + self.socket_errors


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _duration_ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    return float(match.group(1)) * _UNITS[match.group(2)] if match else math.nan


WRK_TIMEOUT_SECONDS = 10


def run_wrk(label: str, url: str, seconds: int, connections: int, headers=None) -> WrkResult:
    """One wrk run. Its timeout is 10 s instead of 2 s: a slow answer is latency, not an error."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    command.append(f"--timeout={WRK_TIMEOUT_SECONDS}s")
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    command.append(url)
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    output = finished.stdout + finished.stderr
    result = WrkResult(label, url, raw=output)
    if match := re.search(r"Requests/sec:\s+([\d.]+)", output):
        result.requests_per_second = float(match.group(1))
    if match := re.search(r"(\d+) requests in", output):
        result.requests = int(match.group(1))
    if match := re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE):
        result.p50_ms = _duration_ms(match.group(1))
    if match := re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE):
        result.p99_ms = _duration_ms(match.group(1))
    if match := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output):
        result.non_2xx = int(match.group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        result.socket_errors = sum(int(value) for value in match.groups())
    return result
