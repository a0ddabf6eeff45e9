"""A page the cache has not seen reuses the fragments of the same record or the same page
of results, and never serves them to logged-in people."""

import pytest
from django.test import Client, RequestFactory

from sessions.models import Session
from tests.caching.helpers import SESSION_URL, main_part
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/en/sessions/session/", "Financing the social economy"),
        ("/fr/sessions/session/", "Financer l’économie sociale"),
        ("/en/initiatives/initiative/", "Community bank"),
        ("/fr/speakers/speaker/", "Ada Diallo"),
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


def test_a_cold_detail_page_reads_its_fragments_once_and_writes_them_with_the_page(client, site):
    from unittest import mock

    from django.core.cache import cache

    with (
        mock.patch.object(cache, "add", wraps=cache.add) as add,
        mock.patch.object(cache, "set_many", wraps=cache.set_many) as set_many,
        mock.patch.object(cache, "get_many", wraps=cache.get_many) as get_many,
    ):
        response = client.get("/en/sessions/session/")

    assert response.status_code == 200
    # One write: the page (as rendered: this client asked for no gzip) and every part of it.
    [write] = set_many.call_args_list
    written = write.args[0]
    pages = [key for key in written if key.startswith("page:")]
    assert len(pages) == 1
    assert len(written) - len(pages) == 5  # title, description, meta, breadcrumbs, content
    assert not [call for call in add.call_args_list if call.args[0].startswith("lock:")]
    # The page lookup, then every fragment of the page in one read.
    assert get_many.call_count == 2


def test_fragments_of_a_page_that_is_not_stored_are_still_kept(client, site, settings):
    """A page the cache does not keep (here: it sets a cookie) still leaves its parts for the
    next address of the same record."""
    from django.core.cache import cache

    from gsef import cache as page_cache

    request_factory = RequestFactory()
    request = request_factory.get("/en/sessions/session/")
    page_cache.collect_fragments(request)
    generation = page_cache.current_generation()
    page_cache._keep(request, "data:one", generation, "<p>kept</p>")
    assert cache.get("data:one") is None  # waits for the end of the request

    page_cache.store_fragments(request)

    assert cache.get("data:one") == (generation, "<p>kept</p>")
    assert page_cache.pending_fragments(request) == {}
