"""Who and what the page cache leaves alone: staff, session cookies, posts, errors, pages
with cookies or messages, static files, bad requests, and plain HTTP when HTTPS is required."""

import pytest
from django.contrib.messages.storage.session import SessionStorage
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from gsef import cache as page_cache
from gsef.middleware import AnonymousPageCacheMiddleware
from sessions.models import Session
from tests.caching.helpers import SESSION_URL

pytestmark = pytest.mark.django_db


def test_staff_always_get_a_fresh_private_page(client, staff, site):
    client.get(SESSION_URL)
    # A change in SQL, behind Django's back, so the cache still holds the old title...
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Session._meta.db_table} SET title_en = %s WHERE id = %s",
            ["Changed behind the cache", site.session.pk],
        )
    assert "Financing the social economy" in client.get(SESSION_URL).text

    response = staff.get(SESSION_URL)

    # ...but staff never see it.
    assert "Changed behind the cache" in response.text
    assert "X-Page-Cache" not in response.headers
    assert set(response["Cache-Control"].split(", ")) == {"private", "no-store"}
    assert "ETag" not in response.headers


def test_a_session_cookie_bypasses_the_cache_even_when_not_logged_in(client, site):
    client.get(SESSION_URL)
    client.cookies["__Host-sessionid"] = "stale-or-forged"

    response = client.get(SESSION_URL)

    assert "X-Page-Cache" not in response.headers
    assert set(response["Cache-Control"].split(", ")) == {"private", "no-store"}


def test_a_post_is_never_cached(client, site):
    assert client.post("/en/sessions/").status_code == 405
    assert client.get("/en/sessions/")["X-Page-Cache"] == "miss"

    login = {"username": "nobody", "password": "wrong"}
    for _ in range(2):
        response = client.post(reverse("login"), login)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response.headers


def test_pages_that_set_a_cookie_are_never_stored(client):
    for _ in range(2):
        response = client.get(reverse("admin:login"))
        assert response.cookies
        assert "X-Page-Cache" not in response.headers


def test_not_found_pages_are_not_stored(client):
    for _ in range(2):
        response = client.get("/en/sessions/no-such-session/")
        assert response.status_code == 404
        assert "X-Page-Cache" not in response.headers


def test_a_response_with_a_message_is_never_stored():
    request = RequestFactory().get("/en/")
    request.session = {}
    request._messages = SessionStorage(request)
    request._messages.add(20, "Saved.")

    assert not page_cache.storable(request, HttpResponse("page"))


def test_a_page_stored_over_https_is_never_served_over_http(client, site, settings):
    settings.SECURE_SSL_REDIRECT = True
    client.get(SESSION_URL, secure=True)

    response = client.get(SESSION_URL)

    assert response.status_code == 301
    assert response["Location"] == "https://testserver" + SESSION_URL


@pytest.mark.parametrize(
    "headers, query",
    [
        ({"user-agent": "\x00"}, ""),  # a NUL byte in a header
        ({}, "q=\xff"),  # a byte that is not UTF-8, where the stored page had %C3%BF (ÿ)
    ],
    ids=["nul-header", "not-utf8"],
)
def test_a_malformed_request_is_refused_even_when_its_page_is_kept(client, site, headers, query):
    kept = client.get("/en/sessions/", {"q": "ÿ" if query else ""})
    assert (
        client.get(kept.request["PATH_INFO"], QUERY_STRING=kept.request["QUERY_STRING"])[
            "X-Page-Cache"
        ]
        == "hit"
    )

    response = client.generic(
        "GET", "/en/sessions/", QUERY_STRING=query or kept.request["QUERY_STRING"], headers=headers
    )

    assert response.status_code == 400
    assert "X-Page-Cache" not in response.headers


def test_static_files_never_go_through_the_page_cache(rf):
    served = []

    def whitenoise(request):
        served.append(request.path)
        return HttpResponse("body{}", content_type="text/css")

    middleware = AnonymousPageCacheMiddleware(whitenoise)
    anonymous = middleware(rf.get("/static/css/site.css"))
    staff = rf.get("/static/css/site.css")
    staff.COOKIES["__Host-sessionid"] = "someone"
    logged_in = middleware(staff)

    assert served == ["/static/css/site.css"] * 2
    for response in (anonymous, logged_in):
        assert "X-Page-Cache" not in response.headers
        assert "Cache-Control" not in response.headers  # WhiteNoise's own stay as they are
