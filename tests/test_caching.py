"""Whole pages are cached for anonymous visitors, per language and URL, and dropped at once
when content changes; logged-in people always get fresh pages."""

import gzip

import pytest
from django.contrib.messages.storage.session import SessionStorage
from django.core.management import call_command
from django.db import connection
from django.http import HttpResponse
from django.http.response import ResponseHeaders
from django.test import Client, RequestFactory
from django.urls import reverse

from gsef import cache as page_cache
from gsef.middleware import AnonymousPageCacheMiddleware
from sessions.models import Forum, Initiative, Presentation, Session, Theme
from speakers.models import Organisation, Speaker
from tests.factories import SessionFactory, ThemeFactory
from tests.public_site import build_site

pytestmark = pytest.mark.django_db

SESSION_URL = "/en/sessions/session/"


@pytest.fixture
def site():
    return build_site()


@pytest.fixture
def staff(editor):
    client = Client()
    client.force_login(editor)
    return client


def test_the_second_visit_is_served_from_the_cache_without_a_query(
    client, site, django_assert_num_queries
):
    first = client.get(SESSION_URL)
    with django_assert_num_queries(0):
        second = client.get(SESSION_URL)

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert "Financing the social economy" in second.text
    assert second["Content-Type"] == "text/html; charset=utf-8"
    assert second["Content-Language"] == "en"


def test_each_language_has_its_own_page(client, site):
    client.get("/en/sessions/session/")

    french = client.get("/fr/sessions/session/")

    assert french["X-Page-Cache"] == "miss"
    assert french["Content-Language"] == "fr"
    assert "Financer l’économie sociale" in french.text
    assert '<html lang="fr">' in french.text
    assert client.get("/fr/sessions/session/")["X-Page-Cache"] == "hit"
    assert "Financing the social economy" in client.get("/en/sessions/session/").text


def test_the_query_string_is_part_of_the_key(client, site):
    SessionFactory(title_en="Cooperative housing", slug="housing")
    client.get("/en/sessions/")

    filtered = client.get("/en/sessions/?q=housing")

    assert filtered["X-Page-Cache"] == "miss"
    assert "Cooperative housing" in filtered.text
    assert "Financing the social economy" not in filtered.text
    assert client.get("/en/sessions/?q=housing")["X-Page-Cache"] == "hit"


def test_an_edit_through_the_orm_shows_at_once(client, site):
    client.get(SESSION_URL)
    client.get("/en/sessions/")

    site.session.title_en = "Financing the solidarity economy"
    site.session.save()

    for url in (SESSION_URL, "/en/sessions/"):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss"
        assert "Financing the solidarity economy" in response.text
        assert "Financing the social economy" not in response.text


def test_a_many_to_many_change_shows_at_once(client, site):
    client.get("/en/themes/theme/")
    other = SessionFactory(title_en="Cooperative housing", slug="housing")

    other.themes.add(site.theme)

    assert "Cooperative housing" in client.get("/en/themes/theme/").text


def test_a_deleted_session_is_gone_at_once(client, site):
    assert client.get(SESSION_URL).status_code == 200

    site.session.delete()

    assert client.get(SESSION_URL).status_code == 404


def test_publishing_in_the_admin_shows_at_once(client, staff, site):
    draft = SessionFactory(title_en="A draft on land trusts", slug="draft", is_published=False)
    assert "A draft on land trusts" not in client.get("/en/sessions/").text
    assert client.get("/en/sessions/")["X-Page-Cache"] == "hit"

    response = staff.post(
        reverse("admin:forum_sessions_session_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )

    assert response.status_code == 302
    assert Session.objects.get(pk=draft.pk).is_published
    listing = client.get("/en/sessions/")
    assert listing["X-Page-Cache"] == "miss"
    assert "A draft on land trusts" in listing.text
    assert client.get("/en/sessions/draft/").status_code == 200


def test_unpublishing_in_the_admin_hides_the_page_at_once(client, staff, site):
    assert client.get(SESSION_URL).status_code == 200

    staff.post(
        reverse("admin:forum_sessions_session_changelist"),
        {"action": "unpublish", "_selected_action": [site.session.pk]},
    )

    assert client.get(SESSION_URL).status_code == 404


def test_an_edit_in_the_admin_change_form_shows_at_once(client, staff, site):
    client.get(SESSION_URL)
    url = reverse("admin:forum_sessions_session_change", args=[site.session.pk])
    form = staff.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update(
        title_en="Financing the solidarity economy",
        themes=[site.theme.pk],
        is_published="on",
        date=site.session.date.isoformat(),
    )
    for prefix in ("presentations", "questions", "closing_remarks"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    # The presentation stays: send it back as it is.
    presentation = site.session.presentations.get()
    data.update(
        {
            "presentations-TOTAL_FORMS": "1",
            "presentations-INITIAL_FORMS": "1",
            "presentations-0-id": presentation.pk,
            "presentations-0-session": site.session.pk,
            "presentations-0-order": presentation.order,
            "presentations-0-speaker": presentation.speaker_id,
            "presentations-0-title_en": presentation.title_en,
            "presentations-0-initiatives": [site.initiative.pk],
        }
    )

    response = staff.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert "Financing the solidarity economy" in client.get(SESSION_URL).text


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


def test_a_head_request_is_answered_from_the_cache(client, site):
    client.get(SESSION_URL)

    response = client.head(SESSION_URL)

    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"


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


def test_anonymous_pages_may_be_kept_but_must_be_revalidated(client, site):
    for expected in ("miss", "hit"):
        response = client.get(SESSION_URL)
        assert response["X-Page-Cache"] == expected
        assert set(response["Cache-Control"].split(", ")) == {
            "public",
            "max-age=0",
            "must-revalidate",
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


def test_the_etag_changes_with_the_content(client, site):
    etag = client.get(SESSION_URL)["ETag"]
    site.session.title_en = "Financing the solidarity economy"
    site.session.save()

    response = client.get(SESSION_URL, headers={"if-none-match": etag})

    assert response.status_code == 200
    assert response["ETag"] != etag


def test_a_stored_page_from_before_a_change_is_not_served(client, site):
    """The generation read before rendering is the one stored, so a page rendered while
    content changed is stale at once."""
    client.get(SESSION_URL)
    page_cache.bump()

    assert client.get(SESSION_URL)["X-Page-Cache"] == "miss"


def test_the_cache_can_be_switched_off(client, site, settings):
    settings.PAGE_CACHE = False

    for _ in range(2):
        response = client.get(SESSION_URL)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response.headers


def test_pages_are_served_and_edits_saved_when_redis_is_down(client, site, settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "gsef.redis_cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }

    response = client.get(SESSION_URL)
    ThemeFactory(slug="new-theme")

    assert response.status_code == 200
    assert "Financing the social economy" in response.text
    assert "Page cache lookup failed" in caplog.text
    assert "Could not invalidate the page cache" in caplog.text


def test_migrate_drops_every_stored_page(client, site):
    """A deploy runs migrate: pages from the old templates go."""
    client.get(SESSION_URL)

    call_command("migrate", verbosity=0)

    assert client.get(SESSION_URL)["X-Page-Cache"] == "miss"


def facet(response, name):
    [found] = [f for f in response.context["facets"] if f["name"] == name]
    return {option["value"]: option["count"] for option in found["options"]}


def test_facet_counts_are_shared_by_every_page_of_a_list_until_content_changes(
    client, site, django_assert_num_queries
):
    first = client.get("/en/sessions/", {"forum": "forum"})
    # Another address (a page the cache has not seen) with the same filters reuses what
    # they gave: the counts, the number of results and the rendered list. No query at all.
    with django_assert_num_queries(0):
        other = client.get("/en/sessions/", {"forum": "forum", "unknown": "1"})

    assert other["X-Page-Cache"] == "miss"
    assert facet(first, "theme") == {"theme": 1}
    assert main_part(other) == main_part(first)
    assert '<h2 id="results-heading">1 session</h2>' in other.text
    # The same filters in another order, and a first page asked for by number: the counts
    # are shared still, though the page is rendered again.
    third = client.get("/en/sessions/?page=1&forum=forum")
    assert facet(third, "theme") == {"theme": 1}
    assert main_part(third) == main_part(first)
    session = SessionFactory(forum=site.forum, is_published=True)
    session.themes.set([site.theme])

    after = client.get("/en/sessions/", {"forum": "forum", "x": "2"})
    assert facet(after, "theme") == {"theme": 2}
    assert '<h2 id="results-heading">2 sessions</h2>' in after.text


def test_home_counts_follow_a_change_at_once(client, site):
    assert "(1 initiative)" in client.get("/en/").text

    site.initiative.country = "SN"
    site.initiative.save()

    home = client.get("/en/").text
    assert '<a href="/en/countries/SN/">Senegal</a> <span class="count">(1 initiative)' in home
    assert "/en/countries/FR/" not in home.split('id="countries-heading"')[1].split("</ul>")[0]


def main_part(response):
    """What the page says about its record: its <head> and <main>, without the links to the
    page in each language (they repeat the query string)."""
    head, body = response.text.split("</head>")
    head = "\n".join(line for line in head.splitlines() if 'rel="alternate"' not in line)
    return head, body.split("<main")[1].split("</main>")[0]


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/en/sessions/session/", "Financing the social economy"),
        ("/fr/sessions/session/", "Financer l’économie sociale"),
        ("/en/initiatives/initiative/", "Community bank"),
    ],
)
def test_a_detail_page_missing_the_page_cache_reuses_its_fragments(
    client, site, django_assert_num_queries, url, name
):
    first = client.get(url)
    # A new address for the same page: its fragments are named by the slug in the
    # address, so no query at all.
    with django_assert_num_queries(0):
        other = client.get(url, {"utm_source": "newsletter"})

    assert other["X-Page-Cache"] == "miss"
    assert main_part(other) == main_part(first)
    assert f"<title>{name} · " in main_part(other)[0]
    assert f'<meta property="og:title" content="{name}">' in main_part(other)[0]


def test_a_fragment_follows_an_edit_at_once(client, site):
    client.get(SESSION_URL, {"a": "1"})
    site.session.title_en = "Financing the commons"
    site.session.save()

    head, main = main_part(client.get(SESSION_URL, {"a": "2"}))

    assert "<title>Financing the commons · " in head
    assert '"name":"Financing the commons"' in head  # JSON-LD
    assert "<h1>Financing the commons</h1>" in main
    assert "Financing the social economy" not in main


def test_an_update_in_bulk_drops_the_cached_pages(client, site):
    client.get(SESSION_URL)
    Session.objects.filter(pk=site.session.pk).update(title_en="Financing the commons")

    assert "<h1>Financing the commons</h1>" in client.get(SESSION_URL).text


@pytest.mark.parametrize(
    "model, field, url",
    [
        (Initiative, "name_en", "/en/initiatives/initiative/"),
        (Speaker, "name", "/en/speakers/speaker/"),
        (Organisation, "name", "/en/organisations/organisation/"),
        (Theme, "name_en", "/en/themes/theme/"),
        (Forum, "name", "/en/forums/forum/"),
        (Presentation, "title_en", SESSION_URL),
    ],
)
def test_an_update_in_bulk_of_any_content_drops_the_cached_pages(client, site, model, field, url):
    assert client.get(url).status_code == 200
    assert client.get(url)["X-Page-Cache"] == "hit"

    model.objects.filter(pk__in=model.objects.values("pk")).update(**{field: "Renamed in bulk"})

    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Renamed in bulk" in response.text


def test_rows_created_in_bulk_drop_the_cached_pages(client, site):
    client.get(SESSION_URL)
    assert client.get(SESSION_URL)["X-Page-Cache"] == "hit"

    Theme.objects.bulk_create([Theme(name_en="Commons", slug="commons")])

    assert client.get(SESSION_URL)["X-Page-Cache"] == "miss"


def test_a_slug_no_record_has_is_not_found_with_other_fragments_kept(client, site):
    client.get(SESSION_URL)

    assert client.get("/en/sessions/no-such-session/").status_code == 404
    assert client.get("/en/initiatives/session/").status_code == 404


def test_an_unpublished_record_is_not_found_even_with_its_fragments_kept(client, site):
    client.get(SESSION_URL, {"a": "1"})
    Session.objects.filter(pk=site.session.pk).update(is_published=False)

    assert client.get(SESSION_URL, {"a": "2"}).status_code == 404


def test_fragments_are_per_host(client, site, settings):
    settings.ALLOWED_HOSTS = ["testserver", "kb.example.org"]
    client.get(SESSION_URL)

    other_host = client.get(SESSION_URL, {"a": "1"}, HTTP_HOST="kb.example.org")

    assert "http://kb.example.org/en/sessions/session/" in other_host.text.split("</head>")[0]
    assert "http://testserver/" not in other_host.text


def test_logged_in_people_never_get_a_fragment(client, site, django_user_model):
    moderator = django_user_model.objects.create_user(username="ada", password="x" * 20)
    site.speaker.user = moderator
    site.speaker.save()
    client.get(SESSION_URL, {"a": "1"})  # fragments stored by an anonymous visit
    logged_in = Client()
    logged_in.force_login(moderator)

    page = logged_in.get(SESSION_URL, {"a": "1"})

    assert "Add or edit the closing remarks of this session" in page.text
    assert "Add or edit the closing remarks" not in client.get(SESSION_URL, {"a": "2"}).text


def card_titles(response):
    return [
        part.split("</a>")[0].split(">")[-1]
        for part in response.text.split('<article class="card">')[1:]
    ]


@pytest.fixture
def many_sessions():
    from sessions import search

    with search.batched_reindex():
        return [
            SessionFactory(title_en=f"Session {n:02d}", date=f"2020-10-{n:02d}")
            for n in range(1, 26)
        ]


def test_a_list_page_of_results_is_kept_per_filters_order_and_page(client, many_sessions):
    newest = client.get("/en/sessions/", {"x": "1"})
    second = client.get("/en/sessions/", {"page": "2", "x": "1"})
    oldest = client.get("/en/sessions/", {"sort": "oldest", "x": "1"})

    assert card_titles(newest) == [f"Session {n:02d}" for n in range(25, 5, -1)]
    assert card_titles(second) == [f"Session {n:02d}" for n in range(5, 0, -1)]
    assert card_titles(oldest)[:2] == ["Session 01", "Session 02"]
    # Another address with the same filters, order and page gets the same rows.
    assert card_titles(client.get("/en/sessions/", {"x": "2"})) == card_titles(newest)


def test_a_kept_page_of_results_follows_an_edit(client, many_sessions):
    client.get("/en/sessions/", {"x": "1"})
    latest = many_sessions[-1]
    latest.title_en = "Renamed session"
    latest.save()

    assert card_titles(client.get("/en/sessions/", {"x": "2"}))[0] == "Renamed session"


def test_links_around_a_kept_page_of_results_carry_only_this_address(client, many_sessions):
    client.get("/en/sessions/", {"utm_source": "newsletter"})

    page = client.get("/en/sessions/", {"sort": "newest"})

    assert page["X-Page-Cache"] == "miss"
    assert 'href="?sort=newest&amp;page=2"' in page.text
    assert "utm_source" not in page.text


def _redis_cache():
    """The project's Redis cache backend on this machine's Redis, or a skip saying why."""
    import redis

    from gsef.redis_cache import RedisCache

    url = "redis://127.0.0.1:6379/9"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip("no Redis answers at 127.0.0.1:6379 (apt-get install redis-server)")
    return RedisCache(url, {"KEY_PREFIX": f"test-{id(url)}"})


def test_the_redis_backend_reuses_one_client_and_behaves_like_djangos():
    cache = _redis_cache()
    cache.clear()

    cache.set("page", ("generation", b"<html>"), 60)
    cache.set("counter", 1, 60)
    cache.incr("counter")

    assert cache.get_many(["page", "counter", "missing"]) == {
        "page": ("generation", b"<html>"),
        "counter": 2,
    }
    assert cache._cache.get_client() is cache._cache.get_client(write=True)
    cache.clear()
    assert cache.get("page") is None


def test_a_shared_value_being_computed_elsewhere_is_waited_for_not_computed_again():
    import threading

    from django.core.cache import cache

    generation = page_cache.current_generation()
    key = page_cache._data_key("counts")
    cache.add(f"lock:{key}", generation)  # another worker is computing it
    done = threading.Timer(0.2, lambda: cache.set(key, (generation, {"FR": 3})))
    done.start()
    computed = []

    value = page_cache.remember("counts", lambda: computed.append(1) or {"FR": 0})

    done.join()
    assert value == {"FR": 3}
    assert computed == []


def test_a_shared_value_is_computed_once_and_unlocked():
    from django.core.cache import cache

    value = page_cache.remember("counts", lambda: {"FR": 1})

    key = page_cache._data_key("counts")
    assert value == {"FR": 1}
    assert cache.get(key) == (page_cache.current_generation(), {"FR": 1})
    assert cache.get(f"lock:{key}") is None
    assert page_cache.remember("counts", lambda: {"FR": 2}) == {"FR": 1}


def test_a_worker_that_gave_up_computing_does_not_hold_the_others(monkeypatch):
    from django.core.cache import cache

    key = page_cache._data_key("counts")
    cache.add(f"lock:{key}", page_cache.current_generation())
    monkeypatch.setattr(page_cache, "WAIT_SECONDS", 0.3)

    assert page_cache.remember("counts", lambda: {"FR": 5}) == {"FR": 5}
