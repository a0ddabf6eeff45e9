"""Countries by name in English, French or Spanish, by demonym, or by ISO code.

Names come from django-countries (the site's own list, in each language) and pycountry (ISO
3166 names, common and official names, and their French and Spanish translations). Demonyms
are made by rule from those names: a stem (Korea → Kore, Sénégal → Senegal) and a suffix
(-an, -ese, -ais, -ien...), so "Korean", "sénégalaise" and "Mexican" need no list; the few that
no rule makes ("Dutch", "Ivorian") are in the vocabulary.
"""

import functools
import gettext
import re

from sessions.importer.blocks import fold
from sessions.importer.vocabulary import (
    COUNTRY_PREPOSITIONS,
    DEMONYM_SUFFIXES,
    IRREGULAR_DEMONYMS,
    STEM_ENDINGS,
)

LANGUAGES = ("en", "fr", "es")
ARTICLES = ("the ", "la ", "le ", "les ", "l ", "el ", "los ")
# Names people write that are in neither list.
ALIASES = {
    "uk": "GB", "england": "GB", "scotland": "GB", "wales": "GB", "great britain": "GB",
    "usa": "US", "etats unis": "US", "estados unidos": "US", "holland": "NL",
    "korea": "KR", "coree": "KR", "corea": "KR", "quebec": "CA", "ivory coast": "CI",
    "basque country": "ES", "pays basque": "ES", "catalonia": "ES", "catalogne": "ES",
    "catalunya": "ES", "euskadi": "ES", "russia": "RU", "vietnam": "VN", "iran": "IR",
    "syria": "SY", "laos": "LA", "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ",
    "taiwan": "TW", "moldova": "MD", "palestine": "PS",
}  # fmt: skip


class Countries:
    def __init__(self):
        self.names = {}  # folded name -> code
        self.codes = {}  # "KR", "KOR" -> "KR"
        self.demonyms = {}  # folded demonym -> code
        self._read()

    def _read(self):
        import pycountry
        from django.utils import translation
        from django_countries import countries

        stems = {}
        for language in LANGUAGES:
            with translation.override(language):
                for code, name in countries:
                    self._name(name, code, stems)
        for country in pycountry.countries:
            code = country.alpha_2
            self.codes[code] = self.codes[country.alpha_3] = code
            names = {country.name, getattr(country, "common_name", ""),
                     getattr(country, "official_name", "")}  # fmt: skip
            for language in ("fr", "es"):
                try:
                    catalog = gettext.translation(
                        "iso3166-1", pycountry.LOCALES_DIR, languages=[language]
                    )
                except OSError:
                    continue
                names |= {catalog.gettext(name) for name in list(names) if name}
            for name in names:
                if name:
                    self._name(name, code, stems)
        for alias, code in ALIASES.items():
            self.names.setdefault(alias, code)
        # The longer stem wins: "Nigerian" is Nigeria's (stem "nigeri"), not Niger's.
        for stem, code in sorted(stems.items(), key=lambda item: len(item[0])):
            for suffix in DEMONYM_SUFFIXES:
                self.demonyms[stem + suffix] = code
        for word, code in IRREGULAR_DEMONYMS.items():
            self.demonyms[word] = code

    def _name(self, name, code, stems):
        """Record a name ("Korea, Republic of" also as "Korea"), and its stem for demonyms."""
        head, _comma, tail = name.partition(", ")
        inverted = f"{tail} {head}" if tail else name  # "Korea, Republic of": Republic of Korea
        for variant in (name, re.sub(r"\s*\(.*?\)", "", name), head, inverted):
            key = fold(variant)
            if not key:
                continue
            self.names.setdefault(key, code)
            if key.startswith(ARTICLES):
                self.names.setdefault(key.split(" ", 1)[1], code)
            if " " not in key and len(key) >= 4:
                stems.setdefault(key, code)
                for ending in STEM_ENDINGS:
                    if key.endswith(ending) and len(key) - len(ending) >= 3:
                        stems.setdefault(key[: -len(ending)], code)

    def find(self, text):
        """The code of the country that the whole of `text` names ("Sénégal", "the
        Netherlands", "KOR", "Korean"), or ""."""
        text = text.strip(" .()[]")
        if re.fullmatch(r"[A-Z]{2,3}", text):
            return self.codes.get(text, "")
        key = fold(text)
        if key in self.names:
            return self.names[key]
        if key.startswith(ARTICLES) and key.split(" ", 1)[1] in self.names:
            return self.names[key.split(" ", 1)[1]]
        return self.demonyms.get(key, "") if " " not in key else ""

    def mentioned(self, text):
        """A country named inside a longer text ("Ministry of Cameroon", "au Sénégal",
        "Senegalese Ministry", "a Korean network"), or ""."""
        words = text.split()
        folded = [fold(word) for word in words]
        for size in (4, 3, 2, 1):
            for start in range(len(words) - size + 1):
                phrase = " ".join(folded[start : start + size])
                preceded = start and folded[start - 1] in COUNTRY_PREPOSITIONS
                if preceded and phrase in self.names and words[start][:1].isupper():
                    return self.names[phrase]
        for word, key in zip(words, folded, strict=True):
            if word[:1].isupper() and key in self.demonyms:
                return self.demonyms[key]
        return ""


@functools.cache
def countries():
    """The one Countries table (built once per process: about 50 ms)."""
    return Countries()
