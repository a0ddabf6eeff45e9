"""The whole-page cache: a page's key, its lookup (compressed for a client that accepts gzip),
which responses may be kept, conditional requests, cache headers for nginx and a CDN, and
storing a page with the fragments rendered for it."""

import gzip
import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.http.response import ResponseHeaders
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import parse_http_date_safe
from django.utils.translation import get_language_from_path, get_language_from_request

from gsef.cache.base import read_fresh
from gsef.cache.shared import pending_fragments

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


def page_key(request):
    url = request.build_absolute_uri()
    # Outside the language prefixes (the API), the language comes from the request's
    # headers (LocaleMiddleware reads them the same way): each language is a page of its own.
    language = get_language_from_path(request.path_info) or get_language_from_request(request)
    return f"page:{language}:{hashlib.sha256(url.encode()).hexdigest()}"


def accepts_gzip(request):
    return bool(ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def lookup(request):
    """(key, generation, response or None) for this request: the page compressed when the
    client accepts gzip, as it is otherwise. A page kept only as rendered (its miss came
    from a client without gzip) is compressed for the first client that asks for it so,
    and that copy kept too."""
    key = page_key(request)
    if not accepts_gzip(request):
        generation, fresh = read_fresh([key])
        return key, generation, _response(*fresh[key], "hit") if key in fresh else None
    variant = key + GZIP_SUFFIX
    generation, fresh = read_fresh([variant, key])
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
