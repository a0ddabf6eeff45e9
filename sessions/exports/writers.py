"""Rows into CSV or JSON text, a piece at a time.

The pieces are a few tens of kilobytes: small enough that a long export holds little in
memory, large enough that a response does not go out one row per write."""

import csv
import json

PIECE = 64 * 1024
BOM = "\ufeff"  # Excel reads a CSV file as UTF-8 only when it starts with one


class _Line:
    """What csv.writer writes to: the line, handed back."""

    def write(self, text):
        return text


def _pieces(texts):
    buffer, size = [], 0
    for text in texts:
        buffer.append(text)
        size += len(text)
        if size >= PIECE:
            yield "".join(buffer)
            buffer, size = [], 0
    if buffer:
        yield "".join(buffer)


def csv_texts(table, rows, site):
    writer = csv.writer(_Line())  # commas, "quotes" where needed, CRLF: as Excel writes it
    yield BOM + writer.writerow(table.names)
    for row in rows:
        values = table.values(row, site)
        yield writer.writerow(["" if value is None else value for value in values])


def json_texts(table, rows, site):
    names = table.names
    separator = "[\n"
    for row in rows:
        record = dict(zip(names, table.values(row, site), strict=True))
        yield separator + json.dumps(record, ensure_ascii=False)
        separator = ",\n"
    yield "[]\n" if separator == "[\n" else "\n]\n"


FORMATS = {
    "csv": (csv_texts, "text/csv; charset=utf-8"),
    "json": (json_texts, "application/json"),
}


def pieces(format, table, rows, site):
    write, _content_type = FORMATS[format]
    return _pieces(write(table, rows, site))


def content_type(format):
    return FORMATS[format][1]
