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

The parts: base.py (the content generation), pages.py (whole pages), shared.py (shared values
and fragments), invalidation.py (what drops them).
"""

from gsef.cache.base import (
    GENERATION_KEY,
    bump,
    current_generation,
    enabled,
    is_private,
    new_generation,
)
from gsef.cache.invalidation import ContentQuerySet, invalidate
from gsef.cache.pages import (
    GZIP_LEVEL,
    GZIP_MIN_LENGTH,
    GZIP_SUFFIX,
    accepts_gzip,
    answer_conditionally,
    compressed,
    lookup,
    mark_private,
    mark_public,
    page_key,
    pop_conditions,
    storable,
    store,
)
from gsef.cache.shared import (
    _data_key,
    _keep,
    collect_fragments,
    fragment,
    pending_fragments,
    prefetch_fragments,
    remember,
    remember_many,
    store_fragments,
)

__all__ = [
    "GENERATION_KEY",
    "GZIP_LEVEL",
    "GZIP_MIN_LENGTH",
    "GZIP_SUFFIX",
    "ContentQuerySet",
    "_data_key",
    "_keep",
    "accepts_gzip",
    "answer_conditionally",
    "bump",
    "collect_fragments",
    "compressed",
    "current_generation",
    "enabled",
    "fragment",
    "invalidate",
    "is_private",
    "lookup",
    "mark_private",
    "mark_public",
    "new_generation",
    "page_key",
    "pending_fragments",
    "pop_conditions",
    "prefetch_fragments",
    "remember",
    "remember_many",
    "storable",
    "store",
    "store_fragments",
]
