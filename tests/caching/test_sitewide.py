"""The parts of the page frame kept by each worker ({% sitewide %}) follow the page's
language, and are drawn afresh with DEBUG on."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation

pytestmark = pytest.mark.django_db

NAV_EN = '<li><a href="/en/sessions/">Sessions</a></li>'
NAV_FR = '<li><a href="/fr/sessions/">Sessions</a></li>'
FOOTER_EN = '<a href="/en/open-data/">Open data</a>'
FOOTER_FR = '<a href="/fr/open-data/">Données ouvertes</a>'


def test_the_frame_is_in_the_language_of_each_page_in_turn(client):
    for _ in range(2):
        english, french = client.get("/en/").text, client.get("/fr/").text
        assert NAV_EN in english and FOOTER_EN in english
        assert NAV_FR in french and FOOTER_FR in french
        assert FOOTER_EN not in french and FOOTER_FR not in english


def test_a_kept_part_is_not_drawn_again_but_is_with_debug(settings):
    template = Template('{% load kb %}{% sitewide "counter" %}{{ n }}{% endsitewide %}')
    with translation.override("en"):
        assert template.render(Context({"n": 1})) == "1"
        assert template.render(Context({"n": 2})) == "1"  # kept: never put anything personal there
        settings.DEBUG = True
        assert template.render(Context({"n": 3})) == "3"
    with translation.override("fr"):
        settings.DEBUG = False
        assert template.render(Context({"n": 4})) == "4"


def test_a_sitewide_part_needs_a_name():
    with pytest.raises(TemplateSyntaxError, match="takes a name"):
        Template("{% load kb %}{% sitewide %}x{% endsitewide %}")
