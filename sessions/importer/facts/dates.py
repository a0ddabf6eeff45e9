"""Dates in any language and shape, by dateparser: "23rd of October", "3 mai 2023", "Tuesday
2 October 2018", "le jeudi 7 octobre 2021", "2021-10-05". A date without its year takes the
year the report gives elsewhere (the forum's, the header's)."""

import datetime
import functools
import re

from sessions.importer.blocks import fold

LANGUAGES = ["en", "fr", "es"]
YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
# Times and what introduces them: "de 10h00 à 11h00", "from 2 pm", "14:00-15:30 (CET)".
TIME = re.compile(
    r"(?:\b(?:de|from|at|a|à|des|dès|entre|between|,)\s*)?\b\d{1,2}\s*(?:[h:.]\s*\d{0,2}|\s*[ap]\.?m\b).*$",
    re.IGNORECASE,
)
DAY_MONTH = r"(\d{1,2})(?:st|nd|rd|th|er|e|º|°)?\s*(?:of\s+|de\s+)?"
RANGES = [
    # 19 – 23 October 2020; 30 September - 2 October 2018; du 1er au 4 mai 2023; 3-5 mai 2023
    re.compile(
        rf"{DAY_MONTH}([^\W\d_]+\.?\s+)?(?:[-–—/]|au|to|until|al|a)\s*{DAY_MONTH}([^\W\d_]+)\.?,?\s+(?:de\s+)?(\d{{4}})",
        re.IGNORECASE,
    ),
    # October 19-23, 2020; October 30 - November 2, 2018
    re.compile(
        r"([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s*[-–—]\s*([^\W\d_]+\.?\s+)?(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})",
        re.IGNORECASE,
    ),
]


@functools.cache
def _parser():
    from dateparser.date import DateDataParser  # imports its language data: do it once

    return DateDataParser(
        languages=LANGUAGES,
        settings={
            "REQUIRE_PARTS": ["day", "month"],
            "PREFER_DAY_OF_MONTH": "first",
            "DATE_ORDER": "DMY",
            "RELATIVE_BASE": datetime.datetime(2000, 1, 1),
            "PARSERS": ["custom-formats", "absolute-time"],
        },
    )


@functools.lru_cache(maxsize=4096)
def _parse(text):
    if not re.search(r"\d", text):
        return None
    data = _parser().get_date_data(text)
    return data.date_obj.date() if data and data.date_obj else None


def has_year(text):
    return bool(YEAR.search(text))


def parse_date(text, default_year=None):
    """The date a text names, or None; without a year in the text, `default_year`'s."""
    text = " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())
    text = re.sub(r"(\d)(?:<sup>)?(st|nd|rd|th|er)(?:</sup>)?\b", r"\1\2", text)
    candidates = [text, TIME.sub("", text).strip(" ,;-–(")]
    candidates += [piece.strip() for piece in re.split(r"[,;(]|\s[-–—]\s", text) if piece.strip()]
    for candidate in candidates:
        if not candidate or len(candidate) > 80:
            continue
        found = _parse(candidate)
        if found is None:
            continue
        if not has_year(candidate):
            year = default_year or datetime.date.today().year
            try:
                found = found.replace(year=year)
            except ValueError:  # 29 February in a year without one
                return None
        return found
    return None


def parse_range(text):
    """(first day, last day) of a range such as "19 – 23 October 2020", or None."""
    flat = " ".join(text.replace("\xa0", " ").split())
    if match := RANGES[0].search(flat):
        day1, month1, day2, month2, year = match.groups()
        start = parse_date(f"{day1} {(month1 or month2).strip()} {year}")
        end = parse_date(f"{day2} {month2} {year}")
    elif match := RANGES[1].search(flat):
        month1, day1, month2, day2, year = match.groups()
        start = parse_date(f"{day1} {month1} {year}")
        end = parse_date(f"{day2} {(month2 or month1).strip()} {year}")
    else:
        return None
    if start and end and start <= end and (end - start).days < 31:
        return start, end
    return None


def year_in(text):
    match = YEAR.search(text)
    return int(match.group(1)) if match else None


def is_date_line(text):
    """A line that is only a date or a range ("19-23 octobre 2020", "Dakar, 3 mai 2023")."""
    words = fold(text).split()
    return bool(words) and len(words) <= 10 and (parse_range(text) or parse_date(text))
