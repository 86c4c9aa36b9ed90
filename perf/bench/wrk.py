"""One run of the `wrk` HTTP load generator, and its output parsed."""

import math
import re
import subprocess
from dataclasses import dataclass

WRK_TIMEOUT_SECONDS = 10


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


def run_wrk(
    label: str, url: str, seconds: int, connections: int, headers=None, script=None
) -> WrkResult:
    """One wrk run. Its timeout is 10 s instead of 2 s: a slow answer is latency, not an error.

    `script`: a Lua file choosing each request's address (a mix), relative to `url`."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    command.append(f"--timeout={WRK_TIMEOUT_SECONDS}s")
    if script:
        command += ["-s", str(script)]
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
