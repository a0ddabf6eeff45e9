"""Property-based: whatever text lands in the query parameters of a public page, the answer is
a page, a 400 or a 404, never a 500 (and never a NUL byte in a PostgreSQL query)."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.public_site import PUBLIC_PAGES, build_site, page_url

pytestmark = pytest.mark.django_db

PARAMETERS = ["q", "country", "theme", "forum", "type", "language", "year", "sort", "page"]

# Any text without surrogates (which cannot be encoded), control characters and NUL included,
# mixed with the kind of input that trips parsers: operators, quotes, numbers, escapes.
TRICKY = st.sampled_from(
    [
        "' OR 1=1 --",
        '"',
        "NEAR(a b)",
        "*",
        "-x",
        "a AND OR NOT",
        "^",
        "%",
        "%ZZ",
        "%00",
        "\\",
        "0",
        "-1",
        str(10**30),
        "1e309",
        "NaN",
        "FR",
        "fr",
        "2020",
        "title",
        "-date",
        "\x00",
        "\u202e",
        "\ufeff",
        "x" * 2000,
    ]
)
VALUES = st.one_of(
    st.text(st.characters(blacklist_categories=["Cs"]), max_size=80),
    TRICKY,
    st.lists(TRICKY, max_size=3).map("".join),
)
QUERIES = st.lists(st.tuples(st.sampled_from(PARAMETERS), VALUES), min_size=1, max_size=5)


@pytest.fixture
def site():
    return build_site()


def encode(pairs, raw):
    """A query string as a browser would send it, or with the values left unescaped; as the
    server hands it over (UTF-8 bytes read as latin-1)."""
    if raw:
        text = "&".join(f"{name}={value}" for name, value in pairs)
    else:
        text = "&".join(f"{name}={quote(value, safe='')}" for name, value in pairs)
    return text.encode("utf-8").decode("latin-1")


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_any_query_on_any_public_page_is_answered_without_an_error(client, site, settings, page):
    url = page_url(page, "en")
    settings.PAGE_CACHE = False  # every example should reach the view

    # Hypothesis re-runs the body; the site is built once, and nothing here writes.
    @hypothesis_settings(
        max_examples=50,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(pairs=QUERIES, raw=st.booleans(), language=st.sampled_from(["en", "fr"]))
    def check(pairs, raw, language):
        path = url.replace("/en/", f"/{language}/", 1)
        response = client.generic("GET", path, QUERY_STRING=encode(pairs, raw))
        assert response.status_code in {200, 400, 404}, (path, pairs, raw)

    check()
