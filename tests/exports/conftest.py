"""A small knowledge base for the export tests: published records across two forums, two
countries and two themes, and drafts that must never leave the site."""

import datetime

import pytest

from sessions.models import Language
from tests.factories import (
    AudienceQuestionFactory,
    ClosingRemarkFactory,
    ForumFactory,
    InitiativeFactory,
    OrganisationFactory,
    PresentationFactory,
    SessionFactory,
    SpeakerFactory,
    ThemeFactory,
)


@pytest.fixture
def corpus():
    finance = ThemeFactory(slug="social-finance", name_en="Social finance", name_fr="Finance")
    coops = ThemeFactory(slug="cooperatives", name_en="Cooperatives", name_fr="Coopératives")
    virtual = ForumFactory(slug="gsef-2020", name="GSEF 2020")
    bilbao = ForumFactory(
        slug="gsef-2018",
        name="GSEF 2018",
        year=2018,
        start_date=datetime.date(2018, 10, 1),
        end_date=datetime.date(2018, 10, 3),
        is_virtual=False,
        city="Bilbao",
        country="ES",
    )
    network = OrganisationFactory(name="RIPESS", slug="ripess", country="SN")
    awa = SpeakerFactory(name="Awa Diallo", slug="awa", country="SN", organisation=network)
    jean = SpeakerFactory(name="Jean Martin", slug="jean", country="FR")
    kofi = SpeakerFactory(name="Kofi Mensah", slug="kofi", country="GH")
    hidden = SpeakerFactory(name="Hidden Person", slug="hidden", country="SN")

    finance_coop = InitiativeFactory(
        name_en="Solidarity savings", name_fr="Épargne solidaire", slug="savings", country="SN"
    )
    finance_coop.themes.add(finance, coops)
    housing = InitiativeFactory(name_en="Housing coop", slug="housing", country="FR")
    housing.themes.add(coops)
    secret = InitiativeFactory(name_en="Secret plan", slug="secret", country="SN")

    first = SessionFactory(
        forum=virtual,
        title_en='Financing the SSE, "together"',
        title_fr="Financer l'ESS, ensemble",
        slug="financing",
        date=datetime.date(2020, 10, 21),
        start_time=datetime.time(14, 30),
        duration_minutes=90,
        moderator=jean,
        summary_en="Line one,\nline two; with a semicolon.",
    )
    first.themes.add(finance, coops)
    first.languages.add(Language.objects.get(code="en"), Language.objects.get(code="fr"))
    PresentationFactory(session=first, speaker=awa, order=1, initiatives=[finance_coop])
    PresentationFactory(session=first, speaker=kofi, order=2)
    AudienceQuestionFactory(session=first, order=1, answered_by=awa)
    ClosingRemarkFactory(session=first, order=1, speaker=jean)

    second = SessionFactory(
        forum=virtual, title_en="Housing", slug="housing-session", date=datetime.date(2020, 10, 22)
    )
    second.themes.add(coops)
    PresentationFactory(session=second, speaker=jean, order=1, initiatives=[housing])

    third = SessionFactory(
        forum=bilbao, title_en="Women's cooperatives", slug="women", date=datetime.date(2018, 10, 2)
    )
    third.themes.add(coops)
    PresentationFactory(session=third, speaker=awa, order=1)

    draft = SessionFactory(
        forum=bilbao,
        title_en="Draft about savings",
        slug="draft",
        is_published=False,
        date=datetime.date(2018, 10, 3),
    )
    draft.themes.add(finance, coops)
    PresentationFactory(session=draft, speaker=hidden, order=1, initiatives=[secret])
    AudienceQuestionFactory(session=draft, order=1, question_en="A hidden question?")
    ClosingRemarkFactory(session=draft, order=1, speaker=hidden, text_en="Hidden remark")
    return {"first": first, "second": second, "third": third, "draft": draft}
