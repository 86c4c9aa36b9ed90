#!/usr/bin/env bash
# Several app servers, as production runs them behind a load balancer: one PostgreSQL
# (.ci/with-postgres.sh), one Redis, and two gunicorn instances (A and B) on different
# ports with production settings (DEBUG off, CACHE_URL, the page cache on).
# .ci/several_servers_check.py then checks that an editor's save through A is served
# fresh by B at once, that the page cache is shared (a page A rendered is a hit on B),
# and that stopping Redis leaves pages at 200 (uncached) and caching comes back by
# itself when Redis does, without restarting gunicorn.
#
#   bash .ci/several-servers.sh            # about 30 s
set -euo pipefail
cd "$(dirname "$0")/.."

PY="${PYTHON:-.venv/bin/python}"
free_port() {
    "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
if [ -z "${PGDATA_DIR:-}" ]; then
    export PGPORT="${SERVERS_PGPORT:-$(free_port)}"
    exec bash .ci/with-postgres.sh bash "$0" "$@"
fi

BIN="$(dirname "$PY")"
REDIS_PORT="$(free_port)"
PORT_A="$(free_port)"
PORT_B="$(free_port)"
WORK="$(mktemp -d /tmp/voion-servers.XXXXXX)"
PIDS=()

cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

export DEBUG=false
export SECRET_KEY="servers-only-$(date +%s%N)-not-a-production-key-0123456789abcdef"
export ALLOWED_HOSTS=127.0.0.1
export SECURE_COOKIES=false     # plain http on loopback: the admin session cookie must travel
export STATIC_ROOT="$WORK/static"
export CACHE_URL="redis://127.0.0.1:$REDIS_PORT/0"
export PAGE_CACHE_SECONDS=600
export FEEDBACK_RATE_LIMIT=4    # counted in the database: the limit holds across servers
export LOG_LEVEL=ERROR
export REDIS_PORT

echo "== Redis on 127.0.0.1:$REDIS_PORT"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --logfile "$WORK/redis.log" >/dev/null

echo "== preparing the database and static files"
"$PY" manage.py collectstatic --noinput -v0 &
STATIC_PID=$!
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py load_content >/dev/null
DJANGO_SUPERUSER_PASSWORD=several-servers-check "$PY" manage.py createsuperuser \
    --noinput --username redacteur --email redacteur@example.org >/dev/null
wait "$STATIC_PID"

for server in "A $PORT_A" "B $PORT_B"; do
    set -- $server
    echo "== server $1: gunicorn (2 workers) on 127.0.0.1:$2"
    "$BIN/gunicorn" voion_portal.wsgi --bind "127.0.0.1:$2" --workers 2 \
        --log-level warning --error-logfile "$WORK/gunicorn-$1.log" 2>>"$WORK/gunicorn-$1.log" &
    PIDS+=($!)
done

if ! "$PY" .ci/several_servers_check.py "http://127.0.0.1:$PORT_A" "http://127.0.0.1:$PORT_B"; then
    for name in A B; do echo "-- gunicorn log $name:"; tail -n 30 "$WORK/gunicorn-$name.log" || true; done
    exit 1
fi
