"""The headers of cached pages: Cache-Control and Vary, the ETag and conditional requests,
and the same headers on a hit as on the rendered page."""

import pytest

from gsef import cache as page_cache
from tests.caching.helpers import SESSION_URL

pytestmark = pytest.mark.django_db


def test_anonymous_pages_are_revalidated_by_browsers_and_kept_briefly_at_the_edge(
    client, site, settings
):
    settings.EDGE_CACHE_SECONDS, settings.EDGE_STALE_SECONDS = 2, 30
    for expected in ("miss", "hit"):
        response = client.get(SESSION_URL)
        assert response["X-Page-Cache"] == expected
        # A browser asks again every time; nginx or a CDN may answer for 2 s, and for 30 s
        # more with the old page while it fetches the new one.
        assert set(response["Cache-Control"].split(", ")) == {
            "public",
            "max-age=0",
            "s-maxage=2",
            "stale-while-revalidate=30",
        }
        # The language is in the URL: only the session cookie (which bypasses the cache) and
        # the encoding (gzip or not) make a page differ.
        assert response["Vary"] == "Cookie, Accept-Encoding"


def test_the_root_redirect_varies_on_accept_language(client):
    response = client.get("/", headers={"accept-language": "fr"})

    assert response.status_code == 302
    assert response["Location"] == "/fr/"
    assert "Accept-Language" in response["Vary"]
    assert "X-Page-Cache" not in response.headers


@pytest.mark.parametrize("warm", [False, True], ids=["rendered", "from-cache"])
def test_if_none_match_gets_a_304_without_a_body(client, site, warm):
    if warm:
        client.get(SESSION_URL)
    etag = client.get(SESSION_URL)["ETag"]

    response = client.get(SESSION_URL, headers={"if-none-match": etag})

    assert etag.startswith('"') and etag.endswith('"')
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert "Content-Security-Policy" in response.headers


def test_a_miss_with_a_matching_etag_gets_a_304_and_stores_the_page(client, site):
    """A returning visitor after a change: the page is rendered whole and stored, and the
    visitor, whose copy is still right, gets a 304."""
    etag = client.get(SESSION_URL)["ETag"]
    page_cache.bump()  # nothing changed on the page, but every stored page is stale

    revalidated = client.get(SESSION_URL, headers={"if-none-match": etag})
    next_visitor = client.get(SESSION_URL)

    assert revalidated.status_code == 304
    assert revalidated["X-Page-Cache"] == "miss"
    assert revalidated["ETag"] == etag
    assert "Content-Type" not in revalidated.headers
    assert next_visitor["X-Page-Cache"] == "hit"
    assert next_visitor["ETag"] == etag


def test_a_stale_etag_gets_the_page(client, site):
    client.get(SESSION_URL)

    response = client.get(SESSION_URL, headers={"if-none-match": '"an-older-page"'})

    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"
    assert "Financing the social economy" in response.text


def test_a_page_from_the_cache_carries_every_header_of_the_rendered_page(client, site):
    """A hit runs none of the middlewares after the cache, so the stored page must hold
    what they added (the policy, the ETag); the security middleware, before it, adds its
    headers to every response."""
    rendered = client.get(SESSION_URL, secure=True)
    kept = client.get(SESSION_URL, secure=True)

    assert (rendered["X-Page-Cache"], kept["X-Page-Cache"]) == ("miss", "hit")
    names = set(rendered.headers) - {"X-Page-Cache"}
    assert {name: kept[name] for name in names} == {name: rendered[name] for name in names}
    for name in (
        "Content-Security-Policy",
        "Strict-Transport-Security",
        "Referrer-Policy",
        "X-Content-Type-Options",
        "X-Frame-Options",
        "Cross-Origin-Opener-Policy",
        "ETag",
    ):
        assert name in kept.headers


def test_the_etag_changes_with_the_content(client, site):
    etag = client.get(SESSION_URL)["ETag"]
    site.session.title_en = "Financing the solidarity economy"
    site.session.save()

    response = client.get(SESSION_URL, headers={"if-none-match": etag})

    assert response.status_code == 200
    assert response["ETag"] != etag
