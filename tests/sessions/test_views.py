import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import (
    AudienceQuestionFactory,
    ClosingRemarkFactory,
    InitiativeFactory,
    PresentationFactory,
    SessionFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def main_of(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_french_page_without_french_text_falls_back_to_english_and_says_so(client):
    session = SessionFactory(
        title_en="Kindred: investing in the social economy",
        title_fr="",
        summary_en="A locally owned vehicle.",
        summary_fr="",
    )

    main = main_of(client.get(f"/fr/sessions/{session.slug}/"))

    assert (
        '<h1><span class="fallback"><span lang="en">Kindred: investing in the social economy'
        '</span> <small class="fallback-note">'
        "(Pas encore traduit\u00a0: affiché en anglais.)</small>"
        "</span></h1>"
    ) in main
    assert '<div lang="en"><p>A locally owned vehicle.</p></div>' in main


def test_french_page_with_french_text_shows_it_without_a_note(client):
    session = SessionFactory(title_en="Outcomes fund", title_fr="Fonds à impact")

    main = main_of(client.get(f"/fr/sessions/{session.slug}/"))

    assert "<h1>Fonds à impact</h1>" in main
    assert "fallback" not in main


def test_english_page_never_shows_french(client):
    session = SessionFactory(title_en="Outcomes fund", title_fr="Fonds à impact")

    main = main_of(client.get(f"/en/sessions/{session.slug}/"))

    assert "<h1>Outcomes fund</h1>" in main
    assert "Fonds à impact" not in main


def test_user_text_is_escaped(client):
    session = SessionFactory(title_en="<script>alert(1)</script>", summary_en="<b>bold</b>")

    main = main_of(client.get(f"/en/sessions/{session.slug}/"))

    assert "<script>alert(1)</script>" not in main
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in main
    assert "&lt;b&gt;bold&lt;/b&gt;" in main


def test_draft_session_is_not_public(client):
    session = SessionFactory(is_published=False)

    assert client.get(f"/en/sessions/{session.slug}/").status_code == 404


def test_root_redirects_by_the_browsers_language(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9").url == "/fr/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de").url == "/en/"


def test_language_switch_keeps_the_page_and_its_query_string(client):
    session = SessionFactory()

    html = client.get(f"/en/sessions/{session.slug}/?page=2").content.decode()

    assert f'<a href="/fr/sessions/{session.slug}/?page=2" hreflang="fr" lang="fr">' in html


def test_unknown_page_is_a_404_in_the_visitors_language(client):
    response = client.get("/fr/nulle-part/")

    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def session_page_objects():
    session = SessionFactory()
    for order in (1, 2):
        PresentationFactory(session=session, order=order, initiatives=[InitiativeFactory()])
    AudienceQuestionFactory(session=session, order=1)
    ClosingRemarkFactory(session=session, order=1)
    session.themes.add(ThemeFactory())
    return session


@pytest.mark.parametrize("n", [1, 5])
def test_session_detail_query_count_does_not_grow(client, django_assert_num_queries, n):
    session = SessionFactory()
    for order in range(1, n + 1):
        PresentationFactory(
            session=session, order=order, initiatives=InitiativeFactory.create_batch(n)
        )
        AudienceQuestionFactory(session=session, order=order)
        ClosingRemarkFactory(session=session, order=order)
    session.themes.add(*ThemeFactory.create_batch(n))

    # The session's id by its slug, the session, then themes, languages, presentations,
    # their initiatives, questions and remarks.
    with django_assert_num_queries(7):
        response = client.get(session.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("n", [1, 5])
def test_session_list_query_count_does_not_grow(client, django_assert_num_queries, n):
    for session in SessionFactory.create_batch(n):
        session.themes.add(ThemeFactory())

    # The first list since the content changed reads the filters' choices (themes, forums)
    # and builds the facet index (sessions.facet_index: the published ids newest first, one
    # query per facet); the lists after it, with other filters and another order, read
    # only their page of rows and its themes and languages: no count.
    with django_assert_num_queries(INDEX_BUILD + 5):
        response = client.get(reverse("sessions:session-list"))
    assert len(response.context["session_list"]) == n
    with django_assert_num_queries(3):
        response = client.get(reverse("sessions:session-list") + "?sort=oldest&type=workshop")
    assert len(response.context["session_list"]) == n


INDEX_BUILD = 7


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_public_page_renders_in_both_languages(client, language):
    session = session_page_objects()
    presentation = session.presentations.first()
    initiative = presentation.initiatives.get()
    with translation.override(language):
        urls = [
            reverse("home"),
            reverse("sessions:session-list"),
            reverse("sessions:initiative-list"),
            reverse("sessions:speaker-list"),
            session.get_absolute_url(),
            session.forum.get_absolute_url(),
            initiative.get_absolute_url(),
            presentation.speaker.get_absolute_url(),
            presentation.speaker.organisation.get_absolute_url(),
            session.themes.get().get_absolute_url(),
        ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert f'<html lang="{language}">' in response.content.decode(), url


def test_english_page_of_a_french_only_text_shows_the_french_marked_as_such(client):
    session = SessionFactory(
        title_en="", title_fr="Les coopératives de femmes à Bohicon", slug="bohicon"
    )

    main = main_of(client.get(f"/en/sessions/{session.slug}/"))

    assert (
        '<h1><span class="fallback"><span lang="fr">Les coopératives de femmes à Bohicon'
        '</span> <small class="fallback-note">(Not yet translated: shown in French.)</small>'
        "</span></h1>"
    ) in main
