import datetime
import json
import re

import pytest

from sessions.models import Language
from tests.factories import (
    ForumFactory,
    InitiativeFactory,
    PresentationFactory,
    SessionFactory,
    SpeakerFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

SESSIONS = "/en/sessions/"


def titles(response, name="session_list"):
    return [str(item) for item in response.context[name]]


def facet(response, name):
    [found] = [f for f in response.context["facets"] if f["name"] == name]
    return {str(o["value"]): (o["count"], o["selected"]) for o in found["options"]}


@pytest.fixture
def programme():
    """Three published sessions and a draft, across two forums, countries and themes."""
    finance = ThemeFactory(slug="social-finance", name_en="Social finance")
    coops = ThemeFactory(slug="cooperatives", name_en="Cooperatives")
    virtual = ForumFactory(slug="gsef-2020", name="GSEF 2020")
    bilbao = ForumFactory(
        slug="gsef-2018",
        name="GSEF 2018",
        year=2018,
        start_date=datetime.date(2018, 10, 1),
        end_date=datetime.date(2018, 10, 3),
    )
    kindred = SessionFactory(
        forum=virtual, title_en="Kindred in Liverpool", title_fr="", slug="kindred"
    )
    kindred.themes.add(finance)
    kindred.languages.add(Language.objects.get(code="en"))
    PresentationFactory(session=kindred, speaker__country="GB", order=1)
    vises = SessionFactory(
        forum=virtual, title_en="Social impact", title_fr="Impact social", slug="vises"
    )
    vises.themes.add(finance, coops)
    PresentationFactory(session=vises, speaker__country="FR", order=1)
    coop = SessionFactory(
        forum=bilbao,
        title_en="Women's cooperatives",
        title_fr="Coopératives de femmes",
        slug="coops",
        date=datetime.date(2018, 10, 2),
        session_type="plenary",
    )
    coop.themes.add(coops)
    PresentationFactory(session=coop, speaker__country="BJ", order=1)
    draft = SessionFactory(
        forum=bilbao,
        title_en="Draft",
        slug="draft",
        is_published=False,
        date=datetime.date(2018, 10, 2),
    )
    draft.themes.add(coops)
    PresentationFactory(session=draft, speaker__country="BJ", order=1)
    return {"kindred": kindred, "vises": vises, "coop": coop}


def test_session_list_shows_published_sessions_newest_first(client, programme):
    response = client.get(SESSIONS)

    assert titles(response) == ["Kindred in Liverpool", "Social impact", "Women's cooperatives"]
    assert "3 sessions" in response.content.decode()


def test_session_list_filters_by_country_and_several_themes(client, programme):
    response = client.get(SESSIONS, {"theme": ["social-finance", "cooperatives"]})
    assert titles(response) == ["Kindred in Liverpool", "Social impact", "Women's cooperatives"]

    response = client.get(SESSIONS, {"theme": ["cooperatives"], "country": "FR"})
    assert titles(response) == ["Social impact"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"forum": "gsef-2018"}, ["Women's cooperatives"]),
        ({"type": "plenary"}, ["Women's cooperatives"]),
        ({"year": "2020"}, ["Kindred in Liverpool", "Social impact"]),
        ({"language": "en"}, ["Kindred in Liverpool"]),
        ({"q": "liverpool"}, ["Kindred in Liverpool"]),
        ({"q": "femmes"}, ["Women's cooperatives"]),
        ({"q": "social impact"}, ["Social impact"]),
        ({"sort": "oldest"}, ["Women's cooperatives", "Kindred in Liverpool", "Social impact"]),
        ({"sort": "title"}, ["Kindred in Liverpool", "Social impact", "Women's cooperatives"]),
    ],
)
def test_session_list_filters(client, programme, params, expected):
    assert titles(client.get(SESSIONS, params)) == expected


def test_french_text_box_finds_an_english_only_title(client, programme):
    response = client.get("/fr/sessions/", {"q": "Liverpool"})

    assert titles(response) == ["Kindred in Liverpool"]


def test_french_sort_by_title_uses_french_then_english(client, programme):
    response = client.get("/fr/sessions/", {"sort": "title"})

    # "Coopératives de femmes", "Impact social", then "Kindred..." (no French title).
    assert [s.slug for s in response.context["session_list"]] == ["coops", "vises", "kindred"]


def test_facet_counts_follow_the_other_filters(client, programme):
    response = client.get(SESSIONS, {"forum": "gsef-2020"})

    assert facet(response, "country") == {"GB": (1, False), "FR": (1, False)}
    assert facet(response, "theme") == {"social-finance": (2, False), "cooperatives": (1, False)}
    # The forum facet ignores its own filter: choosing another forum would give one session.
    assert facet(response, "forum") == {"gsef-2020": (2, True), "gsef-2018": (1, False)}
    assert facet(response, "year") == {"2020": (2, False)}
    assert facet(response, "type") == {"workshop": (2, False)}


def test_facet_counts_are_shown_beside_each_value(client, programme):
    page = client.get(SESSIONS).content.decode()

    assert '<option value="FR">France (1)</option>' in page
    assert (
        '<input type="checkbox" name="theme" value="cooperatives"> Cooperatives '
        '<span class="count">(2)</span>'
    ) in page


def test_filter_state_is_kept_in_the_form_and_links(client, programme):
    page = client.get(SESSIONS, {"country": "FR", "theme": "cooperatives"}).content.decode()

    assert '<option value="FR" selected>France (1)</option>' in page
    assert 'name="theme" value="cooperatives" checked' in page
    assert 'href="/fr/sessions/?country=FR&amp;theme=cooperatives"' in page


def test_empty_state(client, programme):
    response = client.get(SESSIONS, {"q": "nothing-matches-this"})

    assert titles(response) == []
    assert "No session matches these filters." in response.content.decode()


def test_twenty_per_page_and_pagination_keeps_filters(client):
    forum = ForumFactory()
    SessionFactory.create_batch(25, forum=forum)

    first = client.get(SESSIONS, {"forum": forum.slug})
    second = client.get(SESSIONS, {"forum": forum.slug, "page": "2"})

    assert len(first.context["session_list"]) == 20
    assert len(second.context["session_list"]) == 5
    assert f'href="?forum={forum.slug}&amp;page=2"' in first.content.decode()


def test_pagination_links_keep_the_filters_and_leave_other_parameters_out(client):
    forum = ForumFactory()
    SessionFactory.create_batch(45, forum=forum)

    page = client.get(
        SESSIONS, {"utm_source": "mail", "page": "2", "sort": "title", "forum": forum.slug}
    )
    text = page.content.decode()

    assert f'rel="prev" href="?forum={forum.slug}&amp;sort=title&amp;page=1"' in text
    assert f'rel="next" href="?forum={forum.slug}&amp;sort=title&amp;page=3"' in text
    assert "utm_source" not in text.split("<main")[1]


BAD_INPUTS = [
    ({"country": "ZZ"}, "Country: Select a valid choice. ZZ is not one of the available choices."),
    ({"theme": "nope"}, "Themes: Select a valid choice. nope is not one of the available choices."),
    ({"q": "x" * 10_000}, "Words: Ensure this value has at most 200 characters (it has 10000)."),
    ({"year": "abc"}, "Year: Select a valid choice. abc is not one of the available choices."),
    ({"year": "99999999999999999999"}, "Year: Select a valid choice."),
    ({"sort": "-pk"}, "Sort by: Select a valid choice. -pk is not one of the available choices."),
    ({"page": "abc"}, "“abc” is not a page number, so the first page is shown."),
    ({"page": "0"}, "“0” is not a page number, so the first page is shown."),
    ({"page": "99999"}, "There is no page 99999; the last page (1) is shown."),
    ({"page": "9" * 5000}, "is not a page number, so the first page is shown."),
]


@pytest.mark.parametrize("url", ["/en/sessions/", "/en/initiatives/", "/en/speakers/"])
@pytest.mark.parametrize(("params", "message"), BAD_INPUTS)
def test_bad_filter_values_give_a_page_with_a_message(client, programme, url, params, message):
    response = client.get(url, params)

    assert response.status_code == 200
    problems = response.context["problems"]
    assert any(message in problem for problem in problems), problems
    assert 'role="alert"' in response.content.decode()


@pytest.mark.parametrize("url", ["/en/sessions/", "/en/initiatives/", "/en/speakers/"])
@pytest.mark.parametrize("params", [{"forum": "x\x00y"}, {"q": "co\x00op"}, {"page": "\x00"}])
def test_a_null_byte_in_a_filter_is_refused_before_the_list_runs(
    client, programme, url, params, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get(url, params)

    assert response.status_code == 400
    assert "null byte" in response.content.decode()


def test_a_bad_filter_is_dropped_and_the_good_ones_kept(client, programme):
    response = client.get(SESSIONS, {"country": "ZZ", "forum": "gsef-2018"})

    assert titles(response) == ["Women's cooperatives"]


def test_initiative_list_facets_ignore_draft_sessions(client, programme):
    InitiativeFactory(name_en="Kindred", country="GB", slug="kindred").presentations.add(
        programme["kindred"].presentations.get()
    )
    hidden_via_draft = InitiativeFactory(name_en="Only in a draft", slug="draft-only")
    hidden_via_draft.presentations.add(*programme["coop"].presentations.all())
    draft_presentation = PresentationFactory(
        session__is_published=False,
        session__forum=programme["coop"].forum,
        order=9,
        session__date=datetime.date(2018, 10, 2),
    )
    draft_presentation.initiatives.add(hidden_via_draft)

    response = client.get("/en/initiatives/", {"forum": "gsef-2018"})

    assert titles(response, "initiative_list") == ["Only in a draft"]
    assert facet(response, "forum") == {"gsef-2020": (1, False), "gsef-2018": (1, True)}


def test_speaker_list_includes_moderators_under_a_forum(client, programme):
    moderator = SpeakerFactory(name="Víctor Meseguer", country="ES")
    programme["coop"].moderator = moderator
    programme["coop"].save()

    response = client.get("/en/speakers/", {"forum": "gsef-2018"})

    speakers = titles(response, "speaker_list")
    assert "Víctor Meseguer" in speakers
    assert len(speakers) == 2
    assert facet(response, "forum")["gsef-2018"] == (2, True)
    assert facet(response, "country") == {"ES": (1, False), "BJ": (1, False)}


def test_country_page_lists_what_comes_from_that_country(client, programme):
    InitiativeFactory(name_en="VISES", country="FR").presentations.add(
        programme["vises"].presentations.get()
    )

    response = client.get("/en/countries/fr/")

    assert response.status_code == 200
    assert [str(i) for i in response.context["initiatives"]] == ["VISES"]
    assert [s.slug for s in response.context["sessions"]] == ["vises"]
    assert [s.country.code for s in response.context["speakers"]] == ["FR"]
    assert "<h1>France</h1>" in response.content.decode()


@pytest.mark.parametrize("code", ["ZZ", "france", "x" * 500])
def test_unknown_country_is_a_404(client, code):
    assert client.get(f"/en/countries/{code}/").status_code == 404


def test_a_null_byte_in_a_country_address_is_a_400(client):
    assert client.get("/en/countries/\x00/").status_code == 400


def test_theme_page_lists_sessions_initiatives_and_speakers(client, programme):
    response = client.get("/en/themes/social-finance/")

    assert [s.slug for s in response.context["theme"].public_sessions] == ["kindred", "vises"]
    assert sorted(s.country.code for s in response.context["speakers"]) == ["FR", "GB"]


def test_session_page_has_event_json_ld_open_graph_breadcrumbs_and_citation(client, programme):
    session = programme["vises"]
    session.title_en = "Impact </script><script>alert(1)</script>"
    session.save()

    page = client.get("/en/sessions/vises/").content.decode()

    [raw] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    data = json.loads(raw)
    assert data["@type"] == "Event"
    assert data["name"] == "Impact </script><script>alert(1)</script>"
    assert data["url"] == "http://testserver/en/sessions/vises/"
    assert data["superEvent"]["name"] == "GSEF 2020"
    assert data["performer"][0]["@type"] == "Person"
    assert "<script>alert(1)" not in page
    assert '<meta property="og:url" content="http://testserver/en/sessions/vises/">' in page
    assert (
        '<link rel="alternate" hreflang="fr" href="http://testserver/fr/sessions/vises/">' in page
    )
    assert '<nav class="breadcrumbs" aria-label="Breadcrumb">' in page
    assert (
        '<a href="http://testserver/en/sessions/vises/">http://testserver/en/sessions/vises/</a>'
        in page
    )


def test_speaker_and_organisation_pages_have_person_and_organization_json_ld(client, programme):
    speaker = programme["vises"].presentations.get().speaker

    person_page = client.get(speaker.get_absolute_url()).content.decode()
    org_page = client.get(speaker.organisation.get_absolute_url()).content.decode()

    person = json.loads(re.search(r'ld\+json">(.*?)</script>', person_page).group(1))
    organisation = json.loads(re.search(r'ld\+json">(.*?)</script>', org_page).group(1))
    assert (person["@type"], person["name"], person["worksFor"]["@type"]) == (
        "Person",
        speaker.name,
        "Organization",
    )
    assert (organisation["@type"], organisation["name"]) == (
        "Organization",
        speaker.organisation.name,
    )


def test_home_page_shows_the_map_countries_themes_and_latest_forum(client, programme):
    InitiativeFactory(name_en="VISES", country="FR", is_featured=True).presentations.add(
        programme["vises"].presentations.get()
    )

    response = client.get("/en/")
    page = response.content.decode()

    # Out of the tab order: the list of countries is the keyboard's way to the same pages.
    assert '<a href="/en/countries/FR/" tabindex="-1"><path class="m1"' in page
    assert "<title>France: 1 initiative</title>" in page
    assert [(c.code, n) for c, n in response.context["countries"]] == [("FR", 1)]
    assert response.context["latest_forum"].slug == "gsef-2020"
    assert [str(i) for i in response.context["featured_initiatives"]] == ["VISES"]
    assert 'role="search"' in page


def test_sitemap_lists_both_languages_with_alternates(client, programme):
    xml = client.get("/sitemap.xml").content.decode()

    assert "<loc>http://testserver/en/sessions/vises/</loc>" in xml
    assert "<loc>http://testserver/fr/sessions/vises/</loc>" in xml
    assert (
        '<xhtml:link rel="alternate" hreflang="fr" href="http://testserver/fr/sessions/vises/"/>'
        in xml
    )
    assert "/sessions/draft/" not in xml


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain"
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /en/admin/" in response.content.decode()


def test_500_page_speaks_both_languages():
    from django.template.loader import render_to_string

    page = render_to_string("500.html")

    assert "Something went wrong" in page
    assert '<h1 lang="fr">Une erreur s’est produite</h1>' in page


def test_facet_options_are_escaped_and_keep_their_counts_and_choices(client):
    theme = ThemeFactory(slug="fair-trade", name_en='Fair "trade" <b>& more</b>')
    for session in SessionFactory.create_batch(2):
        session.themes.add(theme)
        PresentationFactory(session=session, speaker=SpeakerFactory(country="SN"))

    page = client.get("/en/sessions/", {"theme": "fair-trade", "country": "SN"}).text

    assert (
        '<label class="check"><input type="checkbox" name="theme" value="fair-trade" checked>'
        ' Fair &quot;trade&quot; &lt;b&gt;&amp; more&lt;/b&gt; <span class="count">(2)</span>'
        "</label>"
    ) in page
    assert '<option value="SN" selected>Senegal (2)</option>' in page
    assert "<b>& more</b>" not in page
