"""API answers are kept like pages, per language, and dropped by any content change."""

import pytest

pytestmark = pytest.mark.django_db


def test_an_answer_is_kept_and_an_edit_shows_at_once(client, api_site):
    first = client.get("/api/v1/sessions/financing/")
    again = client.get("/api/v1/sessions/financing/")
    assert (first["X-Page-Cache"], again["X-Page-Cache"]) == ("miss", "hit")
    assert again.json() == first.json()

    api_site.finance_talk.title_en = "Financing the solidarity economy"
    api_site.finance_talk.save()

    for url in ("/api/v1/sessions/financing/", "/api/v1/sessions/"):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss"
        assert "Financing the solidarity economy" in response.text
        assert "Financing the social economy" not in response.text


def test_publishing_a_draft_shows_in_the_next_answer(client, api_site):
    assert client.get("/api/v1/sessions/draft/").status_code == 404
    assert "draft" not in client.get("/api/v1/sessions/").text

    api_site.draft.is_published = True
    api_site.draft.save()

    assert client.get("/api/v1/sessions/draft/").status_code == 200
    assert "draft" in client.get("/api/v1/sessions/").text


def test_each_language_is_kept_apart(client, api_site):
    english = client.get("/api/v1/initiatives/bank/", HTTP_ACCEPT_LANGUAGE="en")
    french = client.get("/api/v1/initiatives/bank/", HTTP_ACCEPT_LANGUAGE="fr")
    french_again = client.get("/api/v1/initiatives/bank/", HTTP_ACCEPT_LANGUAGE="fr")

    assert english.json()["country"]["name"] == "Senegal"
    assert french.json()["country"]["name"] == "Sénégal"
    assert french_again["X-Page-Cache"] == "hit"
    assert french_again.json()["country"]["name"] == "Sénégal"
    assert "Accept-Language" in french_again["Vary"]


def test_errors_are_not_kept(client, api_site):
    client.get("/api/v1/sessions/?year=abc")

    response = client.get("/api/v1/sessions/?year=abc")

    assert response.status_code == 400
    assert not response.has_header("X-Page-Cache")
