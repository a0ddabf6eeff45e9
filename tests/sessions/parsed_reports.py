"""The report files in reports/, parsed, and the plain values the parser tests compare.

The tests run the parser against the noise of real rapporteurs' reports. Each file in reports/
exercises one kind of noise and is named after it; the expected values in the tests are what a
careful reader of the file would write down, field by field. Parsing needs no database: these
are plain functions.

- bold-headings-crlf.md: bold section headings, "1)" and "2 -" numbering, honorifics, CRLF
- french-bom.md: a French report with French labels and months, starting with a UTF-8 BOM
- latin1.txt: plain text in cp1252, accented names, section labels as "Label:" lines
- missing-sections.md: no guiding question, no audience questions, no closing remarks
- ocr-html-noise.md: an OCR'd screenshot and HTML fragments with misspelt names
- mixed-levels.md: headings at levels 1-4, "(1)" numbering, "Name (Country)" questions
- unknown-country.md: a speaker's country nobody knows
"""

import dataclasses
from functools import cache
from pathlib import Path

from sessions.importer import fold, parse_report, read_report

REPORTS = Path(__file__).resolve().parent / "reports"


@cache
def load(name):
    """(text, read warnings, ParsedReport) of one report file; tests only read the result."""
    text, warnings = read_report((REPORTS / name).read_bytes())
    return text, warnings, parse_report(text)


def parsed(name):
    return load(name)[2]


def person(p):
    return (p.name, p.role, p.organisation, p.acronym, p.country)


def speakers(report):
    return [person(p.speaker) for p in report.presentations]


def problems(items):
    return sorted(((p.line or 0, p.message) for p in items), key=lambda item: item[0])


def question(q):
    return (q.asker_name, q.asker_country, q.question, q.answer, q.answered_by)


def everything(report):
    """The whole result as one folded string, to look for names that must not be there."""
    return fold(str(dataclasses.asdict(report)))
