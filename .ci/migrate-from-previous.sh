#!/usr/bin/env bash
# Migrations are history: a database made by the previous main must migrate with this
# checkout and end up like a fresh one. On SQLite and on a throwaway PostgreSQL
# (.ci/with-postgres.sh, which reads PGPORT), this
#   1. migrates a fresh database with the previous main (PREVIOUS, default b039260, the
#      last commit before the restructuring) and loads the content with its code,
#   2. migrates that database with this checkout (then `migrate --check` and
#      `makemigrations --check --dry-run`),
#   3. migrates a fresh database with this checkout, and checks that both end with the
#      same schema and the same Redactie rights, that no right the previous main gave is
#      lost, and that the upgraded database serves /instrumenten/ and a search.
# Exits non-zero on the first failure, with the end of its output.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
PY="$ROOT/.venv/bin/python"
PREVIOUS="${PREVIOUS:-b039260}"
export DEBUG=true PAGE_CACHE_SECONDS=0

# The Redactie group's rights, one "app_label.codename" a line, read with SQL so it needs
# no Django start-up and means the same for every tree.
PERMS_SQL="SELECT ct.app_label || '.' || p.codename FROM auth_group g
    JOIN auth_group_permissions gp ON gp.group_id = g.id
    JOIN auth_permission p ON p.id = gp.permission_id
    JOIN django_content_type ct ON ct.id = p.content_type_id WHERE g.name = 'Redactie'"

# This checkout on the upgraded database, in one process (each Django start-up costs
# seconds): nothing left to migrate, no model change without a migration, and what a
# visitor sees: the listing with the loaded instruments, and a search for a word of one
# of their titles (on PostgreSQL: the stored vectors).
LANDED_PY='
from kennisbank.models import Artikel, Stap
marked = Artikel.objects.filter(door_redactie=True).count()
assert marked == Artikel.objects.count(), f"only {marked} articles updated"
assert Stap.objects.get(slug="overzicht-alle-tools").bijlage
print(f"load_content: the corrected files reached all {marked} articles and the SHRM appendix")
'
CHECKS_PY='
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils.html import escape

call_command("migrate", check_unapplied=True, verbosity=0)
call_command("makemigrations", check=True, dry_run=True, verbosity=0)
with connection.cursor() as cursor:
    cursor.execute(
        "SELECT titel FROM instrumenten_instrument WHERE status = %s ORDER BY titel",
        ["gepubliceerd"],
    )
    titles = [row[0] for row in cursor.fetchall()]
assert titles, "no published instruments: load_content loaded nothing"
client = Client(HTTP_HOST="localhost")
response = client.get("/instrumenten/")
assert response.status_code == 200, f"/instrumenten/: {response.status_code}"
page = response.content.decode()
assert any(escape(title) in page for title in titles), "no instrument title on /instrumenten/"
word = max(titles[0].split(), key=len)
response = client.get("/zoeken/", {"q": word})
assert response.status_code == 200, f"/zoeken/?q={word}: {response.status_code}"
print(f"/instrumenten/ and /zoeken/?q={word}: 200 ({len(titles)} published instruments)")
'

fail() {
    echo "FAILED: $1" >&2
    exit 1
}

# A failed command: the end of what it said, then fail.
fail_log() {
    tail -n 40 "$LOG" >&2
    fail "$1"
}

# run DIR DATABASE_URL COMMAND...: a command in the tree DIR against one database.
run() {
    local dir="$1" url="$2"
    shift 2
    echo "   $(basename "$dir"): $*" >>"$LOG"
    (cd "$dir" && DATABASE_URL="$url" "$@") >>"$LOG" 2>&1 || fail_log "$* (in $dir)"
}

# check BACKEND UPGRADED_URL FRESH_URL: steps 1-3 on one backend; `perms URL` prints the
# Redactie rights, the caller compares the schemas.
check() {
    local backend="$1" upgraded="$2" fresh="$3" out="$TMP/$1"
    LOG="$out.log"
    : >"$LOG"
    echo "-- $backend: previous main ($PREVIOUS): fresh migrate and load_content"
    run "$TMP/previous" "$upgraded" "$PY" manage.py migrate --noinput -v 0
    run "$TMP/previous" "$upgraded" "$PY" manage.py load_content
    perms "$upgraded" >"$out.previous.perms" || fail "the previous main's Redactie group"

    echo "-- $backend: this checkout migrates that database"
    run "$ROOT" "$upgraded" "$PY" manage.py migrate --noinput -v 0
    perms "$upgraded" >"$out.upgraded.perms" || fail "the upgraded database's Redactie group"
    (cd "$ROOT" && DATABASE_URL="$upgraded" "$PY" manage.py shell -v 0 -c "$CHECKS_PY") \
        2>>"$LOG" | sed 's/^/   /' || fail_log "$backend: checks on the upgraded database"

    # Corrected content files must reach every item the previous loader wrote and no
    # editor touched, although that loader wrote fewer fields (FIELDS_LOADED_SINCE).
    run "$ROOT" "$upgraded" "$PY" manage.py load_content
    (cd "$ROOT" && DATABASE_URL="$upgraded" "$PY" manage.py shell -v 0 -c "$LANDED_PY") \
        2>>"$LOG" | sed 's/^/   /' || fail_log "$backend: the corrected content did not land"

    echo "-- $backend: this checkout migrates a fresh database"
    run "$ROOT" "$fresh" "$PY" manage.py migrate --noinput -v 0
    perms "$fresh" >"$out.fresh.perms" || fail "the fresh database's Redactie group"

    [ -s "$out.previous.perms" ] || fail "$backend: the previous main's Redactie group is empty"
    # The upgrade gives editors exactly what a fresh database gives them (the policy of
    # this checkout), and keeps every right they had: new models may only add rights.
    diff -u "$out.fresh.perms" "$out.upgraded.perms" >&2 ||
        fail "$backend: Redactie rights after the upgrade differ from a fresh database's"
    local lost
    lost="$(LC_ALL=C comm -23 "$out.previous.perms" "$out.upgraded.perms")"
    [ -z "$lost" ] || fail "$backend: the upgrade took Redactie rights away: $lost"
    echo "   Redactie: $(wc -l <"$out.upgraded.perms") permissions after the upgrade, as on" \
        "a fresh database; all $(wc -l <"$out.previous.perms") of the previous main kept," \
        "$(LC_ALL=C comm -13 "$out.previous.perms" "$out.upgraded.perms" | wc -l) added"
}

# compare_schemas BACKEND: the dumps of the upgraded and the fresh database are equal.
compare_schemas() {
    diff -u "$TMP/$1.upgraded.schema" "$TMP/$1.fresh.schema" >&2 ||
        fail "$1: the upgraded database's schema differs from a fresh one's"
    echo "   schema: the upgraded and the fresh database are identical"
}

if [ "${1:-}" = "--postgres" ]; then
    # Second half, inside .ci/with-postgres.sh: DATABASE_URL is its database.
    TMP="$2"
    LOG="$TMP/postgresql.log"
    export PAGE_CACHE_STAMP_FILE="$TMP/page-cache.stamp"
    export PGPASSWORD=voion
    fresh_url="${DATABASE_URL%/*}/voion_fresh"
    perms() {
        "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U voion -d "${1##*/}" -At -c "$PERMS_SQL" |
            LC_ALL=C sort
    }
    "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U voion -d voion -q -v ON_ERROR_STOP=1 \
        -c "CREATE DATABASE voion_fresh" || fail "CREATE DATABASE voion_fresh"
    check postgresql "$DATABASE_URL" "$fresh_url"
    for which in upgraded:voion fresh:voion_fresh; do
        # \restrict lines carry a random key (newer pg_dump): not part of the schema.
        "$PGBIN/pg_dump" -h 127.0.0.1 -p "$PGPORT" -U voion -d "${which#*:}" \
            --schema-only --no-owner --no-privileges | grep -v '^\\\(un\)\?restrict ' \
            >"$TMP/postgresql.${which%%:*}.schema" || fail "pg_dump ${which#*:}"
    done
    compare_schemas postgresql
    exit 0
fi

TMP="$(mktemp -d /tmp/voion-migrate.XXXXXX)"
trap 'rm -rf "$TMP"' EXIT
LOG="$TMP/export.log"
export PAGE_CACHE_STAMP_FILE="$TMP/page-cache.stamp"
mkdir "$TMP/previous"
if ! git cat-file -e "$PREVIOUS^{commit}" 2>/dev/null; then
    # A shallow clone lacks the history this check needs; say so plainly instead of
    # failing the whole run on something the code under test did not cause.
    echo "!! $PREVIOUS is not in this clone (shallow?): migrating from it was NOT checked" >&2
    exit 0
fi
git archive "$PREVIOUS" | tar -x -C "$TMP/previous" || fail "git archive $PREVIOUS"

perms() {
    "$PY" -c 'import sqlite3, sys
for (row,) in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]):
    print(row)' "${1#sqlite:///}" "$PERMS_SQL" | LC_ALL=C sort
}

check sqlite "sqlite:///$TMP/upgraded.sqlite3" "sqlite:///$TMP/fresh.sqlite3"
for which in upgraded fresh; do
    "$PY" - "$TMP/$which.sqlite3" >"$TMP/sqlite.$which.schema" <<'EOF' || fail "schema of $which"
import sqlite3
import sys

rows = sqlite3.connect(sys.argv[1]).execute(
    "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
)
for row in rows:
    print(*row, sep=" | ")
EOF
done
compare_schemas sqlite

bash .ci/with-postgres.sh bash "$ROOT/.ci/migrate-from-previous.sh" --postgres "$TMP"
echo "== migrating from $PREVIOUS: fine on SQLite and PostgreSQL"
