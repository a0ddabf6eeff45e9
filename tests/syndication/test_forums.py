"""The list of forum editions, and a forum's page with the session list's facets."""

import datetime
import re

import pytest

from tests.factories import (
    ForumFactory,
    PresentationFactory,
    SessionFactory,
    SpeakerFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def forums():
    online = ForumFactory(name="GSEF 2020 Virtual", slug="virtual", year=2020)
    bilbao = ForumFactory(
        name="GSEF 2018 Bilbao",
        slug="bilbao",
        year=2018,
        start_date=datetime.date(2018, 10, 1),
        end_date=datetime.date(2018, 10, 3),
        is_virtual=False,
        city="Bilbao",
        country="ES",
    )
    drafts_only = ForumFactory(name="GSEF 2025 Draft only", slug="drafts", year=2025)
    finance = ThemeFactory(name_en="Finance", slug="finance")
    for i in range(3):
        SessionFactory(forum=online, slug=f"online-{i}", title_en=f"Online {i}")
    day = datetime.date(2018, 10, 2)
    workshop = SessionFactory(forum=bilbao, slug="workshop", title_en="Workshop", date=day)
    workshop.themes.set([finance])
    PresentationFactory(session=workshop, speaker=SpeakerFactory(country="SN"))
    SessionFactory(
        forum=bilbao, slug="plenary", title_en="Plenary", session_type="plenary", date=day
    )
    SessionFactory(forum=bilbao, slug="bilbao-draft", is_published=False, date=day)
    SessionFactory(forum=online, slug="online-draft", is_published=False)
    SessionFactory(forum=drafts_only, slug="draft", is_published=False)
    return online, bilbao


def rows(html):
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_forum_list_shows_year_place_and_published_sessions(client, forums):
    response = client.get("/en/forums/")

    assert response.status_code == 200
    # Newest first; a forum with no published session is left out.
    assert rows(response.content.decode()) == [
        ["2020", "GSEF 2020 Virtual", "Online", "3 sessions"],
        ["2018", "GSEF 2018 Bilbao", "Bilbao, Spain", "2 sessions"],
    ]
    assert '<a href="/en/forums/bilbao/">GSEF 2018 Bilbao</a>' in response.content.decode()


def test_forum_list_in_french(client, forums):
    html = client.get("/fr/forums/").content.decode()

    assert rows(html)[1] == ["2018", "GSEF 2018 Bilbao", "Bilbao, Espagne", "2 sessions"]


def test_forums_are_linked_from_the_header_and_the_home_page(client, forums):
    html = client.get("/en/").content.decode()

    header = html[html.index("<header") : html.index("</header>")]
    main = html[html.index("<main") : html.index("</main>")]
    assert '<a href="/en/forums/">Forums</a>' in header
    assert '<a href="/en/forums/">All forums</a>' in main


def titles(html):
    return re.findall(r'<h3><a href="/en/sessions/[^"]+/">([^<]+)</a></h3>', html)


def test_forum_page_lists_its_published_sessions(client, forums):
    html = client.get("/en/forums/bilbao/").content.decode()

    assert sorted(titles(html)) == ["Plenary", "Workshop"]
    assert "2 sessions</h2>" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?type=plenary", ["Plenary"]),
        ("?theme=finance", ["Workshop"]),
        ("?country=SN", ["Workshop"]),
        ("?sort=title", ["Plenary", "Workshop"]),
        ("?q=workshop", ["Workshop"]),
        ("?year=2018&type=workshop", ["Workshop"]),
        ("?year=2020", []),
    ],
)
def test_forum_page_facets_filter_its_sessions(client, forums, query, expected):
    html = client.get(f"/en/forums/bilbao/{query}").content.decode()

    assert titles(html) == expected


def test_forum_page_offers_the_session_facets_but_the_forum(client, forums):
    html = client.get("/en/forums/bilbao/").content.decode()

    assert re.findall(r'<(?:select|input)[^>]* name="(\w+)"', html)[2:] == [
        "country",
        "theme",
        "type",
        "language",
        "year",
        "sort",
    ]
    # Counts are the forum's: Bilbao has one plenary and one workshop.
    assert '<option value="plenary">Plenary (1)</option>' in html
    assert '<option value="2018">2018 (2)</option>' in html


def test_forum_page_counts_are_kept_per_forum(client, forums):
    client.get("/en/forums/virtual/?type=workshop")

    html = client.get("/en/forums/bilbao/?type=workshop").content.decode()

    assert titles(html) == ["Workshop"]
    assert "1 session</h2>" in html


def test_forum_page_bad_values_give_a_message(client, forums):
    response = client.get("/en/forums/bilbao/?type=nope&page=x")

    assert response.status_code == 200
    html = response.content.decode()
    assert "“x” is not a page number, so the first page is shown." in html
    assert "The filter was ignored." in html
    assert len(titles(html)) == 2


def test_unknown_forum_is_not_found(client, forums):
    assert client.get("/en/forums/nope/").status_code == 404


def test_forum_page_from_the_cache_is_the_same(client, forums):
    first = client.get("/en/forums/bilbao/?type=plenary&utm_source=x").content.decode()
    # Another address, the same list: its parts come from the cache, without the forum.
    second = client.get("/en/forums/bilbao/?type=plenary&utm_source=y").content.decode()

    assert titles(second) == ["Plenary"] == titles(first)
    assert "<title>GSEF 2018 Bilbao · GSEF Knowledge Base</title>" in second
