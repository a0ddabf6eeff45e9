"""Kept pages are compressed once and sent compressed to the clients that accept gzip."""

import gzip

import pytest
from django.http.response import ResponseHeaders

from gsef import cache as page_cache
from tests.caching.helpers import SESSION_URL

pytestmark = pytest.mark.django_db


GZIP = {"accept-encoding": "gzip, deflate, br"}


def test_a_client_that_accepts_gzip_gets_the_page_compressed_once_kept(client, site):
    rendered = client.get(SESSION_URL, headers=GZIP)
    compressed = client.get(SESSION_URL, headers=GZIP)
    plain = client.get(SESSION_URL)

    assert rendered["X-Page-Cache"] == "miss"
    assert compressed["X-Page-Cache"] == plain["X-Page-Cache"] == "hit"
    # The miss sends the copy it has just compressed and kept.
    assert rendered.content == compressed.content
    assert rendered["Content-Encoding"] == compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert "Financing the social economy" in plain.text
    assert int(compressed["Content-Length"]) == len(compressed.content) < len(plain.content) / 2
    assert "Content-Encoding" not in plain.headers
    assert compressed["ETag"] == "W/" + plain["ETag"]
    for response in (rendered, compressed, plain):
        assert "Accept-Encoding" in response["Vary"]
        assert response["Content-Security-Policy"] == plain["Content-Security-Policy"]


def test_a_client_without_gzip_gets_the_page_as_rendered(client, site):
    rendered = client.get(SESSION_URL)

    assert rendered["X-Page-Cache"] == "miss"
    assert "Content-Encoding" not in rendered.headers
    assert "Financing the social economy" in rendered.text
    assert client.get(SESSION_URL, headers=GZIP)["Content-Encoding"] == "gzip"


def test_a_miss_without_gzip_compresses_nothing_until_a_gzip_client_asks(client, site):
    from django.core.cache import cache

    rendered = client.get(SESSION_URL)
    key = page_cache.page_key(rendered.wsgi_request)

    assert rendered["X-Page-Cache"] == "miss"
    assert cache.get(key)[1][2] == rendered.content
    assert cache.get(key + page_cache.GZIP_SUFFIX) is None

    first = client.get(SESSION_URL, headers=GZIP)
    second = client.get(SESSION_URL, headers=GZIP)

    assert first["X-Page-Cache"] == second["X-Page-Cache"] == "hit"
    assert first.content == second.content == cache.get(key + page_cache.GZIP_SUFFIX)[1][2]
    assert gzip.decompress(first.content) == rendered.content
    assert first["ETag"] == "W/" + rendered["ETag"]
    assert first["Vary"] == rendered["Vary"]


def test_a_compressed_page_is_revalidated_with_either_etag(client, site):
    client.get(SESSION_URL)
    plain_etag = client.get(SESSION_URL)["ETag"]
    gzip_etag = client.get(SESSION_URL, headers=GZIP)["ETag"]

    for etag in (plain_etag, gzip_etag):
        response = client.get(SESSION_URL, headers={**GZIP, "if-none-match": etag})
        assert response.status_code == 304
        assert response.content == b""
        assert "Content-Encoding" not in response.headers


def test_the_compressed_page_follows_an_edit_at_once(client, site):
    client.get(SESSION_URL, headers=GZIP)
    site.session.title_en = "Financing the solidarity economy"
    site.session.save()

    response = client.get(SESSION_URL, headers=GZIP)
    again = client.get(SESSION_URL, headers=GZIP)

    assert (response["X-Page-Cache"], again["X-Page-Cache"]) == ("miss", "hit")
    for page in (response, again):
        assert "Financing the solidarity economy" in gzip.decompress(page.content).decode()


def test_a_short_page_is_kept_uncompressed_for_everyone():
    headers = ResponseHeaders({"Content-Type": "text/plain", "ETag": '"x"'})

    assert page_cache.compressed(headers, b"User-agent: *\n" * 10) is None
    assert page_cache.compressed(headers, b"a" * 2000)[0][1:] == [
        ("ETag", 'W/"x"'),
        ("Content-Encoding", "gzip"),
        ("Content-Length", str(len(gzip.compress(b"a" * 2000, page_cache.GZIP_LEVEL, mtime=0)))),
    ]
