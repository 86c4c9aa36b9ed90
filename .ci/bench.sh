#!/usr/bin/env bash
# `make bench`: the performance benchmark (issue 6) on a throwaway PostgreSQL server.
# Installs Debian's postgresql and wrk when missing, then runs `manage.py benchmark`
# with production-like settings (DEBUG off) and prints its report on stdout.
# Extra arguments go to the command, e.g. `make bench BENCH_ARGS="--skip-load"`.
set -euo pipefail
cd "$(dirname "$0")/.."

need_debs=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_debs+=(postgresql postgresql-contrib)
command -v wrk >/dev/null 2>&1 || need_debs+=(wrk)
if [ "${#need_debs[@]}" -gt 0 ]; then
    echo "== installing Debian packages: ${need_debs[*]}" >&2
    SUDO=""; [ "$(id -u)" = "0" ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
        "${need_debs[@]}" >/dev/null
fi

BIN="${BIN:-.venv/bin}"
free_port() {
    "$BIN/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# A port of its own, so a benchmark and `make test-postgres` can run side by side.
export PGPORT="${PGPORT:-$(free_port)}"
WORK_DIR="$(mktemp -d /tmp/voion-bench.XXXXXX)"
trap 'rm -rf "$WORK_DIR"' EXIT

export DEBUG=false
export SECRET_KEY="$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(50))')"
export ALLOWED_HOSTS="127.0.0.1,localhost,testserver"
export STATIC_ROOT="$WORK_DIR/static"
# The page cache's generation stamp of this run only: tests running on the same checkout
# at the same time must not invalidate (or read) the benchmark's cached pages.
export PAGE_CACHE_STAMP_FILE="$WORK_DIR/page-cache.stamp"
export LOG_LEVEL=ERROR
# The benchmark and seed_synthetic commands live in the `perf` app, installed only here.
export PERF_TOOLS=true

# The server settings the README recommends for production: a buffer cache that holds
# the 100k-article working set (~1 GB) and no JIT compilation (it only adds latency to
# short queries).
export PG_SERVER_OPTIONS="${PG_SERVER_OPTIONS:--c shared_buffers=2GB -c effective_cache_size=8GB -c jit=off}"

bash .ci/with-postgres.sh "$BIN/python" manage.py benchmark "$@"
