import datetime

import factory
from django.utils.text import slugify

from sessions.models import (
    AudienceQuestion,
    ClosingRemark,
    Forum,
    Initiative,
    Presentation,
    Session,
    SessionType,
    Theme,
)
from speakers.models import Organisation, OrganisationKind, Speaker


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name_en = factory.Sequence(lambda n: f"Theme {n}")
    name_fr = factory.Sequence(lambda n: f"Thème {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name_en))


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Network {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = OrganisationKind.NETWORK
    country = "FR"


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Speaker {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    role_en = "Director"
    role_fr = "Directrice"
    organisation = factory.SubFactory(OrganisationFactory)
    country = "FR"


class ForumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Forum

    name = factory.Sequence(lambda n: f"GSEF Forum {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    year = 2020
    start_date = datetime.date(2020, 10, 19)
    end_date = datetime.date(2020, 10, 23)
    is_virtual = True
    central_theme_en = "Solidarity"


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    name_en = factory.Sequence(lambda n: f"Initiative {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name_en))
    summary_en = "A local investment vehicle."
    country = "GB"


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session
        skip_postgeneration_save = True

    forum = factory.SubFactory(ForumFactory)
    title_en = factory.Sequence(lambda n: f"Session {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title_en))
    session_type = SessionType.WORKSHOP
    date = datetime.date(2020, 10, 23)
    is_published = True


class PresentationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Presentation
        skip_postgeneration_save = True

    session = factory.SubFactory(SessionFactory)
    speaker = factory.SubFactory(SpeakerFactory)
    title_en = factory.Sequence(lambda n: f"Presentation {n}")
    order = factory.Sequence(lambda n: n + 1)

    @factory.post_generation
    def initiatives(self, create, extracted, **kwargs):
        if create and extracted:
            self.initiatives.set(extracted)


class AudienceQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AudienceQuestion

    session = factory.SubFactory(SessionFactory)
    asker_name = "Abel"
    asker_country = "MX"
    question_en = "How do we get laws in favour of the SSE?"
    order = factory.Sequence(lambda n: n + 1)


class ClosingRemarkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClosingRemark

    session = factory.SubFactory(SessionFactory)
    speaker = factory.SubFactory(SpeakerFactory)
    text_en = "We must act together."
    order = factory.Sequence(lambda n: n + 1)
