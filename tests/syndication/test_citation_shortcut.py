"""The citations' shortcut: an entry rendered once per forum, day and session type, with each
session's title and address put in, must read exactly as citeproc-py renders it in full."""

import datetime
from unittest import mock

import pytest
from django.utils import translation

from sessions.models import SessionType
from sessions.syndication import citations
from tests.factories import ForumFactory, SessionFactory

pytestmark = pytest.mark.django_db

# Titles as rapporteurs write them, in both languages: the plain ones take the shortcut, the
# others (quotes, a question, markup-like characters, French spacing) go through citeproc-py.
TITLES = [
    "the state of the cooperatives in dakar",
    "Financing the social economy in cities of the Global South",
    "Women's food co-operatives: from informal to solidarity",
    "Women’s food co-operatives: from informal to solidarity",
    "An outcomes fund for Noord-Brabant – lessons from the first years",
    "Économie sociale et solidaire : quels financements pour les territoires",
    "L’emploi des jeunes ; quelles politiques, quels outils",
    "ESS, territoires et coopération",
    "a of the and",
    "12 ways to measure social impact",
    "x",
    "What comes after the pandemic?",
    "Les « communs » et l’ESS",
    "“Patient” capital & {co-ops}",
    "Social impact <em>evaluation</em>",
    "Ends with a full stop.",
    "  spaced  out  ",
]


@pytest.fixture(params=[False, True], ids=["in a city", "online"])
def sessions(request):
    forum = ForumFactory(
        name="GSEF 2023 Dakar",
        start_date=datetime.date(2023, 5, 1),
        end_date=datetime.date(2023, 5, 4),
        is_virtual=request.param,
        city="Dakar",
        country="SN",
    )
    return [
        SessionFactory(forum=forum, session_type=kind, date=datetime.date(2023, 5, day))
        for kind, day in ((SessionType.WORKSHOP, 2), (SessionType.PLENARY, 4))
    ]


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("style", ["apa", "chicago"])
def test_the_shortcut_reads_as_citeproc_renders_it(sessions, language, style):
    locale = citations.CSL_LOCALES[language]
    with translation.override(language):
        for session in sessions:
            for title in TITLES:
                session.title = title
                item = citations.csl_item(session, f"https://kb.example/{language}/s/x-1/")
                assert citations.render(item, style) == citations._citeproc(item, style, locale)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_plain_titles_of_the_same_forum_day_and_type_skip_citeproc(sessions, language):
    session = sessions[0]
    with translation.override(language):
        session.title = "First session of the day"
        citations.render(citations.csl_item(session, "https://kb.example/a/"), "chicago")
        session.title = "Second session of the day: another title"
        item = citations.csl_item(session, "https://kb.example/b/")
        with mock.patch.object(citations, "_citeproc", wraps=citations._citeproc) as full:
            entry = citations.render(item, "chicago")
    assert full.call_count == 0
    assert "https://kb.example/b/" in entry
    assert ("Second Session of the Day: Another Title" in entry) == (language == "en")


def test_titles_the_style_may_change_go_through_citeproc(sessions):
    session = sessions[0]
    with translation.override("en"):
        for title in ("What comes after the pandemic?", "“Patient” capital", "Ends."):
            session.title = title
            item = citations.csl_item(session, "https://kb.example/c/")
            with mock.patch.object(citations, "_citeproc", wraps=citations._citeproc) as full:
                citations.render(item, "apa")
            assert full.call_count == 1, title


def test_another_worker_finds_the_stand_in_entry_in_the_cache(sessions):
    session = sessions[1]
    citations._template.cache_clear()  # rendered here, not by an earlier test
    with translation.override("fr"):
        session.title = "Une session du jour"
        first = citations.render(citations.csl_item(session, "https://kb.example/a/"), "apa")
        citations._template.cache_clear()  # a worker that never rendered it
        with mock.patch.object(citations, "_citeproc", wraps=citations._citeproc) as full:
            again = citations.render(citations.csl_item(session, "https://kb.example/a/"), "apa")
    assert full.call_count == 0
    assert again == first


def test_prepared_entries_spare_every_session_page_citeproc(sessions, client):
    from io import StringIO

    from django.core.cache import cache
    from django.core.management import call_command

    for session in sessions:
        session.title_en = "Financing the social economy in cities"
        session.title_fr = "Financer l’économie sociale dans les villes"
        session.is_published = True
        session.save()
    cache.clear()
    citations._template.cache_clear()
    out = StringIO()

    call_command("prepare_citations", stdout=out)
    citations._template.cache_clear()  # as a worker started after the command finds them
    with mock.patch.object(citations, "_citeproc", side_effect=AssertionError("citeproc ran")):
        pages = [
            client.get(f"/{language}/sessions/{session.slug}/")
            for session in sessions
            for language in ("en", "fr")
        ]

    assert "ready for 2 kinds of session (2 styles, 2 languages)" in out.getvalue()
    assert [page.status_code for page in pages] == [200] * 4
    assert "Financing the Social Economy in Cities" in pages[0].text  # APA in English
    assert "Financer l’économie sociale dans les villes" in pages[1].text
