import logging
import re
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import HttpResponse

from gsef import cache as page_cache

logger = logging.getLogger(__name__)

# A % not followed by two hexadecimal digits.
BROKEN_ESCAPE = re.compile(rb"%(?![0-9A-Fa-f]{2})")

BAD_REQUEST_TEXT = (
    "400 Bad Request\n\n"
    "The address or a header of the request contains a null byte or characters that are not "
    "properly encoded.\n\n"
    "Requête invalide : l’adresse ou un en-tête de la requête contient un octet nul ou des "
    "caractères mal encodés.\n"
)


def is_malformed(raw, plus_is_space=False):
    """True if these bytes, as they came in the address, hold a NUL byte (raw or %00), a
    broken %-escape, or decode to something that is not UTF-8."""
    if b"\x00" in raw or BROKEN_ESCAPE.search(raw):
        return True
    if plus_is_space:
        raw = raw.replace(b"+", b" ")
    decoded = unquote_to_bytes(raw)
    if b"\x00" in decoded:
        return True
    try:
        decoded.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def wsgi_bytes(text):
    # WSGI hands over the address as latin-1 text: get the bytes back.
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape")


def has_nul_header(meta):
    # HTTP forbids NUL in a header; django-axes stores User-Agent and Accept of failed logins.
    return any(
        isinstance(value, str) and "\x00" in value
        for name, value in meta.items()
        if name.startswith("HTTP_")
    )


class RejectMalformedRequestMiddleware:
    """Answer 400 to an address that no page could mean, before any view or query runs.

    PostgreSQL refuses a NUL byte in a string outright, and a view should not have to guess
    what `%ZZ` or half a UTF-8 character stood for. Django has already decoded the path (and
    turned bytes that are not UTF-8 back into %-escapes); the query string is still raw.
    A NUL byte in a header is refused too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info.encode("utf-8", "surrogateescape")
        query = wsgi_bytes(request.META.get("QUERY_STRING", ""))
        if (
            is_malformed(path)
            or is_malformed(query, plus_is_space=True)
            or has_nul_header(request.META)
        ):
            return HttpResponse(
                BAD_REQUEST_TEXT, status=400, content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)


class AnonymousPageCacheMiddleware:
    """Serve and store whole pages for anonymous visitors (see gsef/cache/).

    It comes right after the two that refuse a request outright (SecurityMiddleware's
    redirect to HTTPS, RejectMalformedRequestMiddleware's 400), so a hit runs nothing else:
    the stored page carries every header the middlewares below it gave it (the CSP, the
    ETag). A request that misses goes through all of them, and its page is stored as it
    leaves; a request they refuse (a Host not allowed, a wrong method) stores nothing.

    Conditional GET is answered here, from the stored page, for hits and misses alike: the
    inner layers render the full page (so that it can be stored), and a client whose ETag
    matches gets a 304 with the page's headers, its security headers included.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not page_cache.enabled() or request.path.startswith(settings.STATIC_URL):
            return self.get_response(request)
        if page_cache.is_private(request):
            response = self.get_response(request)
            page_cache.mark_private(response)
            return response
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        try:
            key, generation, cached = page_cache.lookup(request)
        except SuspiciousOperation:  # a Host not in ALLOWED_HOSTS: the inner layers answer 400
            return self.get_response(request)
        except Exception:  # the cache is down: serve the page anyway
            logger.exception("Page cache lookup failed")
            return self.get_response(request)
        if cached is not None:
            return page_cache.answer_conditionally(request, cached)
        conditions = page_cache.pop_conditions(request)
        page_cache.collect_fragments(request)
        response = self.get_response(request)
        request.META.update(conditions)
        if page_cache.storable(request, response):
            try:
                response = page_cache.store(request, key, generation, response)
            except Exception:
                logger.exception("Page cache store failed")
        page_cache.store_fragments(request)  # those the page's store did not take
        return page_cache.answer_conditionally(request, response)
