#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into a PostgreSQL database.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: scripts/restore.sh [--force] BACKUP.dump postgres://USER@HOST:PORT/NAME

Restores BACKUP.dump (pg_dump custom format, from scripts/backup.sh) into database NAME,
in one transaction: all of it or nothing.

  - NAME does not exist: it is created (on the same server, through its "postgres" database).
  - NAME exists and has no tables: the backup is restored into it.
  - NAME has tables: refused, unless --force, which drops every object the backup holds
    before restoring it (objects the backup does not hold are left alone; for an exact copy,
    restore into a new database and switch DATABASE_URL to it).

Stop the application (or point it elsewhere) before restoring over its database.
EOF
}

fail() {
    echo "restore.sh: $*" >&2
    exit 2
}

force=0
positional=()
while [[ $# -gt 0 ]]; do
    case $1 in
        --force) force=1; shift ;;
        -h | --help) usage; exit 0 ;;
        -*) usage >&2; fail "unknown option: $1" ;;
        *) positional+=("$1"); shift ;;
    esac
done
[[ ${#positional[@]} -eq 2 ]] || { usage >&2; fail "expected a backup file and a database URL"; }
file=${positional[0]}
url=${positional[1]}

[[ -f $file && -r $file ]] || fail "no readable backup file: $file"
[[ $url =~ ^postgres(ql)?:// ]] || fail "not a PostgreSQL URL (postgres://...): $url"
command -v pg_restore >/dev/null || fail "pg_restore is not installed (Debian: apt-get install postgresql-client)"
command -v psql >/dev/null || fail "psql is not installed (Debian: apt-get install postgresql-client)"
pg_restore --list "$file" >/dev/null 2>&1 || fail "$file is not a pg_dump custom-format backup"

base=${url%%\?*}
query=${url#"$base"}
name=${base##*/}
[[ $name =~ ^[A-Za-z0-9_.-]+$ ]] || fail "cannot read a database name from $url"
[[ $name != postgres && $name != template0 && $name != template1 ]] || fail "refusing to restore into $name"
admin_url="${base%/*}/postgres$query"

exists=$(psql "$admin_url" -XtAc "SELECT 1 FROM pg_database WHERE datname = '$name'")
if [[ -z $exists ]]; then
    echo "Creating database $name"
    psql "$admin_url" -Xq -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$name\""
    clean=()
else
    tables=$(psql "$url" -XtAc "SELECT count(*) FROM pg_tables
        WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
    if ((tables > 0)); then
        ((force)) || fail "database $name already has $tables tables; add --force to restore over them"
        echo "Dropping the objects of the backup from $name (--force)"
        clean=(--clean --if-exists)
    else
        clean=()
    fi
fi

pg_restore "${clean[@]}" --no-owner --no-privileges --single-transaction --exit-on-error \
    --dbname="$url" "$file"
echo "Restored $file into $name"
