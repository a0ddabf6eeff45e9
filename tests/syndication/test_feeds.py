"""Atom feeds of newly published sessions and initiatives, overall and per theme, country and
forum, in the address's language."""

import datetime

import feedparser
import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from sessions.models import Session
from tests.factories import (
    ForumFactory,
    InitiativeFactory,
    PresentationFactory,
    SessionFactory,
    SpeakerFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def published_on(session, day):
    """Date the session's first publication (its history row) to `day` of October 2024."""
    moment = timezone.make_aware(datetime.datetime(2024, 10, day, 12))
    session.history.filter(is_published=True).update(history_date=moment)


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert feed.version == "atom10"
    assert not feed.bozo, feed.bozo_exception
    return feed


@pytest.fixture
def programme():
    finance = ThemeFactory(name_en="Finance", name_fr="Finance solidaire", slug="finance")
    other_theme = ThemeFactory(slug="housing")
    forum = ForumFactory(slug="bordeaux")
    other_forum = ForumFactory(slug="montreal")
    senegalese = SpeakerFactory(country="SN")
    old = SessionFactory(slug="old", title_en="Old", title_fr="Ancienne", forum=forum)
    new = SessionFactory(slug="new", title_en="New", title_fr="Nouvelle", forum=forum)
    middle = SessionFactory(slug="middle", title_en="Middle", forum=other_forum)
    draft = SessionFactory(slug="draft", title_en="Draft", forum=forum, is_published=False)
    for session, day in ((old, 1), (new, 20), (middle, 10)):
        published_on(session, day)
    old.themes.set([finance])
    new.themes.set([finance])
    middle.themes.set([other_theme])
    draft.themes.set([finance])
    bank = InitiativeFactory(slug="bank", name_en="Bank", name_fr="Banque", country="SN")
    bank.themes.set([finance])
    coop = InitiativeFactory(slug="coop", name_en="Coop", country="FR")
    hidden = InitiativeFactory(slug="hidden", name_en="Hidden", country="SN")
    PresentationFactory(session=old, speaker=senegalese, initiatives=[bank])
    PresentationFactory(session=middle, initiatives=[coop])
    PresentationFactory(session=draft, speaker=senegalese, initiatives=[hidden])


def entries(feed):
    return [(entry.title, entry.link) for entry in feed.entries]


def test_session_feed_lists_published_sessions_newest_publication_first(client, programme):
    feed = parse(client, "/en/feeds/sessions/")

    assert feed.feed.title == "New sessions · GSEF Knowledge Base"
    assert feed.feed.language == "en"
    assert feed.feed.link == "http://testserver/en/sessions/"
    assert entries(feed) == [
        ("New", "http://testserver/en/sessions/new/"),
        ("Middle", "http://testserver/en/sessions/middle/"),
        ("Old", "http://testserver/en/sessions/old/"),
    ]
    assert feed.entries[0].published == "2024-10-20T12:00:00+00:00"
    assert [tag.term for tag in feed.entries[0].tags] == ["Finance"]


def test_feed_is_in_the_language_of_its_address(client, programme):
    feed = parse(client, "/fr/feeds/sessions/")

    assert feed.feed.language == "fr"
    with translation.override("fr"):
        assert feed.feed.title == f"{gettext('New sessions')} · Base de connaissances du GSEF"
    # Middle has no French title: the English one stands in, as on the page.
    assert entries(feed) == [
        ("Nouvelle", "http://testserver/fr/sessions/new/"),
        ("Middle", "http://testserver/fr/sessions/middle/"),
        ("Ancienne", "http://testserver/fr/sessions/old/"),
    ]
    assert [tag.term for tag in feed.entries[0].tags] == ["Finance solidaire"]


def test_a_session_never_published_in_its_history_counts_from_its_creation(client, programme):
    # Written in bulk (the generated corpus): no history row.
    Session.objects.filter(slug="middle").update(
        created_at=timezone.make_aware(datetime.datetime(2024, 10, 30))
    )
    Session.history.model.objects.filter(slug="middle").delete()

    feed = parse(client, "/en/feeds/sessions/")

    assert [entry.title for entry in feed.entries] == ["Middle", "New", "Old"]


def test_initiative_feed_dates_an_initiative_by_its_first_published_session(client, programme):
    feed = parse(client, "/en/feeds/initiatives/")

    assert entries(feed) == [
        ("Coop", "http://testserver/en/initiatives/coop/"),  # presented on the 10th
        ("Bank", "http://testserver/en/initiatives/bank/"),  # on the 1st
    ]
    assert feed.entries[0].published == "2024-10-10T12:00:00+00:00"


@pytest.mark.parametrize(
    ("url", "title", "expected"),
    [
        ("/en/themes/finance/feeds/sessions/", "New sessions: Finance", ["New", "Old"]),
        ("/en/themes/finance/feeds/initiatives/", "New best practices: Finance", ["Bank"]),
        ("/en/forums/bordeaux/feeds/sessions/", None, ["New", "Old"]),
        ("/en/forums/montreal/feeds/initiatives/", None, ["Coop"]),
        # A country's sessions are those with a speaker from it, as on its page.
        ("/en/countries/SN/feeds/sessions/", "New sessions: Senegal", ["Old"]),
        ("/en/countries/sn/feeds/initiatives/", "New best practices: Senegal", ["Bank"]),
        ("/en/countries/FR/feeds/initiatives/", None, ["Coop"]),
    ],
)
def test_scoped_feeds_hold_the_published_records_of_their_scope(
    client, programme, url, title, expected
):
    feed = parse(client, url)

    assert [entry.title for entry in feed.entries] == expected
    if title:
        assert feed.feed.title == f"{title} · GSEF Knowledge Base"


def test_scoped_feed_links_to_its_page(client, programme):
    assert parse(client, "/fr/themes/finance/feeds/sessions/").feed.link == (
        "http://testserver/fr/themes/finance/"
    )
    assert parse(client, "/en/countries/SN/feeds/sessions/").feed.link == (
        "http://testserver/en/countries/SN/"
    )


def test_feed_holds_at_most_thirty_entries(client):
    SessionFactory.create_batch(31)

    assert len(parse(client, "/en/feeds/sessions/").entries) == 30


@pytest.mark.parametrize(
    "url",
    [
        "/en/themes/nope/feeds/sessions/",
        "/en/forums/nope/feeds/initiatives/",
        "/en/countries/ZZ/feeds/sessions/",
        "/en/countries/FRANCE/feeds/sessions/",
        "/en/feeds/speakers/",
        "/en/themes/finance/feeds/everything/",
    ],
)
def test_unknown_scope_or_kind_is_not_found(client, programme, url):
    assert client.get(url).status_code == 404


def test_feed_ignores_stray_parameters(client, programme):
    feed = parse(client, "/en/feeds/sessions/?page=%C3%A9&theme=%22x")

    assert [entry.title for entry in feed.entries] == ["New", "Middle", "Old"]


def test_feed_is_cached_and_dropped_when_content_changes(client, programme):
    first = client.get("/en/feeds/sessions/")
    again = client.get("/en/feeds/sessions/")
    assert (first["X-Page-Cache"], again["X-Page-Cache"]) == ("miss", "hit")

    session = Session.objects.get(slug="draft")
    session.is_published = True
    session.save()
    after = client.get("/en/feeds/sessions/")

    assert after["X-Page-Cache"] == "miss"
    assert [e.title for e in feedparser.parse(after.content).entries][0] == "Draft"


@pytest.mark.parametrize(
    "url",
    [
        "/en/feeds/sessions/?q=%00",
        "/en/themes/finance/feeds/sessions/?x=%ZZ",
        "/en/forums/bordeaux/?type=%00",
        "/en/sessions/new/citation.bib?x=%00",
    ],
)
def test_malformed_parameters_get_a_400_with_a_message(client, programme, url):
    response = client.get(url)

    assert response.status_code == 400
    assert "null byte" in response.content.decode()
