"""The open-data archive: a ZIP of CSV files, one per table, published records only, with
a README.txt that describes every column. Built by `manage.py build_open_data`, served by
the open-data page."""

import csv
import io
import os
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from sessions.exports import columns
from sessions.exports.columns import Column, Table, field, joined, translated, url
from sessions.exports.views import in_one_transaction
from sessions.exports.writers import BOM
from sessions.models import AudienceQuestion, ClosingRemark, Forum, Presentation, Theme
from speakers.models import Organisation

CHUNK_SIZE = 2000
FILENAME = "gsef-open-data.zip"


def archive_path():
    """settings.OPEN_DATA_ARCHIVE if set, else open-data/ under MEDIA_ROOT (or the project)."""
    configured = getattr(settings, "OPEN_DATA_ARCHIVE", None)
    if configured:
        return Path(configured)
    root = Path(settings.MEDIA_ROOT) if settings.MEDIA_ROOT else settings.BASE_DIR / "media"
    return root / "open-data" / FILENAME


def _id(name):
    return lambda row, site: getattr(row, name)


def _name_of(relation):
    def value(row, site):
        related = getattr(row, relation)
        return related.name if related else None

    return value


FORUMS = Table(
    "forums",
    [
        *columns.record_columns(),
        Column("name", "Name of the edition", field("name")),
        Column("year", "Year", field("year")),
        Column("start_date", "First day (YYYY-MM-DD)", columns.iso("start_date")),
        Column("end_date", "Last day (YYYY-MM-DD)", columns.iso("end_date")),
        Column("city", "City where it was held", field("city")),
        *columns.country_columns(description="Country where it was held"),
        Column("online", "Held online (true or false)", field("is_virtual")),
        *translated("central_theme", "Central theme"),
        Column("website", "Its website", field("website")),
    ],
    lambda: Forum.objects.published().order_by("start_date", "pk"),
)

PRESENTATIONS = Table(
    "presentations",
    [
        Column("id", "Number of the presentation (stable)", field("pk")),
        Column("session_id", "The session's id (sessions.csv)", _id("session_id")),
        Column("order", "Its place in the session's programme", field("order")),
        Column("url", "Its place on the session's page", url),
        Column("speaker_id", "The speaker's id (speakers.csv)", _id("speaker_id")),
        Column("speaker", "The speaker's name", _name_of("speaker")),
        *translated("title", "Title"),
        *translated("summary", "Summary"),
        Column(
            "initiative_ids",
            "The initiatives it presented (ids in initiatives.csv)",
            lambda row, site: joined(i.pk for i in row.initiatives.all()),
        ),
    ],
    lambda: (
        Presentation.objects.of_published_sessions("speaker")
        .prefetch_related("initiatives")
        .order_by("session_id", "order")
    ),
)

QUESTIONS = Table(
    "questions",
    [
        Column("id", "Number of the question (stable)", field("pk")),
        Column("session_id", "The session's id (sessions.csv)", _id("session_id")),
        Column("order", "Its place among the session's questions", field("order")),
        Column("url", "Its place on the session's page", url),
        Column("asked_by", "Who asked it, if known", field("asker_name")),
        *columns.country_columns("asker_country", "Where the person who asked is from"),
        *translated("question", "The question"),
        *translated("answer", "The answer"),
        Column("answered_by_id", "Who answered (id in speakers.csv)", _id("answered_by_id")),
        Column("answered_by", "Who answered: name", _name_of("answered_by")),
    ],
    lambda: AudienceQuestion.objects.of_published_sessions("answered_by").order_by(
        "session_id", "order"
    ),
)

REMARKS = Table(
    "remarks",
    [
        Column("id", "Number of the closing remark (stable)", field("pk")),
        Column("session_id", "The session's id (sessions.csv)", _id("session_id")),
        Column("order", "Its place among the session's closing remarks", field("order")),
        Column("url", "Its place on the session's page", url),
        Column("speaker_id", "Who said it (id in speakers.csv)", _id("speaker_id")),
        Column("speaker", "Who said it: name", _name_of("speaker")),
        *translated("text", "The remark"),
    ],
    lambda: (
        ClosingRemark.objects.of_published_sessions("speaker")
        .defer("created_by")
        .order_by("session_id", "order")
    ),
)

ORGANISATIONS = Table(
    "organisations",
    [
        *columns.record_columns(),
        Column("name", "Name", field("name")),
        Column("acronym", "Acronym", field("acronym")),
        Column("kind", "Kind (network, government, university, ...)", field("kind")),
        *columns.country_columns(),
        Column("website", "Its website", field("website")),
    ],
    lambda: Organisation.objects.published().order_by("name", "pk"),
)

THEMES = Table(
    "themes",
    [
        *columns.record_columns(),
        *translated("name", "Name"),
        *translated("description", "Description"),
    ],
    lambda: Theme.objects.order_by("slug"),
)

TABLES = [
    FORUMS,
    columns.SESSIONS,
    PRESENTATIONS,
    QUESTIONS,
    REMARKS,
    columns.INITIATIVES,
    columns.SPEAKERS,
    ORGANISATIONS,
    THEMES,
]

README_INTRODUCTION = """\
GSEF Knowledge Base: open data
==============================

The published records of the Global Social Economy Forum's knowledge base (sessions,
their presentations, audience questions and closing remarks, best practices, speakers,
organisations, forums and themes), as they stood on {built}. Drafts are not included.

Each table is a CSV file: UTF-8 with a byte-order mark (Excel and LibreOffice open it as
it is), commas between columns, one row per record, a header row with the column names
below. Texts that are translated come in two columns, *_en (English) and *_fr (French); an
empty cell means that text has no version in that language. Several values in one cell are
joined with "; ". Ids link the tables (session_id in presentations.csv is an id in
sessions.csv). The url column is the record's page: a permanent address that can be cited.
"""


def readme(built):
    lines = [README_INTRODUCTION.format(built=built)]
    for table in TABLES:
        lines.append(f"\n{table.name}.csv\n{'-' * (len(table.name) + 4)}\n")
        width = max(len(name) for name in table.names)
        lines.extend(f"{c.name.ljust(width)}  {c.description}\n" for c in table.columns)
    return "".join(lines)


def write_table(archive, table, site, progress):
    count = 0
    with archive.open(f"{table.name}.csv", "w") as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        text.write(BOM)
        writer = csv.writer(text)
        writer.writerow(table.names)
        for row in in_one_transaction(table.queryset().iterator(chunk_size=CHUNK_SIZE)):
            writer.writerow(["" if v is None else v for v in table.values(row, site)])
            count += 1
            if count % 10_000 == 0:
                progress(table.name, count, done=False)
        text.flush()
        text.detach()
    progress(table.name, count, done=True)
    return count


def build(target, site, progress=lambda name, count, done: None):
    """Write the archive to a temporary file beside `target`, then put it in its place: a
    visitor downloading it meanwhile gets the previous one whole. {table: rows written}."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".open-data-", suffix=".zip")
    counts = {}
    try:
        with (
            os.fdopen(handle, "wb") as file,
            zipfile.ZipFile(file, "w", compression=zipfile.ZIP_DEFLATED) as opened,
        ):
            for table in TABLES:
                counts[table.name] = write_table(opened, table, site, progress)
            built = timezone.now().strftime("%Y-%m-%d %H:%M UTC")
            opened.writestr("README.txt", readme(built))
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return counts
