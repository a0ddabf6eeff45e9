"""Texts come in both languages; links and names follow `?lang=` or Accept-Language."""

import pytest

pytestmark = pytest.mark.django_db


def test_english_by_default(client, api_site):
    response = client.get("/api/v1/initiatives/bank/")
    bank = response.json()

    assert response["Content-Language"] == "en"
    assert bank["name"] == {"en": "Community bank", "fr": "Banque communautaire"}
    assert bank["url"] == "http://testserver/en/initiatives/bank/"
    assert bank["country"] == {"code": "SN", "name": "Senegal"}


@pytest.mark.parametrize(
    ("query", "headers"),
    [("?lang=fr", {}), ("", {"HTTP_ACCEPT_LANGUAGE": "fr-CA,fr;q=0.9"})],
)
def test_french_by_parameter_or_header(client, api_site, query, headers):
    response = client.get(f"/api/v1/initiatives/bank/{query}", **headers)
    bank = response.json()

    assert response["Content-Language"] == "fr"
    assert bank["name"] == {"en": "Community bank", "fr": "Banque communautaire"}
    assert bank["url"] == "http://testserver/fr/initiatives/bank/"
    assert bank["country"] == {"code": "SN", "name": "Sénégal"}
    assert bank["themes"][0]["url"] == "http://testserver/fr/themes/finance/"


def test_the_parameter_wins_over_the_header(client, api_site):
    response = client.get("/api/v1/sessions/financing/?lang=en", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.json()["type_label"] == "Workshop"
    assert response.json()["url"] == "http://testserver/en/sessions/financing/"


def test_country_names_in_both_languages_and_links_to_filtered_lists(client, api_site):
    senegal = client.get("/api/v1/countries/sn/?lang=fr").json()

    assert senegal == {
        "code": "SN",
        "name": "Sénégal",
        "names": {"en": "Senegal", "fr": "Sénégal"},
        "initiative_count": 1,
        "speaker_count": 1,
        "url": "http://testserver/fr/countries/SN/",
        "api_url": "http://testserver/api/v1/countries/SN/",
        "sessions": "http://testserver/api/v1/sessions/?country=SN",
        "initiatives": "http://testserver/api/v1/initiatives/?country=SN",
        "speakers": "http://testserver/api/v1/speakers/?country=SN",
    }


def test_countries_are_sorted_by_name_in_the_language_asked(client, api_site):
    english = client.get("/api/v1/countries/").json()["results"]
    french = client.get("/api/v1/countries/?lang=fr").json()["results"]

    assert [c["name"] for c in english] == ["Canada", "France", "Senegal"]
    assert [c["name"] for c in french] == ["Canada", "France", "Sénégal"]
