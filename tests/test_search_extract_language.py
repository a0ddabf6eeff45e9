"""Search extracts say which language they are really in, as the detail pages do, and are
never nearly empty when the record has more to say. On SQLite (FTS5) and PostgreSQL."""

import re

import pytest

from gsef.typography import NBSP
from tests.factories import (
    AudienceQuestionFactory,
    InitiativeFactory,
    OrganisationFactory,
    PresentationFactory,
    SessionFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db

UNTRANSLATED_FR = f"(Pas encore traduit{NBSP}: affiché en anglais.)"


def extract(response, title):
    """The extract (the inside of <p class="snippet">) of the result titled `title`."""
    html = response.content.decode()
    for item in re.findall(r'<li class="card search-result">(.*?)</li>', html, re.S):
        heading = re.search(r"<h3><a [^>]*>(.*?)</a></h3>", item, re.S).group(1)
        if re.sub(r"<[^>]+>|\(.*?\)", "", heading).strip() == title:
            found = re.search(r'<p class="snippet">(.*?)</p>', item, re.S)
            return found.group(1) if found else ""
    raise AssertionError(f"no result titled {title!r}")


def marked(extract_html):
    """(lang, text, note) of an extract marked with its language; (None, extract, None) for
    one that is not."""
    found = re.fullmatch(
        r'<span class="fallback"><span lang="(\w+)">(.*?)</span> '
        r'<small class="fallback-note">(.*?)</small></span>',
        extract_html,
        re.S,
    )
    return found.groups() if found else (None, extract_html, None)


def presented(**fields):
    """An initiative presented at a published session (so public)."""
    initiative = InitiativeFactory(**fields)
    PresentationFactory(title_en="A talk", title_fr="Un exposé", initiatives=[initiative])
    return initiative


def test_english_extract_on_a_french_page_is_marked_english_and_untranslated(client):
    presented(
        name_en="Youth cooperatives",
        slug="youth-cooperatives",
        summary_en="Seed grants for cooperatives founded by young people.",
    )

    response = client.get("/fr/search/", {"q": "cooperatives", "type": "initiative"})

    lang, text, note = marked(extract(response, "Youth cooperatives"))
    assert (lang, note) == ("en", UNTRANSLATED_FR)
    assert "Seed grants for <mark>cooperatives</mark> founded by young people" in text


def test_french_extract_on_an_english_page_is_marked_french_and_untranslated(client):
    session = SessionFactory(title_en="Water commons", slug="water-commons")
    AudienceQuestionFactory(
        session=session, question_en="", question_fr="Quand aura lieu la prochaine réunion ?"
    )

    response = client.get("/en/search/", {"q": "réunion"})

    lang, text, note = marked(extract(response, "Quand aura lieu la prochaine réunion ?"))
    assert (lang, note) == ("fr", "(Not yet translated: shown in French.)")
    assert "Quand aura lieu la prochaine <mark>réunion</mark>" in text


def test_extract_in_the_page_s_language_is_not_marked(client):
    presented(
        name_en="Youth cooperatives",
        name_fr="Coopératives de jeunes",
        slug="youth-cooperatives",
        summary_en="Seed grants for cooperatives founded by young people.",
        summary_fr="Des subventions pour les coopératives fondées par des jeunes.",
    )

    french = client.get("/fr/search/", {"q": "coopératives", "type": "initiative"})
    english = client.get("/en/search/", {"q": "cooperatives", "type": "initiative"})

    lang, text, _note = marked(extract(french, "Coopératives de jeunes"))
    assert lang is None
    assert "subventions pour les <mark>coopératives</mark> fondées par des jeunes" in text
    lang, text, _note = marked(extract(english, "Youth cooperatives"))
    assert lang is None
    assert "Seed grants for <mark>cooperatives</mark> founded by young people" in text


def test_hit_only_in_the_other_language_s_text_is_marked_as_found_there(client):
    presented(
        name_en="Outcomes fund",
        name_fr="Fonds à impact",
        slug="outcomes-fund",
        summary_en="Growth capital for social enterprises.",
        summary_fr="Du capital de croissance, remboursé selon les résultats sociaux.",
    )

    english = client.get("/en/search/", {"q": "remboursé", "type": "initiative"})
    french = client.get("/fr/search/", {"q": "enterprises", "type": "initiative"})

    lang, text, note = marked(extract(english, "Outcomes fund"))
    assert (lang, note) == ("fr", "(Found in the French text.)")
    assert "capital de croissance, <mark>remboursé</mark> selon les résultats sociaux" in text
    lang, text, note = marked(extract(french, "Fonds à impact"))
    assert lang == "en"
    assert "Growth capital for social <mark>enterprises</mark>" in text
    # The record has French text: it is not "not yet translated".
    assert note != UNTRANSLATED_FR
    assert "Pas encore traduit" not in note


def test_extract_from_a_list_of_names_gives_way_to_the_summary(client):
    summary = (
        "A community land trust buys land with municipal grants and member shares, keeps it "
        "in common ownership for good, and leases plots to housing cooperatives under "
        "ninety-nine-year agreements with resale caps, so that homes stay affordable for the "
        "next generations of residents."
    )
    presented(name_en="Land trust", slug="land-trust", summary_en=summary, region="Zanzibar")

    response = client.get("/en/search/", {"q": "zanzibar", "type": "initiative"})

    # The only hit is the region, among the organisation and country names: the extract
    # is not that list alone. (SQLite's extract of those names is a few words: the start of
    # the summary, 30 words, stands instead; PostgreSQL's takes in the summary around it.)
    text = re.sub(r"<[^>]+>", "", extract(response, "Land trust"))
    assert len(text) >= 80
    words = summary.split()
    assert any(" ".join(words[i : i + 8]) in text for i in range(len(words) - 8))


def test_short_summary_with_the_hit_stays_the_extract(client):
    speaker = SpeakerFactory(name="Ana Lima", slug="ana-lima", role_en="Policy Coordinator")
    PresentationFactory(speaker=speaker)

    response = client.get("/en/search/", {"q": "policy", "type": "speaker"})

    # (PostgreSQL's extract goes on with the other texts: organisation, country.)
    assert extract(response, "Ana Lima").startswith("<mark>Policy</mark> Coordinator")


def test_organisation_extract_is_in_no_language(client):
    organisation = OrganisationFactory(name="Réseau solidaire", slug="reseau", acronym="RESOL")
    PresentationFactory(speaker=SpeakerFactory(organisation=organisation))

    response = client.get("/fr/search/", {"q": "RESOL", "type": "organisation"})

    assert extract(response, "Réseau solidaire").startswith("<mark>RESOL</mark>")
    assert "lang=" not in extract(response, "Réseau solidaire")
