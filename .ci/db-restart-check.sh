#!/usr/bin/env bash
# Fault drill: restart PostgreSQL under traffic and count failed requests.
#
# On a throwaway PostgreSQL (.ci/with-postgres.sh) it migrates, loads the content, serves
# the portal with gunicorn (2 workers, loopback) and requests pages continuously while
# PostgreSQL is stopped for a few seconds and started again. gunicorn is not restarted.
# It prints the requests before, during and after the outage and fails on any 500, on
# anything but a page or the friendly 503 during the outage, and on any failed request
# once the database is back.
#
#   bash .ci/db-restart-check.sh            # about 30 s
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${PGDATA_DIR:-}" ]; then
    # Not inside with-postgres.sh yet: start the throwaway server, then run again inside it.
    export PGPORT="${DRILL_PGPORT:-5434}"
    exec bash .ci/with-postgres.sh bash "$0" "$@"
fi

PY="${PYTHON:-.venv/bin/python}"
BIN="$(dirname "$PY")"
APP_PORT="${DRILL_APP_PORT:-8734}"
OUTAGE_SECONDS="${DRILL_OUTAGE_SECONDS:-3}"
WORK="$(mktemp -d /tmp/voion-drill.XXXXXX)"
GUNICORN_PID=""
LOAD_PID=""

as_pg() {
    if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
cleanup() {
    touch "$WORK/stop"
    if [ -n "$LOAD_PID" ]; then kill "$LOAD_PID" 2>/dev/null || true; fi
    if [ -n "$GUNICORN_PID" ]; then kill "$GUNICORN_PID" 2>/dev/null || true; wait "$GUNICORN_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

export DEBUG=false
export SECRET_KEY="drill-only-$(date +%s%N)-not-a-production-key-0123456789abcdef"
export ALLOWED_HOSTS=127.0.0.1
export STATIC_ROOT="$WORK/static"
export CONN_MAX_AGE=60        # persistent connections, as in production; health-checked
export PAGE_CACHE_SECONDS=0   # every request reaches the database (no page cache)
export LOG_LEVEL=ERROR

echo "== preparing the database and static files"
"$PY" manage.py collectstatic --noinput -v0 &
STATIC_PID=$!
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py load_content >/dev/null
wait "$STATIC_PID"

echo "== serving with gunicorn (2 workers) on 127.0.0.1:$APP_PORT"
"$BIN/gunicorn" voion_portal.wsgi --bind "127.0.0.1:$APP_PORT" --workers 2 \
    --log-level warning --error-logfile "$WORK/gunicorn.log" 2>>"$WORK/gunicorn.log" &
GUNICORN_PID=$!
"$PY" .ci/db_restart_load.py wait "http://127.0.0.1:$APP_PORT"

"$PY" .ci/db_restart_load.py load "http://127.0.0.1:$APP_PORT" "$WORK/requests.log" "$WORK/stop" 4 &
LOAD_PID=$!
sleep 2

now() { "$PY" -c 'import time; print(f"{time.time():.3f}")'; }
echo "== stopping PostgreSQL for ${OUTAGE_SECONDS} s under load"
OUTAGE_START="$(now)"
as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR/data" -m fast -w stop >/dev/null
sleep "$OUTAGE_SECONDS"
as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR/data" -l "$PGDATA_DIR/server.log" -w \
    -o "-p $PGPORT -k $PGDATA_DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
OUTAGE_END="$(now)"
echo "== PostgreSQL is back; gunicorn keeps running"
sleep 4
touch "$WORK/stop"
wait "$LOAD_PID"
LOAD_PID=""

echo "== requests"
if ! "$PY" .ci/db_restart_load.py report "$WORK/requests.log" "$OUTAGE_START" "$OUTAGE_END"; then
    echo "-- gunicorn log:"; tail -n 40 "$WORK/gunicorn.log" || true
    exit 1
fi
