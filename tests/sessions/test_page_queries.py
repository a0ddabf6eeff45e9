"""The detail pages read their records through queries compiled once per worker
(sessions/page_queries.py, speakers/views.py): the same rows, in the same order, as Django's
prefetch_related() gives (the querysets below), and nothing read twice."""

import pytest
from django.db import connection
from django.db.models import Prefetch
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from sessions import page_queries
from sessions.models import (
    AudienceQuestion,
    ClosingRemark,
    Initiative,
    Language,
    Presentation,
    Session,
)
from speakers import views as speaker_views
from tests.factories import (
    AudienceQuestionFactory,
    ClosingRemarkFactory,
    InitiativeFactory,
    PresentationFactory,
    SessionFactory,
    SpeakerFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def with_programme(sessions):
    """Everything a session's page shows, as prefetch_related reads it."""
    return sessions.select_related("forum", "moderator__organisation").prefetch_related(
        "themes",
        "languages",
        Prefetch(
            "presentations",
            Presentation.objects.select_related("speaker__organisation").prefetch_related(
                "initiatives"
            ),
        ),
        Prefetch("questions", AudienceQuestion.objects.select_related("answered_by__organisation")),
        Prefetch("closing_remarks", ClosingRemark.objects.select_related("speaker__organisation")),
    )


def with_details(initiatives):
    """Everything an initiative's page shows, as prefetch_related reads it."""
    presentations = Presentation.objects.of_published_sessions(
        "session__forum", "speaker__organisation"
    ).order_by("-session__date", "order")
    return initiatives.select_related("organisation").prefetch_related(
        "themes", Prefetch("presentations", presentations, to_attr="published_presentations")
    )


def programme_session():
    """A session with two presentations sharing an initiative, questions, remarks and
    themes, beside another session that shares its speaker and initiative."""
    session = SessionFactory(title_en="Social investment in Liverpool City Region")
    other = SessionFactory()
    speaker = SpeakerFactory()
    shared, own = InitiativeFactory(), InitiativeFactory()
    PresentationFactory(session=session, speaker=speaker, order=2, initiatives=[shared, own])
    PresentationFactory(session=session, order=1, initiatives=[shared])
    PresentationFactory(session=other, speaker=speaker, initiatives=[shared])
    AudienceQuestionFactory(session=session, order=2, answered_by=speaker)
    AudienceQuestionFactory(session=session, order=1)
    ClosingRemarkFactory(session=session, speaker=speaker)
    session.themes.add(ThemeFactory(slug="b-finance"), ThemeFactory(slug="a-housing"))
    other.themes.add(ThemeFactory())
    return session


def shown(session):
    """What the session's page reads, by primary key, relation by relation."""
    return {
        "session": (session.pk, session.forum.pk, session.moderator_id),
        "themes": [t.pk for t in session.themes.all()],
        "languages": [language.pk for language in session.languages.all()],
        "presentations": [
            (p.pk, p.speaker.pk, p.speaker.organisation_id, [i.pk for i in p.initiatives.all()])
            for p in session.presentations.all()
        ],
        "questions": [(q.pk, q.answered_by_id) for q in session.questions.all()],
        "remarks": [(r.pk, r.speaker.pk) for r in session.closing_remarks.all()],
    }


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_session_reads_what_with_programme_reads(language):
    session = programme_session()
    with translation.override(language):
        expected = shown(with_programme(Session.objects.published()).get(pk=session.pk))
        found = page_queries.published_session(session.slug)
        with CaptureQueriesContext(connection) as queries:
            assert shown(found) == expected
            assert {p.session for p in found.presentations.all()} == {found}
    assert len(queries) == 0
    assert len(expected["presentations"]) == 2 and len(expected["themes"]) == 2
    assert [len(p[3]) for p in expected["presentations"]] == [1, 2]


def test_a_session_page_takes_seven_queries_however_long_it_is():
    session = programme_session()
    with CaptureQueriesContext(connection) as queries:
        page_queries.published_session(session.slug)
    assert len(queries) == 7


def test_a_draft_is_read_for_staff_only_and_an_unknown_session_is_none():
    draft = programme_session()
    Session.objects.filter(pk=draft.pk).update(is_published=False)

    assert page_queries.published_session(draft.slug) is None
    found = page_queries.published_session(draft.slug, drafts=True)
    assert shown(found) == shown(with_programme(Session.objects).get(pk=draft.pk))
    assert page_queries.published_session("no-such-session", drafts=True) is None


@pytest.mark.parametrize("language", ["en", "fr"])
def test_an_initiative_reads_what_with_details_reads(language):
    session = programme_session()
    initiative = session.presentations.get(order=1).initiatives.get()  # presented three times
    unpublished = SessionFactory(is_published=False)
    PresentationFactory(session=unpublished, initiatives=[initiative])
    initiative.themes.add(ThemeFactory(slug="z-last"), ThemeFactory(slug="c-first"))

    def details(record):
        return (
            record.pk,
            record.organisation_id,
            [t.pk for t in record.themes.all()],
            [
                (p.pk, p.session.pk, p.session.forum.pk, p.speaker.pk)
                for p in record.published_presentations
            ],
        )

    with translation.override(language):
        expected = details(with_details(Initiative.objects.published()).get(pk=initiative.pk))
        found = page_queries.published_initiative(initiative.slug)
        with CaptureQueriesContext(connection) as queries:
            assert details(found) == expected
    assert len(queries) == 0
    assert len(expected[3]) == 3  # the draft's presentation is left out


def test_an_initiative_never_presented_at_a_published_session_is_none():
    initiative = InitiativeFactory()
    PresentationFactory(session=SessionFactory(is_published=False), initiatives=[initiative])
    assert page_queries.published_initiative(initiative.slug) is None


def test_a_speaker_reads_what_its_relations_read():
    session = programme_session()
    speaker = session.closing_remarks.get().speaker
    moderated = SessionFactory(moderator=speaker)
    SessionFactory(moderator=speaker, is_published=False)

    found = speaker_views.published_speaker(speaker.slug)
    presentations = speaker_views._of_speaker(speaker_views.PRESENTATIONS, "presentations", found)
    sessions = speaker_views._of_speaker(speaker_views.MODERATED, "moderated_sessions", found)
    expected = list(
        speaker.presentations.of_published_sessions("session__forum").order_by(
            "-session__date", "order"
        )
    )
    with CaptureQueriesContext(connection) as queries:
        assert [(p.pk, p.session.forum.pk) for p in presentations] == [
            (p.pk, p.session.forum.pk) for p in expected
        ]
        assert {p.speaker for p in presentations} == {found}
        assert [(s.pk, s.forum.pk, s.moderator) for s in sessions] == [
            (moderated.pk, moderated.forum.pk, found)
        ]
    assert len(queries) == 0
    assert speaker_views.published_speaker(SpeakerFactory().slug) is None  # spoke nowhere


def cards(sessions):
    return [
        (s.pk, s.forum.name, [t.pk for t in s.card_themes], [la.pk for la in s.card_languages])
        for s in sessions
    ]


@pytest.mark.parametrize("count", [1, 7, 20, 23])
def test_a_page_of_cards_reads_what_for_cards_reads(count):
    themes = ThemeFactory.create_batch(3)
    sessions = SessionFactory.create_batch(count + 2)
    languages = list(Language.objects.all()[:2])
    for index, session in enumerate(sessions):
        session.themes.add(*themes[: index % 4])
        session.languages.add(*languages[: index % 3])
    SessionFactory(is_published=False)
    ids = [s.pk for s in sessions[:count]]
    expected = cards(
        Session.objects.published()
        .for_cards()
        .filter(pk__in=ids)
        .order_by("-date", "start_time", "pk")
    )

    with CaptureQueriesContext(connection) as queries:
        found = page_queries.session_cards(ids)
        assert cards(found) == expected
    assert len(queries) == 3
    assert len(found) == count
    assert count < 3 or all(any(card[n] for card in expected) for n in (2, 3))
    assert page_queries.session_cards([]) == []


@pytest.mark.parametrize("kind", ["sessions", "initiatives"])
def test_the_apis_unknown_detail_is_a_404_naming_what_was_not_found(client, kind):
    response = client.get(f"/api/v1/{kind}/no-such-record/")
    assert response.status_code == 404
    model = {"sessions": "Session", "initiatives": "Initiative"}[kind]
    assert response.json() == {"detail": f"No {model} matches the given query."}
