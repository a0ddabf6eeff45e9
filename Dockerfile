# GSEF Knowledge Base: the Django application served by gunicorn.
# nginx (see deploy/nginx.conf.template and docker-compose.yml) sits in front of it.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# The application runs as an unprivileged account; the code it runs belongs to root
# and is only readable by it.
RUN groupadd --system gsef \
 && useradd --system --gid gsef --home-dir /app --no-create-home --shell /usr/sbin/nologin gsef

WORKDIR /app

# Project metadata first, then the source the package build and the site need.
COPY pyproject.toml README.md ./
COPY manage.py ./
COPY gsef/ ./gsef/
COPY sessions/ ./sessions/
COPY speakers/ ./speakers/
COPY templates/ ./templates/
COPY static/ ./static/
COPY locale/ ./locale/

# Installs the dependencies declared in pyproject.toml (gunicorn among them).
RUN pip install --no-cache-dir . \
 && rm -rf build ./*.egg-info

# Collect static files into STATIC_ROOT (/app/staticfiles) for WhiteNoise. The settings
# want a key and a database URL to import; these two values exist for this step alone
# and never reach the final image's environment.
RUN SECRET_KEY=build-only-not-secret \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --noinput \
 && rm -f /tmp/build.sqlite3

# gunicorn's settings, the same file scripts/prodstack.sh uses outside Docker.
COPY deploy/gunicorn.conf.py ./deploy/gunicorn.conf.py
COPY deploy/docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
RUN chmod 0755 /usr/local/bin/docker-entrypoint.sh

# Where the entry point copies the static files for nginx (a volume shared with it; a new
# named volume starts with this directory's owner, so the application may write there).
RUN mkdir -p /srv/static && chown gsef:gsef /srv/static

USER gsef

EXPOSE 8000

ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
