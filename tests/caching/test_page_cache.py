"""An anonymous visitor's second visit is served from the cache, per language and address."""

import pytest

from tests.caching.helpers import SESSION_URL
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


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


def test_a_head_request_is_answered_from_the_cache(client, site):
    client.get(SESSION_URL)

    response = client.head(SESSION_URL)

    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"


def test_the_cache_can_be_switched_off(client, site, settings):
    settings.PAGE_CACHE = False

    for _ in range(2):
        response = client.get(SESSION_URL)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response.headers
