"""The new pages make a fixed number of queries, whatever the number of rows."""

import pytest

from tests.sessions.test_queries import build

pytestmark = pytest.mark.django_db

# Page, then its query count.
PAGES = [
    # The forums with their counts.
    ("/en/forums/", 1),
    # The forum, the filters' choices (themes, forums), a count per facet, the paginator's
    # count, the page of sessions and their prefetches (themes, languages).
    ("/en/forums/forum/", 12),
    ("/fr/forums/forum/?type=workshop&theme=theme&country=FR&sort=title", 12),
    # Feeds: the records and their themes; a scope's feed finds its scope first, and the
    # lists' filters read their choices.
    ("/en/feeds/sessions/", 2),
    ("/fr/feeds/initiatives/", 2),
    ("/en/themes/theme/feeds/sessions/", 5),
    ("/en/countries/FR/feeds/initiatives/", 4),
    ("/en/forums/forum/feeds/sessions/", 5),
    # A citation: the session with its forum, then its themes.
    ("/en/sessions/session/citation.bib", 2),
    ("/en/sessions/session/citation.ris", 2),
    ("/fr/sessions/session/citation.json", 2),
]


@pytest.mark.parametrize(("url", "queries"), PAGES)
@pytest.mark.parametrize("n", [1, 5])
def test_query_count_does_not_grow_with_rows(client, django_assert_num_queries, n, url, queries):
    build(n)

    with django_assert_num_queries(queries):
        response = client.get(url)

    assert response.status_code == 200


def test_forum_page_from_its_fragments_needs_no_query(client, django_assert_num_queries):
    build(2)
    client.get("/en/forums/forum/?type=workshop")

    # Another address for the same list (a stray parameter): not the same page in the
    # cache, but the same fragments.
    with django_assert_num_queries(0):
        response = client.get("/en/forums/forum/?type=workshop&utm_source=mail")

    assert response.status_code == 200
    assert b"<h1>GSEF Forum" in response.content


def test_session_page_query_count_is_unchanged_by_the_cite_block(client, django_assert_num_queries):
    build(2)

    with django_assert_num_queries(7):  # as pinned in tests/sessions/test_queries.py
        response = client.get("/en/sessions/session/")

    assert b'id="cite-apa"' in response.content
