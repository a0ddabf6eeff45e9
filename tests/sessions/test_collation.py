"""Lists of names read in the reader's order: accents are not letters of their own."""

import pytest
from django.urls import reverse
from django.utils import translation

from gsef.collation import collation_key
from tests.factories import (
    InitiativeFactory,
    PresentationFactory,
    SessionFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def test_accented_names_sort_among_their_letter():
    names = ["Brésil", "Bénin", "Écosse", "Espagne", "Zambie", "bolivie"]

    assert sorted(names, key=collation_key) == [
        "Bénin",
        "bolivie",
        "Brésil",
        "Écosse",
        "Espagne",
        "Zambie",
    ]


def presented_in(*codes):
    for code in codes:
        PresentationFactory(
            session=SessionFactory(is_published=True), initiatives=[InitiativeFactory(country=code)]
        )


def test_the_french_home_page_lists_benin_before_bresil(client):
    presented_in("BR", "BJ")

    html = client.get("/fr/").content.decode()

    listed = html[html.index('id="countries-heading"') :]
    assert listed.index("Bénin") < listed.index("Brésil")


def test_the_french_facets_list_benin_before_bresil_at_equal_counts(client):
    presented_in("BR", "BJ")

    with translation.override("fr"):
        html = client.get(reverse("sessions:initiative-list")).content.decode()

    facets = html[html.index('class="filters"') :]
    assert facets.index("Bénin") < facets.index("Brésil")


def test_the_french_home_page_sorts_themes_by_their_french_names(client):
    for slug, english, french in [
        ("employment", "Employment", "Emploi"),
        ("economy", "Social economy", "Économie sociale"),
        ("finance", "Finance", "Finance"),
    ]:
        SessionFactory(is_published=True).themes.add(
            ThemeFactory(slug=slug, name_en=english, name_fr=french)
        )

    html = client.get("/fr/").content.decode()

    assert html.index("Économie sociale") < html.index("Emploi") < html.index("Finance")
