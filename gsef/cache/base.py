"""What the page cache and the shared parts both stand on: whether caching is on, whose pages
are private, and the content generation that every edit moves on (an entry of an older
generation is stale)."""

import logging
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger("gsef.cache")

GENERATION_KEY = "content-generation"


def enabled():
    return settings.PAGE_CACHE


def is_private(request):
    """A session cookie makes a page personal: logged in, or messages waiting."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES


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


def read_fresh(keys):
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
