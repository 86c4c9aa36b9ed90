"""gunicorn serving the portal in a child process, as production does, for `wrk` to load."""

import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


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
