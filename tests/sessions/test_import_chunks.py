"""A batch writes its reports by chunks, one transaction each: every file is still all or
nothing, the same file twice in a chunk makes one draft, and a file the database refuses fails
alone while the others land."""

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from sessions.importer import ImportResult, ReportError, batch, chunks, import_many
from sessions.models import Presentation, SearchEntry, Session
from speakers.models import Speaker
from tests.sessions.test_import import REPORT
from tests.skips import postgresql_only

pytestmark = pytest.mark.django_db


def report(case):
    return REPORT.replace("favours the social economy", f"favours the social economy ({case})")


def kinds(outcomes):
    return [type(outcome) for _index, _name, outcome in outcomes]


def test_a_bad_file_in_a_chunk_leaves_nothing_and_the_rest_lands():
    bad = (
        report("bad")
        .replace("Date: 3 May", "Date: 9 June")
        .replace("Dr. Amara Keita, Researcher", "Ms. Odile Unique, Researcher")
    )
    items = [
        ("a.md", report("a").encode()),
        ("bad.md", bad.encode()),
        ("a-again.md", report("a").encode()),
        ("b.md", report("b").encode()),
    ]

    outcomes = list(import_many(items, jobs=1))

    assert kinds(outcomes) == [ImportResult, ReportError, ImportResult, ImportResult]
    date_line = bad.splitlines().index("Date: 9 June") + 1
    assert str(outcomes[1][2]).startswith(f"line {date_line}: date: 2025-06-09 is outside")
    assert not Speaker.objects.filter(name="Odile Unique").exists()
    assert sorted(Session.objects.values_list("title_en", flat=True)) == [
        "Public procurement that favours the social economy (a)",
        "Public procurement that favours the social economy (b)",
    ]
    first, again = outcomes[0][2], outcomes[2][2]
    assert again.session.pk == first.session.pk
    assert "created" not in again.counts()
    assert Presentation.objects.count() == 4


def test_a_chunk_the_database_refuses_is_imported_again_file_by_file(monkeypatch):
    write = chunks.Pending.write
    refusals = []

    def refuse_once(pending, importer):
        if not refusals:
            refusals.append(True)
            raise IntegrityError("refused for the test")
        return write(pending, importer)

    monkeypatch.setattr(chunks.Pending, "write", refuse_once)
    items = [(f"{case}.md", report(case).encode()) for case in "abc"]

    outcomes = list(import_many(items, jobs=1))

    assert refusals == [True]
    assert kinds(outcomes) == [ImportResult] * 3
    assert Session.objects.count() == 3
    assert Speaker.objects.count() == 3  # the moderator and two speakers, once each
    assert Presentation.objects.count() == 6


@postgresql_only("SQLite stores a NUL byte")
def test_a_file_postgresql_refuses_fails_alone_with_the_reason(monkeypatch):
    # A NUL byte in a text field: refused by PostgreSQL, however it got past the reader.
    items = [(f"{case}.md", report(case).encode()) for case in "abc"]
    original = chunks.import_chunk

    def with_a_nul(importer, reports):
        _name, parsed, _text = reports[1]
        parsed.presentations[0].summary += "\x00"
        return original(importer, reports)

    monkeypatch.setattr(batch, "import_chunk", with_a_nul)
    outcomes = list(import_many(items, jobs=1))

    assert kinds(outcomes) == [ImportResult, ReportError, ImportResult]
    assert "the database refused a row" in str(outcomes[1][2])
    assert Session.objects.count() == 2


def test_a_chunk_writes_each_kind_of_session_row_in_one_statement():
    items = [(f"{case}.md", report(case).encode()) for case in range(10)]

    with CaptureQueriesContext(connection) as queries:
        outcomes = list(import_many(items, jobs=1))

    assert kinds(outcomes) == [ImportResult] * 10
    inserts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("INSERT INTO")]
    for table in (
        "forum_sessions_session",
        "forum_sessions_presentation",
        "forum_sessions_audiencequestion",
        "forum_sessions_closingremark",
        "forum_sessions_historicalpresentation",
    ):
        assert sum(sql.startswith(f'INSERT INTO "{table}" ') for sql in inserts) == 1, table
    assert Presentation.objects.count() == 20


def test_a_published_batch_shows_the_people_it_matched_as_a_rebuild_would():
    from sessions import search
    from tests.sessions.test_import import index_rows, run

    run()  # a draft: its speakers exist, and nobody sees them yet
    assert not SearchEntry.objects.filter(kind="speaker", published=True).exists()
    items = [(f"{case}.md", report(case).encode()) for case in "ab"]

    outcomes = list(import_many(items, jobs=1, publish=True))

    assert kinds(outcomes) == [ImportResult] * 2
    assert all("speaker" not in outcome.counts().get("created", {}) for *_, outcome in outcomes)
    after_batch = index_rows()
    assert {name for kind, _pk, name, _body, published in after_batch if kind == "speaker"} == {
        "Rosa Llull",
        "Jean Darbo",
        "Amara Keita",
    }
    assert all(published for kind, *_rest, published in after_batch if kind == "speaker")
    search.rebuild(write=lambda *args, **kwargs: None)
    assert index_rows() == after_batch


@postgresql_only("the creation lock of concurrent importers is PostgreSQL's")
def test_a_chunk_uses_the_rows_another_importer_wrote_meanwhile_instead_of_its_own():
    from django.db import transaction

    from sessions.importer import Importer, parse_file
    from sessions.search import deferred

    ours, theirs = Importer(concurrent=True), Importer(concurrent=True)
    deferred.start()
    try:
        with transaction.atomic():
            ours.pending = chunks.Pending()
            parsed, text = parse_file(report("ours").encode(), "ours.md")
            assert isinstance(chunks._in_chunk(ours, "ours.md", parsed, text), ImportResult)
            assert Speaker.objects.count() == 0  # ours wait in the chunk
            # Another worker imports the same people and commits first.
            other = [(f"{case}.md", *parse_file(report(case).encode())) for case in "xy"]
            chunks.import_chunk(theirs, other)
            assert Speaker.objects.count() == 3

            ours.pending.write(ours)
            ours.pending = None
    finally:
        deferred.take()
        deferred._state.rows = None

    assert sorted(Speaker.objects.values_list("name", flat=True)) == [
        "Amara Keita",
        "Jean Darbo",
        "Rosa Llull",
    ]
    session = Session.objects.get(title_en__endswith="(ours)")
    assert session.moderator.name == "Rosa Llull"
    assert {p.speaker.name for p in session.presentations.all()} == {"Jean Darbo", "Amara Keita"}
    assert Session.objects.count() == 3
