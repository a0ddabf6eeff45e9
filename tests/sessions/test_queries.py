"""Every public page makes a fixed number of queries, whatever the number of rows."""

import datetime

import pytest

from sessions import search
from sessions.models import Language
from tests.factories import (
    AudienceQuestionFactory,
    ClosingRemarkFactory,
    ForumFactory,
    InitiativeFactory,
    OrganisationFactory,
    SessionFactory,
    SpeakerFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def build(n):
    """n of everything, all linked: the first of each is what detail pages show."""
    with search.batched_reindex():  # each entry written once, not for every row it holds
        _build(n)


def _build(n):
    forum = ForumFactory(slug="forum")
    theme = ThemeFactory(slug="theme")
    themes = [theme, *ThemeFactory.create_batch(n - 1)]
    organisation = OrganisationFactory(slug="organisation")
    speaker = SpeakerFactory(slug="speaker", organisation=organisation, country="FR")
    speakers = [speaker, *SpeakerFactory.create_batch(n - 1, organisation=organisation)]
    initiative = InitiativeFactory(slug="initiative", organisation=organisation, country="FR")
    initiatives = [initiative, *InitiativeFactory.create_batch(n - 1, country="FR")]
    for initiative_ in initiatives:
        initiative_.themes.set(themes)
    languages = list(Language.objects.all()[:n])
    for i in range(n):
        session = SessionFactory(
            slug="session" if i == 0 else f"session-{i}",
            forum=forum,
            moderator=speakers[i],
            date=datetime.date(2020, 10, 19 + i % 5),
        )
        session.themes.set(themes)
        session.languages.set(languages)
        for order, presenter in enumerate(speakers, start=1):
            presentation = session.presentations.create(
                speaker=presenter, title_en=f"Talk {order}", order=order
            )
            presentation.initiatives.set(initiatives)
        for order in range(1, n + 1):
            AudienceQuestionFactory(session=session, order=order, answered_by=speakers[0])
            ClosingRemarkFactory(session=session, order=order, speaker=speakers[-1])


# Page, then its query count. A list's count is the filterset's choices (themes, forums),
# a count per facet (speakers need two per facet: presenters and moderators), the
# paginator's count, the page of rows and their prefetches.
PAGES = [
    # The home page: initiatives by country, themes with their sessions and initiatives, the
    # latest forum, recent sessions (their themes, languages), featured initiatives.
    ("/en/", 8),
    ("/fr/", 8),
    # The session list's counts: the facet index, built by this first list (8 queries).
    ("/en/sessions/", 12),
    ("/en/sessions/?country=FR&theme=theme&forum=forum&q=talk&sort=title", 12),
    ("/en/initiatives/", 10),
    ("/en/initiatives/?country=FR&theme=theme&year=2020", 10),
    ("/en/speakers/", 15),
    ("/en/speakers/?country=FR&forum=forum", 15),
    # Search: choices (themes, forums), one capped and ranked search per set of facets (all
    # of them, then each chosen one left out for its own counts), the page with its extracts.
    ("/en/search/?q=talk", 4),
    ("/fr/search/?q=talk&country=FR&theme=theme&type=presentation", 7),
    # Details: the record's id by its slug, then what its fragments show.
    ("/en/sessions/session/", 7),
    ("/fr/sessions/session/", 7),
    ("/en/initiatives/initiative/", 3),
    ("/en/speakers/speaker/", 3),
    ("/en/organisations/organisation/", 3),
    # A forum: its sessions with the session list's facets (counts, choices, a page).
    ("/en/forums/forum/", 12),
    ("/en/themes/theme/", 8),
    ("/en/countries/FR/", 7),
    ("/sitemap.xml", 8),
]


@pytest.mark.parametrize(("url", "queries"), PAGES)
@pytest.mark.parametrize("n", [1, 5])
def test_query_count_does_not_grow_with_rows(client, django_assert_num_queries, n, url, queries):
    build(n)

    with django_assert_num_queries(queries):
        response = client.get(url)

    assert response.status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/en/sessions/",
        "/en/sessions/?theme=theme&sort=title",
        "/en/sessions/session/",
        "/en/forums/forum/",
        "/en/themes/theme/",
        "/en/countries/FR/",
        "/en/speakers/speaker/",
        "/en/initiatives/initiative/",
        "/api/v1/sessions/",
        "/api/v1/sessions/session/",
        "/api/v1/speakers/speaker/",
        "/api/v1/initiatives/initiative/",
    ],
)
def test_public_pages_never_read_the_rapporteurs_report(client, url):
    """A session's source report (the whole imported text, kilobytes) is the admin's: the
    pages and API that show sessions leave it in the database."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sessions.models import Session

    build(2)
    Session.objects.update(source_report="Session report\n\n" + "A paragraph. " * 800)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)

    assert response.status_code == 200
    assert "A paragraph." not in response.text
    read = [q["sql"] for q in queries.captured_queries if "source_report" in q["sql"]]
    assert read == []


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/en/sessions/",
        "/en/sessions/?theme=theme&sort=title",
        "/fr/sessions/?q=session",
        "/en/forums/forum/",
        "/en/themes/theme/",
        "/en/countries/FR/",
    ],
)
def test_session_cards_read_only_what_a_card_shows(client, url):
    """A card shows a session's title, forum, date, type, languages and themes: its long
    texts (summary, guiding question and synthesis, in each language) stay in the database,
    and the cards still read no row one by one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sessions.models import Session

    build(3)
    Session.objects.update(summary_en="A long summary. " * 200, summary_fr="Un long résumé. " * 200)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)

    assert response.status_code == 200
    assert response.text.count('class="card"') >= 3
    session_rows = [
        q["sql"]
        for q in queries.captured_queries
        if '"forum_sessions_session"."title_en"' in q["sql"].split(" FROM ")[0]
    ]
    assert session_rows, "no query read the sessions' rows"
    for sql in session_rows:
        assert "summary" not in sql
        assert "guiding" not in sql
