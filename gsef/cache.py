"""Whole-page cache for anonymous visitors, dropped whenever content changes.

A page is stored under its full URL (scheme, host, path with the language prefix, query
string) together with the content generation it was rendered from. Every save, delete or
many-to-many change of a content model bumps the generation, so an entry made before the
change no longer matches and the next request renders afresh. A lookup is one round trip:
the generation and the page are read together.

Only anonymous GETs are stored, and only plain 200 responses that set no cookie and carry no
message; a request with a session cookie is never served from the cache or stored, and its
response is marked `private, no-store`.

What many pages share (counts, a list's page of results, the parts of a detail page) is kept
under the same generation (`remember_many`, `fragment`), so that a page missing the cache
still skips most of its work.
"""

import gzip
import hashlib
import logging
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse, HttpResponseNotModified
from django.http.response import ResponseHeaders
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import parse_http_date_safe
from django.utils.translation import (
    get_language,
    get_language_from_path,
    get_language_from_request,
)

logger = logging.getLogger(__name__)

GENERATION_KEY = "content-generation"
CONTENT_APPS = {"forum_sessions", "speakers"}
STORED_STATUS = 200
# A page is kept as rendered and, once a client that accepts gzip (every browser) has asked
# for it, gzip-compressed under the same key with this suffix. As nginx does, a
# page under 1 KB is not compressed. Level 2: a session page takes 0.1 ms and comes out 7%
# larger than at level 6 (0.2 ms); the home page, whose map's numbers compress slowly,
# takes 0.9 ms against 5.8 ms, for 31.9 KB against 28.6 KB.
GZIP_SUFFIX = ":gzip"
GZIP_MIN_LENGTH = 1024
GZIP_LEVEL = 2
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def enabled():
    return settings.PAGE_CACHE


def is_private(request):
    """A session cookie makes a page personal: logged in, or messages waiting."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def page_key(request):
    url = request.build_absolute_uri()
    # Outside the language prefixes (the API), the language comes from the request's
    # headers (LocaleMiddleware reads them the same way): each language is a page of its own.
    language = get_language_from_path(request.path_info) or get_language_from_request(request)
    return f"page:{language}:{hashlib.sha256(url.encode()).hexdigest()}"


def new_generation():
    # A fresh start (an empty or evicted cache) never repeats an older number.
    return time.time_ns()


def current_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, new_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def bump():
    """Make every stored page stale. A failing cache must not stop an edit."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet (or evicted)
        cache.set(GENERATION_KEY, new_generation(), timeout=None)
    except Exception:
        logger.exception("Could not invalidate the page cache")


def accepts_gzip(request):
    return bool(ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def lookup(request):
    """(key, generation, response or None) for this request: the page compressed when the
    client accepts gzip, as it is otherwise. A page kept only as rendered (its miss came
    from a client without gzip) is compressed for the first client that asks for it so,
    and that copy kept too."""
    key = page_key(request)
    if not accepts_gzip(request):
        generation, fresh = _read_fresh([key])
        return key, generation, _response(*fresh[key], "hit") if key in fresh else None
    variant = key + GZIP_SUFFIX
    generation, fresh = _read_fresh([variant, key])
    if variant in fresh:
        return key, generation, _response(*fresh[variant], "hit")
    if key not in fresh:
        return key, generation, None
    status, headers, content = fresh[key]
    gzipped = compressed(ResponseHeaders(headers), content)
    if gzipped is None:
        return key, generation, _response(status, headers, content, "hit")
    cache.set(variant, (generation, (status, *gzipped)), timeout=settings.PAGE_CACHE_SECONDS)
    return key, generation, _response(status, *gzipped, "hit")


def _response(status, headers, content, outcome):
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response.headers[name] = value
    response.headers["X-Page-Cache"] = outcome
    return response


def storable(request, response):
    if request.method != "GET" or response.status_code != STORED_STATUS or response.streaming:
        return False
    if response.cookies:
        return False
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    if "*" in response.get("Vary", ""):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    storage = getattr(request, "_messages", None)
    return not (storage is not None and storage._queued_messages)


# What a client sends to be told "not modified" rather than be sent the page again.
CONDITIONS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
)
# A 304 has no body: it keeps every header of the page but these.
BODY_HEADERS = {"content-type", "content-length", "content-language", "content-encoding"}


def pop_conditions(request):
    """Take the conditional headers off a request whose page may be stored, so that the
    layers below render the whole page; answer_conditionally() applies them after."""
    return {name: request.META.pop(name) for name in CONDITIONS if name in request.META}


def answer_conditionally(request, response):
    """The page, or a 304 (412) when the client's conditions say so, decided as Django's
    ConditionalGetMiddleware does. Its 304 keeps only the caching headers; this one keeps
    the page's security headers too."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    if not any(name in request.META for name in CONDITIONS):
        return response
    answer = get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )
    if answer.status_code != 304:
        return answer
    not_modified = HttpResponseNotModified()
    for name, value in response.items():
        if name.lower() not in BODY_HEADERS:
            not_modified[name] = value
    return not_modified


def mark_public(response):
    """Browsers keep the page but ask again each time (the ETag makes that cheap); a shared
    cache (nginx's edge cache, a CDN) may answer with it for EDGE_CACHE_SECONDS, then serve
    it a little longer while it fetches a fresh one (stale-while-revalidate)."""
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=settings.EDGE_CACHE_SECONDS,
        stale_while_revalidate=settings.EDGE_STALE_SECONDS,
    )
    if not response.has_header("ETag"):
        set_response_etag(response)


def mark_private(response):
    """Nobody may keep the page, so it has nothing to revalidate: no ETag either."""
    patch_cache_control(response, private=True, no_store=True)
    del response["ETag"]  # no error when it has none


def compressed(headers, content):
    """The headers and body of the gzip variant of a page, or None when it is too short to
    gain anything. Compressed once, when the page is stored, rather than by nginx on every
    request. Its ETag is weak, as nginx makes it when it compresses: the same page, another
    encoding. Public pages hold no secret, so compressing them reveals nothing (BREACH)."""
    if len(content) < GZIP_MIN_LENGTH or headers.get("Content-Encoding"):
        return None
    body = gzip.compress(content, compresslevel=GZIP_LEVEL, mtime=0)
    gzip_headers = ResponseHeaders(headers)
    gzip_headers["Content-Encoding"] = "gzip"
    gzip_headers["Content-Length"] = str(len(body))
    etag = gzip_headers.get("ETag", "")
    if etag.startswith('"'):
        gzip_headers["ETag"] = "W/" + etag
    return list(gzip_headers.items()), body


def store(request, key, generation, response):
    """Keep the page as it is and, when this client accepts gzip, compressed; the response
    for this request: the compressed copy if it accepts gzip (nginx then need not compress
    it again). A miss from a client without gzip (nginx's cache filling, a script)
    compresses nothing: a gzip client that comes next compresses the kept page once."""
    mark_public(response)
    patch_vary_headers(response, ["Accept-Encoding"])
    status, content = response.status_code, response.content
    plain = (status, list(response.headers.items()), content)
    gzipped = compressed(response.headers, content) if accepts_gzip(request) else None
    # The fragments rendered for this page go in the same round trip.
    entries = pending_fragments(request)
    entries[key] = (generation, plain)
    if gzipped is not None:
        entries[key + GZIP_SUFFIX] = (generation, (status, *gzipped))
    cache.set_many(entries, timeout=settings.PAGE_CACHE_SECONDS)
    response.headers["X-Page-Cache"] = "miss"
    if gzipped is None:
        return response
    return _response(status, *gzipped, "miss")


def _data_key(name):
    return f"data:{hashlib.sha256(name.encode()).hexdigest()}"


# While one process computes a shared value, the others wait for it (at most WAIT_SECONDS,
# then compute it themselves) rather than all computing it at once: on a cold cache, five
# workers counting the same facets over every session held each other up for 18 s.
LOCK_SECONDS = 30
WAIT_SECONDS = 10
POLL_SECONDS = 0.05


def _read_fresh(keys):
    """(generation, {key: value}) for the keys whose entries are of the current generation,
    in one round trip; raises if the cache cannot be read."""
    values = cache.get_many([GENERATION_KEY, *keys])
    generation = values.get(GENERATION_KEY) or current_generation()
    fresh = {}
    for key in keys:
        entry = values.get(key)
        if entry is not None and entry[0] == generation:
            fresh[key] = entry[1]
    return generation, fresh


def remember_many(computations):
    """{name: compute}: each compute(), kept until content changes, for what many pages
    share (counts over the whole collection, parts of a page), so that a page missing the
    page cache still skips that work. One round trip reads them all."""
    if not enabled():
        return {name: compute() for name, compute in computations.items()}
    keys = {name: _data_key(name) for name in computations}
    try:
        generation, fresh = _read_fresh(list(keys.values()))
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
        generation, fresh = _read_fresh(list(keys.values()))
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
        generation, fresh = _read_fresh([key])
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


def invalidate(using=None):
    """Content changed: drop every page now, and again when the transaction commits, so that
    a page rendered from the old rows while it was open is not kept either."""
    bump()
    transaction.on_commit(bump, using=using)


class ContentQuerySet(models.QuerySet):
    """The QuerySet of every content model. A change in bulk sends no signal, so it drops
    the cached pages here, as a save or a delete does through the signals below."""

    def update(self, **kwargs):
        count = super().update(**kwargs)
        invalidate(self.db)
        return count

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        invalidate(self.db)
        return created


# Any change to the content apps' rows, whether from the admin, the moderators' page, an
# import or the shell; bulk changes go through ContentQuerySet. Many-to-many rows written
# straight into their tables (generate_corpus) send nothing: call invalidate() after them.


def content_changed(sender, **kwargs):
    meta = sender._meta
    if meta.app_label not in CONTENT_APPS or meta.model_name.startswith("historical"):
        return
    if kwargs.get("action", "post_").startswith("pre_"):  # m2m_changed sends pre_ and post_
        return
    invalidate(kwargs.get("using"))


def code_deployed(sender, **kwargs):
    """A deploy runs migrate: pages rendered by the old templates and code are dropped."""
    bump()


post_save.connect(content_changed, dispatch_uid="gsef.cache.post_save")
post_delete.connect(content_changed, dispatch_uid="gsef.cache.post_delete")
m2m_changed.connect(content_changed, dispatch_uid="gsef.cache.m2m_changed")
post_migrate.connect(code_deployed, dispatch_uid="gsef.cache.post_migrate")
