"""A report's text to a ParsedReport: blocks, then sections, then the facts of each.

`parse_report(text)` never refuses a report for what staff can add later (a forum, a date, a
country): it says what it could not read in `warnings`, and what it left out in `skipped`.
Only a text that is not a session report at all (no title and no speakers) is refused.
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from sessions.importer.blocks import fold, read_blocks
from sessions.importer.discussion import read_audience, read_closing, read_guiding
from sessions.importer.facts import dates, session
from sessions.importer.parsed import ParsedReport
from sessions.importer.presentations import (
    read_moderator,
    read_speakers,
    read_summaries,
    summary_blocks,
)
from sessions.importer.reading import ReportError, Source
from sessions.importer.sections import split_sections
from sessions.importer.vocabulary import DOCUMENT_WORDS

MISSING = [
    ("moderator", gettext_lazy("no moderator section; the session has no moderator")),
    ("speakers", gettext_lazy("no speakers section")),
    ("summaries", gettext_lazy("no summaries of presentations")),
    ("guiding", gettext_lazy("no guiding question")),
    ("audience", gettext_lazy("no audience questions")),
    ("closing", gettext_lazy("no closing remarks")),
]
MISSING_HEADER_LINES = {
    "type": gettext_lazy("no type line in the header"),
    "languages": gettext_lazy("no languages line in the header"),
    "date": gettext_lazy("no date line in the header"),
    "participants": gettext_lazy("no participants line in the header"),
}


def parse_report(text):
    """A ParsedReport from a report's text or Source; ReportError when it is not a report."""
    source = text if isinstance(text, Source) else Source(text=text)
    report = ParsedReport()
    report.source = source
    skipped = []
    blocks = read_blocks(source.text, skipped)
    for line, message in skipped:
        report.skip(line, message)
    layout = split_sections(blocks)
    votes = layout.languages
    report.language = max(("en", "fr", "es"), key=lambda language: votes.get(language, 0))
    _header(layout, report)
    read_moderator(layout.blocks_of("moderator"), report)
    read_speakers(layout.blocks_of("speakers"), report)
    read_summaries(summary_blocks(layout, report), report)
    read_guiding(layout.blocks_of("guiding"), report)
    read_audience(layout.blocks_of("audience"), report)
    read_closing(layout.blocks_of("closing"), report)
    for line, label in layout.unknown:
        report.skip(
            line,
            _("section “%(label)s” is not part of the template; skipped") % {"label": label[:60]},
        )
    if not report.title and report.presentations:
        first = report.presentations[0]
        report.title = first.title or f"Session with {first.speaker.name}"
        report.warn(
            None,
            _("no session title; “%(title)s” is used: correct it in the draft")
            % {"title": report.title},
        )
    if not (layout.fields or layout.parts):  # a heading alone does not make a report
        report.title = ""
    if not report.title:
        line = blocks[0].line if blocks else 1
        raise ReportError(
            _(
                "this does not read as a session report: no session title (a line like “Title "
                "of the session: …”) and no speakers were found"
            ),
            line,
            source.place(line),
        )
    for name, message in MISSING:
        if not layout.has(name) and not (name == "moderator" and report.moderator):
            if name == "speakers" and report.presentations:
                continue
            report.warn(None, str(message))
    if len(report.title) > 300:  # a paragraph taken for the title: the field holds 300
        report.warn(report.title_line, _("the title is over 300 characters; it was cut"))
        report.title = report.title[:299].rstrip() + "…"
    if report.language == "es":
        report.language = "en"
        report.warn(None, _("the report is in Spanish; its texts are kept in the English fields"))
    return report


def _header(layout, report):
    fields = layout.fields
    headings = []
    for block in layout.header:
        text = block.text if block.kind == "item" else block.content  # "1 – 3 October 2018"
        if (span := dates.parse_range(text)) and not report.forum_start:
            report.forum_start, report.forum_end = span
            rest = dates.RANGES[0].sub("", text).strip(" ,–-") if "forum" in fold(text) else ""
            report.forum_name = report.forum_name or rest
        elif re.search(r"\b(?:forum|foro|gsef)\b", fold(text)) and not report.forum_name:
            report.forum_name = text
        elif set(fold(text).split()) & DOCUMENT_WORDS:  # "PLENARY SESSION — REPORT"
            report.session_type = report.session_type or session.session_type(text)
        elif block.kind == "heading":
            headings.append(block)
        elif not dates.is_date_line(text):
            report.skip(block.line, _("header line not understood; skipped"))
    if "title" not in fields and headings:  # the title is the header's main heading
        main = min(headings, key=lambda block: block.level)
        report.title, report.title_line = main.text, main.line
        headings.remove(main)
    if headings and "forum" not in fields:
        report.central_theme = headings[0].text
    if "forum" in fields:
        value, _line, _block = fields["forum"]
        report.forum_name = report.forum_name or value
        if (span := dates.parse_range(value)) and not report.forum_start:
            report.forum_start, report.forum_end = span
    report.forum_year = (
        report.forum_start.year if report.forum_start else dates.year_in(report.forum_name)
    )
    if "title" in fields:
        value, line, _block = fields["title"]
        english, _slash, french = value.partition(" / ")
        report.title, report.title_line = english.strip(), line
        report.title_fr = french.strip()
    if "type" in fields:
        value, line, _block = fields["type"]
        report.session_type = ""
        report.session_type = session.session_type(value)
        if not report.session_type:
            report.warn(line, _("unknown session type “%(type)s”; left empty") % {"type": value})
    if "languages" in fields:
        value, line, _block = fields["languages"]
        report.languages, unknown = session.languages(value)
        for word in unknown:
            report.warn(line, _("unknown language “%(word)s”; skipped") % {"word": word})
    _date(fields, layout, report)
    if "time" in fields:
        value, line, block = fields["time"]
        duration_only = bool(re.search(r"dur", fold(block.text)))
        start, duration = session.session_time(value, duration_only)
        report.start_time = report.start_time or start
        report.duration_minutes = duration or report.duration_minutes
    if "participants" in fields:
        value, line, block = fields["participants"]
        count, _channel = session.participants(value)
        report.participation_channel = session.participants(block.content)[1]
        if count and count > 1_000_000:
            report.warn(
                line,
                ngettext(
                    "%(count)d participant is not believable; left empty",
                    "%(count)d participants is not believable; left empty",
                    count,
                )
                % {"count": count},
            )
            count = None
        report.participant_count = count
    for name, message in MISSING_HEADER_LINES.items():
        if name not in fields:
            report.warn(None, str(message))


def _date(fields, layout, report):
    if "date" in fields:
        value, line, _block = fields["date"]
    else:
        # A line that is, or holds between dashes, a date: "Room 710 — 14:00 — Sept. 7, 2016"
        pieces = [
            (piece, block.line)
            for block in layout.header
            for piece in [block.content, *re.split(r"\s[—–|·]\s|\s-\s", block.content)]
            if not dates.parse_range(piece)
        ]
        found = next(((p, line) for p, line in pieces if dates.is_date_line(p)), None)
        if found is None:
            return
        value, line = found
    report.date_text, report.date_line = value, line
    year = report.forum_year or dates.year_in(" ".join(b.content for b in layout.header))
    report.date = dates.parse_date(value, default_year=year)
    if report.date is None:
        report.warn(line, _("date “%(date)s” not understood") % {"date": value})
    elif not dates.has_year(value) and not year:
        report.warn(
            line,
            _("the date “%(date)s” has no year; %(year)d is assumed")
            % {"date": value, "year": report.date.year},
        )
    if "time" not in fields and re.search(r"\d\s*[h:]\s*\d\d", value):
        report.start_time, report.duration_minutes = session.session_time(value)
