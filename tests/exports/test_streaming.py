"""Long exports stream by chunks, with a fixed number of queries per chunk; short ones are
answered whole and kept by the page cache until content changes."""

import pytest

from sessions.exports import views
from sessions.models import Language, Theme
from tests.exports.helpers import body, csv_rows, json_rows
from tests.factories import (
    InitiativeFactory,
    PresentationFactory,
    SessionFactory,
    SpeakerFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

CHUNK = 4


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(views, "CHUNK_SIZE", CHUNK)


def sessions_with_everything(n, per_row):
    """n published sessions, each with `per_row` themes, languages and presentations."""
    themes = ThemeFactory.create_batch(per_row)
    languages = list(Language.objects.all()[:per_row])
    for _ in range(n):
        session = SessionFactory()
        session.themes.set(themes)
        session.languages.set(languages)
        for order in range(1, per_row + 1):
            PresentationFactory(session=session, order=order)


# The theme and forum choices of the FilterSet, the rows, then per chunk the rows' themes,
# languages and presentations (their speakers joined).
CHOICES = 2
PER_CHUNK = 3


@pytest.mark.parametrize("n,per_row", [(1, 1), (3, 3)])
def test_short_export_query_count(client, small_chunks, django_assert_num_queries, n, per_row):
    sessions_with_everything(n, per_row)
    with django_assert_num_queries(CHOICES + 1 + PER_CHUNK):
        response = client.get("/en/sessions/export.csv")
        assert not response.streaming
    assert len(csv_rows(response)) == n


@pytest.mark.parametrize("per_row", [1, 3])
@pytest.mark.parametrize("chunks", [1, 3])
def test_streamed_export_queries_are_fixed_per_chunk(
    client, small_chunks, django_assert_num_queries, chunks, per_row
):
    n = CHUNK * chunks
    sessions_with_everything(n, per_row)
    theme = Theme.objects.first()
    with django_assert_num_queries(CHOICES + 1 + PER_CHUNK * chunks):
        response = client.get(f"/en/sessions/export.csv?theme={theme.slug}")
        assert response.streaming
        rows = csv_rows(response)
    assert len(rows) == n
    assert {len(row["speakers"].split("; ")) for row in rows} == {per_row}


@pytest.mark.parametrize("n", [1, CHUNK * 2])
def test_initiative_and_speaker_exports_query_count(
    client, small_chunks, django_assert_num_queries, n
):
    session = SessionFactory()
    themes = ThemeFactory.create_batch(2)
    for order in range(1, n + 1):
        initiative = InitiativeFactory()
        initiative.themes.set(themes)
        PresentationFactory(session=session, order=order, initiatives=[initiative])
    chunks = -(-n // CHUNK)
    with django_assert_num_queries(CHOICES + 1 + chunks):  # per chunk: the themes
        assert len(csv_rows(client.get("/en/initiatives/export.csv"))) == n
    with django_assert_num_queries(1):  # choices kept since; organisations are joined
        assert len(json_rows(client.get("/en/speakers/export.json"))) == n


def test_streamed_json_is_one_list(client, small_chunks):
    sessions_with_everything(CHUNK * 2 + 1, 1)
    response = client.get("/en/sessions/export.json")
    assert response.streaming
    assert len(json_rows(response)) == CHUNK * 2 + 1


def test_streamed_csv_has_one_header(client, small_chunks):
    sessions_with_everything(CHUNK * 2, 1)
    response = client.get("/en/sessions/export.csv")
    text = body(response).decode()
    assert text.count("id,slug,url") == 1
    assert text.startswith("\ufeffid,slug,url,title_en")


def test_short_export_is_cached_until_content_changes(client):
    SessionFactory(title_en="First", slug="first")
    first = client.get("/en/sessions/export.csv")
    again = client.get("/en/sessions/export.csv")
    assert (first["X-Page-Cache"], again["X-Page-Cache"]) == ("miss", "hit")
    assert again.content == first.content
    assert again["Content-Disposition"] == 'attachment; filename="gsef-sessions.csv"'
    SessionFactory(title_en="Second", slug="second")
    fresh = client.get("/en/sessions/export.csv")
    assert fresh["X-Page-Cache"] == "miss"
    assert sorted(row["slug"] for row in csv_rows(fresh)) == ["first", "second"]


def test_unpublishing_drops_the_cached_export(client):
    session = SessionFactory(slug="gone")
    SessionFactory(slug="stays")
    assert len(csv_rows(client.get("/en/sessions/export.csv"))) == 2
    session.is_published = False
    session.save()
    assert [row["slug"] for row in csv_rows(client.get("/en/sessions/export.csv"))] == ["stays"]


def test_streamed_export_is_never_stored_and_always_fresh(client, small_chunks):
    sessions_with_everything(CHUNK, 1)
    response = client.get("/en/sessions/export.csv")
    assert response.streaming
    assert "X-Page-Cache" not in response
    assert len(csv_rows(response)) == CHUNK
    SpeakerFactory()  # no change to sessions: still the same rows, read again
    SessionFactory()
    assert len(csv_rows(client.get("/en/sessions/export.csv"))) == CHUNK + 1
