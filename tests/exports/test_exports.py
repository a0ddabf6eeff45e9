"""The lists' downloads: the records the list shows, with its filters and in its order, as
CSV (for Excel and LibreOffice) or JSON; drafts never; bad filters a 400 that says why."""

import pytest

from sessions.exports import columns
from tests.exports.helpers import body, csv_rows, html_ids, json_rows

pytestmark = pytest.mark.django_db

SITE = "http://testserver"


def test_session_csv_round_trips_with_its_columns(client, corpus):
    response = client.get("/en/sessions/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="gsef-sessions.csv"'
    assert body(response).startswith("\ufeff".encode())
    rows = csv_rows(response)
    assert list(rows[0]) == columns.SESSIONS.names
    assert [row["slug"] for row in rows] == ["housing-session", "financing", "women"]
    financing = rows[1]
    assert financing == {
        **financing,
        "id": str(corpus["first"].pk),
        "url": f"{SITE}/en/sessions/financing/",
        "title_en": 'Financing the SSE, "together"',
        "title_fr": "Financer l'ESS, ensemble",
        "forum": "GSEF 2020",
        "forum_slug": "gsef-2020",
        "date": "2020-10-21",
        "start_time": "14:30",
        "duration_minutes": "90",
        "type": "workshop",
        "languages": "English; French",
        "themes": "Cooperatives; Social finance",
        "theme_slugs": "cooperatives; social-finance",
        "moderator": "Jean Martin",
        "speakers": "Awa Diallo; Kofi Mensah",
        "speaker_countries": "GH; SN",
        "participant_count": "",
        "summary_en": "Line one,\nline two; with a semicolon.",
        "summary_fr": "",
    }
    assert body(response).count(b"\r\n") == 4  # header and 3 rows: CRLF ends a record
    assert b'"Line one,\nline two; with a semicolon."' in body(response)


def test_names_follow_the_page_language(client, corpus):
    [row] = [r for r in csv_rows(client.get("/fr/sessions/export.csv")) if r["slug"] == "financing"]
    assert row["url"] == f"{SITE}/fr/sessions/financing/"
    assert row["themes"] == "Coopératives; Finance"
    assert row["languages"] == "Anglais; Français"


def test_json_has_the_same_records_and_fields(client, corpus):
    csv_export = csv_rows(client.get("/en/sessions/export.csv?theme=social-finance"))
    response = client.get("/en/sessions/export.json?theme=social-finance")
    assert response["Content-Type"] == "application/json"
    records = json_rows(response)
    assert [list(record) for record in records] == [columns.SESSIONS.names]
    assert [r["slug"] for r in records] == [r["slug"] for r in csv_export] == ["financing"]
    assert records[0]["duration_minutes"] == 90
    assert records[0]["participant_count"] is None


def test_empty_export_is_valid(client, corpus):
    assert json_rows(client.get("/en/sessions/export.json?q=nothingmatchesthis")) == []
    assert csv_rows(client.get("/en/sessions/export.csv?q=nothingmatchesthis")) == []


LISTS = [
    ("/en/sessions/", "session_list", "/en/sessions/export.csv"),
    ("/en/initiatives/", "initiative_list", "/en/initiatives/export.csv"),
    ("/en/speakers/", "speaker_list", "/en/speakers/export.csv"),
]
PARAMETERS = [
    "",
    "country=SN",
    "theme=cooperatives",
    "theme=cooperatives&theme=social-finance",
    "forum=gsef-2020&sort=oldest",
    "year=2018",
    "language=fr",
    "type=workshop",
    "q=savings",
    "sort=title",
    "sort=country",
    "sort=name",
]


@pytest.mark.parametrize("page,name,export", LISTS)
@pytest.mark.parametrize("parameters", PARAMETERS)
def test_export_holds_the_list_records_in_its_order(client, corpus, page, name, export, parameters):
    listed = client.get(f"{page}?{parameters}")
    if listed.context["problems"]:  # a sort another list does not offer: the export refuses it
        assert client.get(f"{export}?{parameters}").status_code == 400
        return
    expected = html_ids(client, f"{page}?{parameters}", name)
    exported = [int(row["id"]) for row in csv_rows(client.get(f"{export}?{parameters}"))]
    assert exported == expected


@pytest.mark.parametrize("language", ["en", "fr"])
def test_sorting_by_title_follows_the_language(client, corpus, language):
    expected = html_ids(client, f"/{language}/sessions/?sort=title", "session_list")
    exported = csv_rows(client.get(f"/{language}/sessions/export.csv?sort=title"))
    assert [int(row["id"]) for row in exported] == expected


def test_drafts_never_appear(client, corpus):
    sessions = {r["slug"] for r in csv_rows(client.get("/en/sessions/export.csv"))}
    initiatives = {r["slug"] for r in csv_rows(client.get("/en/initiatives/export.csv"))}
    speakers = {r["slug"] for r in csv_rows(client.get("/en/speakers/export.csv"))}
    assert sessions == {"financing", "housing-session", "women"}
    assert initiatives == {"savings", "housing"}
    assert speakers == {"awa", "jean", "kofi"}
    found = csv_rows(client.get("/en/search/export.csv?q=hidden"))
    assert found == []


def test_search_export_has_the_page_results_in_order(client, corpus):
    page = client.get("/en/search/?q=savings")
    expected = [(entry.kind, SITE + entry.get_absolute_url()) for entry in page.context["results"]]
    rows = csv_rows(client.get("/en/search/export.csv?q=savings"))
    assert [(row["kind"], row["url"]) for row in rows] == expected
    assert ("initiative", f"{SITE}/en/initiatives/savings/") in expected
    assert [row["position"] for row in rows] == [str(i) for i in range(1, len(rows) + 1)]
    assert list(rows[0]) == columns.SEARCH_RESULTS.names


def test_search_export_without_words_is_empty(client, corpus):
    assert json_rows(client.get("/en/search/export.json")) == []


@pytest.mark.parametrize(
    "url,message",
    [
        ("/en/sessions/export.csv?country=ZZ", "- Country: Select a valid choice. ZZ is not"),
        ("/en/sessions/export.json?sort=shuffle", "- Sort by: Select a valid choice."),
        ("/en/initiatives/export.csv?year=twenty", "- Year: Select a valid choice."),
        ("/en/speakers/export.csv?theme=nope", "- Themes: Select a valid choice. nope is not"),
        ("/en/search/export.csv?q=savings&type=planet", "- Type: Select a valid choice."),
        ("/en/sessions/export.csv?q=" + "word%20" * 50, "- Words: Ensure this value has"),
    ],
)
def test_bad_filters_give_400_with_a_message(client, corpus, url, message):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("This export cannot be made: correct or remove these filters")
    assert message in text


@pytest.mark.parametrize("query", ["q=%00", "country=F%00R", "theme=%ZZ", "q=%C3"])
def test_malformed_parameters_give_400(client, corpus, query):
    response = client.get(f"/en/sessions/export.csv?{query}")
    assert response.status_code == 400
    assert "400 Bad Request" in response.content.decode()


def test_unknown_format_is_not_found(client, corpus):
    assert client.get("/en/sessions/export.xlsx").status_code == 404


def test_french_error_messages(client, corpus):
    response = client.get("/fr/sessions/export.csv?country=ZZ")
    assert response.status_code == 400
    assert "Pays" in response.content.decode()
