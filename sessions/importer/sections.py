"""Blocks to sections: what each part of the report is, read from the words of its labels.

`classify(label)` scores a label against the vocabulary's tables (every language at once) and
names its target: a header field ("Intitulé de la séance" is the title) or a section ("Questions
de la salle" is the audience's questions). `split_sections(blocks)` walks the blocks once and
hands each to its place: header fields with their value and line, the header's other lines,
and the blocks of each section in order.
"""

import functools
import re
from dataclasses import dataclass, field

from sessions.importer.blocks import Block, fold
from sessions.importer.vocabulary import (
    FIELDS,
    LABEL_FILLERS,
    LABEL_WORDS,
    SECTIONS,
    SOLE_LABELS,
    STOPWORDS,
)

STRONG = 3  # the least score that makes a label name its target


@dataclass(frozen=True)
class Target:
    name: str | None
    score: int = 0
    language: str = ""
    also: tuple = ()  # other fields the same label names: "Date and languages"

    @property
    def is_field(self):
        return self.name in FIELDS

    @property
    def is_section(self):
        return self.name in SECTIONS


def _scores(words):
    present = set(words)
    pairs = {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}
    for language, targets in LABEL_WORDS.items():
        for target, table in targets.items():
            score = 0
            for entry, weight in table.items():
                if " " in entry:
                    first, second = entry.split(" ", 1)
                    hit = entry in pairs or (first in present and second in present)
                else:
                    hit = entry in present
                score += weight * hit
            if score:
                yield score, language, target


@functools.lru_cache(maxsize=8192)
def classify(label, explicit=False):
    """The Target a label names, or Target(None). An `explicit` label (followed by a colon,
    or in bold) may hold more words that are not label words."""
    words = fold(re.sub(r"^\s*(?:\(?\d{1,2}\s*[.)\]-]\s*|[ivx]+\.\s+)", "", label)).split()
    if not words or len(words) > 24:
        return Target(None)
    if len(words) == 1 and words[0] in SOLE_LABELS:
        return Target(SOLE_LABELS[words[0]], STRONG)
    outside = fold(re.sub(r"\([^)]*\)", " ", label)).split()
    if "(" in label and outside and not any(_is_label_word(word) for word in outside):
        return Target(None)  # "Ana Ruiz (moderator)": a name, said to be the moderator
    if "(" in label and outside:
        words = outside  # "Questions from the chat (read by the moderator)": an aside
    scored = sorted(_scores(words), key=lambda item: (-item[0], _ORDER[item[2]]))
    if not scored:
        return Target(None)
    score, language, target = scored[0]
    known = sum(_is_label_word(word) for word in words)
    # A text with few label words is a sentence or a theme that happens to hold one ("the
    # panel agreed that...", "The social economy and public procurement"), not a label.
    share = 1 / 2 if explicit else 2 / 3
    if score < STRONG or (known < len(words) * share and score < 2 * STRONG):
        return Target(None)
    also = ()
    if target in FIELDS and len(words) <= 5:
        also = tuple(
            dict.fromkeys(
                name
                for s, _l, name in scored[1:]
                if s >= STRONG and name in FIELDS and name != target
            )
        )
    return Target(target, score, language, also)


_ORDER = {name: order for order, name in enumerate(("closing", *FIELDS, *SECTIONS))}


def leading_label(text):
    """(Target, value) for a line that starts with a field's label and no colon: "Type of
    session Workshop session", "Participants Zoom participation: 40"."""
    words = text.split()
    best = None
    for size in range(1, min(6, len(words)) + 1):
        head = fold(" ".join(words[:size])).split()
        if not head or not all(_is_label_word(word) for word in head):
            break
        target = classify(" ".join(words[:size]))
        # "Moderated by Ana Ruiz, ...": the moderator, said in a sentence of the header
        if (target.is_field and target.name not in {"forum", "title"}) or (
            target.name == "moderator" and words[size - 1].lower() in {"by", "par", "por"}
        ):
            best = (target, " ".join(words[size:]))
    return best if best and best[1] else None


def _is_label_word(word):
    return word in LABEL_FILLERS or word in _LABEL_WORDS


_LABEL_WORDS = {
    word
    for language in LABEL_WORDS.values()
    for table in language.values()
    for entry in table
    for word in entry.split()
}


@dataclass
class Part:
    """One section of the report: its name, the line of its label, its blocks."""

    name: str
    line: int
    label: str
    level: int = 0
    blocks: list = field(default_factory=list)


@dataclass
class Layout:
    fields: dict = field(default_factory=dict)  # name -> (value, line, block)
    header: list = field(default_factory=list)  # the header's blocks no field took
    parts: list = field(default_factory=list)  # Parts, in order
    unknown: list = field(default_factory=list)  # (line, label) of sections not in the template
    languages: dict = field(default_factory=dict)  # language -> votes

    def vote(self, language, weight=1):
        if language:
            self.languages[language] = self.languages.get(language, 0) + weight

    def blocks_of(self, name):
        return [block for part in self.parts if part.name == name for block in part.blocks]

    def has(self, name):
        return any(part.name == name for part in self.parts)


# Sections where a run-in "Label: value" may start another section; inside long texts
# ("Conclusion: the fund...") a label needs bold or a heading to count.
OPEN_SECTIONS = {"header", "moderator", "speakers", None}
PROSE_SECTIONS = {"summaries", "guiding", "audience", "closing"}


def split_sections(blocks):
    layout = Layout()
    current = None  # a Part, or None for the header
    pending = None  # a field whose label came alone: its value is the next block
    for block in blocks:
        where = current.name if current else "header"
        if pending and block.kind != "heading":
            for name in pending:
                _set_field(layout, name, block.content, block)
            pending = None
            continue
        pending = None
        labelled = _label_of(block, where) or _plain_label(block, layout)
        if labelled is not None:
            target, value = labelled
            layout.vote(target.language, 2)
            if target.is_field and (target.name not in layout.fields or where == "header"):
                if target.name in layout.fields:
                    layout.header.append(block)
                elif value:
                    for name in (target.name, *target.also):
                        _set_field(layout, name, value, block)
                else:
                    pending = (target.name, *target.also)
                continue
            if target.is_section:
                current = Part(target.name, block.line, block.text, block.level or 8)
                layout.parts.append(current)
                if value:
                    current.blocks.append(Block("paragraph", block.line, value))
                if where == "header" and block.kind == "paragraph" and not block.colon:
                    current = None  # a sentence of the header: the header goes on
                continue
        if (
            block.kind == "heading"
            and current
            and current.name not in {"summaries", "guiding"}
            and block.level <= current.level
            and block.level < 7
        ):
            layout.unknown.append((block.line, block.text))
            current = Part("unknown", block.line, block.text, block.level)
            layout.parts.append(current)
            continue
        if current is None:
            layout.header.append(block)
        else:
            current.blocks.append(block)
    for block in blocks:
        if block.kind in {"paragraph", "item"}:
            for language, words in STOPWORDS.items():
                layout.vote(language, sum(word in words for word in fold(block.text).split()))
    return layout


def _label_of(block, where):
    """(Target, value) when the block is a label that names a field or a section."""
    if block.kind == "row":  # | Date | 18 November 2014 |: a header written as a table
        if len(block.cells) == 2 and (target := classify(block.cells[0], explicit=True)).name:
            return target, block.cells[1]
        return None
    split = block.colon_split() if block.kind != "heading" else None
    if block.kind == "heading":
        target = classify(block.text)
        if target.name is None and (":" in block.text or "：" in block.text):
            label, _colon, value = block.text.replace("：", ":").partition(":")
            target = classify(label)
            if target.name:
                return target, value.strip()
        return (target, "") if target.name else None
    if split is None or (block.kind == "item" and not block.bold):
        if where == "header" and block.kind == "paragraph" and len(block.text) < 160:
            return leading_label(block.text)
        return None
    label, value = split
    target = classify(label, explicit=True)
    if target.name is None:
        return None
    alone = not value and block.kind == "paragraph" and len(block.text) < 80
    if target.is_section and where in PROSE_SECTIONS and not (block.bold or alone):
        return None
    if target.is_field and where in PROSE_SECTIONS and not block.bold:
        return None
    return target, value


def _plain_label(block, layout):
    """A section label without any markup, as plain-text reports write them: a short line of
    its own ("Questions from the audience"), or a run-in label of several label words
    ("Guiding question: How to..."), for a section the report has not had yet."""
    if block.kind != "paragraph" or block.text.endswith((".", "?", "!", ";", ",")):
        return None
    split = block.colon_split()
    label, value = split if split else (block.text, "")
    words = fold(label).split()
    if not split and (len(block.text) > 60 or len(words) > 7):
        return None
    if split and (len(words) < 2 or not all(_is_label_word(word) for word in words)):
        return None
    target = classify(label)
    if not target.is_section or layout.has(target.name):
        return None
    return target, value


def _set_field(layout, name, value, block):
    if name not in layout.fields and value.strip():
        layout.fields[name] = (value.strip(), block.line, block)
