"""Importing Word files and reports without a forum: drafts updated by a corrected file, a
bad paragraph named, forums matched by the session's date or made from the report."""

import datetime
import io
from io import StringIO
from pathlib import Path

import docx
import pytest
from django.core.management import CommandError, call_command

from sessions.importer import ReportError, import_report
from sessions.models import Forum, Session
from tests.factories import ForumFactory
from tests.helpers import snapshot
from tests.sessions.word_reports import build

pytestmark = pytest.mark.django_db

WORD = "word-template-virtual.docx"
FIDELITY = Path(__file__).resolve().parent / "reports" / "fidelity"


def edited(name, old, new):
    """The Word file `name` with the paragraph that reads `old` made to read `new`."""
    document = docx.Document(io.BytesIO(build(name)))
    [paragraph] = [p for p in document.paragraphs if p.text == old]
    for run in paragraph.runs[1:]:
        run.text = ""
    paragraph.runs[0].text = new
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_corrected_word_file_updates_its_draft():
    first = import_report(build(WORD), WORD)
    session = first.session
    assert session.participant_count == 48

    second = import_report(edited(WORD, "Zoom participation: 48", "Zoom participation: 52"), WORD)

    assert second.session.pk == session.pk
    session.refresh_from_db()
    assert session.participant_count == 52
    assert Session.objects.count() == 1
    assert second.counts()["updated"]["session"] == 1


def test_a_bad_word_file_names_its_paragraph_and_writes_nothing():
    ForumFactory(
        name="GSEF Global Virtual Forum 2020",
        year=2020,
        start_date=datetime.date(2020, 10, 19),
        end_date=datetime.date(2020, 10, 23),
    )
    before = snapshot()
    bad = edited(WORD, "Wednesday 21 October 2020", "Wednesday 18 November 2020")

    with pytest.raises(ReportError) as caught:
        import_report(bad, WORD)

    assert str(caught.value) == (
        "paragraph 10: date: 2020-11-18 is outside GSEF Global Virtual Forum 2020, which ran "
        "from 2020-10-19 to 2020-10-23."
    )
    assert snapshot() == before


def test_a_report_without_a_forum_line_joins_the_forum_holding_its_date():
    forum = ForumFactory(
        name="GSEF Global Virtual Forum 2020",
        year=2020,
        start_date=datetime.date(2020, 10, 19),
        end_date=datetime.date(2020, 10, 23),
    )
    data = (FIDELITY / "no-forum-named.md").read_bytes()

    result = import_report(data, "no-forum-named.md")

    assert result.session.forum == forum
    assert Forum.objects.count() == 1
    assert not [w for w in result.parsed.warnings if "was made from the report" in str(w)]


def test_with_no_forum_at_all_a_draft_forum_is_made_and_the_warning_says_so():
    data = (FIDELITY / "no-forum-named.md").read_bytes()

    result = import_report(data, "no-forum-named.md")

    forum = result.session.forum
    assert (forum.year, forum.start_date, forum.end_date) == (
        2020,
        datetime.date(2020, 10, 20),
        datetime.date(2020, 10, 20),
    )
    assert [str(w) for w in result.parsed.warnings if "was made from the report" in str(w)] == [
        f"no forum in the knowledge base holds this session: the forum “{forum.name}” was made "
        "from the report (the session's date, 2020-10-20 to 2020-10-20); check it in the admin"
    ]


def test_the_command_imports_a_word_file_and_refuses_a_pdf_saying_why(tmp_path):
    word = tmp_path / WORD
    word.write_bytes(build(WORD))
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    out, err = StringIO(), StringIO()

    with pytest.raises(CommandError, match="1 of 2 report"):
        call_command("import_report", str(word), str(pdf), stdout=out, stderr=err)

    assert Session.objects.get().title_en.startswith("Feeding Our Cities")
    assert (
        f"{pdf}: not imported: PDF files are not supported yet: save the report as Word "
        "(.docx), Markdown or plain text and import that"
    ) in err.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "“.doc” files are not"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "not a Word document that can be read"),
        ("empty.docx", None, "the Word document holds no text"),
    ],
)
def test_files_that_are_not_readable_reports_are_refused(name, data, message):
    if data is None:
        out = io.BytesIO()
        docx.Document().save(out)
        data = out.getvalue()

    with pytest.raises(ReportError, match=message):
        import_report(data, name)
    assert not Session.objects.exists()
