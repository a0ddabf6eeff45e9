"""Every fixture report, fact by fact: what a person reading it wrote down (its .facts.json)
against what the importer read, first from the file, then from the rows it wrote."""

import functools

import pytest

from sessions.importer import import_report
from sessions.models import Session
from tests.helpers import snapshot
from tests.sessions.fidelity import FIELDS, _key, facts_of, fixtures, read

FIXTURES = {fixture.name: fixture for fixture in fixtures()}

# Facts the importer is known to miss, and why; each must still be missed (strict), so that
# the list shrinks when the importer learns.
KNOWN_MISSES = {
    ("word-bold-labels-dakar.docx", "languages"): (
        "“pulaar” is ISO 639-3 “fuc”, a member of the Fula macrolanguage “ff”; pycountry has "
        "no table of macrolanguages and we keep no list of our own"
    ),
    ("heldout-french-inclusive-dakar.md", "initiatives"): (
        "the initiatives are named bare in running French text (“Jokkoo Tech est née...”), "
        "with no quotes, italics or noun (“le programme X”) to tell them from other words"
    ),
    ("heldout-prose-speakers-bios-montreal.md", "languages"): (
        "the languages are only in a sentence (“Interpretation was provided in French, "
        "English and Spanish.”), not on a line of their own"
    ),
    ("heldout-prose-speakers-bios-montreal.md", "speakers"): (
        "in “... of the Caisse d'économie communautaire de Montréal (Canada) and Nguyen Thi "
        "Lan of ...”, “and” is read inside the organisation's name: two people become one"
    ),
    ("heldout-speakers-first-bilbao.md", "initiatives"): (
        "“NonSoloPane®” and “the Maison des Circuits Courts (MCC)” are named bare; "
        "“Brussels” is read from “the Brussels network”"
    ),
    ("heldout-speakers-first-bilbao.md", "questions"): (
        "the questions come in two rounds, each a paragraph naming three askers, answered "
        "together: nothing there marks one question from the next"
    ),
}


@functools.cache
def read_facts(name):
    return read(FIXTURES[name])


def cases():
    for name in FIXTURES:
        for field in FIELDS:
            marks = []
            if reason := KNOWN_MISSES.get((name, field)):
                marks.append(pytest.mark.xfail(reason=reason, strict=True))
            yield pytest.param(name, field, id=f"{name}-{field}", marks=marks)


def test_there_are_enough_fixtures_of_each_kind():
    names = list(FIXTURES)
    assert len([n for n in names if n.endswith(".docx")]) >= 4
    assert len(names) >= 7 + 15 + 1  # the earlier ones, the fidelity set, the shared report
    assert "shared-report" in names, "../shared/reports is missing"


@pytest.mark.parametrize(("name", "field"), list(cases()))
def test_fixture_fact(name, field):
    expected = FIXTURES[name].expected[field]
    actual = read_facts(name)[field]
    if isinstance(expected, list) and field != "languages":
        assert [_key(item) for item in actual] == [_key(item) for item in expected]
    else:
        assert _key(actual) == _key(expected)


def facts_in_database(session):
    """The same facts, read back from the rows an import wrote."""
    presentations = list(session.presentations.select_related("speaker"))
    return {
        "title": session.title,
        "type": session.session_type,
        "date": session.date.isoformat(),
        "participants": session.participant_count,
        "languages": sorted(session.languages.values_list("code", flat=True)),
        "moderator": session.moderator.name if session.moderator else None,
        "speakers": [[p.speaker.name, p.speaker.country.code or None] for p in presentations],
        "initiatives": list(
            dict.fromkeys(
                initiative.name for p in presentations for initiative in p.initiatives.all()
            )
        ),
        "questions": session.questions.count(),
        "remarks": [remark.speaker.name for remark in session.closing_remarks.all()],
    }


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(FIXTURES))
def test_fixture_imports_with_its_facts_and_twice_adds_nothing(name):
    fixture = FIXTURES[name]
    data = fixture.read()

    result = import_report(data, name)

    session = Session.objects.get()
    assert result.session == session and not session.is_published
    stored = facts_in_database(session)
    read_from_file = read_facts(name)
    # The rows hold what the parser read; a report without a type becomes a workshop, one
    # without a date is put on its forum's first day (both with a warning).
    stored["initiatives"].sort()  # a presentation's initiatives are a set
    assert stored == {
        **read_from_file,
        "type": read_from_file["type"] or "workshop",
        "date": read_from_file["date"] or session.forum.start_date.isoformat(),
        "initiatives": sorted(read_from_file["initiatives"]),
    }
    before = snapshot()

    again = import_report(data, name)

    assert snapshot() == before
    assert set(again.counts()) == {"matched"}


def test_facts_of_reads_every_field():
    # The benchmark compares these keys; a field added to FIELDS must be read too.
    from sessions.importer import parse_report

    parsed = parse_report("Title of the session: A\n\nSpeakers:\n\n1. Ana Ruiz, REAS, Spain\n")
    assert set(facts_of(parsed)) == set(FIELDS)
    assert facts_of(parsed)["speakers"] == [["Ana Ruiz", "ES"]]
