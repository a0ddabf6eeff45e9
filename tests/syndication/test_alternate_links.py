"""Pages announce their Atom feeds with <link rel="alternate" type="application/atom+xml">."""

import re

import pytest

from tests.public_site import build_site

pytestmark = pytest.mark.django_db

OVERALL = ["/{lang}/feeds/sessions/", "/{lang}/feeds/initiatives/"]


def feed_links(client, url):
    html = client.get(url).content.decode()
    head = html[: html.index("</head>")]
    return re.findall(
        r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', head
    )


@pytest.mark.parametrize(
    ("page", "own"),
    [
        ("/{lang}/", []),
        ("/{lang}/sessions/", []),
        ("/{lang}/initiatives/", []),
        (
            "/{lang}/themes/theme/",
            ["/{lang}/themes/theme/feeds/sessions/", "/{lang}/themes/theme/feeds/initiatives/"],
        ),
        (
            "/{lang}/countries/FR/",
            ["/{lang}/countries/FR/feeds/sessions/", "/{lang}/countries/FR/feeds/initiatives/"],
        ),
        (
            "/{lang}/forums/forum/",
            ["/{lang}/forums/forum/feeds/sessions/", "/{lang}/forums/forum/feeds/initiatives/"],
        ),
    ],
)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_page_links_its_feeds_then_the_overall_ones(client, page, own, lang):
    build_site()

    links = feed_links(client, page.format(lang=lang))

    assert links == [url.format(lang=lang) for url in [*own, *OVERALL]]
    for link in links:
        assert client.get(link).status_code == 200


def test_feed_links_have_titles_in_the_page_language(client):
    build_site()

    html = client.get("/en/themes/theme/").content.decode()

    assert (
        '<link rel="alternate" type="application/atom+xml" title="New sessions on Finance" '
        'href="/en/themes/theme/feeds/sessions/">'
    ) in html
    assert (
        'Subscribe (Atom feeds): <a href="/en/themes/theme/feeds/sessions/" '
        'type="application/atom+xml">new sessions</a>'
    ) in html
