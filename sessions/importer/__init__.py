"""Rapporteurs' reports in, draft sessions out.

A report file goes through four steps, one module each:
- `reading`: the file's bytes (Word .docx, Markdown, plain text) to text; a PDF is refused;
- `blocks` and `sections`: the text to blocks (headings, labels, list items, table rows,
  paragraphs, each with its line), and the blocks to the template's fields and sections,
  recognised by the words of their labels (`vocabulary`), in English, French or Spanish;
- `report`, `presentations`, `discussion` and `facts/` (dates, countries, people,
  initiatives, the session's own facts): the sections to a ParsedReport (`parsed`), with
  warnings;
- `matching`, `importing`, `chunks` and `batch`: the ParsedReport to rows, matched to the
  ones that exist, with what was done in `results`; one file, or many (by chunks of files,
  one transaction each, with worker processes).
"""

from sessions.importer.batch import import_many
from sessions.importer.blocks import fold
from sessions.importer.importing import Importer, import_report, parse_file
from sessions.importer.parsed import ParsedReport
from sessions.importer.reading import MAX_BYTES, Problem, ReportError, read_report, read_source
from sessions.importer.report import parse_report
from sessions.importer.results import ImportResult

__all__ = [
    "MAX_BYTES",
    "Importer",
    "ImportResult",
    "ParsedReport",
    "Problem",
    "ReportError",
    "fold",
    "import_many",
    "import_report",
    "parse_file",
    "parse_report",
    "read_report",
    "read_source",
]
