"""Parts many pages share, kept until content changes: values (counts, a list's page of
results) computed once while other processes wait for them (remember_many), and the parts
of a page (fragments), read and written in one round trip with the page."""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from gsef.cache.base import enabled, is_private, read_fresh

logger = logging.getLogger("gsef.cache")


def _data_key(name):
    return f"data:{hashlib.sha256(name.encode()).hexdigest()}"


# While one process computes a shared value, the others wait for it (at most WAIT_SECONDS,
# then compute it themselves) rather than all computing it at once: on a cold cache, five
# workers counting the same facets over every session held each other up for 18 s.
LOCK_SECONDS = 30
WAIT_SECONDS = 10
POLL_SECONDS = 0.05


def remember_many(computations):
    """{name: compute}: each compute(), kept until content changes, for what many pages
    share (counts over the whole collection, parts of a page), so that a page missing the
    page cache still skips that work. One round trip reads them all."""
    if not enabled():
        return {name: compute() for name, compute in computations.items()}
    keys = {name: _data_key(name) for name in computations}
    try:
        generation, fresh = read_fresh(list(keys.values()))
    except Exception:
        logger.exception("Could not read the cache")
        return {name: compute() for name, compute in computations.items()}
    return {
        name: fresh[key] if key in fresh else _compute_once(key, generation, computations[name])
        for name, key in keys.items()
    }


def _compute_once(key, generation, compute):
    """compute(), stored under `key`, unless another process is computing it already: then
    its result, once stored."""
    lock = f"lock:{key}"
    try:
        mine = cache.add(lock, generation, timeout=LOCK_SECONDS)
    except Exception:
        logger.exception("Could not lock a cache entry")
        return compute()
    if not mine:
        try:
            deadline = time.monotonic() + WAIT_SECONDS
            while time.monotonic() < deadline:
                time.sleep(POLL_SECONDS)
                entry = cache.get(key)
                if entry is not None and entry[0] == generation:
                    return entry[1]
                if cache.get(lock) is None:  # the other process gave up or failed
                    break
        except Exception:
            logger.exception("Could not read the cache")
        return compute()
    try:
        value = compute()
        try:
            cache.set(key, (generation, value), timeout=settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.exception("Could not write the cache")
        return value
    finally:
        try:
            cache.delete(lock)
        except Exception:
            logger.exception("Could not unlock a cache entry")


def remember(name, compute):
    return remember_many({name: compute})[name]


def _fragment_name(request, name):
    site = request.build_absolute_uri("/")  # absolute links and JSON-LD name the host
    return f"fragment:{site}:{get_language()}:{name}"


def _wants_fragments(request):
    return request is not None and enabled() and not is_private(request)


def prefetch_fragments(request, prefix, parts, key):
    """Read the fragments `{% fragment "<prefix>-<part>" key %}` of the coming page, one per
    part, in one round trip (see fragment()). True if every one of them is kept, so that
    the page needs nothing else from the database."""
    if not _wants_fragments(request):
        return False
    names = [f"{prefix}-{part}:{key}" for part in parts]
    keys = {name: _data_key(_fragment_name(request, name)) for name in names}
    try:
        generation, fresh = read_fresh(list(keys.values()))
    except Exception:
        logger.exception("Could not read the cache")
        return False
    request._fragments_generation = generation
    request._fragments = {name: fresh.get(key) for name, key in keys.items()}
    return len(fresh) == len(keys)


def fragment(request, name, render):
    """render(): a part of a page that depends only on the content, the language and the
    site's address, kept until content changes. Only for anonymous visitors: a logged-in
    person's page may hold links of their own (a moderator's), and is always fresh.

    The detail and list pages use it (the {% fragment %} tag): a request that misses the
    page cache (another query string, an entry evicted) then needs neither the record's
    queries nor most of its template."""
    if not _wants_fragments(request):
        return render()
    prefetched = getattr(request, "_fragments", {})
    key = _data_key(_fragment_name(request, name))
    if name in prefetched:
        if prefetched[name] is not None:
            return prefetched[name]
        # Read already and missing: rendered and stored, without reading it again.
        return _keep(request, key, request._fragments_generation, render())
    try:
        generation, fresh = read_fresh([key])
    except Exception:
        logger.exception("Could not read the cache")
        return render()
    return fresh[key] if key in fresh else _keep(request, key, generation, render())


def _keep(request, key, generation, value):
    """Store a fragment, with no lock: a record's fragments are cheap next to the counts
    that remember_many guards, and the first requests for one address at the same time are
    held back by nginx (proxy_cache_lock) before they reach a worker. Under the page cache
    middleware (collect_fragments) they wait for the end of the request and are written
    with the page, in one round trip; otherwise each is written at once."""
    pending = getattr(request, "_fragments_pending", None)
    if pending is not None:
        pending[key] = (generation, value)
        return value
    try:
        cache.set(key, (generation, value), timeout=settings.PAGE_CACHE_SECONDS)
    except Exception:
        logger.exception("Could not write the cache")
    return value


def collect_fragments(request):
    """From now on, the fragments this request renders are written at its end, together
    (store() or store_fragments())."""
    request._fragments_pending = {}


def pending_fragments(request):
    """The fragments rendered and not yet written, taken off the request."""
    pending = getattr(request, "_fragments_pending", None) or {}
    request._fragments_pending = None
    return pending


def store_fragments(request):
    """Write the fragments still waiting (the page itself was not stored)."""
    pending = pending_fragments(request)
    if pending:
        try:
            cache.set_many(pending, timeout=settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.exception("Could not write the cache")
