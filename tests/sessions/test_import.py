"""Importing reports: rows matched or created, idempotent, atomic per file, from the command
line and from the admin."""

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from sessions.importer import ReportError, import_report
from sessions.models import ClosingRemark, Forum, Initiative, Presentation, Session
from speakers.models import Organisation, Speaker
from tests.factories import ForumFactory
from tests.helpers import snapshot

pytestmark = pytest.mark.django_db

SHARED_REPORT = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "reports"
    / "gsef2020-promotion-and-support-mechanisms.md"
)
needs_shared_report = pytest.mark.skipif(
    not SHARED_REPORT.exists(), reason="../shared/reports is not here"
)

REPORT = """\
## Cooperation among cities

GSEF Global Forum Bordeaux
2 – 4 May 2025

Title of the session: **Public procurement that favours the social economy**

Type of session: Plenary

Language: English, Spanish

Date: 3 May

Time: 60 minutes

Participants: 55 in person

### Name of moderator

Ms. Rosa Llull, Director of Xarxa d'Economia Solidària (XES), Spain

### Speakers

1. Mr. Jean Darbo, Deputy Mayor, City of Lormont, France: Buying local and social
2. Dr. Amara Keita, Researcher, University of Bamako, Mali: Markets for cooperatives

## Summary of presentations

### 1. Mr. Jean Darbo

He presented a project called "Achats Solidaires" that reserves a share of the city's
contracts for social enterprises.

### 2. Dr. Amara Keita

She described how women's cooperatives sell to school canteens.

## Answers to the guiding question

### How can cities buy better?

By writing social clauses into every contract.

## Questions and answers

Lena (Germany)

How are small cooperatives paid on time?

Answer (Jean Darbo): The city pays within 20 days.

## Closing remarks

Rosa Llull (moderator)

- Buying is a policy.
"""


def run(text=REPORT, **options):
    return import_report(text.encode(), "report.md", **options)


def test_a_report_becomes_a_draft_session_with_its_people():
    result = run()

    session = Session.objects.get()
    assert result.session == session
    assert (session.title_en, session.is_published, session.session_type) == (
        "Public procurement that favours the social economy",
        False,
        "plenary",
    )
    assert session.date == datetime.date(2025, 5, 3)
    assert (session.duration_minutes, session.participant_count) == (60, 55)
    assert sorted(session.languages.values_list("code", flat=True)) == ["en", "es"]
    assert (session.forum.name, session.forum.start_date, session.forum.end_date) == (
        "GSEF Global Forum Bordeaux 2025",
        datetime.date(2025, 5, 2),
        datetime.date(2025, 5, 4),
    )
    assert session.forum.central_theme_en == "Cooperation among cities"
    assert (session.moderator.name, session.moderator.organisation.acronym) == (
        "Rosa Llull",
        "XES",
    )
    assert session.moderator.country.code == "ES"
    assert [
        (
            p.order,
            p.speaker.name,
            p.speaker.role_en,
            p.speaker.organisation.name,
            p.speaker.country.code,
            p.title_en,
        )
        for p in session.presentations.all()
    ] == [
        (1, "Jean Darbo", "Deputy Mayor", "City of Lormont", "FR", "Buying local and social"),
        (2, "Amara Keita", "Researcher", "University of Bamako", "ML", "Markets for cooperatives"),
    ]
    [initiative] = Initiative.objects.all()
    assert (initiative.name_en, initiative.country.code) == ("Achats Solidaires", "FR")
    assert list(session.presentations.first().initiatives.all()) == [initiative]
    [question] = session.questions.all()
    assert (
        question.asker_name,
        question.asker_country.code,
        question.question_en,
        question.answer_en,
        question.answered_by.name,
    ) == (
        "Lena",
        "DE",
        "How are small cooperatives paid on time?",
        "The city pays within 20 days.",
        "Jean Darbo",
    )
    [remark] = session.closing_remarks.all()
    assert (remark.speaker.name, remark.text_en) == ("Rosa Llull", "Buying is a policy.")
    assert (session.guiding_question_en, session.guiding_synthesis_en) == (
        "How can cities buy better?",
        "By writing social clauses into every contract.",
    )
    assert session.source_report == REPORT


def test_the_same_file_twice_leaves_the_same_rows():
    run()
    first = snapshot()

    second = run()

    assert snapshot() == first
    assert set(second.counts()) == {"matched"}


def test_a_corrected_file_updates_its_draft():
    run()
    session = Session.objects.get()

    corrected = REPORT.replace("60 minutes", "75 minutes").replace(
        "2. Dr. Amara Keita, Researcher, University of Bamako, Mali: Markets for cooperatives\n",
        "",
    )
    result = run(corrected)

    session.refresh_from_db()
    assert Session.objects.get() == session
    assert session.duration_minutes == 75
    assert [p.speaker.name for p in session.presentations.all()] == ["Jean Darbo", "Amara Keita"]
    assert result.counts()["updated"]["session"] == 1


def test_a_published_session_is_never_changed_by_an_import():
    run()
    Session.objects.update(is_published=True)

    run(REPORT.replace("60 minutes", "75 minutes"))

    published, draft = Session.objects.order_by("pk")
    assert (published.is_published, published.duration_minutes) == (True, 60)
    assert (draft.is_published, draft.duration_minutes) == (False, 75)
    assert draft.slug == f"{published.slug}-2"


def test_existing_people_and_organisations_are_matched_not_duplicated():
    run()
    other = (
        REPORT.replace("Public procurement that favours", "Social clauses in")
        .replace("Mr. Jean Darbo, Deputy Mayor", "JEAN DARBO, Deputy Mayor")
        .replace("Dr. Amara Keita", "Prof. Amara Keïta")
    )

    result = run(other)

    assert Session.objects.count() == 2
    assert Speaker.objects.count() == 3
    assert Organisation.objects.count() == 3
    assert Forum.objects.count() == 1
    assert result.counts()["matched"]["speaker"] == 3


def test_an_error_in_a_file_writes_nothing():
    ForumFactory(
        start_date=datetime.date(2025, 5, 2),
        end_date=datetime.date(2025, 5, 4),
        year=2025,
        name="GSEF Global Forum Bordeaux 2025",
    )
    before = snapshot()
    broken = REPORT.replace("Date: 3 May", "Date: 9 May")  # outside the forum's dates

    with pytest.raises(ReportError) as caught:
        run(broken)

    date_line = broken.splitlines().index("Date: 9 May") + 1
    assert str(caught.value).startswith(
        f"line {date_line}: date: 2025-05-09 is outside GSEF Global Forum Bordeaux 2025"
    )
    assert snapshot() == before


def test_dry_run_writes_nothing_and_says_what_would_happen():
    before = snapshot()

    result = run(dry_run=True)

    assert snapshot() == before
    assert result.counts()["created"] == {
        "forum": 1,
        "organisation": 3,
        "speaker": 3,
        "session": 1,
        "initiative": 1,
        "presentation": 2,
        "question": 1,
        "remark": 1,
    }


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"   \n\n  ", "the file is empty"),
        (b"Title\n\x89PNG\r\n\x1a\n\x00\x00\x00", "line 4: the file holds binary data"),
        (b"\xff\xfe\x00T\x00i", "line 1: the file holds binary data"),
        (
            b"Some notes about lunch.\nNothing else.",
            "line 1: this does not read as a session report: no session title",
        ),
        (b"x" * (20 * 1024 * 1024), "the file is 20.0 MB; a report is at most 2 MB"),
    ],
    ids=["empty", "blank", "png", "utf16", "not-a-report", "20mb"],
)
def test_bad_files_are_refused_with_a_clear_message(data, message):
    before = snapshot()

    with pytest.raises(ReportError) as caught:
        import_report(data, "bad")

    assert message in str(caught.value)
    assert snapshot() == before


def test_an_unknown_country_is_a_warning_and_the_rest_is_imported():
    # Staff can set the country in the draft: it is no reason to refuse the whole report.
    odd = REPORT.replace("University of Bamako, Mali", "University of Bamako, Atlantis")

    result = run(odd)

    line = next(n for n, text in enumerate(odd.splitlines(), 1) if "Atlantis" in text)
    assert f"line {line}: unknown country “Atlantis” for Amara Keita" in [
        str(w)[: len(f"line {line}: unknown country “Atlantis” for Amara Keita")]
        for w in result.parsed.warnings
    ]
    keita = Speaker.objects.get(name="Amara Keita")
    assert keita.country == ""
    assert keita.organisation.name == "University of Bamako"
    assert result.session.presentations.count() == 2


def test_a_date_outside_its_forum_names_the_line_and_writes_nothing():
    before = snapshot()
    bad = REPORT.replace("Date: 3 May", "Date: 9 June")

    with pytest.raises(ReportError) as caught:
        run(bad)

    line = next(n for n, text in enumerate(bad.splitlines(), 1) if text.startswith("Date:"))
    assert str(caught.value) == (
        f"line {line}: date: 2025-06-09 is outside GSEF Global Forum Bordeaux 2025, which ran "
        "from 2025-05-02 to 2025-05-04."
    )
    assert snapshot() == before  # not even the forum the report would have made


def test_a_latin1_file_is_read_with_a_warning():
    result = import_report(REPORT.replace("Llull", "Llüll").encode("cp1252"), "latin1.txt")

    assert result.session.moderator.name == "Rosa Llüll"
    assert str(result.parsed.warnings[0]) == (
        "line 4: the file is not UTF-8; it was read as Latin-1 (cp1252)"  # the dash in "2 – 4"
    )


def test_nul_bytes_never_reach_the_database():
    with pytest.raises(ReportError):
        import_report(REPORT.replace("Plenary", "Plen\x00ary").encode(), "nul.md")

    assert not Session.objects.exists()


# The shared, real report


@needs_shared_report
def test_the_shared_report_matches_the_demo_data_rather_than_duplicating_it():
    call_command("load_demo", stdout=StringIO())
    counts = {model: model.objects.count() for model in (Forum, Speaker, Organisation, Initiative)}
    demo = Session.objects.get(slug="gsef2020-promotion-and-support-mechanisms")

    result = import_report(SHARED_REPORT.read_bytes(), SHARED_REPORT.name)

    draft = result.session
    assert draft != demo and draft.is_published is False
    assert {model: model.objects.count() for model in counts} == counts
    assert draft.forum == demo.forum
    assert draft.moderator == demo.moderator
    assert [p.speaker for p in draft.presentations.all()] == [
        p.speaker for p in demo.presentations.all()
    ]
    assert [list(p.initiatives.all()) for p in draft.presentations.all()] == [
        list(p.initiatives.all()) for p in demo.presentations.all()
    ]
    assert [r.speaker for r in draft.closing_remarks.all()] == [
        r.speaker for r in demo.closing_remarks.all()
    ]
    assert [(q.asker_name, q.asker_country) for q in draft.questions.all()] == [
        (q.asker_name, q.asker_country) for q in demo.questions.all()
    ]
    assert draft.source_report == SHARED_REPORT.read_text(encoding="utf-8")


# The command


def test_command_imports_a_batch_and_goes_on_after_a_bad_file(tmp_path):
    good = tmp_path / "good.md"
    good.write_text(REPORT, encoding="utf-8")
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"")
    out, err = StringIO(), StringIO()

    with pytest.raises(CommandError) as caught:
        call_command("import_report", str(bad), str(good), stdout=out, stderr=err)

    assert str(caught.value) == "1 of 2 report(s) imported. 1 failed."
    assert f"[1/2] {bad}: not imported: the file is empty" in err.getvalue()
    assert f"[2/2] {good}: Public procurement that favours the social economy" in out.getvalue()
    assert "  created: 1 forum, 3 organisations, 3 speakers, 1 session" in out.getvalue()
    assert Session.objects.count() == 1


def test_command_dry_run_and_publish(tmp_path):
    report = tmp_path / "report.md"
    report.write_text(REPORT, encoding="utf-8")

    out = StringIO()
    call_command("import_report", str(report), "--dry-run", stdout=out)
    assert not Session.objects.exists()
    assert "1 of 1 report(s) would be imported (dry run, nothing written)." in out.getvalue()

    call_command("import_report", str(report), "--publish", stdout=StringIO())
    assert Session.objects.get().is_published is True


# The admin


def test_admin_upload_preview_confirm(client, editor):
    client.force_login(editor)
    url = reverse("admin:forum_sessions_session_import")
    assert (
        "Import a report"
        in client.get(reverse("admin:forum_sessions_session_changelist")).content.decode()
    )

    preview = client.post(
        url, {"report": SimpleUploadedFile("bordeaux.md", REPORT.encode(), "text/markdown")}
    )

    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Nothing has been written yet." in page
    assert "<td>speaker</td><td>created</td><td>Jean Darbo</td>" in page
    assert not Session.objects.exists()

    confirmed = client.post(url, {"payload": preview.context["payload"]})

    session = Session.objects.get()
    assert confirmed.url == reverse("admin:forum_sessions_session_change", args=[session.pk])
    assert session.is_published is False
    [remark] = ClosingRemark.objects.all()
    assert remark.created_by == editor
    change_page = client.get(confirmed.url).content.decode()
    assert '<pre class="source-report">## Cooperation among cities' in change_page
    assert session.history.first().history_user == editor


def test_admin_upload_of_a_bad_file_shows_the_error(client, editor):
    client.force_login(editor)

    response = client.post(
        reverse("admin:forum_sessions_session_import"),
        {"report": SimpleUploadedFile("notes.txt", b"Some notes about lunch.")},
    )

    assert (
        response.context["form"]
        .errors["report"][0]
        .startswith("line 1: this does not read as a session report")
    )
    assert not Session.objects.exists()


def test_admin_refuses_a_tampered_preview(client, editor):
    client.force_login(editor)

    response = client.post(
        reverse("admin:forum_sessions_session_import"), {"payload": "forged"}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        "The preview expired or was altered; upload the file again."
    ]
    assert not Session.objects.exists()


def test_import_needs_its_permission(client, django_user_model):
    clerk = django_user_model.objects.create_user(username="clerk", is_staff=True)
    client.force_login(clerk)

    assert client.get(reverse("admin:forum_sessions_session_import")).status_code == 403


def test_import_reports_presentations_matched_from_the_same_talk():
    run()
    again = REPORT.replace("Public procurement that favours", "Social clauses in").replace(
        'He presented a project called "Achats Solidaires" that', "He explained how the city"
    )

    result = run(again)

    draft = Session.objects.get(title_en__startswith="Social clauses")
    assert [i.name_en for i in draft.presentations.first().initiatives.all()] == [
        "Achats Solidaires"
    ]
    assert Presentation.objects.count() == 4
    assert "initiative" in result.counts()["matched"]


def test_import_many_reports_each_file_in_order_and_goes_on_after_a_bad_one():
    from sessions.importer import ImportResult, import_many

    items = [
        ("a.md", REPORT.encode()),
        ("empty.md", b""),
        ("b.md", REPORT.replace("Public procurement", "Green procurement").encode()),
    ]

    outcomes = list(import_many(items, jobs=1))

    assert [(index, name, type(outcome)) for index, name, outcome in outcomes] == [
        (0, "a.md", ImportResult),
        (1, "empty.md", ReportError),
        (2, "b.md", ImportResult),
    ]
    assert str(outcomes[1][2]) == "the file is empty"
    assert Session.objects.count() == 2


def index_rows():
    from sessions.models import SearchEntry

    return sorted(
        SearchEntry.objects.values_list("kind", "object_id", "title_en", "body_en", "published")
    )


def test_a_batch_writes_the_same_search_index_as_a_rebuild_at_its_end():
    from sessions import search
    from sessions.importer import import_many

    run()  # one report imported alone, indexed as it is saved
    Session.objects.update(is_published=True)
    renamed = REPORT.replace("Deputy Mayor", "Mayor").replace(
        "Public procurement that favours", "Social clauses in"
    )
    items = [("b.md", renamed.encode()), ("c.md", REPORT.replace("Public", "Fair").encode())]

    list(import_many(items, jobs=1))

    after_batch = index_rows()
    assert ("session", Session.objects.get(title_en__startswith="Social clauses").pk) in [
        (kind, object_id) for kind, object_id, *_rest in after_batch
    ]
    search.rebuild(write=lambda *args, **kwargs: None)
    assert index_rows() == after_batch


def test_who_may_import_but_not_edit_lands_on_the_admin_index(client, django_user_model):
    from django.contrib.auth.models import Permission

    clerk = django_user_model.objects.create_user(username="clerk", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="import_report"))
    client.force_login(clerk)
    url = reverse("admin:forum_sessions_session_import")
    preview = client.post(url, {"report": SimpleUploadedFile("a.md", REPORT.encode())})

    confirmed = client.post(url, {"payload": preview.context["payload"]}, follow=True)

    assert confirmed.redirect_chain[-1][0] == reverse("admin:index")
    assert confirmed.status_code == 200
    assert "imported as a draft" in [str(m) for m in confirmed.context["messages"]][0]
    assert Session.objects.count() == 1


def test_a_title_too_long_for_its_field_is_cut_with_a_warning():
    long_title = "Public procurement " * 30  # 570 characters
    result = run(REPORT.replace("Public procurement that favours the social economy", long_title))

    assert len(result.session.title_en) == 300
    assert result.session.title_en.endswith("…")
    assert "the title is over 300 characters; it was cut" in [
        w.message for w in result.parsed.warnings
    ]
