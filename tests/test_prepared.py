"""Queries compiled once per worker (gsef.prepared): the same rows as Django's own queryset,
one compilation per database and language, and Django's own path for what they cannot keep."""

import pytest
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from gsef.prepared import NUMBER, TEXT, PreparedQuery, attach, grouped
from sessions.models import Presentation, Session
from tests.factories import PresentationFactory, SessionFactory, SpeakerFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def compilations(monkeypatch):
    """How many times Django compiled a SELECT."""
    count = []
    original = SQLCompiler.as_sql

    def counted(self, *args, **kwargs):
        count.append(self.query.model)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counted)
    return count


def by_slug(slug):
    return Session.objects.select_related("forum").filter(slug=slug)[:2]


def fields_of(record):
    return {field.attname: getattr(record, field.attname) for field in record._meta.concrete_fields}


def test_a_run_gives_the_rows_django_gives_with_their_related_records():
    first, second = SessionFactory(title_en="Outcomes funds"), SessionFactory()
    query = PreparedQuery(by_slug, TEXT)

    for session in (first, second, first):
        [found] = query.run(session.slug)
        [expected] = by_slug(session.slug)
        assert fields_of(found) == fields_of(expected)
        with CaptureQueriesContext(connection) as queries:
            assert found.forum.name == session.forum.name
        assert len(queries) == 0
    assert query.run("no-such-session") == []


def test_the_sql_is_compiled_once_per_language(compilations):
    sessions = SessionFactory.create_batch(3)
    query = PreparedQuery(by_slug, TEXT)
    compilations.clear()

    with translation.override("en"):
        for session in sessions:
            assert [s.pk for s in query.run(session.slug)] == [session.pk]
    assert len(compilations) == 1
    with translation.override("fr"):
        for session in sessions:
            assert [s.pk for s in query.run(session.slug)] == [session.pk]
    assert len(compilations) == 2


def test_a_value_of_another_type_is_run_by_django_as_usual(compilations):
    session = SessionFactory()
    query = PreparedQuery(lambda pk: Session.objects.filter(pk=pk), NUMBER)
    compilations.clear()

    assert [s.pk for s in query.run(str(session.pk))] == [session.pk]
    assert [s.pk for s in query.run(str(session.pk))] == [session.pk]
    assert len(compilations) == 2  # compiled each time, as Django does


def test_a_query_using_its_value_twice_is_not_kept(compilations):
    match = SessionFactory(title_en="Same", slug="same")
    SessionFactory(title_en="Other", slug="other")
    query = PreparedQuery(
        lambda slug: Session.objects.filter(slug=slug) | Session.objects.filter(title_en=slug),
        TEXT,
    )
    compilations.clear()

    assert [s.pk for s in query.run("same")] == [match.pk]
    assert [s.pk for s in query.run("other")] != [match.pk]
    assert len(compilations) == 3  # the first to look, then Django's own each time


def test_attach_serves_a_relation_without_a_query_and_a_filter_still_asks():
    session = SessionFactory()
    kept, other = ThemeFactory(slug="kept"), ThemeFactory(slug="other")
    session.themes.add(kept)

    attach(session, "themes", [kept])
    with CaptureQueriesContext(connection) as queries:
        assert list(session.themes.all()) == [kept]
    assert len(queries) == 0
    # What prefetch_related leaves is a queryset of the session's themes: filtering it
    # asks the database, about this session only.
    assert list(session.themes.filter(slug="other")) == []
    assert other.pk not in {t.pk for t in session.themes.filter(slug__startswith="o")}


def test_grouped_keeps_the_rows_order():
    rows = ["b1", "a1", "b2", "a2"]
    assert grouped(rows, lambda row: row[0]) == {"b": ["b1", "b2"], "a": ["a1", "a2"]}


def test_a_reverse_relation_read_through_a_prepared_query():
    speaker = SpeakerFactory()
    presentations = [PresentationFactory(speaker=speaker) for _ in range(2)]
    query = PreparedQuery(lambda pk: Presentation.objects.filter(speaker=pk), NUMBER)

    assert sorted(p.pk for p in query.run(speaker.pk)) == sorted(p.pk for p in presentations)
    assert query.run(speaker.pk + 1000) == []
