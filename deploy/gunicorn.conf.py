"""gunicorn settings, shared by the container (deploy/docker-entrypoint.sh) and the local
production stack (scripts/prodstack.sh). Environment variables override the defaults.

Sync workers: one request at a time per process. That is safe only because nginx sits in
front and buffers both directions, so a worker never waits on a slow client (see
deploy/nginx.conf.template).
"""

import gc
import os


def _cores():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


wsgi_app = "gsef.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Connections waiting for a free worker; nginx gives up on a connect after 5 s anyway.
backlog = 512

worker_class = "sync"
# The usual starting point for sync workers: two per core while the other waits on
# PostgreSQL or Redis, plus one.
workers = _int("GUNICORN_WORKERS", 2 * _cores() + 1)

# Recycle each worker after about this many requests, as a guard against slow leaks in
# the application or a library. The jitter spreads the restarts so the workers never all
# restart at once. 0 turns recycling off.
max_requests = _int("GUNICORN_MAX_REQUESTS", 10000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 1000)

# A request still running after 30 s gets its worker killed and replaced (nginx waits a
# little longer, then answers 504). On restart or stop, requests in flight get 20 s.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = 20
# Ignored by sync workers, which close the connection after each response; kept for the
# day the worker class changes.
keepalive = 5

# Load Django once in the master, then fork: workers start in milliseconds (recycling is
# cheap) and share the imported code's memory until they write to it. The price: a code
# change needs a full restart, not a HUP.
preload_app = True


def when_ready(server):
    """Finish loading in the master what Django would otherwise load in each worker at its
    first request: the URL patterns (and with them every view, form and filter module) and
    the translation catalogues. Then close any database connection, so that no worker
    inherits a socket it would share with its siblings.

    Last, everything loaded so far goes into the collector's permanent generation
    (gc.freeze): a worker's full garbage collections no longer walk the 100,000 objects of
    Django and the project loaded here. Measured in process at 100,000 sessions, a
    session's change form went from 79 to 68 ms of CPU on average, and from 148 to 99 ms at
    the 95th percentile."""
    from django.apps import apps

    if not apps.ready:  # preload_app off: nothing was loaded here
        return
    from django.conf import settings
    from django.db import connections
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().reverse_dict  # noqa: B018 (imports every URLconf, hence every view)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Home")
    connections.close_all()
    gc.collect()  # what is garbage now is not kept for ever
    gc.freeze()


# The heartbeat file is touched on every request: keep it in memory, not on disk.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# Only nginx reaches gunicorn (the Compose network, or loopback here), so trust the
# X-Forwarded-* headers it sets.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*")

# nginx logs every request already; gunicorn logs errors and worker restarts. Set
# GUNICORN_ACCESS_LOG=- to log requests here as well.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
pidfile = os.environ.get("GUNICORN_PID_FILE") or None
proc_name = "gsef"

# gunicorn 25.1+ opens a control socket under $HOME by default; nothing here uses it,
# and two instances on one machine would share the path.
control_socket_disable = True
