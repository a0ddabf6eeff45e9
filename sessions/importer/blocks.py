"""Text to blocks: the report's structure, before anything is read for its meaning.

A block is a heading (Markdown `#`, underlined `===`/`---`, a line wholly in bold, a short line
in capitals), a run-in label with its value (`**Moderator:** Ana Ruiz`), a list item (numbered
or bulleted), a table row, or a paragraph. Every block keeps the line it starts on. Lines that
are HTML (a pasted screenshot's markup) or images are left out and listed as skipped.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

TAGS = re.compile(r"<[^>]+>")
MARKUP = re.compile(r"(\*\*|__|\*|_(?=\w)|(?<=\w)_|`)")
ATX = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
UNDERLINE = re.compile(r"^(=+|-+)\s*$")
NUMBERED = re.compile(r"^(?:\(?(\d{1,2}|[a-h])\s*[.)\]]|(\d{1,2})\s*[-–—:])\s*(.+)$")
BULLET = re.compile(r"^[-*•·–—▪►o]\s+(.+)$")
BOLD_LINE = re.compile(r"^(?:\*\*|__)(.+?)(?:\*\*|__)\s*([:：]?)\s*$")
BOLD_LABEL = re.compile(r"^(?:\*\*|__)(.+?)(?:\*\*|__)\s*[:：]?\s*(.+)$")
COLON_LABEL = re.compile(r"^([^:：]{1,80}?)\s*[:：]\s+(.*)$|^([^:：]{1,80}?)\s*[:：]$")
TABLE_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
ITEM_LABEL = re.compile(r"^(?:\*\*|__)([^*_]{1,60}?)\s*[:：]\s*(?:\*\*|__)\s*(.+)$")
QUOTE_MARK = re.compile(r"^\s*(?:>\s?)+")  # a Markdown blockquote: "> Priya Nair (India): ..."
ITALIC_NAME = re.compile(r"(?<![*\w])[*_]([A-ZÀ-Þ0-9][^*_\n]{1,80}?)[*_](?![*\w])")
IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]*\)\s*$")
HTML = re.compile(r"^\s*</?(?:p|div|table|span|b|br|tr|td|th|img|font|figure)\b", re.I)


@dataclass
class Block:
    kind: str  # heading, label, item, row, paragraph
    line: int
    text: str  # plain text, markup removed: for a label, the label's text
    value: str = ""  # a label's value; a list item's text after its number
    level: int = 0  # a heading's level (1 to 6; 7 for a bold or capitalised line)
    number: str = ""  # a list item's number, "" for a bullet
    cells: list = field(default_factory=list)
    colon: bool = False  # the text ends with, or the label is followed by, a colon
    bold: bool = False
    hard_break: bool = False  # while reading: the next line starts a new block

    @property
    def content(self):
        """What the block says, label and value together."""
        if self.kind == "label":
            return f"{self.text}: {self.value}" if self.value else self.text
        if self.kind == "row":
            return " | ".join(self.cells)
        return self.value if self.kind == "item" else self.text

    def colon_split(self):
        """(label, value) when the text reads "Label: value" with a short label, else None."""
        if self.kind == "label":
            return self.text, self.value
        match = COLON_LABEL.match(self.content)
        if not match:
            return None
        label = match.group(1) or match.group(3)
        words = re.sub(r"\([^)]*\)", " ", label).split()  # an aside does not count
        if re.search(r"https?$|www$", label, re.I) or len(words) > 8:
            return None
        return label.strip(), (match.group(2) or "").strip()


def plain(text):
    """Text without HTML tags, Markdown emphasis or surplus spaces. A capitalised name in
    italics (*Krishi Data Trust*) keeps quotes: rapporteurs set initiatives' names so."""
    text = TAGS.sub("", text)
    if "*" in text or "_" in text:
        text = ITALIC_NAME.sub(r"“\1”", text)
    text = MARKUP.sub("", text)
    return " ".join(text.split())


def fold(text):
    """Lower case, without accents or punctuation, spaces collapsed: for comparing words."""
    # Names and labels come back in every report of a batch: those are kept; paragraphs not.
    return _fold_short(text) if len(text) <= 120 else _fold(text)


@functools.lru_cache(maxsize=16384)
def _fold_short(text):
    return _fold(text)


def _fold(text):
    if not text.isascii():
        text = "".join(
            ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
        )
    text = text.lower().replace("&", " and ").replace("œ", "oe").replace("æ", "ae")
    text = re.sub(r"[’'`]", "'", text)
    return " ".join(re.sub(r"[^\w']+", " ", text).replace("'", " ").replace("_", " ").split())


def unnumbered(text):
    """A heading's text without its number: "2. Ms. Hager Khezami" is "Ms. Hager Khezami"."""
    match = NUMBERED.match(text)
    return match.group(3).strip() if match else text


def is_capitals(text):
    if text.upper() != text:
        return False
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters) and len(text.split()) <= 12


def read_blocks(text, skipped):
    """The blocks of a report's text; lines left out are added to `skipped` as (line, why)."""
    lines = text.split("\n")
    blocks, paragraph = [], None
    index = 0
    while index < len(lines):
        number, raw = index + 1, lines[index]
        index += 1
        # Tab-separated columns (pasted from a spreadsheet) are a table row.
        tab = " | " if raw.strip().count("\t") >= 2 else " "
        stripped = QUOTE_MARK.sub("", raw.replace("\t", tab).replace("\xa0", " ")).strip()
        if HTML.match(stripped):
            skipped.append((number, _("HTML fragment skipped (names not imported)")))
            paragraph = None
            continue
        if IMAGE.match(stripped):
            paragraph = None
            continue
        if not plain(stripped) or TABLE_SEPARATOR.match(stripped) and "-" in stripped:
            paragraph = None
            continue
        following = lines[index].strip() if index < len(lines) else ""
        if (
            UNDERLINE.match(following)
            and len(following) >= 3
            and not stripped.startswith(("|", "#", "-", "*"))
            and paragraph is None
        ):
            index += 1
            level = 1 if following.startswith("=") else 2
            blocks.append(_heading(number, stripped, level))
            continue
        if (
            stripped.startswith(":")
            and blocks
            and paragraph is None
            or (stripped.startswith(":") and blocks and blocks[-1].kind == "paragraph")
        ):
            handled, definition = _definition(blocks, number, plain(stripped[1:]))
            if handled:
                if definition is not None:
                    blocks.append(definition)
                paragraph = None
                continue
        block = _block(number, raw, stripped)
        if block is None:  # prose: joins the paragraph above when that one was wrapped
            text_line = plain(stripped)
            labelled = _starts_with_label(text_line)
            if paragraph is not None and not paragraph.hard_break and not labelled:
                paragraph.text += " " + text_line
            else:
                paragraph = Block("paragraph", number, text_line)
                blocks.append(paragraph)
            paragraph.hard_break = (
                len(stripped) < 50
                or raw.endswith(("  ", "\\"))
                or stripped.endswith((":", "?"))
                or labelled
            )
            continue
        blocks.append(block)
        paragraph = block if block.kind == "item" and not block.colon else None
        if paragraph is not None:
            paragraph.hard_break = len(stripped) < 50
    for block in blocks:
        if block.kind == "paragraph" and COLON_LABEL.match(block.text):
            block.colon = True
    return blocks


def _definition(blocks, number, value):
    """A definition list's value (": value" under its term): the term becomes a label, and
    each further value a list item of it."""
    last = blocks[-1]
    if last.kind == "paragraph" and len(last.text) <= 60 and not last.value:
        blocks[-1] = Block("label", last.line, last.text, value=value, colon=True, bold=True)
        return True, None
    if last.kind == "label" or (last.kind == "item" and not last.number):
        return True, Block("item", number, value, value=value)
    return False, None


def _starts_with_label(text):
    """Whether a line opens with a short "Label:" ("Type of session: Plenary")."""
    match = re.match(r"^([^:：!?]{1,40})[:：](?:\s|$)", text)
    return bool(match) and len(match.group(1).split()) <= 5 and not match.group(1)[-1:].isdigit()


def _heading(number, text, level):
    text = plain(text)
    colon = text.endswith((":", "："))
    return Block("heading", number, text.rstrip(" :："), level=level, colon=colon)


def _block(number, raw, stripped):
    """The block a line starts, or None for a line of prose."""
    if stripped.startswith("|") and stripped.count("|") >= 2 or stripped.count(" | ") >= 2:
        cells = [plain(cell) for cell in stripped.strip("|").split("|")]
        return Block("row", number, plain(stripped), cells=cells)
    if match := ATX.match(stripped):
        return _heading(number, match.group(2), len(match.group(1)))
    if match := BOLD_LINE.match(stripped):
        inner = plain(match.group(1))
        if len(inner) <= 160 and "**" not in match.group(1):
            block = _heading(number, inner + match.group(2), 7)
            block.bold = True
            return block
    if match := BOLD_LABEL.match(stripped):
        label = plain(match.group(1)).rstrip(" :：")
        if len(label.split()) <= 8 and "**" not in match.group(1):
            return Block("label", number, label, value=plain(match.group(2)), colon=True, bold=True)
    item = NUMBERED.match(stripped) or BULLET.match(stripped)
    if item and (match := ITEM_LABEL.match(item.groups()[-1])):  # - **Fecha:** 8 de octubre
        return Block("label", number, plain(match.group(1)), value=plain(match.group(2)),
                     colon=True, bold=True)  # fmt: skip
    if match := NUMBERED.match(plain(stripped)):
        number_text = next(group for group in match.groups()[:2] if group)
        value = match.group(3).strip()
        return Block(
            "item", number, plain(stripped), value=value, number=number_text,
            colon=value.endswith(":"),
        )  # fmt: skip
    if match := BULLET.match(stripped):
        return Block("item", number, plain(stripped), value=plain(match.group(1)))
    if is_capitals(plain(stripped)) and not plain(stripped).endswith("."):
        return _heading(number, stripped, 7)
    return None
