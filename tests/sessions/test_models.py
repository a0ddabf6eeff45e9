import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sessions.models import (
    AudienceQuestion,
    ClosingRemark,
    Forum,
    Initiative,
    Language,
    Presentation,
    Session,
    Theme,
)
from speakers.models import Organisation, Speaker
from tests.factories import (
    AudienceQuestionFactory,
    ClosingRemarkFactory,
    ForumFactory,
    InitiativeFactory,
    PresentationFactory,
    SessionFactory,
    SpeakerFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def errors_of(instance):
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict


def test_session_date_outside_forum_is_rejected_with_the_forum_dates():
    forum = ForumFactory(name="GSEF Global Virtual Forum 2020")
    session = SessionFactory.build(forum=forum, date=datetime.date(2020, 11, 2))

    assert errors_of(session) == {
        "date": [
            "2020-11-02 is outside GSEF Global Virtual Forum 2020, "
            "which ran from 2020-10-19 to 2020-10-23."
        ]
    }


def test_session_date_on_the_forum_last_day_is_accepted():
    forum = ForumFactory()
    session = SessionFactory.build(forum=forum, slug="last-day", date=forum.end_date)

    session.full_clean()


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("duration_minutes", "A session's duration must be at least one minute."),
        (
            "participant_count",
            "The participant count must be at least one; leave it empty if unknown.",
        ),
    ],
)
def test_session_zero_counts_are_rejected_by_validation_and_database(field, message):
    session = SessionFactory()
    setattr(session, field, 0)

    assert errors_of(session) == {"__all__": [message]}
    with pytest.raises(IntegrityError), transaction.atomic():
        session.save()
    session.refresh_from_db()
    assert getattr(session, field) is None


def test_session_negative_duration_is_rejected_by_the_field():
    session = SessionFactory.build(forum=ForumFactory(), duration_minutes=-5)

    assert "duration_minutes" in errors_of(session)
    assert errors_of(session)["duration_minutes"] == [
        "Ensure this value is greater than or equal to 0."
    ]


def test_forum_ending_before_it_starts_is_rejected_by_validation_and_database():
    forum = ForumFactory.build(
        start_date=datetime.date(2020, 10, 23), end_date=datetime.date(2020, 10, 19)
    )

    assert errors_of(forum) == {"__all__": ["A forum cannot end before it starts."]}
    with pytest.raises(IntegrityError), transaction.atomic():
        forum.save()
    assert not Forum.objects.exists()


def test_forum_year_must_match_its_first_day():
    forum = ForumFactory.build(year=2021)

    assert errors_of(forum) == {"year": ["The year must be the year of the first day (2020)."]}


@pytest.mark.parametrize(
    ("factory", "model", "message"),
    [
        (
            PresentationFactory,
            Presentation,
            "Another presentation of this session has this order.",
        ),
        (
            AudienceQuestionFactory,
            AudienceQuestion,
            "Another question of this session has this order.",
        ),
        (
            ClosingRemarkFactory,
            ClosingRemark,
            "Another closing remark of this session has this order.",
        ),
    ],
)
def test_one_order_per_item_in_a_session(factory, model, message):
    first = factory(order=1)
    duplicate = factory.build(session=first.session, order=1)
    if hasattr(duplicate, "speaker_id"):
        duplicate.speaker = SpeakerFactory()

    assert errors_of(duplicate) == {"__all__": [message]}
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    assert model.objects.filter(session=first.session).count() == 1
    # The same order in another session is fine.
    factory(order=1)


@pytest.mark.parametrize(
    ("factory", "model", "verbose"),
    [
        (ThemeFactory, Theme, "Theme"),
        (InitiativeFactory, Initiative, "Initiative"),
        (SessionFactory, Session, "Session"),
        (SpeakerFactory, Speaker, "Speaker"),
        (ForumFactory, Forum, "Forum"),
    ],
)
def test_slugs_are_unique(factory, model, verbose):
    first = factory()
    second = factory.build(slug=first.slug)
    if isinstance(second, Session):
        second.forum = first.forum
    if isinstance(second, Speaker):
        second.organisation = first.organisation

    assert errors_of(second)["slug"] == [f"{verbose} with this Slug already exists."]
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()
    assert model.objects.count() == 1


def test_organisation_name_and_slug_are_unique():
    Organisation.objects.create(name="RESSCAM", slug="resscam")

    errors = errors_of(Organisation(name="RESSCAM", slug="resscam"))

    assert errors == {
        "name": ["Organisation with this Name already exists."],
        "slug": ["Organisation with this Slug already exists."],
    }


def test_unknown_language_code_is_rejected():
    assert errors_of(Language(code="xx")) == {
        "code": ["“xx” is not a language code Django knows (try en, fr, es)."]
    }


def test_languages_are_seeded_and_named_in_the_active_language():
    from django.utils import translation

    french = Language.objects.get(code="fr")
    assert str(french) == "French"
    with translation.override("fr"):
        assert str(french) == "Français"


def test_nul_byte_is_rejected_by_form_validation_before_the_database():
    from django.forms import modelform_factory

    form_class = modelform_factory(Theme, fields=["name_en", "slug"])
    form = form_class(data={"name_en": "Social\x00finance", "slug": "social-finance"})

    assert form.errors == {"name_en": ["Null characters are not allowed."]}
    assert not Theme.objects.exists()


def test_published_querysets_only_show_what_a_published_session_brings():
    initiative = InitiativeFactory()
    hidden_initiative = InitiativeFactory()
    public = PresentationFactory(initiatives=[initiative], session__is_published=True)
    draft = PresentationFactory(initiatives=[hidden_initiative], session__is_published=False)
    moderator = SpeakerFactory()
    public.session.moderator = moderator
    public.session.save()

    assert list(Session.objects.published()) == [public.session]
    assert list(Initiative.objects.published()) == [initiative]
    assert set(Speaker.objects.published()) == {public.speaker, moderator}
    assert draft.speaker not in Speaker.objects.published()
    assert list(Forum.objects.published()) == [public.session.forum]
    assert set(Organisation.objects.published()) == {
        public.speaker.organisation,
        moderator.organisation,
    }


def test_published_querysets_do_not_duplicate_rows():
    speaker = SpeakerFactory()
    session = SessionFactory(moderator=speaker)
    PresentationFactory(session=session, speaker=speaker, order=1)
    PresentationFactory(session=session, speaker=speaker, order=2)
    ClosingRemarkFactory(session=session, speaker=speaker)

    assert list(Speaker.objects.published()) == [speaker]


def test_get_absolute_url_of_every_public_model():
    presentation = PresentationFactory(order=2, session__slug="a-session")
    question = AudienceQuestionFactory(session=presentation.session, order=1)
    remark = ClosingRemarkFactory(session=presentation.session, order=3)

    assert presentation.session.get_absolute_url() == "/en/sessions/a-session/"
    assert presentation.get_absolute_url() == "/en/sessions/a-session/#presentation-2"
    assert question.get_absolute_url() == "/en/sessions/a-session/#question-1"
    assert remark.get_absolute_url() == "/en/sessions/a-session/#remark-3"
    assert presentation.session.forum.get_absolute_url() == (
        f"/en/forums/{presentation.session.forum.slug}/"
    )
    assert presentation.speaker.get_absolute_url() == (f"/en/speakers/{presentation.speaker.slug}/")
    assert presentation.speaker.organisation.get_absolute_url() == (
        f"/en/organisations/{presentation.speaker.organisation.slug}/"
    )
    assert InitiativeFactory(slug="kindred").get_absolute_url() == "/en/initiatives/kindred/"
    assert ThemeFactory(slug="social-finance").get_absolute_url() == "/en/themes/social-finance/"


@pytest.mark.parametrize(
    ("language", "label", "names"),
    [("en", "Workshop", ["English", "French"]), ("fr", "Atelier", ["Anglais", "Français"])],
)
def test_a_sessions_type_and_languages_are_named_in_the_pages_language(language, label, names):
    """Both are worked out once per worker and language (gsef and sessions.models keep them):
    the second language asked for must not get the first one's names."""
    from django.utils import translation

    from sessions.models import Language

    session = SessionFactory(session_type="workshop")
    for other in ("en", "fr"):  # whichever was asked for first
        with translation.override(other):
            session.get_session_type_display()
            [str(language) for language in Language.objects.filter(code__in=["en", "fr"])]
    with translation.override(language):
        assert session.get_session_type_display() == label
        assert [str(x) for x in Language.objects.filter(code__in=["en", "fr"])] == names
