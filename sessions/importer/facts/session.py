"""The session's own facts from the header's free text: type, languages, time, participants.

- type: "Parallel session (workshop)" is a workshop, "Atelier" too, "Table ronde" a round
  table: the vocabulary's words per type, most specific first;
- languages: names in English, French or Spanish ("French", "wolof", "coreano") or codes
  ("EN/FR"), to ISO 639-1 codes, from pycountry's ISO 639 names and their translations;
- time: "10h00 à 11h30", "14:00-15:30", "90 minutes", "1h30";
- participants: the first number, and the channel ("Zoom", "in person").
"""

import contextlib
import datetime
import functools
import gettext
import re

from sessions.importer.blocks import fold
from sessions.importer.vocabulary import CHANNELS, SESSION_TYPE_WORDS


def session_type(text):
    """The SessionType value the text names, or ""."""
    key = f" {fold(text)} "
    for value, words in SESSION_TYPE_WORDS:
        if any(f" {word} " in key or f" {word}s " in key for word in words):
            return value
    return ""


@functools.cache
def language_names():
    """{folded name: code} for every ISO 639 language with a two-letter code."""
    import pycountry
    from django.conf.locale import LANG_INFO

    catalogs = [gettext.NullTranslations()]
    for language in ("fr", "es"):
        with contextlib.suppress(OSError):  # a pycountry without that translation
            catalogs.append(
                gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=[language])
            )
    names = {}
    for language in pycountry.languages:
        code = getattr(language, "alpha_2", None)
        if not code:
            continue
        for catalog in catalogs:
            for name in re.split(r"[;,]", catalog.gettext(language.name)):
                key = fold(re.sub(r"\(.*?\)", "", name))
                if key:
                    names.setdefault(key, code)
    for code, info in LANG_INFO.items():
        if "name" in info and len(code) == 2:
            names.setdefault(fold(info["name"]), code)
            names.setdefault(fold(info["name_local"]), code)
    return names


def languages(text):
    """The codes of the languages a text names, in its order; and the words not understood."""
    codes, unknown = [], []
    names = language_names()
    text = re.sub(r"\((?:[^)]*)\)", lambda m: " , " + m.group(0)[1:-1] + " , ", text)
    for piece in re.split(r"[,;/&+|]|\s[-–—]\s|\band\b|\bet\b|\by\b|\bwith\b|\bavec\b", text):
        piece = piece.strip(" .")
        if not piece:
            continue
        if re.fullmatch(r"[A-Z]{2}", piece) and piece.lower() in names.values():
            found = [piece.lower()]
        else:
            words = fold(piece).split()
            found = [names[word] for word in words if word in names and len(word) > 2]
            if not found and words and not _is_filler(words):
                unknown.append(piece)
        for code in found:
            if code not in codes:
                codes.append(code)
    return codes, unknown


LANGUAGE_FILLERS = {
    "interpretation", "simultaneous", "simultanee", "into", "vers", "en", "in", "translation",
    "traduction", "interpretacion", "subtitles", "only", "seulement", "sous", "titres",
}  # fmt: skip


def _is_filler(words):
    return all(word in LANGUAGE_FILLERS for word in words)


TIME_RANGE = re.compile(
    r"(\d{1,2})\s*(?:[:h.]\s*(\d{2})?)?\s*(am|pm)?\s*(?:-|–|—|to|à|a|until|jusqu'à|hasta)\s*"
    r"(\d{1,2})\s*(?:[:h.]\s*(\d{2})?)?\s*(am|pm)?",
    re.IGNORECASE,
)
CLOCK = re.compile(r"\b(\d{1,2})\s*(?:[:h]\s*(\d{2})|\s*(am|pm))", re.IGNORECASE)
DURATION = re.compile(
    r"(\d+(?:[.,]\d+)?)\s*(minutes?|mins?|min|hours?|heures?|horas?|h)\b(?:\s*(\d{2}))?",
    re.IGNORECASE,
)


def _hour(hour, minute, half):
    hour = int(hour) % 24
    if half and half.lower() == "pm" and hour < 12:
        hour += 12
    return hour * 60 + int(minute or 0) % 60


def session_time(text, duration_only=False):
    """(start time, duration in minutes) the text gives; either may be None. With
    `duration_only` (the label said "Duration"), "1h30" is a length, not a clock time."""
    start = duration = None
    if duration_only and (match := re.search(r"(\d{1,2})\s*h\s*(\d{2})?", text)):
        return None, int(match.group(1)) * 60 + int(match.group(2) or 0) or None
    has_clock = bool(re.search(r"\d\s*[:h]\s*\d{2}|\d\s*[ap]\.?m\b", text, re.IGNORECASE))
    if has_clock and (match := TIME_RANGE.search(text)):
        h1, m1, half1, h2, m2, half2 = match.groups()
        first = _hour(h1, m1, half1 or half2)
        last = _hour(h2, m2, half2)
        start = datetime.time(first // 60, first % 60)
        duration = (last - first) % (24 * 60) or None
    elif match := CLOCK.search(text):
        minutes = _hour(match.group(1), match.group(2), match.group(3))
        start = datetime.time(minutes // 60, minutes % 60)
    if duration is None and (match := DURATION.search(text)):
        amount = float(match.group(1).replace(",", "."))
        unit = match.group(2).lower()
        if not (has_clock and unit == "h" and start):
            minutes = amount if unit.startswith("min") else amount * 60
            duration = int(minutes + int(match.group(3) or 0)) or None
    if duration and duration > 24 * 60:
        duration = None
    return start, duration


def participants(text):
    """(count, channel) from "Zoom participation: 40", "about 120 in the room"."""
    count = None
    if match := re.search(r"(\d[\d\s,.]*)", text):
        digits = re.sub(r"\D", "", match.group(1))[:9]
        count = int(digits) if digits else None
    key = f" {fold(text)} "
    channel = next((name for word, name in CHANNELS.items() if f" {word} " in key), "")
    return count, channel
