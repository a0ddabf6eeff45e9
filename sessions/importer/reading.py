"""Files in, text out: a report's bytes become one text, whatever the file was.

Markdown and plain text are decoded (UTF-8, with or without BOM, else Latin-1 with a warning).
A Word file (.docx) is rendered as Markdown: its headings, bold runs, numbered and bulleted
lists and tables keep their structure, one paragraph per block, and each line remembers which
paragraph or table row it came from, so that a problem is reported where Word shows it. A PDF
or any other binary file is refused with a message, never a crash.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

MAX_BYTES = 2 * 1024 * 1024
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
WORD_NAMESPACE = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def line_place(line):
    """Where a line is, as a message says it: "line 12"."""
    return _("line %(line)d") % {"line": line} if line else ""


def placed(place, message):
    """A message prefixed with where it applies: "line 12: ..."."""
    return _("%(place)s: %(message)s") % {"place": place, "message": message} if place else message


class ReportError(Exception):
    """A report that cannot be imported; nothing is written. Its message is in the language
    active where it is raised."""

    def __init__(self, message, line=None, place=None):
        self.line = line
        self.place = place or line_place(line)
        super().__init__(placed(self.place, message))
        self.reason = message


@dataclass
class Problem:
    line: int | None
    message: str
    place: str = ""  # "paragraph 12" for a Word file; "line 12" otherwise

    def __str__(self):
        return placed(self.place or line_place(self.line), self.message)


@dataclass
class Source:
    """A report as text. `places` maps a line of the text to where it is in a Word file."""

    text: str
    kind: str = "text"  # text or docx
    warnings: list = field(default_factory=list)
    places: dict = field(default_factory=dict)

    def place(self, line):
        return self.places.get(line, "") if line else ""


def read_source(data, name=""):
    """The Source of a report file's bytes, or ReportError."""
    if len(data) > MAX_BYTES:
        raise ReportError(
            _("the file is %(size)s MB; a report is at most %(limit)d MB")
            % {
                "size": number_format(len(data) / 1024 / 1024, 1),
                "limit": MAX_BYTES // 1024 // 1024,
            }
        )
    if not data.strip():
        raise ReportError(_("the file is empty"))
    suffix = name.lower().rpartition(".")[2] if "." in name else ""
    if data.startswith(b"%PDF") or suffix == "pdf":
        raise ReportError(
            _(
                "PDF files are not supported yet: save the report as Word (.docx), Markdown "
                "or plain text and import that"
            )
        )
    if data.startswith(b"PK\x03\x04") or suffix == "docx":
        return read_docx(data)
    if data.startswith(b"\xd0\xcf\x11\xe0") or suffix in {"doc", "odt", "rtf"}:
        raise ReportError(
            _(
                "“.%(suffix)s” files are not supported: save the report as Word (.docx), "
                "Markdown or plain text"
            )
            % {"suffix": suffix or "doc"}
        )
    text, warnings = decode(data)
    return Source(text=text, warnings=warnings)


def read_report(data, name=""):
    """(text, warnings) of a report file: the Source's text, for callers that need no more."""
    source = read_source(data, name)
    return source.text, source.warnings


def decode(data):
    """Text from bytes, with line endings made "\\n", and any warnings."""
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ReportError(_("the file holds binary data (a NUL byte): is it a text report?"), line)
    warnings = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        text = data.decode("cp1252", errors="replace")
        if "\ufffd" in text:
            raise ReportError(
                _("the file is neither UTF-8 nor Latin-1 text; save it as UTF-8"), line
            ) from None
        warnings.append(Problem(line, _("the file is not UTF-8; it was read as Latin-1 (cp1252)")))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = len(CONTROL_CHARACTERS.findall(text))
    if controls > max(3, len(text) // 200):
        raise ReportError(_("the file holds binary data, not text: is it a text report?"))
    return CONTROL_CHARACTERS.sub("", text), warnings


# Word


def read_docx(data):
    import docx  # python-docx: loaded only when a Word file comes
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ReportError(
            _(
                "the file is not a Word document that can be read (%(error)s); open it in "
                "Word and save it again as .docx"
            )
            % {"error": error}
        ) from None
    renderer = _WordRenderer(document)
    renderer.render()
    text = "\n".join(renderer.lines) + "\n"
    if not text.strip():
        raise ReportError(_("the Word document holds no text"))
    return Source(text=CONTROL_CHARACTERS.sub("", text), kind="docx", places=renderer.places)


class _WordRenderer:
    """Word paragraphs and tables to Markdown lines, in document order."""

    def __init__(self, document):
        self.document = document
        self.lines, self.places = [], {}
        self.paragraph_number = self.table_number = 0
        self.counters = {}  # (list id, level) -> the last number given
        self.formats = self._number_formats()

    def render(self):
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        for child in self.document.element.body.iterchildren():
            if child.tag == f"{WORD_NAMESPACE}p":
                self.paragraph(Paragraph(child, self.document))
            elif child.tag == f"{WORD_NAMESPACE}tbl":
                self.table(Table(child, self.document))

    def emit(self, text, place):
        self.lines.append(text)
        self.places[len(self.lines)] = place
        self.lines.append("")

    def paragraph(self, paragraph):
        self.paragraph_number += 1
        text = self.inline(paragraph)
        if not text.strip():
            return
        place = _("paragraph %(number)d") % {"number": self.paragraph_number}
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        level = re.match(r"(?:Heading|Titre|Título)\s*(\d)", style, re.IGNORECASE)
        if style.lower() in {"title", "titre", "título"}:
            level = 1
        elif level:
            level = min(int(level.group(1)), 6)
        if level:
            self.emit("#" * level + " " + _plain_runs(paragraph), place)
            return
        numbering = self.numbering(paragraph, style)
        for number, piece in enumerate(text.split("\n")):
            if piece.strip():
                self.emit((numbering if number == 0 else "") + piece, place)

    def inline(self, paragraph):
        """The paragraph's text, its leading bold runs marked **...**; line breaks kept."""
        runs = [(run.text, bool(run.bold)) for run in paragraph.runs]
        if not runs:
            return paragraph.text
        whole = "".join(text for text, _bold in runs)
        bold = "".join(text for text, is_bold in runs if is_bold)
        if whole.strip() and bold.strip() == whole.strip():
            return f"**{whole.strip()}**"
        lead = []
        for text, is_bold in runs:
            if not is_bold:
                break
            lead.append(text)
        label = "".join(lead)
        if label.strip():
            rest = whole[len(label) :]
            return f"**{label.strip()}** {rest.strip()}"
        return whole

    def numbering(self, paragraph, style):
        properties = paragraph._p.pPr
        number_properties = properties.numPr if properties is not None else None
        if number_properties is not None and number_properties.numId is not None:
            list_id = number_properties.numId.val
            level = number_properties.ilvl.val if number_properties.ilvl is not None else 0
            kind = self.formats.get((list_id, level), "decimal")
        elif "bullet" in style.lower() or "puce" in style.lower():
            list_id, level, kind = style, 0, "bullet"
        elif "number" in style.lower() or "numéro" in style.lower():
            list_id, level, kind = style, 0, "decimal"
        else:
            return ""
        if kind == "bullet":
            return "- "
        number = self.counters.get((list_id, level), 0) + 1
        self.counters[(list_id, level)] = number
        return f"{number}. "

    def _number_formats(self):
        """(numbering id, level) -> "bullet" or "decimal", from the document's numbering part."""
        try:
            numbering = self.document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return {}
        abstract = {}
        for definition in numbering.iterchildren(f"{WORD_NAMESPACE}abstractNum"):
            for level in definition.iterchildren(f"{WORD_NAMESPACE}lvl"):
                fmt = level.find(f"{WORD_NAMESPACE}numFmt")
                key = (
                    definition.get(f"{WORD_NAMESPACE}abstractNumId"),
                    int(level.get(f"{WORD_NAMESPACE}ilvl")),
                )
                value = fmt.get(f"{WORD_NAMESPACE}val") if fmt is not None else "decimal"
                abstract[key] = "bullet" if value == "bullet" else "decimal"
        formats = {}
        for instance in numbering.iterchildren(f"{WORD_NAMESPACE}num"):
            link = instance.find(f"{WORD_NAMESPACE}abstractNumId")
            if link is None:
                continue
            for (abstract_id, level), kind in abstract.items():
                if abstract_id == link.get(f"{WORD_NAMESPACE}val"):
                    formats[(int(instance.get(f"{WORD_NAMESPACE}numId")), level)] = kind
        return formats

    def table(self, table):
        self.table_number += 1
        for number, row in enumerate(table.rows, start=1):
            cells, seen = [], set()
            for cell in row.cells:
                if id(cell._tc) in seen:  # a merged cell appears once per column it spans
                    continue
                seen.add(id(cell._tc))
                cells.append(" ".join(cell.text.replace("|", "/").split()))
            if not any(cells):
                continue
            self.lines.append("| " + " | ".join(cells) + " |")
            self.places[len(self.lines)] = _("table %(table)d, row %(row)d") % {
                "table": self.table_number,
                "row": number,
            }
            if number == 1:
                self.lines.append("|" + " --- |" * len(cells))
        self.lines.append("")


def _plain_runs(paragraph):
    return " ".join(paragraph.text.split())
