#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on loopback, run the given command with
# DATABASE_URL pointing at it, then stop the server. initdb refuses to run as
# root, so the server runs as the `postgres` user when we are root.
# PG_SERVER_OPTIONS adds server settings, e.g. "-c shared_buffers=2GB" for the benchmark.
set -euo pipefail

PGBIN="${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)}"
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
    echo "PostgreSQL server binaries not found; install Debian's postgresql package." >&2
    exit 1
fi
PGPORT="${PGPORT:-5433}"
PGDATA_DIR="$(mktemp -d /tmp/voion-pg.XXXXXX)"

as_pg() {
    if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "$(id -u)" = "0" ]; then chown postgres:postgres "$PGDATA_DIR"; fi
cleanup() {
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PGDATA_DIR"
}
trap cleanup EXIT

as_pg "$PGBIN/initdb" -D "$PGDATA_DIR/data" -E UTF8 --locale=C.UTF-8 -U postgres >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR/data" -l "$PGDATA_DIR/server.log" -w \
    -o "-p $PGPORT -k $PGDATA_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off ${PG_SERVER_OPTIONS:-}" \
    start >/dev/null
as_pg "$PGBIN/psql" -h "$PGDATA_DIR" -p "$PGPORT" -U postgres -q -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE voion LOGIN CREATEDB PASSWORD 'voion';" \
    -c "CREATE DATABASE voion OWNER voion;"

export DATABASE_URL="postgres://voion:voion@127.0.0.1:$PGPORT/voion"
export PGDATA_DIR PGBIN PGPORT
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') running on 127.0.0.1:$PGPORT"
"$@"
