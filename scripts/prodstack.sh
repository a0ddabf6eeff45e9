#!/usr/bin/env bash
# The production stack on this machine, without Docker: gunicorn (sync workers) behind
# Debian's nginx, on loopback, against PostgreSQL and Redis.
#
#   scripts/prodstack.sh start    collectstatic, migrate, start gunicorn and nginx
#   scripts/prodstack.sh stop     stop what `start` started
#   scripts/prodstack.sh status   what runs, and whether the home page answers
#   scripts/prodstack.sh check    render the nginx config and let nginx test it (no server)
#
# The same files as docker-compose.yml: deploy/gunicorn.conf.py and
# deploy/nginx.conf.template (rendered with envsubst; only the listen address, the
# upstream and the static directory differ). Everything this script writes (rendered
# config, pid files, logs, the run's settings) lives in $GSEF_RUN_DIR, /tmp/gsef-prod by
# default; nothing is installed or changed elsewhere.
#
# Environment (all optional):
#   DATABASE_URL    default postgres://postgres@127.0.0.1:5432/gsef_bench (created if missing)
#   CACHE_REDIS_URL default redis://127.0.0.1:6379/2 (its own Redis database number: the
#                   benchmark empties it)
#   GSEF_HTTP       nginx's address, default 127.0.0.1:8080
#   GSEF_APP        gunicorn's address, default 127.0.0.1:8001
#   GUNICORN_WORKERS, GUNICORN_MAX_REQUESTS, ...   see deploy/gunicorn.conf.py
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUN=${GSEF_RUN_DIR:-/tmp/gsef-prod}
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
GUNICORN=${GUNICORN:-$ROOT/.venv/bin/gunicorn}
NGINX=${NGINX:-/usr/sbin/nginx}

HTTP_ADDR=${GSEF_HTTP:-127.0.0.1:8080}
APP_ADDR=${GSEF_APP:-127.0.0.1:8001}
DB_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/gsef_bench}
REDIS=${CACHE_REDIS_URL:-redis://127.0.0.1:6379/2}

NGINX_DIR=$RUN/nginx
NGINX_CONF=$NGINX_DIR/nginx.conf
NGINX_PID=$NGINX_DIR/nginx.pid
GUNICORN_PID=$RUN/gunicorn.pid
ENV_FILE=$RUN/env

say() { printf '%s\n' "$*"; }
die() { printf 'prodstack: %s\n' "$*" >&2; exit 1; }

# The pid in a pid file, if that process is alive.
alive_pid() {
    local file=$1 pid
    [ -s "$file" ] || return 1
    pid=$(cat "$file")
    kill -0 "$pid" 2>/dev/null || return 1
    printf '%s' "$pid"
}

wait_for_http() {
    local url=$1 tries=${2:-100}
    while [ "$tries" -gt 0 ]; do
        if curl -s -o /dev/null --max-time 2 "$url"; then
            return 0
        fi
        sleep 0.1
        tries=$((tries - 1))
    done
    return 1
}

render_nginx() {
    mkdir -p "$NGINX_DIR/conf.d" "$NGINX_DIR/logs" "$NGINX_DIR/tmp" "$NGINX_DIR/cache"
    # Only our four variables are substituted; nginx's own ($host, $uri, ...) stay.
    GSEF_LISTEN=$HTTP_ADDR GSEF_UPSTREAM=$APP_ADDR GSEF_STATIC_ROOT=$ROOT/staticfiles \
        GSEF_CACHE_DIR=$NGINX_DIR/cache \
        envsubst '${GSEF_LISTEN} ${GSEF_UPSTREAM} ${GSEF_STATIC_ROOT} ${GSEF_CACHE_DIR}' \
        <"$ROOT/deploy/nginx.conf.template" >"$NGINX_DIR/conf.d/gsef.conf"

    # The outer file plays the part of the nginx image's /etc/nginx/nginx.conf: process
    # settings, then the rendered server inside `http`. Paths point into $RUN, so this
    # instance shares nothing with a system nginx.
    local user_line=""
    if [ "$(id -u)" = 0 ]; then
        user_line="user www-data;"
    fi
    cat >"$NGINX_CONF" <<EOF
# Written by scripts/prodstack.sh; edit deploy/nginx.conf.template instead.
$user_line
worker_processes auto;
pid $NGINX_PID;
error_log $NGINX_DIR/logs/error.log warn;

events {
    worker_connections 2048;
}

http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;

    # The combined format, then how long nginx and gunicorn took (seconds).
    log_format timed '\$remote_addr - \$remote_user [\$time_local] "\$request" \$status '
                     '\$body_bytes_sent "\$http_referer" "\$http_user_agent" '
                     'rt=\$request_time urt=\$upstream_response_time';
    access_log $NGINX_DIR/logs/access.log timed buffer=64k flush=5s;

    client_body_temp_path $NGINX_DIR/tmp/body;
    proxy_temp_path $NGINX_DIR/tmp/proxy;
    fastcgi_temp_path $NGINX_DIR/tmp/fastcgi;
    uwsgi_temp_path $NGINX_DIR/tmp/uwsgi;
    scgi_temp_path $NGINX_DIR/tmp/scgi;

    include $NGINX_DIR/conf.d/*.conf;
}
EOF
}

nginx_cmd() {
    "$NGINX" -p "$NGINX_DIR" -c "$NGINX_CONF" -e "$NGINX_DIR/logs/error.log" "$@"
}

write_settings() {
    local secret
    secret=$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(50))')
    umask 077
    # KEY=value lines, readable by the shell and by scripts/bench_http.py.
    cat >"$ENV_FILE" <<EOF
DEBUG=false
SECRET_KEY=$secret
DATABASE_URL=$DB_URL
REDIS_URL=$REDIS
ALLOWED_HOSTS=127.0.0.1,localhost
CSRF_TRUSTED_ORIGINS=http://$HTTP_ADDR,http://localhost:${HTTP_ADDR##*:}
BEHIND_PROXY=true
SECURE_SSL_REDIRECT=false
GSEF_HTTP=$HTTP_ADDR
GSEF_APP=$APP_ADDR
API_THROTTLE_ANON=off
EOF
    umask 022
    # API_THROTTLE_ANON is off: the benchmark is one client asking thousands of times.
    # SECURE_SSL_REDIRECT is off because this stack speaks plain HTTP on loopback and has no
    # TLS terminator in front to send X-Forwarded-Proto: https; with it on, every page
    # would redirect to an https:// address nobody serves. Any real deployment keeps it
    # on (docker-compose.yml does by default).
}

load_settings() {
    set -a
    # shellcheck disable=SC1090
    . "$ENV_FILE"
    set +a
}

ensure_database() {
    local dbname base
    dbname=${DB_URL##*/}
    dbname=${dbname%%\?*}
    base=${DB_URL%/*}
    case $DB_URL in
    postgres://* | postgresql://*) ;;
    *) return 0 ;;
    esac
    pg_isready -q -d "$base/postgres" || die "PostgreSQL does not answer at $base"
    if [ -z "$(psql -qAt -d "$base/postgres" -c "SELECT 1 FROM pg_database WHERE datname = '$dbname'")" ]; then
        say "creating database $dbname"
        psql -q -d "$base/postgres" -c "CREATE DATABASE \"$dbname\""
    fi
}

ensure_redis() {
    if redis-cli -u "$REDIS" ping >/dev/null 2>&1; then
        return 0
    fi
    # No Redis on that address: start one under $RUN (stopped again by `stop`).
    local port=${REDIS##*:}
    port=${port%%/*}
    say "starting redis-server on 127.0.0.1:$port"
    redis-server --bind 127.0.0.1 --port "$port" --daemonize yes \
        --pidfile "$RUN/redis.pid" --logfile "$RUN/redis.log" --dir "$RUN" \
        --save '' --appendonly no --maxmemory 256mb --maxmemory-policy allkeys-lru
    local tries=50
    until redis-cli -u "$REDIS" ping >/dev/null 2>&1; do
        tries=$((tries - 1))
        [ "$tries" -gt 0 ] || die "redis-server did not start (see $RUN/redis.log)"
        sleep 0.1
    done
}

start() {
    if alive_pid "$GUNICORN_PID" >/dev/null || alive_pid "$NGINX_PID" >/dev/null; then
        die "already running (scripts/prodstack.sh status; stop it first)"
    fi
    mkdir -p "$RUN"
    chmod 755 "$RUN"
    write_settings
    load_settings
    ensure_database
    ensure_redis

    cd "$ROOT"
    say "collectstatic -> $ROOT/staticfiles"
    "$PYTHON" manage.py collectstatic --noinput -v0
    say "migrate ($DATABASE_URL)"
    "$PYTHON" manage.py migrate --noinput -v0
    say "citation entries (kept in the cache: a second start only reads them)"
    "$PYTHON" manage.py prepare_citations

    say "gunicorn on $APP_ADDR"
    GUNICORN_BIND=$APP_ADDR GUNICORN_PID_FILE=$GUNICORN_PID \
        GUNICORN_ERROR_LOG=$RUN/gunicorn.log \
        "$GUNICORN" -c "$ROOT/deploy/gunicorn.conf.py" --daemon
    wait_for_http "http://$APP_ADDR/robots.txt" 300 ||
        die "gunicorn did not answer on $APP_ADDR (see $RUN/gunicorn.log)"

    say "nginx on $HTTP_ADDR"
    # A new stack starts with an empty edge cache: pages kept by the last one were rendered
    # by other code (and a benchmark's cold addresses must be new to nginx too).
    rm -rf "$NGINX_DIR/cache"
    render_nginx
    nginx_cmd -t -q || die "nginx rejected $NGINX_CONF"
    nginx_cmd
    wait_for_http "http://$HTTP_ADDR/robots.txt" 50 ||
        die "nginx did not answer on $HTTP_ADDR (see $NGINX_DIR/logs/error.log)"
    status
}

stop_pid() {
    local name=$1 file=$2 signal=$3 pid tries=300
    if ! pid=$(alive_pid "$file"); then
        rm -f "$file"
        return 0
    fi
    kill -"$signal" "$pid"
    while kill -0 "$pid" 2>/dev/null && [ "$tries" -gt 0 ]; do
        sleep 0.1
        tries=$((tries - 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
        say "$name ($pid) still running after 30 s; sending KILL"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$file"
    say "stopped $name ($pid)"
}

stop() {
    # nginx first (QUIT: finish the requests in flight), then gunicorn (TERM: graceful).
    stop_pid nginx "$NGINX_PID" QUIT
    stop_pid gunicorn "$GUNICORN_PID" TERM
    stop_pid redis "$RUN/redis.pid" TERM
}

status() {
    local pid code running=0
    if pid=$(alive_pid "$NGINX_PID"); then
        say "nginx     running, master $pid, http://$HTTP_ADDR/ (logs: $NGINX_DIR/logs/)"
        running=$((running + 1))
    else
        say "nginx     stopped"
    fi
    if pid=$(alive_pid "$GUNICORN_PID"); then
        say "gunicorn  running, master $pid, workers $(pgrep -P "$pid" | tr '\n' ' ')(log: $RUN/gunicorn.log)"
        running=$((running + 1))
    else
        say "gunicorn  stopped"
    fi
    if pid=$(alive_pid "$RUN/redis.pid"); then
        say "redis     running, ours, pid $pid"
    fi
    if [ "$running" -gt 0 ]; then
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://$HTTP_ADDR/en/" || true)
        say "GET http://$HTTP_ADDR/en/ -> ${code:-no answer}"
    fi
    [ "$running" -eq 2 ]
}

check() {
    render_nginx
    nginx_cmd -t
}

case ${1:-} in
start) start ;;
stop) stop ;;
status) status ;;
check) check ;;
*)
    say "usage: $0 start|stop|status|check" >&2
    exit 2
    ;;
esac
