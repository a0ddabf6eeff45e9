"""Every endpoint makes a fixed number of queries, whatever the number of rows."""

import pytest

from tests.sessions.test_queries import build

pytestmark = pytest.mark.django_db

# Endpoint, then its query count. A filtered list: the FilterSet's choices (themes, forums),
# the count, the page of rows and its prefetches; a detail: the record with what it nests.
ENDPOINTS = [
    # Counted and paged from the facet index, built by this first list (8 queries), as the
    # web list is; with words (q), in SQL: the count, then the page.
    ("/api/v1/sessions/", 12),
    ("/api/v1/sessions/?country=FR&theme=theme&forum=forum&q=talk&sort=title", 6),
    # The session with its forum and moderator, its themes, languages, presentations and
    # their initiatives, questions, closing remarks.
    ("/api/v1/sessions/session/", 7),
    ("/api/v1/initiatives/", 5),  # + themes
    ("/api/v1/initiatives/?country=FR&theme=theme&year=2020", 5),
    ("/api/v1/initiatives/initiative/", 3),  # + themes, presentations
    ("/api/v1/speakers/", 4),
    ("/api/v1/speakers/?country=FR&forum=forum&sort=country", 4),
    ("/api/v1/speakers/speaker/", 3),  # + presentations, moderated sessions
    ("/api/v1/organisations/", 2),  # count, page
    ("/api/v1/organisations/organisation/", 3),  # + speakers, initiatives
    ("/api/v1/forums/", 2),
    ("/api/v1/forums/forum/", 1),
    ("/api/v1/themes/", 2),
    ("/api/v1/themes/theme/", 1),
    ("/api/v1/countries/", 2),  # initiatives and speakers by country
    ("/api/v1/countries/FR/", 2),
]


@pytest.mark.parametrize(("url", "queries"), ENDPOINTS)
@pytest.mark.parametrize("n", [1, 5])
def test_query_count_does_not_grow_with_rows(client, django_assert_num_queries, n, url, queries):
    build(n)

    with django_assert_num_queries(queries):
        response = client.get(url)

    assert response.status_code == 200
    data = response.json()
    assert data.get("results", [data])  # something was found
