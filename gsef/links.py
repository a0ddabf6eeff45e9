"""A record's address without reversing the URL pattern each time.

A session page links some forty records, a list page sixty (speakers, initiatives, themes,
the forum) and the admin's changelist a hundred, and Django's reverse() walks the URL
patterns for each: about 45 µs. The addresses of every record of a kind differ only in one
argument (a slug, an id), so the pattern is reversed once per view, language and script
prefix, with a stand-in, and each record's value is put in its place.
"""

import functools
import re

from django.conf import settings
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

STAND_IN = "zqx-stand-in"
# What a <slug:...> converter accepts, and what an id or an admin-quoted key is made of:
# such a value needs no escaping in a path.
PLAIN = re.compile(r"[-a-zA-Z0-9_]+")


@functools.lru_cache(maxsize=256)
def _address_of(viewname, kwarg, current_app, language, prefix, urlconf):
    address = reverse(viewname, kwargs={kwarg: STAND_IN}, current_app=current_app, urlconf=urlconf)
    return address if address.count(STAND_IN) == 1 else None


def record_url(viewname, kwarg, value, current_app=None):
    """What reverse(viewname, kwargs={kwarg: value}, current_app=current_app) gives, for the
    active language."""
    text = str(value) if isinstance(value, int) else value
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    address = _address_of(
        viewname, kwarg, current_app, get_language(), get_script_prefix(), urlconf
    )
    if address is None or not isinstance(text, str) or not PLAIN.fullmatch(text):
        # Anything else (no value, another alphabet) is reverse()'s to write or to refuse.
        return reverse(viewname, kwargs={kwarg: value}, current_app=current_app)
    return address.replace(STAND_IN, text)


@functools.lru_cache(maxsize=256)
def _fixed_address(viewname, args, current_app, language, prefix, urlconf):
    return reverse(viewname, args=args, current_app=current_app, urlconf=urlconf)


def fixed_url(viewname, *args, current_app=None):
    """What reverse(viewname, args=args, current_app=current_app) gives, for the active
    language, for an address that names no record: the admin's autocomplete view, or a
    related object's change view with Django's `__fk__` stand-in, which its script fills."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _fixed_address(viewname, args, current_app, get_language(), get_script_prefix(), urlconf)


def static_address(path):
    """What static(path) gives, kept by each worker: the address of a static file
    depends only on the static files' settings and their collected names."""
    storage = settings.STORAGES["staticfiles"]["BACKEND"]
    return _static_address(path, settings.STATIC_URL, storage)


@functools.lru_cache(maxsize=64)
def _static_address(path, static_url, storage):
    return static(path)


def slug_url(viewname, slug):
    """What reverse(viewname, kwargs={"slug": slug}) gives, for the active language."""
    return record_url(viewname, "slug", slug)
