"""Breadcrumbs: the current page's crumb is cut to a line, its full title is the heading."""

import re

import pytest

from gsef.typography import NBSP
from tests.factories import InitiativeFactory, PresentationFactory, SessionFactory

pytestmark = pytest.mark.django_db

LONG_TITLE = {
    "en": (
        "How to Make SSE Sustainable and Grow through Promotion and Support Mechanisms: "
        "Best Practices from around the World"
    ),
    "fr": (
        "Comment pérenniser et permettre le développement de l'ESS grâce à des mécanismes "
        "de promotion et d'appui : tour du monde des meilleures pratiques"
    ),
}


def crumbs(html):
    """(text, link or None, current?) of each crumb, in order."""
    nav = re.search(r'<nav class="breadcrumbs"[^>]*>(.*?)</nav>', html, re.S).group(1)
    found = []
    for item in re.findall(r"<li>(.*?)</li>", nav, re.S):
        link = re.search(r'href="([^"]*)"', item)
        text = re.sub(r"<[^>]+>", "", item).strip()
        found.append((text, link.group(1) if link else None, 'aria-current="page"' in item))
    return found


@pytest.mark.parametrize(
    ("language", "home", "section", "current"),
    [
        ("en", "Home", "Sessions", "How to Make SSE Sustainable and Grow…"),
        ("fr", "Accueil", "Sessions", "Comment pérenniser et permettre le…"),
    ],
)
def test_long_session_title_is_cut_in_the_crumb_and_whole_in_the_heading(
    client, language, home, section, current
):
    session = SessionFactory(
        title_en=LONG_TITLE["en"], title_fr=LONG_TITLE["fr"], slug="promotion-and-support"
    )

    html = client.get(f"/{language}/sessions/{session.slug}/").content.decode()

    assert crumbs(html) == [
        (home, f"/{language}/", False),
        (section, f"/{language}/sessions/", False),
        (current, None, True),
    ]
    assert len(current) <= 40
    heading = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    assert heading.replace(NBSP, " ").replace("&#x27;", "'") == LONG_TITLE[language]


def test_short_title_is_whole_in_the_crumb(client):
    initiative = InitiativeFactory(name_en="Kindred", slug="kindred")
    PresentationFactory(initiatives=[initiative])

    html = client.get("/en/initiatives/kindred/").content.decode()

    assert crumbs(html)[-1] == ("Kindred", None, True)


def test_crumb_of_a_title_with_markup_characters_stays_escaped(client):
    SessionFactory(
        title_en="<b>Bold</b> & brave: a title long enough to be cut somewhere", slug="bold"
    )

    html = client.get("/en/sessions/bold/").content.decode()

    expected = "&lt;b&gt;Bold&lt;/b&gt; &amp; brave: a title long…"
    assert f'<span aria-current="page">{expected}</span>' in html
