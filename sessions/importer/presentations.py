"""The moderator, the speakers and the summaries of their presentations.

Speakers come as a list (numbered or bulleted), one per line, or a table whose header names its
columns; a summary is found under a heading that names its speaker, or a paragraph that starts
with the speaker's name ("Ms. Heap explained..."), in whatever order the report gives them.
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sessions.importer.blocks import Block, fold, unnumbered
from sessions.importer.facts.initiatives import initiatives_named
from sessions.importer.facts.people import (
    HONORIFIC,
    find_person,
    parse_person,
    person_from_row,
    person_key,
    split_outside_parentheses,
    strip_honorific,
    table_columns,
)
from sessions.importer.parsed import ParsedPresentation

MODERATOR_WORDS = {"moderator", "moderatrice", "moderateur", "moderadora", "moderador",
                   "facilitator", "animatrice", "animateur", "chair"}  # fmt: skip
NAME_PART = re.compile(r"\s*[(,:]\s*|\s+[–—-]\s+")  # what ends the name in "Lim (KR)"
OCR_SKIPPED = gettext_lazy(
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
    columns, listed, skipped_from = None, False, None
    for block in blocks:
        people = []
        if block.kind == "row":
            if columns is None and (columns := table_columns(block.cells)):
                continue  # the table's header
            if columns:
                people = [person_from_row(block.cells, columns, block.line, report.warn)]
            else:  # "Name | Organisation | Country", no header
                text = ", ".join(cell for cell in block.cells if cell)
                people = [parse_person(text, block.line, report.warn)]
        elif block.kind == "heading" and block.level < 7 and not listed:
            continue  # a sub-heading ("Panel 1")
        else:
            if listed and block.kind != "item" or skipped_from:
                skipped_from = skipped_from or block.line
                continue
            people = [parse_person(block.content, block.line, report.warn)]
            if people[0][0] is None and not report.presentations:
                people = people_in_prose(block.content, block.line, report.warn) or people
            listed = listed or (block.kind == "item" and people[0][0] is not None)
        for person, title in people:
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
        report.skip(skipped_from, str(OCR_SKIPPED))


LEAD_IN = re.compile(
    r"^.*?\b(?:brought together|gathered|included|featured|with the participation of|"
    r"speakers were|panellists were|panelists were|réunissait|a réuni|réunit|avec|"
    r"intervenants étaient|reunió a|contó con)\s*:?\s*",
    re.IGNORECASE,
)


def people_in_prose(text, line, warn):
    """The people a sentence introduces: "The round table brought together Ana Ruiz,
    director of REAS (Spain); Tom Reilly of the Dublin Trust (Ireland) and ..."."""
    lead = LEAD_IN.match(text)
    if not lead:
        return []
    sentence = re.split(r"(?<=[)\w])\.\s+(?=[A-Z])", text[lead.end() :], maxsplit=1)[0]
    pieces = []
    for part in split_outside_parentheses(sentence, ";"):
        for piece in split_outside_parentheses(part, ","):
            pieces.extend(re.split(r"\s+(?:and|et|y)\s+(?=[A-ZÀ-Þ])", piece))
    people, current = [], None
    for piece in pieces:
        piece = re.sub(r"^(?:and|et|y)\s+", "", piece.strip(" ."))
        person, _title = parse_person(piece, line, None, with_title=False)
        if person is not None:
            current = [piece]
            people.append(current)
        elif current is not None:  # "director of X (Country)": the person before's details
            current.append(piece)
    found = [parse_person(", ".join(parts), line, warn, with_title=False) for parts in people]
    return [(person, "") for person, _title in found if person is not None]


def _is_moderator(person):
    return bool(set(fold(person.role).split()) & MODERATOR_WORDS)


TALK_LABEL = re.compile(
    r"^\W*(?:presentation|talk|intervention|expos[ée]|ponencia|presentaci[óo]n)\s*n?[°º]?\s*\d",
    re.IGNORECASE,
)


def summary_blocks(layout, report):
    """The blocks of the summaries: the summaries section's, and those of any other section
    that is one speaker's talk ("Presentation 2: ... (Ana Ruiz)", "🇰🇪 Grace Atieno
    Odhiambo (KCHC)") or that gives each speaker their paragraph ("What was presented")."""
    blocks, taken = [], set()
    for part in layout.parts:
        if part.name == "summaries":
            blocks.extend(part.blocks)
        elif (
            part.name == "unknown"
            and report.presentations
            and (
                TALK_LABEL.match(part.label)
                or speaker_named_in(part.label, report)
                or any(_names_speaker(block, report) for block in part.blocks[:3])
            )
        ):
            blocks.append(Block("heading", part.line, part.label, level=part.level))
            blocks.extend(part.blocks)
            taken.add(part.line)
    layout.unknown = [(line, label) for line, label in layout.unknown if line not in taken]
    return blocks


def _names_speaker(block, report):
    if block.kind in {"label", "heading"} or block.colon:
        split = block.colon_split() if block.kind != "heading" else (block.text, "")
        return bool(split) and speaker_named_in(split[0], report) is not None
    return False


def speaker_named_in(text, report):
    """The presentation whose speaker a text names in full, or by a surname no other
    speaker has: "Presentation 1: Rebuilding Without Displacing (Jeong-ho Seo)"."""
    words = f" {person_key(text)} "
    found = [p for p in report.presentations if f" {person_key(p.speaker.name)} " in words]
    if len(found) == 1:
        return found[0]
    by_surname = [
        p
        for p in report.presentations
        if len(surname := person_key(p.speaker.name).split()[-1]) > 3 and f" {surname} " in words
    ]
    return by_surname[0] if len(by_surname) == 1 else None


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
        named = speaker_at_start(block.content, report)
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
                _("no presentation title for %(name)s; “%(title)s” is used")
                % {"name": name, "title": presentation.title},
            )


def _presentation_named(text, line, report, heading):
    """The presentation of the speaker a summary's heading names; a new one for a person not
    in the speakers list (with a warning), or None when the heading names nobody."""
    person, title = parse_person(text, line, None)
    name = person.name if person else NAME_PART.split(strip_honorific(text), maxsplit=1)[0]
    speaker = find_person(name, [p.speaker for p in report.presentations])
    if speaker is None and heading and (named := speaker_named_in(text, report)):
        speaker = named.speaker
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
        _("a summary for %(name)s who is not in the speakers list; added as a presentation")
        % {"name": person.name},
    )
    person, title = parse_person(text, line, report.warn)
    presentation = ParsedPresentation(speaker=person, title=title)
    report.presentations.append(presentation)
    return presentation


def speaker_at_start(text, report):
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
