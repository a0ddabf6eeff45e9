"""The API's lists give the rows of the web lists, for the same parameters, in the same order;
drafts never show, in a list, a detail or nested; a bad parameter is a 400 that says why."""

import pytest

from tests.api.conftest import results

pytestmark = pytest.mark.django_db

PARITY = [
    ("sessions", "/en/sessions/", ""),
    ("sessions", "/en/sessions/", "sort=oldest"),
    ("sessions", "/en/sessions/", "sort=title"),
    ("sessions", "/en/sessions/", "theme=finance&theme=housing&sort=title"),
    ("sessions", "/en/sessions/", "country=SN"),
    ("sessions", "/en/sessions/", "forum=gsef-2020&year=2020&language=fr"),
    ("sessions", "/en/sessions/", "type=workshop&q=housing"),
    ("sessions", "/en/sessions/", "q=financer"),
    ("initiatives", "/en/initiatives/", ""),
    ("initiatives", "/en/initiatives/", "sort=country"),
    ("initiatives", "/en/initiatives/", "theme=finance"),
    ("initiatives", "/en/initiatives/", "year=2018"),
    ("initiatives", "/en/initiatives/", "q=bank"),
    ("speakers", "/en/speakers/", ""),
    ("speakers", "/en/speakers/", "sort=country"),
    ("speakers", "/en/speakers/", "forum=gsef-2020"),
    ("speakers", "/en/speakers/", "theme=finance"),
    ("speakers", "/en/speakers/", "country=FR&year=2018"),
]


@pytest.mark.parametrize(("endpoint", "page", "query"), PARITY)
def test_list_gives_the_web_lists_rows_in_its_order(client, api_site, endpoint, page, query):
    web = client.get(f"{page}?{query}")
    expected = [row.slug for row in web.context["object_list"]]

    api = client.get(f"/api/v1/{endpoint}/?{query}")

    assert results(api) == expected
    assert api.json()["count"] == len(expected)


def test_session_list_in_french_sorts_by_french_title_like_the_french_page(client, api_site):
    web = client.get("/fr/sessions/?sort=title")
    expected = [row.slug for row in web.context["object_list"]]

    assert results(client.get("/api/v1/sessions/?sort=title&lang=fr")) == expected
    assert expected == ["financing", "policies", "housing-talk"]


def test_lists_show_published_records_only(client, api_site):
    assert results(client.get("/api/v1/sessions/")) == ["housing-talk", "financing", "policies"]
    assert results(client.get("/api/v1/initiatives/")) == ["bank", "coop"]
    assert results(client.get("/api/v1/speakers/")) == ["ada", "bo", "cy"]
    assert results(client.get("/api/v1/organisations/")) == ["reseau"]
    assert results(client.get("/api/v1/forums/")) == ["gsef-2020", "gsef-2018"]
    countries = client.get("/api/v1/countries/").json()["results"]
    assert [row["code"] for row in countries] == ["CA", "FR", "SN"]  # Canada, France, Senegal
    themes = {row["slug"]: row for row in client.get("/api/v1/themes/").json()["results"]}
    assert themes["finance"]["session_count"] == 1  # not the draft
    assert themes["finance"]["initiative_count"] == 1
    forums = {row["slug"]: row for row in client.get("/api/v1/forums/").json()["results"]}
    assert forums["gsef-2020"]["session_count"] == 2


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/sessions/draft/",
        "/api/v1/sessions/not-yet/",
        "/api/v1/initiatives/secret/",
        "/api/v1/speakers/ghost/",
        "/api/v1/organisations/hidden-org/",
        "/api/v1/forums/gsef-2026/",
        "/api/v1/countries/DE/",
        "/api/v1/countries/ZZ/",
    ],
)
def test_a_draft_detail_is_not_found(client, api_site, url):
    response = client.get(url)

    assert response.status_code == 404
    assert response.json()["detail"]


def test_drafts_never_appear_nested(client, api_site):
    bank = client.get("/api/v1/initiatives/bank/").json()
    bo = client.get("/api/v1/speakers/bo/").json()
    network = client.get("/api/v1/organisations/reseau/").json()

    assert [p["session"]["slug"] for p in bank["presentations"]] == ["financing", "policies"]
    assert [p["session"]["slug"] for p in bo["presentations"]] == ["policies"]
    assert [s["slug"] for s in bo["moderated_sessions"]] == ["financing"]
    assert [s["slug"] for s in network["speakers"]] == ["ada", "bo", "cy"]
    assert [i["slug"] for i in network["initiatives"]] == ["bank"]
    everything = str([bank, bo, network, client.get("/api/v1/sessions/").json()])
    for hidden in ("draft", "Ghost", "Secret", "Hidden"):
        assert hidden not in everything


def test_session_detail_has_its_programme(client, api_site):
    session = client.get("/api/v1/sessions/financing/").json()

    assert session["title"] == {
        "en": "Financing the social economy",
        "fr": "Financer l’économie sociale",
    }
    assert session["summary"] == {"en": "Money for the commons.", "fr": ""}
    assert session["url"] == "http://testserver/en/sessions/financing/"
    assert session["api_url"] == "http://testserver/api/v1/sessions/financing/"
    assert session["forum"]["slug"] == "gsef-2020"
    assert [t["slug"] for t in session["themes"]] == ["finance"]
    assert session["languages"] == ["en", "fr"]
    assert session["moderator"]["slug"] == "bo"
    [presentation] = session["presentations"]
    assert presentation["speaker"]["name"] == "Ada Diallo"
    assert presentation["speaker"]["country"] == {"code": "SN", "name": "Senegal"}
    assert presentation["speaker"]["organisation"]["slug"] == "reseau"
    assert [i["slug"] for i in presentation["initiatives"]] == ["bank"]
    [question] = session["questions"]
    assert question["question"]["en"] == "How do we get laws in favour of the SSE?"
    assert question["answered_by"] == "Ada Diallo"
    assert question["asker_country"] == {"code": "MX", "name": "Mexico"}
    [remark] = session["closing_remarks"]
    assert (remark["speaker"]["slug"], remark["text"]["en"]) == ("bo", "We must act together.")


def test_pages_follow_one_another(client, api_site):
    first = client.get("/api/v1/sessions/?page_size=2").json()
    second = client.get(first["next"]).json()

    assert [r["slug"] for r in first["results"]] == ["housing-talk", "financing"]
    assert [r["slug"] for r in second["results"]] == ["policies"]
    assert (first["count"], second["next"]) == (3, None)


BAD = [
    ("/api/v1/sessions/?country=ZZ", "country"),
    ("/api/v1/sessions/?theme=nothing", "theme"),
    ("/api/v1/sessions/?year=abc", "year"),
    ("/api/v1/sessions/?type=party", "type"),
    ("/api/v1/sessions/?sort=random", "sort"),
    ("/api/v1/sessions/?forum=nowhere", "forum"),
    ("/api/v1/initiatives/?language=xx", "language"),
    ("/api/v1/speakers/?q=" + "a" * 201, "q"),
    ("/api/v1/sessions/?page=abc", "page"),
    ("/api/v1/sessions/?page=0", "page"),
    ("/api/v1/sessions/?page=9", "page"),
    ("/api/v1/sessions/?page_size=1000", "page_size"),
    ("/api/v1/forums/?page_size=x", "page_size"),
    ("/api/v1/sessions/financing/?lang=de", "lang"),
    ("/api/v1/countries/?lang=", "lang"),
]


@pytest.mark.parametrize(("url", "parameter"), BAD)
def test_a_bad_parameter_is_a_400_naming_it(client, api_site, url, parameter):
    response = client.get(url)

    assert response.status_code == 400
    [message] = response.json()[parameter]
    assert len(message) > 10


def test_page_past_the_last_says_which_pages_there_are(client, api_site):
    response = client.get("/api/v1/sessions/?page=9")

    assert response.json() == {"page": ["There is no page 9: the pages go from 1 to 1."]}


@pytest.mark.parametrize("query", ["q=%00", "country=FR%00", "theme=%ZZ"])
def test_a_nul_byte_or_broken_escape_is_a_400(client, api_site, query):
    response = client.get(f"/api/v1/sessions/?{query}")

    assert response.status_code == 400
    assert "null byte" in response.text


def test_unknown_parameters_change_nothing(client, api_site):
    assert results(client.get("/api/v1/sessions/?utm_source=x")) == results(
        client.get("/api/v1/sessions/")
    )
