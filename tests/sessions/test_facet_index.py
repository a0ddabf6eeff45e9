"""The session list's counts from the facet index (sessions.facet_index) are the counts the
SQL of sessions/filters/ gives, for every combination of filters, and follow the content
as soon as it changes."""

import datetime
import itertools
import random

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils.http import urlencode

from sessions.filters import SessionFilter
from sessions.models import Language, Session, SessionType
from tests.factories import (
    ForumFactory,
    PresentationFactory,
    SessionFactory,
    SpeakerFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

FILTERS = {
    "theme": [["housing"], ["finance"], ["housing", "finance"], ["no-such-theme"]],
    "forum": ["bilbao-2018", "dakar-2023"],
    "type": [SessionType.WORKSHOP, SessionType.PLENARY],
    "language": ["en", "fr", "es"],
    "year": [2018, 2023, 1999],
    "country": ["FR", "SN", "KR"],
}


@pytest.fixture
def programme():
    """Sessions as two forums' programmes hold them: some in several languages and themes,
    some with none; speakers from several countries or none given; drafts among them."""
    draw = random.Random(7)
    forums = [
        ForumFactory(
            slug="bilbao-2018",
            year=2018,
            start_date=datetime.date(2018, 10, 1),
            end_date=datetime.date(2018, 10, 3),
        ),
        ForumFactory(
            slug="dakar-2023",
            year=2023,
            start_date=datetime.date(2023, 5, 1),
            end_date=datetime.date(2023, 5, 3),
        ),
    ]
    themes = [ThemeFactory(slug=slug) for slug in ("housing", "finance", "food")]
    languages = list(Language.objects.filter(code__in=["en", "fr", "es"]))
    speakers = [SpeakerFactory(country=code) for code in ("FR", "SN", "KR", "")]
    for number in range(40):
        forum = draw.choice(forums)
        session = SessionFactory(
            forum=forum,
            session_type=draw.choice([SessionType.WORKSHOP, SessionType.PLENARY]),
            date=forum.start_date + datetime.timedelta(days=draw.randrange(3)),
            is_published=number % 7 != 0,
        )
        session.themes.set(draw.sample(themes, draw.randrange(3)))
        session.languages.set(draw.sample(languages, draw.randrange(1, 3)))
        for order, speaker in enumerate(draw.sample(speakers, draw.randrange(3)), start=1):
            PresentationFactory(session=session, speaker=speaker, order=order)


def counts(data, from_index):
    """The total and each facet's counts, for filters given as a visitor's address gives them."""
    query = QueryDict(urlencode(data, doseq=True))
    filters = SessionFilter(query, queryset=Session.objects.published().for_listing())
    filters.counts_from_index = from_index
    return filters.count(), {name: filters.facet_counts(name) for name in filters.routes}


def combinations():
    yield {}
    for name, values in FILTERS.items():
        for value in values:
            yield {name: value}
    for (first, a), (second, b) in itertools.combinations(FILTERS.items(), 2):
        yield {first: a[0], second: b[-1]}
        yield {first: a[-1], second: b[0]}
    yield {name: values[0] for name, values in FILTERS.items()}


def test_the_index_counts_what_sql_counts(programme):
    compared = 0
    for chosen in combinations():
        data = {k: v if isinstance(v, list) else str(v) for k, v in chosen.items()}
        assert counts(data, True) == counts(data, False), chosen
        compared += 1
    assert compared > 40
    total, facets = counts({}, True)
    assert total == Session.objects.published().count() > 20
    assert set(facets["country"]) == {"FR", "SN", "KR"}  # no blank country
    assert set(facets["year"]) == {2018, 2023}


def test_bad_filter_values_count_as_sql_counts_them(programme):
    for data in ({"year": "20x3"}, {"theme": "housing", "type": "banquet"}, {"forum": ""}):
        assert counts(data, True) == counts(data, False)


def test_counts_follow_an_edit_at_once(client, programme):
    url = reverse("sessions:session-list") + "?theme=housing"
    before = client.get(url).context["paginator"].count
    session = Session.objects.published().filter(themes__slug="housing").first()
    session.is_published = False
    session.save()
    assert client.get(url).context["paginator"].count == before - 1
    Session.objects.filter(pk=session.pk).update(is_published=True)  # in bulk: no signal
    assert client.get(url).context["paginator"].count == before


def test_a_words_search_and_a_forums_page_still_count_in_sql(client, programme):
    words = QueryDict("q=session&theme=housing")
    filters = SessionFilter(words, queryset=Session.objects.published())
    filters.counts_from_index = True
    sql = SessionFilter(words, queryset=Session.objects.published())
    assert filters.count() == sql.count()
    response = client.get(reverse("sessions:forum-detail", args=["dakar-2023"]))
    in_forum = Session.objects.published().filter(forum__slug="dakar-2023").count()
    assert response.context["paginator"].count == in_forum


def pages(data, size):
    """Every page of `size` rows, as ids: from the facet index, and from SQL's own filters
    and order."""
    query = QueryDict(urlencode(data, doseq=True))
    filters = SessionFilter(query, queryset=Session.objects.published().for_listing())
    filters.counts_from_index = True
    total = filters.count()
    starts = range(0, total + size, size)  # one page past the end too: empty
    from_index = [
        list(filters.page_from_index(start, size).values_list("pk", flat=True)) for start in starts
    ]
    in_sql = [
        list(filters.qs.values_list("pk", flat=True)[start : start + size]) for start in starts
    ]
    return from_index, in_sql


def test_the_index_gives_the_pages_sql_gives_newest_first(programme):
    # Sessions on the same day, with and without a start time: the order's later keys count.
    day = Session.objects.published().order_by("date").first().date
    for hour in (None, 9, 14, None):
        SessionFactory(date=day, start_time=None if hour is None else datetime.time(hour))
    compared = 0
    for chosen in combinations():
        data = {k: v if isinstance(v, list) else str(v) for k, v in chosen.items()}
        for size in (3, 20):
            from_index, in_sql = pages(data, size)
            assert from_index == in_sql, (chosen, size)
            compared += 1
    assert compared > 80
    everything, _ = pages({}, 7)
    assert sum(len(page) for page in everything) == Session.objects.published().count()


def test_other_orders_and_words_page_in_sql(programme):
    for data in ("sort=oldest", "sort=title&theme=housing", "q=session"):
        filters = SessionFilter(QueryDict(data), queryset=Session.objects.published())
        filters.counts_from_index = True
        assert filters.page_from_index(0, 20) is None, data


def test_the_list_shows_the_indexed_page_in_the_lists_order(client, programme):
    url = reverse("sessions:session-list")
    expected = list(
        Session.objects.published()
        .filter(themes__slug="housing")
        .order_by("-date", "start_time", "pk")
        .values_list("title", flat=True)
    )
    first = client.get(url, {"theme": "housing"}).context["session_list"]
    assert [session.title for session in first] == expected[:20]
    oldest = client.get(url, {"theme": "housing", "sort": "oldest"}).context["session_list"]
    assert [s.title for s in oldest] == list(
        Session.objects.published()
        .filter(themes__slug="housing")
        .order_by("date", "start_time", "pk")
        .values_list("title", flat=True)[:20]
    )


def test_the_apis_session_list_counts_and_pages_from_the_index_as_sql_would(client, programme):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("api:session-list")
    for chosen in (
        {},
        {"theme": "housing"},
        {"theme": ["housing", "finance"], "year": "2023"},
        {"country": "SN", "language": "fr"},
        {"type": SessionType.PLENARY, "forum": "dakar-2023"},
        {"q": "session", "theme": "housing"},  # words: counted and paged in SQL
    ):
        query = QueryDict(urlencode(chosen, doseq=True))
        expected = list(
            SessionFilter(query, queryset=Session.objects.published()).qs.values_list(
                "slug", flat=True
            )
        )
        for page in range(1, len(expected) // 4 + 2):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, {**chosen, "page": page, "page_size": 4})
            assert response.status_code == 200, (chosen, page)
            body = response.json()
            assert body["count"] == len(expected), chosen
            assert [row["slug"] for row in body["results"]] == expected[4 * page - 4 : 4 * page]
            counted_in_sql = any("COUNT(" in q["sql"] for q in queries.captured_queries)
            assert counted_in_sql == ("q" in chosen), chosen
    past_the_end = client.get(url, {"theme": "housing", "page": 99})
    assert past_the_end.status_code == 400
    assert "the pages go from 1 to 1" in past_the_end.text
