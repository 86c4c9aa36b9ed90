#!/usr/bin/env bash
# Backup round-trip: dump, restore into a fresh database, compare.
#
# On a throwaway PostgreSQL (.ci/with-postgres.sh) it migrates and loads the content,
# adds an image and a document to the media library, backs the database up with pg_dump
# (custom format, as documented in docs/operations.md) and the files with backup_media,
# restores the dump into a new, empty database and the files into an empty folder, and
# compares the two: per table the row count and a hash of every row, the sequences, the
# HTML of a set of pages and the bytes of each file, as served (.ci/site_digest.py).
# Any difference fails it.
#
#   bash .ci/backup-roundtrip.sh            # about 20 s
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${PGDATA_DIR:-}" ]; then
    export PGPORT="${BACKUP_PGPORT:-5435}"
    exec bash .ci/with-postgres.sh bash "$0" "$@"
fi

PY="${PYTHON:-.venv/bin/python}"
WORK="$(mktemp -d /tmp/voion-backup.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

export DEBUG=false
export SECRET_KEY="backup-check-only-$(date +%s%N)-not-a-production-key-0123456789"
export ALLOWED_HOSTS=localhost
export STATIC_ROOT="$WORK/static"
export PAGE_CACHE_SECONDS=0
export LOG_LEVEL=ERROR
ORIGINAL_URL="$DATABASE_URL"
RESTORED_URL="${DATABASE_URL%/*}/voion_restored"

echo "== loading the content into the original database"
"$PY" manage.py collectstatic --noinput -v0 &
STATIC_PID=$!
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py load_content >/dev/null
wait "$STATIC_PID"
export MEDIA_ROOT="$WORK/media"
echo "== adding media: an image in an article's text, a logo and a PDF on an instrument"
"$PY" .ci/add_sample_media.py

echo "== backup: pg_dump"
"$PGBIN/pg_dump" --format=custom --no-owner --no-privileges \
    --file="$WORK/voion.dump" --dbname="$ORIGINAL_URL"
echo "   $(du -h "$WORK/voion.dump" | cut -f1) in $WORK/voion.dump"

echo "== backup: the media library's files"
"$PY" manage.py backup_media "$WORK/media.tar.gz"

echo "== restore: pg_restore into a fresh database"
"$PGBIN/psql" --quiet --no-psqlrc -v ON_ERROR_STOP=1 --dbname="$ORIGINAL_URL" \
    -c "CREATE DATABASE voion_restored;"
"$PGBIN/pg_restore" --no-owner --no-privileges --exit-on-error \
    --dbname="$RESTORED_URL" "$WORK/voion.dump"

echo "== restore: the media files into an empty folder"
DATABASE_URL="$RESTORED_URL" MEDIA_ROOT="$WORK/media-restored" \
    "$PY" manage.py restore_media "$WORK/media.tar.gz"

echo "== comparing tables, sequences, pages and files"
DATABASE_URL="$ORIGINAL_URL" "$PY" .ci/site_digest.py >"$WORK/original.json"
DATABASE_URL="$RESTORED_URL" MEDIA_ROOT="$WORK/media-restored" \
    "$PY" .ci/site_digest.py >"$WORK/restored.json"
"$PY" - "$WORK/original.json" "$WORK/restored.json" <<'EOF'
import json
import sys

original, restored = (json.load(open(path)) for path in sys.argv[1:3])
tables = original["tables"]
rows = sum(table["rows"] for table in tables.values())
print(f"   {len(tables)} tables, {rows} rows, {len(original['sequences'])} sequences, "
      f"{len(original['pages'])} pages")
for url, page in original["pages"].items():
    print(f"   {page['status']} {page['bytes']:>7} bytes  {url}")
if original != restored:
    for part in ("tables", "sequences", "pages"):
        for key in sorted(set(original[part]) | set(restored[part])):
            if original[part].get(key) != restored[part].get(key):
                print(f"DIFFERENT {part} {key}: {original[part].get(key)} != {restored[part].get(key)}")
    sys.exit("FAILED: the restored database differs from the original")
bad = [url for url, page in original["pages"].items() if page["status"] != 200]
if bad:
    sys.exit(f"FAILED: pages did not render: {bad}")
if rows == 0:
    sys.exit("FAILED: nothing was loaded")
print("OK: the restore has the same rows, sequences and pages as the original")
EOF
