#!/bin/sh
# Container entry point for the web service.
#
# With no arguments: bring the database schema up to date, then hand the process over
# to gunicorn (exec, so gunicorn is PID 1 and receives the stop signal directly).
# With arguments: run them instead, e.g.
#   docker compose run --rm web python manage.py createsuperuser
set -eu

if [ "$#" -gt 0 ]; then
    exec "$@"
fi

python manage.py migrate --noinput

exec gunicorn gsef.wsgi:application \
    --bind 0.0.0.0:8000 \
    --workers "${GUNICORN_WORKERS:-3}" \
    --worker-class sync \
    --access-logfile - \
    --forwarded-allow-ips '*'
