#!/usr/bin/env bash
# Back up the PostgreSQL database named by DATABASE_URL into a timestamped pg_dump file
# (custom format: compressed, restorable table by table with pg_restore), keeping the newest N.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: DATABASE_URL=postgres://USER@HOST:PORT/NAME scripts/backup.sh [--dir DIR] [--keep N]

Writes DIR/NAME-YYYYmmddTHHMMSSZ.dump with pg_dump --format=custom, checks that pg_restore
can read it, then deletes the oldest NAME-*.dump files in DIR beyond the newest N.
Prints the new file's path.

  --dir DIR   where backups go (default: $BACKUP_DIR, else ./backups)
  --keep N    how many backups of this database to keep (default: $BACKUP_KEEP, else 14)

Restore with scripts/restore.sh.
EOF
}

fail() {
    echo "backup.sh: $*" >&2
    exit 2
}

dir=${BACKUP_DIR:-backups}
keep=${BACKUP_KEEP:-14}
while [[ $# -gt 0 ]]; do
    case $1 in
        --dir) [[ $# -ge 2 ]] || fail "--dir needs a directory"; dir=$2; shift 2 ;;
        --keep) [[ $# -ge 2 ]] || fail "--keep needs a number"; keep=$2; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; fail "unknown argument: $1" ;;
    esac
done

[[ -n ${DATABASE_URL:-} ]] || { usage >&2; fail "DATABASE_URL is not set"; }
[[ $DATABASE_URL =~ ^postgres(ql)?:// ]] || fail "DATABASE_URL is not a PostgreSQL URL (postgres://...)"
[[ $keep =~ ^[1-9][0-9]*$ ]] || fail "--keep must be a whole number of at least 1, not '$keep'"
command -v pg_dump >/dev/null || fail "pg_dump is not installed (Debian: apt-get install postgresql-client)"

# The database's name: the URL's path, without a query string.
base=${DATABASE_URL%%\?*}
name=${base##*/}
[[ $name =~ ^[A-Za-z0-9_.-]+$ ]] || fail "cannot read a database name from DATABASE_URL"

mkdir -p "$dir"
umask 077 # a dump holds password hashes and e-mail addresses
file="$dir/$name-$(date -u +%Y%m%dT%H%M%SZ).dump"
while [[ -e $file ]]; do # a backup made within the same second: wait for the next one
    sleep 1
    file="$dir/$name-$(date -u +%Y%m%dT%H%M%SZ).dump"
done

partial="$file.partial"
trap 'rm -f "$partial"' EXIT
pg_dump --format=custom --no-owner --no-privileges --file="$partial" --dbname="$DATABASE_URL"
pg_restore --list "$partial" >/dev/null
mv "$partial" "$file"

# Keep the newest $keep; the names sort by time.
shopt -s nullglob
export LC_ALL=C
backups=("$dir/$name"-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]T*.dump)
excess=$((${#backups[@]} - keep))
if ((excess > 0)); then
    rm -f -- "${backups[@]:0:excess}"
fi

echo "$file"
