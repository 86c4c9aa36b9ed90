"""Load loop and report for .ci/db-restart-check.sh (standard library only).

    python .ci/db_restart_load.py wait   BASE_URL
    python .ci/db_restart_load.py load   BASE_URL LOG STOPFILE [THREADS]
    python .ci/db_restart_load.py report LOG OUTAGE_START OUTAGE_END

`load` requests a mix of database-backed pages until STOPFILE exists and writes one
line per request: start time, end time, status (0 = no HTTP answer), path. `report`
splits the requests into before / during (overlapping) / after the outage and exits
non-zero on any 500, on anything but a page or a 503 during the outage, on any failed
request after recovery, or when the outage was not seen at all (no 503).
"""

import itertools
import os
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter

PATHS = [
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
]


def fetch(url: str, timeout: float = 15) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        error.read()
        return error.code
    except (OSError, urllib.error.URLError):
        return 0


def wait(base: str) -> None:
    deadline = time.time() + 30
    while time.time() < deadline:
        if fetch(base + "/robots.txt", timeout=2) == 200:
            return
        time.sleep(0.2)
    sys.exit(f"no answer from {base} within 30 s")


def load(base: str, log: str, stopfile: str, threads: int = 4) -> None:
    lock = threading.Lock()
    paths = itertools.cycle(PATHS)

    with open(log, "w", encoding="utf-8") as out:

        def worker():
            while not os.path.exists(stopfile):
                with lock:
                    path = next(paths)
                start = time.time()
                status = fetch(base + path)
                with lock:
                    out.write(f"{start:.3f} {time.time():.3f} {status} {path}\n")
                    out.flush()

        pool = [threading.Thread(target=worker) for _ in range(threads)]
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join()


def report(log: str, outage_start: float, outage_end: float) -> int:
    phases = {"before": Counter(), "during": Counter(), "after": Counter()}
    first_ok_after = None
    with open(log, encoding="utf-8") as lines:
        for line in lines:
            start, end, status, _path = line.split(" ", 3)
            start, end, status = float(start), float(end), int(status)
            if end < outage_start:
                phase = "before"
            elif start < outage_end:
                phase = "during"  # overlaps the outage, if only by its end
            else:
                phase = "after"
                if status == 200 and (first_ok_after is None or end < first_ok_after):
                    first_ok_after = end
            phases[phase][status] += 1

    def failed(counter, allowed=(200,)):
        return sum(n for status, n in counter.items() if status not in allowed)

    print(
        "outage (PostgreSQL stopped until it accepted connections again): "
        f"{outage_end - outage_start:.1f} s"
    )
    for phase, counter in phases.items():
        statuses = ", ".join(
            f"{status or 'no answer'}: {n}" for status, n in sorted(counter.items())
        )
        total = sum(counter.values())
        print(f"{phase:>6}: {total} requests, {failed(counter)} failed ({statuses})")
    if first_ok_after is not None:
        delay = first_ok_after - outage_end
        print(f"first page from the database again {delay:.2f} s after the database was back")

    problems = []
    total_500 = sum(counter[500] for counter in phases.values())
    if total_500:
        problems.append(f"{total_500} request(s) answered 500")
    if failed(phases["before"]):
        problems.append(f"{failed(phases['before'])} failed request(s) before the outage")
    if failed(phases["during"], allowed=(200, 503)):
        problems.append("requests during the outage got something else than a page or a 503")
    if failed(phases["after"]):
        problems.append(f"{failed(phases['after'])} failed request(s) after recovery")
    if not phases["after"]:
        problems.append("no requests after recovery")
    if not phases["during"][503]:
        problems.append("no 503 during the outage: the drill did not reach the database")
    for problem in problems:
        print(f"FAIL: {problem}")
    print("FAILED" if problems else "OK: 503s during the outage, 0 failures after recovery")
    return 1 if problems else 0


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "wait":
        wait(args[0])
    elif command == "load":
        load(args[0], args[1], args[2], *(int(a) for a in args[3:]))
    elif command == "report":
        sys.exit(report(args[0], float(args[1]), float(args[2])))
    else:
        sys.exit(__doc__)
