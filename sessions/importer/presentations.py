"""The moderator, the speakers and the summaries of their presentations.

Speakers come as a list (numbered or bulleted), one per line, or a table whose header names its
columns; a summary is found under a heading that names its speaker, or a paragraph that starts
with the speaker's name ("Ms. Heap explained..."), in whatever order the report gives them.
"""

import re

from sessions.importer.blocks import fold, unnumbered
from sessions.importer.facts.initiatives import initiatives_named
from sessions.importer.facts.people import (
    HONORIFIC,
    find_person,
    parse_person,
    person_from_row,
    person_key,
    strip_honorific,
    table_columns,
)

MODERATOR_WORDS = {"moderator", "moderatrice", "moderateur", "moderadora", "moderador",
                   "facilitator", "animatrice", "animateur", "chair"}  # fmt: skip
NAME_PART = re.compile(r"\s*[(,:]\s*|\s+[–—-]\s+")  # what ends the name in "Lim (KR)"
OCR_SKIPPED = (
    "text in the speakers section that is not a numbered speaker (a screenshot's OCR?) "
    "skipped; the names above are used"
)


def read_moderator(blocks, report):
    for block in blocks:
        if block.kind == "row":
            continue
        person, _title = parse_person(block.content, block.line, report.warn, with_title=False)
        if person:
            report.moderator = person
            return


def read_speakers(blocks, report):
    from sessions.importer.report import ParsedPresentation

    columns, listed, skipped_from = None, False, None
    for block in blocks:
        if block.kind == "row":
            if columns is None:
                columns = table_columns(block.cells)
                continue
            person, title = person_from_row(block.cells, columns, block.line, report.warn)
        elif block.kind == "heading" and block.level < 7 and not listed:
            continue  # a sub-heading ("Panel 1")
        else:
            if listed and block.kind != "item" or skipped_from:
                skipped_from = skipped_from or block.line
                continue
            person, title = parse_person(block.content, block.line, report.warn)
            listed = listed or (block.kind == "item" and person is not None)
        if person is None:
            if report.presentations:
                skipped_from = skipped_from or block.line
            continue
        if _is_moderator(person) and report.moderator is None:
            person.role = ""
            report.moderator = person
            continue
        report.presentations.append(ParsedPresentation(speaker=person, title=title))
    if skipped_from:
        report.skip(skipped_from, OCR_SKIPPED)


def _is_moderator(person):
    return bool(set(fold(person.role).split()) & MODERATOR_WORDS)


def read_summaries(blocks, report):
    texts = {}  # id(presentation) -> [paragraph]
    current = None
    for block in blocks:
        if block.kind == "heading" or (block.kind == "item" and len(block.content) < 300):
            text = unnumbered(block.content)
            found = _presentation_named(text, block.line, report, heading=True)
            if found is not None:
                current = found
                texts.setdefault(id(current), [])
                continue
            if block.kind == "heading":
                continue
        if block.kind == "label":
            found = _presentation_named(block.text, block.line, report, heading=True)
            if found is not None:
                current = found
                texts.setdefault(id(current), []).append(block.value)
                continue
        if block.kind == "row":
            continue
        named = _speaker_at_start(block.content, report)
        if named is not None and named is not current and (current is None or texts[id(current)]):
            current = named
        if current is None:
            current = _presentation_named(block.content, block.line, report, heading=False)
            if current is None:
                continue
        texts.setdefault(id(current), []).append(block.content)
    for presentation in report.presentations:
        presentation.summary = "\n\n".join(texts.get(id(presentation), []))
        presentation.initiatives = initiatives_named(presentation.summary)
        if not presentation.title:
            name = presentation.speaker.name
            presentation.title = (
                presentation.initiatives[0]
                if presentation.initiatives
                else f"Presentation by {name}"
            )
            report.warn(
                presentation.speaker.line,
                f"no presentation title for {name}; “{presentation.title}” is used",
            )


def _presentation_named(text, line, report, heading):
    """The presentation of the speaker a summary's heading names; a new one for a person not
    in the speakers list (with a warning), or None when the heading names nobody."""
    from sessions.importer.report import ParsedPresentation

    person, title = parse_person(text, line, None)
    name = person.name if person else NAME_PART.split(strip_honorific(text), maxsplit=1)[0]
    speaker = find_person(name, [p.speaker for p in report.presentations])
    if speaker is not None:
        presentation = next(p for p in report.presentations if p.speaker is speaker)
        if title and not presentation.title:
            presentation.title = title
        return presentation
    if person is None or not heading:
        return None
    if report.moderator and find_person(person.name, [report.moderator]):
        return None
    report.warn(
        line,
        f"a summary for {person.name} who is not in the speakers list; added as a presentation",
    )
    person, title = parse_person(text, line, report.warn)
    presentation = ParsedPresentation(speaker=person, title=title)
    report.presentations.append(presentation)
    return presentation


def _speaker_at_start(text, report):
    """The presentation whose speaker a paragraph starts with: "Ana Ruiz explained",
    "Ms. Heap has explained", "M. Ndiaye a présenté"."""
    honorific = HONORIFIC.match(text)
    start = fold(text[honorific.end() :] if honorific else text).split()[:4]
    if not start:
        return None
    for presentation in report.presentations:
        words = person_key(presentation.speaker.name).split()
        if start[: len(words)] == words:
            return presentation
        if honorific and words and start[0] == words[-1]:
            return presentation
        if honorific and len(words) > 2 and start[:2] == words[-2:]:
            return presentation
    return None


def is_name_line(text):
    """A short line naming a person and nothing else: "Victor Meseguer (moderator)"."""
    if len(text.split()) > 10 or text.endswith((".", "?", "!", ";")):
        return False
    name = re.split(r"\s*[(,]\s*|\s+[–—-]\s+", text, maxsplit=1)[0]
    person, _title = parse_person(name, 0, None, with_title=False)
    return person is not None
