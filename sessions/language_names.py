"""The names of the languages sessions are held in, in the site's languages: Django's own,
or ISO 639's for the languages Django has no catalogue for (Wolof, Pulaar)."""

import gettext
from functools import lru_cache

import pycountry
from django.utils.translation import get_language_info, override


def language_names(code):
    """A language's names in English, in French and in itself: Django's, or for a language
    Django does not translate its site into (Wolof, Pulaar), ISO 639's in both."""
    try:
        info = get_language_info(code)
    except KeyError:
        return _iso_names(code)
    with override("fr"):
        french = str(info["name_translated"])
    return [info["name"], info["name_local"], french]


@lru_cache(maxsize=2048)
def language_name(code, language):
    """A language's name in the page's language (`language`): Django's own, else ISO 639's
    (for the languages Django has no catalogue for). Each worker works it out once."""
    try:
        with override(language):
            return str(get_language_info(code)["name_translated"])
    except KeyError:
        names = _iso_names(code)
        if not names:
            return code
        english, french = names
        return french if language == "fr" else english


@lru_cache
def _iso_names(code):
    found = pycountry.languages.get(**{"alpha_2" if len(code) == 2 else "alpha_3": code})
    if found is None:
        return []
    french = gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=["fr"])
    return [found.name, french.gettext(found.name)]  # English, French
