"""Each page that describes one thing says what it is in schema.org JSON-LD: a session and a
forum are events, an initiative a creative work (a project), a theme's and a country's page a
collection about them; in the page's language."""

import json
import re

import pytest
from django.utils import translation

from tests.public_site import build_site, page_url

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def described(client, page, language="en"):
    html = client.get(page_url(page, language)).content.decode()
    blocks = JSON_LD.findall(html)
    assert len(blocks) == 1, page
    data = json.loads(blocks[0])
    assert data["@context"] == "https://schema.org"
    return data


@pytest.fixture
def site():
    site = build_site()
    site.forum.city, site.forum.country, site.forum.is_virtual = "Bordeaux", "FR", False
    site.forum.save()
    return site


def test_an_initiative_is_a_project_by_its_organisation(client, site):
    data = described(client, "initiative")

    assert data["@type"] == "CreativeWork"
    assert data["additionalType"] == "https://schema.org/Project"
    assert data["name"] == "Community bank"
    assert data["url"].endswith("/en/initiatives/initiative/")
    assert data["creator"]["name"] == "Réseau Solidaire"
    assert data["countryOfOrigin"] == {"@type": "Country", "name": "France", "identifier": "FR"}
    assert data["about"] == ["Finance"]


def test_a_forum_is_an_event_with_its_dates_and_place(client, site):
    data = described(client, "forum")

    assert data["@type"] == "Event"
    assert (data["name"], data["startDate"], data["endDate"]) == (
        "GSEF 2020",
        site.forum.start_date.isoformat(),
        site.forum.end_date.isoformat(),
    )
    assert data["location"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Bordeaux",
        "addressCountry": "FR",
    }
    assert data["organizer"]["name"].startswith("Global Social Economy Forum")


def test_a_theme_page_is_a_collection_about_the_theme_in_the_pages_language(client, site):
    english, french = described(client, "theme"), described(client, "theme", "fr")

    assert english["@type"] == "CollectionPage"
    assert english["about"] == {"@type": "DefinedTerm", "name": "Finance"}
    assert french["about"]["name"] == "Finance solidaire"
    assert french["url"].endswith("/fr/themes/theme/")


def test_a_country_page_is_a_collection_about_the_country(client, site):
    data = described(client, "country", "fr")

    assert data["@type"] == "CollectionPage"
    with translation.override("fr"):
        assert data["about"] == {"@type": "Country", "name": "France", "identifier": "FR"}
    assert data["url"].endswith("/fr/countries/FR/")


def test_json_ld_cannot_be_broken_out_of_by_a_name(client, site):
    site.initiative.name_en = "</script><script>alert(1)</script>"
    site.initiative.save()

    html = client.get(page_url("initiative")).content.decode()

    assert "<script>alert(1)" not in html
    assert described(client, "initiative")["name"] == "</script><script>alert(1)</script>"
