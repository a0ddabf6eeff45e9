"""A record's address from its slug, without reversing the URL pattern each time.

A session page links some forty records and a list page sixty (speakers, initiatives,
themes, the forum), and Django's reverse() walks the URL patterns for each: about 45 µs, a
tenth of a cold page. The address of every record of a kind differs only in its slug, so
the pattern is reversed once per view, language and script prefix, with a stand-in slug,
and each slug is put in its place.
"""

import functools
import re

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

STAND_IN = "zqx-slug-stand-in"
# What the <slug:...> converter accepts: such a slug needs no escaping in a path.
SLUG = re.compile(r"[-a-zA-Z0-9_]+")


@functools.lru_cache(maxsize=256)
def _address_of(viewname, language, prefix, urlconf):
    address = reverse(viewname, kwargs={"slug": STAND_IN}, urlconf=urlconf)
    return address if address.count(STAND_IN) == 1 else None


def slug_url(viewname, slug):
    """What reverse(viewname, kwargs={"slug": slug}) gives, for the active language."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    address = _address_of(viewname, get_language(), get_script_prefix(), urlconf)
    if address is None or not SLUG.fullmatch(slug or ""):
        # Anything else (no slug, another alphabet) is reverse()'s to write or to refuse.
        return reverse(viewname, kwargs={"slug": slug})
    return address.replace(STAND_IN, slug)
