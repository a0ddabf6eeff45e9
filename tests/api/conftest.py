"""A small site with published records and drafts beside them, for the API's tests."""

import datetime
from types import SimpleNamespace

import pytest

from sessions import search
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


def build_api_site():
    with search.batched_reindex():
        return _build()


def _build():
    finance = ThemeFactory(name_en="Finance", name_fr="Finance solidaire", slug="finance")
    housing = ThemeFactory(name_en="Housing", name_fr="Logement", slug="housing")
    forum = ForumFactory(name="GSEF 2020", slug="gsef-2020", year=2020)
    older = ForumFactory(
        name="GSEF 2018",
        slug="gsef-2018",
        year=2018,
        start_date=datetime.date(2018, 10, 1),
        end_date=datetime.date(2018, 10, 3),
        is_virtual=False,
        city="Bilbao",
        country="ES",
    )
    network = OrganisationFactory(name="Réseau Solidaire", slug="reseau", country="FR")
    hidden_org = OrganisationFactory(name="Hidden Network", slug="hidden-org", country="DE")
    ada = SpeakerFactory(name="Ada Diallo", slug="ada", organisation=network, country="SN")
    bo = SpeakerFactory(name="Bo Martin", slug="bo", organisation=network, country="FR")
    cy = SpeakerFactory(name="Cy Laurent", slug="cy", organisation=network, country="CA")
    ghost = SpeakerFactory(name="Ghost Draft", slug="ghost", organisation=hidden_org, country="DE")
    bank = InitiativeFactory(
        name_en="Community bank",
        name_fr="Banque communautaire",
        slug="bank",
        organisation=network,
        country="SN",
    )
    coop = InitiativeFactory(name_en="Housing cooperative", slug="coop", country="FR")
    secret = InitiativeFactory(name_en="Secret plan", slug="secret", country="DE")
    bank.themes.set([finance])
    coop.themes.set([housing])
    fr, en = Language.objects.get(code="fr"), Language.objects.get(code="en")

    finance_talk = SessionFactory(
        title_en="Financing the social economy",
        title_fr="Financer l’économie sociale",
        slug="financing",
        forum=forum,
        moderator=bo,
        date=datetime.date(2020, 10, 21),
        summary_en="Money for the commons.",
    )
    finance_talk.themes.set([finance])
    finance_talk.languages.set([en, fr])
    PresentationFactory(session=finance_talk, speaker=ada, order=1, initiatives=[bank])
    AudienceQuestionFactory(session=finance_talk, order=1, answered_by=ada)
    ClosingRemarkFactory(session=finance_talk, speaker=bo, order=1)

    housing_talk = SessionFactory(
        title_en="Cooperative housing",
        title_fr="Logement coopératif",
        slug="housing-talk",
        forum=forum,
        date=datetime.date(2020, 10, 22),
    )
    housing_talk.themes.set([housing])
    housing_talk.languages.set([fr])
    PresentationFactory(session=housing_talk, speaker=cy, order=1, initiatives=[coop])

    old_talk = SessionFactory(
        title_en="Local policies", slug="policies", forum=older, date=datetime.date(2018, 10, 2)
    )
    PresentationFactory(session=old_talk, speaker=bo, order=1, initiatives=[bank])

    draft = SessionFactory(
        title_en="A draft on land trusts",
        slug="draft",
        forum=forum,
        is_published=False,
        moderator=ghost,
        date=datetime.date(2020, 10, 23),
    )
    draft.themes.set([finance])
    PresentationFactory(session=draft, speaker=ghost, order=1, initiatives=[secret, bank])
    ClosingRemarkFactory(session=draft, speaker=ghost, order=1)
    unpublished_forum = ForumFactory(name="GSEF 2026", slug="gsef-2026", year=2026)
    SessionFactory(title_en="Not yet", slug="not-yet", forum=unpublished_forum, is_published=False)
    return SimpleNamespace(**locals())


@pytest.fixture
def api_site(db):
    return build_api_site()


def results(response):
    """The slugs of a list's page, in order."""
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["results"]]
