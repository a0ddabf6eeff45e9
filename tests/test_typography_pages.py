"""French typography, dates, steps and the admin's title on the pages, as a visitor sees
them in each language."""

import datetime
import re

import pytest

from gsef.typography import NBSP, NNBSP
from tests.factories import ForumFactory, InitiativeFactory, PresentationFactory, SessionFactory

pytestmark = pytest.mark.django_db

UNTRANSLATED_FR = f"(Pas encore traduit{NBSP}: affiché en anglais.)"
MAY_1, MAY_4 = datetime.date(2023, 5, 1), datetime.date(2023, 5, 4)


def test_french_page_has_french_spacing_in_its_text_only(client):
    session = SessionFactory(
        title_en="Social finance: a world tour",
        title_fr="La finance sociale : un tour du monde",
        slug="social-finance",
    )

    french = client.get(f"/fr/sessions/{session.slug}/").content.decode()
    english = client.get(f"/en/sessions/{session.slug}/").content.decode()

    assert f"<h1>La finance sociale{NBSP}: un tour du monde</h1>" in french
    # The head is not the page's text; attributes and addresses keep their characters.
    assert '<meta property="og:title" content="La finance sociale : un tour du monde">' in french
    assert 'href="http://testserver/fr/sessions/social-finance/"' in french
    assert "<h1>Social finance: a world tour</h1>" in english
    assert NBSP not in english and NNBSP not in english


def test_french_page_leaves_english_fallback_text_as_english(client):
    session = SessionFactory(title_en="Kindred: investing locally", title_fr="", slug="kindred")

    html = client.get(f"/fr/sessions/{session.slug}/").content.decode()

    assert (
        '<h1><span class="fallback"><span lang="en">Kindred: investing locally</span> '
        f'<small class="fallback-note">{UNTRANSLATED_FR}</small>'
        "</span></h1>"
    ) in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fr",
            'du <time datetime="2023-05-01">1er</time> au '
            '<time datetime="2023-05-04">4 mai 2023</time>',
        ),
        (
            "en",
            '<time datetime="2023-05-01">1</time>–<time datetime="2023-05-04">4 May 2023</time>',
        ),
    ],
)
def test_forum_page_shows_its_dates_as_a_range(client, language, expected):
    forum = ForumFactory(slug="dakar", start_date=MAY_1, end_date=MAY_4, year=2023)

    html = client.get(f"/{language}/forums/{forum.slug}/").content.decode()

    assert f"<dd>{expected}</dd>" in html


@pytest.mark.parametrize(("language", "expected"), [("fr", "1er mai 2023"), ("en", "1 May 2023")])
def test_session_page_and_card_show_the_date_the_language_s_way(client, language, expected):
    SessionFactory(slug="on-may-day", date=MAY_1)

    detail = client.get(f"/{language}/sessions/on-may-day/").content.decode()
    listing = client.get(f"/{language}/sessions/").content.decode()

    assert f'<time datetime="2023-05-01">{expected}</time>' in detail
    assert f'<time datetime="2023-05-01">{expected}</time>' in listing


def test_initiative_steps_are_a_list_in_both_languages(client):
    initiative = InitiativeFactory(
        slug="land-trust",
        steps_en="1. Acquire land.\n2. Keep ownership in the trust.",
        steps_fr="1. Acquérir des terrains.\n2. Conserver la propriété.",
    )
    PresentationFactory(initiatives=[initiative])

    english = client.get("/en/initiatives/land-trust/").content.decode()
    french = client.get("/fr/initiatives/land-trust/").content.decode()

    assert (
        '<ol class="steps"><li>Acquire land.</li><li>Keep ownership in the trust.</li></ol>'
    ) in english
    assert (
        '<ol class="steps"><li>Acquérir des terrains.</li><li>Conserver la propriété.</li></ol>'
    ) in french
    assert "1. Acquire land." not in english


def test_initiative_steps_in_english_on_a_french_page_are_marked_so(client):
    initiative = InitiativeFactory(slug="land-trust", steps_en="1. Acquire land.\n2. Lease plots.")
    PresentationFactory(initiatives=[initiative])

    french = client.get("/fr/initiatives/land-trust/").content.decode()

    assert (
        '<div class="fallback"><div lang="en"><ol class="steps"><li>Acquire land.</li>'
        "<li>Lease plots.</li></ol></div> "
        f'<small class="fallback-note">{UNTRANSLATED_FR}</small></div>'
    ) in french


def test_admin_is_titled_in_french_on_french_pages(admin_client):
    french = admin_client.get("/fr/admin/").content.decode()
    english = admin_client.get("/en/admin/").content.decode()

    assert re.search(r"<title>(.*?)</title>", french).group(1) == (
        "Contenu de la base de connaissances | Base de connaissances du GSEF"
    )
    assert '<a href="/fr/admin/">Base de connaissances du GSEF</a>' in french
    assert "<h1>Contenu de la base de connaissances</h1>" in french
    assert re.search(r"<title>(.*?)</title>", english).group(1) == (
        "Content of the knowledge base | GSEF Knowledge Base"
    )


def test_admin_login_is_titled_in_french_on_french_pages(client):
    html = client.get("/fr/admin/login/").content.decode()

    assert (
        re.search(r"<title>(.*?)</title>", html).group(1)
        == "Connexion | Base de connaissances du GSEF"
    )
