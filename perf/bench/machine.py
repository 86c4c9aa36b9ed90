"""What the figures were measured on: CPU, memory, server settings and tool versions."""

import os
import platform
import shutil
import subprocess

import django
from django.db import connection


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
