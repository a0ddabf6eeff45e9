import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sessions import page_queries
from sessions.management.commands.load_demo import DEMO_FILE
from sessions.models import Initiative, Session
from speakers.models import Speaker
from tests.helpers import snapshot

pytestmark = pytest.mark.django_db

REPORT_SLUG = "gsef2020-promotion-and-support-mechanisms"


def load(**options):
    out = StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


def test_load_demo_twice_gives_the_same_rows():
    first_output = load()
    first = snapshot(with_history=True)
    second_output = load()

    assert snapshot(with_history=True) == first
    assert "sessions: 6 created" in first_output
    assert "sessions: 6 unchanged" in second_output
    assert "created" not in second_output
    assert "updated" not in second_output


def test_load_demo_updates_a_changed_record_and_drops_a_removed_child(tmp_path):
    load()
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    report = next(s for s in data["sessions"] if s["slug"] == REPORT_SLUG)
    report["participant_count"] = 41
    report["remarks"] = report["remarks"][:1]
    changed = tmp_path / "demo.json"
    changed.write_text(json.dumps(data), encoding="utf-8")

    output = load(file=changed)

    session = Session.objects.get(slug=REPORT_SLUG)
    assert session.participant_count == 41
    assert [r.speaker.name for r in session.closing_remarks.all()] == ["Víctor Meseguer"]
    assert "sessions: 5 unchanged, 1 updated" in output
    assert "closing remarks: 1 deleted, 6 unchanged" in output


def test_the_report_session_is_loaded_faithfully():
    load()

    session = page_queries.published_session(REPORT_SLUG, drafts=True)

    assert session.title_en == (
        "How to Make SSE Sustainable and Grow through Promotion and Support Mechanisms: "
        "Best Practices from around the World"
    )
    assert session.title_fr.startswith(
        "Comment pérenniser et permettre le développement de l'ESS grâce à des mécanismes "
        "de promotion et d'appui"
    )
    assert session.forum.name == "GSEF Global Virtual Forum 2020"
    assert (session.forum.start_date, session.forum.end_date) == (
        datetime.date(2020, 10, 19),
        datetime.date(2020, 10, 23),
    )
    assert session.session_type == "workshop"
    assert sorted(language.code for language in session.languages.all()) == ["en", "fr"]
    assert session.date == datetime.date(2020, 10, 23)
    assert session.duration_minutes == 90
    assert (session.participant_count, session.participation_channel) == (40, "Zoom")
    assert session.is_published is True
    assert (session.moderator.name, session.moderator.organisation.name) == (
        "Víctor Meseguer",
        "Social Economy Europe",
    )
    assert [
        (
            p.order,
            p.speaker.name,
            p.speaker.organisation.acronym,
            p.speaker.country.code,
            [i.slug for i in p.initiatives.all()],
        )
        for p in session.presentations.all()
    ] == [
        (1, "Elise Pierrette", "RESSCAM", "CM", ["resscam-alliance-with-government"]),
        (2, "Hager Khezami", "CRESS", "FR", ["vises"]),
        (3, "Patrice Lovesse", "GBESS", "BJ", ["gbess-womens-cooperatives-bohicon"]),
        (4, "Helen Heap", "", "GB", ["kindred"]),
        (5, "Khady Samba", "", "SN", ["senegal-sse-promotion"]),
        (6, "Astrid Kaag", "", "NL", ["brabant-outcomes-fund"]),
    ]
    assert all(p.summary_en and p.summary_fr for p in session.presentations.all())
    assert session.guiding_question_en == (
        "How to transform the present and build a better future from the SSE?"
    )
    assert session.guiding_synthesis_en and session.guiding_synthesis_fr
    [question] = session.questions.all()
    assert (question.asker_name, question.asker_country.code) == ("Abel", "MX")
    assert [r.speaker.name for r in session.closing_remarks.all()] == [
        "Víctor Meseguer",
        "Elise Pierrette",
    ]
    # The OCR'd screenshot's misspelt names never made it in.
    assert not Speaker.objects.filter(name__in=["Michel Mesquer", "Hagar Khezam"]).exists()


def test_demo_data_gives_the_filters_something_to_show():
    load()

    published = Session.objects.published()
    assert published.values("forum").distinct().count() >= 3
    assert published.values("session_type").distinct().count() >= 3
    assert published.values("themes").distinct().count() >= 5
    assert Speaker.objects.published().values("country").distinct().count() >= 8
    assert Session.objects.filter(is_published=False).exists()
    assert Initiative.objects.published().filter(is_featured=True).count() >= 3


def test_a_bad_reference_is_named_and_nothing_is_written(tmp_path):
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    data["sessions"][0]["presentations"][1]["speaker"] = "nobody"
    broken = tmp_path / "demo.json"
    broken.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(CommandError) as caught:
        load(file=broken)

    assert str(caught.value) == "sessions[0].presentations[1]: no speaker with slug “nobody”"
    assert not Session.objects.exists()
    assert not Speaker.objects.exists()


def test_an_invalid_record_is_named_with_its_validation_message(tmp_path):
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    data["sessions"][0]["date"] = "2019-01-01"
    broken = tmp_path / "demo.json"
    broken.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(CommandError) as caught:
        load(file=broken)

    assert str(caught.value).startswith("sessions[0]: date: 2019-01-01 is outside ")
    assert not Session.objects.exists()


def test_a_file_that_is_not_json_is_refused(tmp_path):
    broken = tmp_path / "demo.json"
    broken.write_bytes(b"\xff\xfe not json")

    with pytest.raises(CommandError) as caught:
        load(file=broken)

    assert str(caught.value).startswith(f"{broken}: not a UTF-8 JSON file")
