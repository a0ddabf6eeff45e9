"""What people expect without asking: languages found by name, a way back to the login, the
country pages in the sitemap, a favicon."""

import pytest
from django.urls import reverse

from sessions.models import Language
from tests.factories import InitiativeFactory, PresentationFactory, SessionFactory

pytestmark = pytest.mark.django_db


def language_search(client, term):
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": term,
            "app_label": "forum_sessions",
            "model_name": "session",
            "field_name": "languages",
        },
    )
    assert response.status_code == 200, response.content
    return [result["id"] for result in response.json()["results"]]


@pytest.mark.parametrize(
    ("term", "found"),
    [("en", "en"), ("English", "en"), ("anglais", "en"), ("ESPAÑOL", "es"), ("wolof", "wo")],
)
def test_held_in_finds_a_language_by_code_or_by_name_in_either_language(
    client, editor, term, found
):
    Language.objects.get_or_create(code="wo")
    client.force_login(editor)

    assert found in language_search(client, term)


def test_held_in_finds_nothing_for_a_name_no_language_has(client, editor):
    client.force_login(editor)

    assert language_search(client, "klingon") == []


def test_a_visitor_finds_a_discreet_login_link_in_the_footer(client, editor):
    footer = client.get("/fr/").content.decode().split('<footer class="site-footer">')[1]

    assert 'href="/fr/accounts/login/"' in footer

    client.force_login(editor)
    footer = client.get("/fr/").content.decode().split('<footer class="site-footer">')[1]
    assert "accounts/login" not in footer


def test_every_page_names_the_favicon_and_it_is_served(client):
    html = client.get("/en/").content.decode()

    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html


def test_country_pages_are_in_the_sitemap(client):
    PresentationFactory(
        session=SessionFactory(is_published=True), initiatives=[InitiativeFactory(country="SN")]
    )
    InitiativeFactory(country="JP")  # presented nowhere public: no page to list

    xml = client.get("/sitemap.xml").content.decode()

    assert "/en/countries/SN/" in xml and "/fr/countries/SN/" in xml
    assert "/countries/JP/" not in xml


def test_a_language_django_has_no_name_for_is_named_from_iso_639(client):
    session = SessionFactory(is_published=True, slug="dakar-markets")
    session.languages.add(Language.objects.get_or_create(code="wo")[0])

    html = client.get("/en/sessions/dakar-markets/").content.decode()

    assert "<dd>Wolof</dd>" in html
