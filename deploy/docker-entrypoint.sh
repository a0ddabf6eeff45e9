#!/bin/sh
# Container entry point for the web service.
#
# With no arguments: bring the database schema up to date, hand the static files to nginx,
# then hand the process over to gunicorn (exec, so gunicorn is PID 1 and receives the stop
# signal directly). With arguments: run them instead, e.g.
#   docker compose run --rm web python manage.py createsuperuser
set -eu

if [ "$#" -gt 0 ]; then
    exec "$@"
fi

python manage.py migrate --noinput
# The citations' entries, rendered once for every kind of session rather than by the first
# visitors (seconds; those kept already are only read). A failure here must not stop the site.
python manage.py prepare_citations || echo "prepare_citations failed: the first pages render them"

# nginx serves /static/ from a volume shared with this container. Copy this image's files
# over the old ones: names with a content hash never collide, and pages still open in a
# browser from the previous release keep finding their files.
if [ -d /srv/static ] && [ -w /srv/static ]; then
    cp -R /app/staticfiles/. /srv/static/
fi

# Workers, timeouts, recycling: deploy/gunicorn.conf.py (GUNICORN_* variables override).
exec gunicorn --config /app/deploy/gunicorn.conf.py gsef.wsgi:application
