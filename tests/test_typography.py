"""French typography, dates, language names and steps: the rules (gsef/typography.py) and
the template library. The pages that use them: test_typography_pages.py."""

import datetime
import time

import pytest
from django.template import Context, Template
from django.utils import translation

from gsef.typography import (
    NBSP,
    NNBSP,
    date_range_html,
    format_date,
    format_date_range,
    french_spacing,
    language_names,
    shorten,
    steps,
    steps_html,
)
from sessions.models import Language


def shown(text):
    """No-break spaces made visible: "~" for U+00A0, "^" for the narrow U+202F."""
    return text.replace(NBSP, "~").replace(NNBSP, "^")


# French spacing, the rules


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # A space before the mark becomes a no-break one; none gets one after a word.
        ("Session : titre", "Session~: titre"),
        ("Note: suite", "Note~: suite"),
        ("Pourquoi ? Parce que !", "Pourquoi^? Parce que^!"),
        ("Pourquoi? Parce que!", "Pourquoi^? Parce que^!"),
        ("un ; deux", "un^; deux"),
        ("un; deux", "un^; deux"),
        ("Quoi ?!", "Quoi^?!"),
        ("Quoi?!", "Quoi^?!"),
        ("« patient »", "«~patient~»"),
        ("«patient»", "«~patient~»"),
        ("«   large   »", "«~large~»"),
        ("ligne\n   : suite", "ligne~: suite"),
        ("(voir plus bas) : ici", "(voir plus bas)~: ici"),
        ("Étape 1: former", "Étape 1~: former"),
        # Left alone: times, addresses, ratios, query strings, a mark starting a text.
        ("à 10:30 précises", "à 10:30 précises"),
        ("https://gsef-net.org/fr/", "https://gsef-net.org/fr/"),
        ("voir www.exemple.org/?q=ess&page=2", "voir www.exemple.org/?q=ess&page=2"),
        ("mailto:contact@gsef-net.org", "mailto:contact@gsef-net.org"),
        ("3:2", "3:2"),
        (":", ":"),
        # Entities are whole: their ";" is no punctuation.
        ("l&#x27;ESS ?", "l&#x27;ESS^?"),
        ("A &amp; B; C", "A &amp; B^; C"),
        ("R&amp;D", "R&amp;D"),
    ],
)
def test_french_spacing_of_text(html, expected):
    assert shown(french_spacing(html)) == expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # Never inside a tag: attributes and addresses keep their spaces and colons.
        (
            '<a href="https://x.org/?a=1" title="Titre : sous-titre">lien</a> : suite',
            '<a href="https://x.org/?a=1" title="Titre : sous-titre">lien</a>~: suite',
        ),
        ('<img alt="Quoi ?" src="a.png">', '<img alt="Quoi ?" src="a.png">'),
        ('<input placeholder="Rechercher : mots">', '<input placeholder="Rechercher : mots">'),
        ("<p title='a > b : c'>x : y</p>", "<p title='a > b : c'>x~: y</p>"),
        # Nor inside code, preformatted text, scripts, styles.
        ("<pre>a : b</pre> c ; d", "<pre>a : b</pre> c^; d"),
        ("<code>x: y</code><kbd>Ctrl :</kbd>", "<code>x: y</code><kbd>Ctrl :</kbd>"),
        ("<pre><code>a : b</code> c : d</pre> e : f", "<pre><code>a : b</code> c : d</pre> e~: f"),
        (
            '<script>if (a<b) { x = "a : b"; }</script>Fin !',
            '<script>if (a<b) { x = "a : b"; }</script>Fin^!',
        ),
        ("<style>a:hover { color: red; }</style>b :", "<style>a:hover { color: red; }</style>b~:"),
        ("<textarea>a : b</textarea>", "<textarea>a : b</textarea>"),
        ("<!-- a : b --> c : d", "<!-- a : b --> c~: d"),
        # Nor in a text marked as another language, however deep; French again after it.
        (
            '<span lang="en">What? Yes: no</span> (Pas encore traduit : affiché en anglais.)',
            '<span lang="en">What? Yes: no</span> (Pas encore traduit~: affiché en anglais.)',
        ),
        (
            '<div lang="en"><div><p>Step 1: go!</p></div><p>Why?</p></div><p>Pourquoi ?</p>',
            '<div lang="en"><div><p>Step 1: go!</p></div><p>Why?</p></div><p>Pourquoi^?</p>',
        ),
        (
            '<div lang="en">Hello: <span lang="fr">Bonjour :</span> there: </div>fin !',
            '<div lang="en">Hello: <span lang="fr">Bonjour~:</span> there: </div>fin^!',
        ),
        ('<p lang="fr-CA">Allo ?</p>', '<p lang="fr-CA">Allo^?</p>'),
        (
            '<a hreflang="en" href="/en/">English</a> : ici',
            '<a hreflang="en" href="/en/">English</a>~: ici',
        ),
        # A mark right after a tag belongs to the word before the tag.
        ("<b>Quoi</b>?", "<b>Quoi</b>^?"),
        ("Qui <em>vient</em> ?", "Qui <em>vient</em>^?"),
        ("<p>a</p>\n<p>: b</p>", "<p>a</p>\n<p>: b</p>"),
    ],
)
def test_french_spacing_of_a_page(html, expected):
    assert shown(french_spacing(html)) == shown(expected)


def test_french_spacing_twice_changes_nothing_more():
    html = '<p>« Oui » : <a href="a:b">x</a> ; non ! Pourquoi?</p><span lang="en">No: yes</span>'

    once = french_spacing(html)

    assert shown(once) == (
        '<p>«~Oui~»~: <a href="a:b">x</a>^; non^! Pourquoi^?</p><span lang="en">No: yes</span>'
    )
    assert french_spacing(once) == once


def test_french_spacing_keeps_existing_no_break_spaces():
    html = f"Titre{NBSP}: «{NBSP}x{NBSP}» ; Quoi{NNBSP}?"

    assert shown(french_spacing(html)) == "Titre~: «~x~»^; Quoi^?"


@pytest.mark.parametrize(
    "html",
    [
        "a:b " * 25_000,  # marks that stay as they are
        "10:30 " * 20_000,
        ("x" + " " * 50_000 + ":") * 2,  # long runs of spaces
        "«" + " " * 100_000,
        "<b>x</b>" * 12_000,
        ('<a title="' + "x" * 10) * 8_000,  # quotes never closed
        '<div lang="en">' * 5_000 + "a : b" + "</div>" * 5_000,
        "&amp;" * 20_000,
        "&" * 100_000 + ";",
    ],
)
def test_french_spacing_stays_linear_on_pathological_pages(html):
    # About 100 KB each: linear, these take milliseconds; a quadratic pass would take minutes.
    started = time.perf_counter()
    french_spacing(html)
    assert time.perf_counter() - started < 2


# Dates


MAY_1, MAY_4 = datetime.date(2023, 5, 1), datetime.date(2023, 5, 4)


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        (MAY_1, "fr", "1er mai 2023"),
        (MAY_4, "fr", "4 mai 2023"),
        (datetime.date(2020, 10, 23), "fr", "23 octobre 2020"),
        (MAY_1, "en", "1 May 2023"),
        (datetime.date(2022, 12, 30), "en", "30 December 2022"),
        (None, "fr", ""),
    ],
)
def test_format_date(value, language, expected):
    assert format_date(value, language) == expected


def test_format_date_of_an_aware_datetime_is_its_local_day():
    value = datetime.datetime(2023, 5, 1, 23, 30, tzinfo=datetime.UTC)

    assert format_date(value, "fr") == "1er mai 2023"


@pytest.mark.parametrize(
    ("start", "end", "french", "english"),
    [
        (MAY_1, MAY_4, "du 1er au 4 mai 2023", "1–4 May 2023"),
        (
            datetime.date(2023, 4, 30),
            datetime.date(2023, 5, 2),
            "du 30 avril au 2 mai 2023",
            "30 April – 2 May 2023",
        ),
        (
            datetime.date(2022, 12, 30),
            datetime.date(2023, 1, 2),
            "du 30 décembre 2022 au 2 janvier 2023",
            "30 December 2022 – 2 January 2023",
        ),
        (
            datetime.date(2023, 4, 1),
            datetime.date(2023, 5, 1),
            "du 1er avril au 1er mai 2023",
            "1 April – 1 May 2023",
        ),
        (MAY_1, MAY_1, "1er mai 2023", "1 May 2023"),
        (MAY_1, None, "1er mai 2023", "1 May 2023"),
        (None, MAY_4, "4 mai 2023", "4 May 2023"),
        (None, None, "", ""),
    ],
)
def test_format_date_range(start, end, french, english):
    assert format_date_range(start, end, "fr") == french
    assert format_date_range(start, end, "en") == english


def test_date_range_html_puts_each_date_in_a_time_element():
    assert date_range_html(MAY_1, MAY_4, "fr") == (
        'du <time datetime="2023-05-01">1er</time> au <time datetime="2023-05-04">4 mai 2023</time>'
    )
    assert date_range_html(MAY_1, MAY_4, "en") == (
        '<time datetime="2023-05-01">1</time>–<time datetime="2023-05-04">4 May 2023</time>'
    )


# Words


def test_language_names_are_lower_case_in_french_running_text():
    assert language_names(["Anglais", "Français"], "fr") == "anglais, français"
    assert language_names(["English", "French"], "en") == "English, French"
    assert language_names([], "fr") == ""


def test_language_names_of_session_languages():
    languages = [Language(code="en"), Language(code="fr"), Language(code="es")]

    with translation.override("fr"):
        assert language_names(languages, "fr") == "anglais, français, espagnol"
    with translation.override("en"):
        assert language_names(languages, "en") == "English, French, Spanish"


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Short title", 40, "Short title"),
        (
            "Comment pérenniser et permettre le développement de l'ESS",
            40,
            "Comment pérenniser et permettre le…",
        ),
        (
            "Exactly forty characters long, no more!!",
            40,
            "Exactly forty characters long, no more!!",
        ),
        ("Words  spread\nover   lines", 40, "Words spread over lines"),
        ("Anticonstitutionnellementissimement", 10, "Anticonst…"),
        ("One two three: four", 16, "One two three…"),
    ],
)
def test_shorten(text, limit, expected):
    assert shorten(text, limit) == expected
    assert len(shorten(text, limit)) <= limit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1. Train.\n2. Negotiate.\n3. Share.", ("", ["Train.", "Negotiate.", "Share."])),
        ("1) Former\n2) Négocier", ("", ["Former", "Négocier"])),
        ("Step 1: Sign.\nStep 2 - Hold tables.", ("", ["Sign.", "Hold tables."])),
        ("Étape 1 : Signer.\nÉtape 2 : Publier.", ("", ["Signer.", "Publier."])),
        ("- Sign\n• Hold\n* Publish", ("", ["Sign", "Hold", "Publish"])),
        (
            "Sign a charter.\n\nHold quarterly tables.",
            ("", ["Sign a charter.", "Hold quarterly tables."]),
        ),
        (
            "In three steps:\n1. Sign a charter\nof shared principles.\n2. Publish.",
            ("In three steps:", ["Sign a charter of shared principles.", "Publish."]),
        ),
        (
            "Women's groups are organised into cooperatives.",
            ("Women's groups are organised into cooperatives.", []),
        ),
        (
            "1.5 million members joined.\nThen more.",
            ("", ["1.5 million members joined.", "Then more."]),
        ),
        ("", ("", [])),
    ],
)
def test_steps(text, expected):
    assert steps(text) == expected


def test_steps_html_is_escaped():
    assert steps_html("Intro <b>\n1. Sign & <i>publish</i>\n2. Done") == (
        '<p>Intro &lt;b&gt;</p><ol class="steps"><li>Sign &amp; &lt;i&gt;publish&lt;/i&gt;</li>'
        "<li>Done</li></ol>"
    )


# The template library


def render(source, language, **context):
    with translation.override(language):
        return Template("{% load typography %}" + source).render(Context(context))


def test_block_tag_spaces_french_pages_only():
    source = "{% frenchtypography %}<p>Titre : {{ title }}</p>{% endfrenchtypography %}"

    assert shown(render(source, "fr", title="« x » ?")) == "<p>Titre~: «~x~»^?</p>"
    assert render(source, "en", title="Why ?") == "<p>Titre : Why ?</p>"


def test_block_tag_keeps_the_blocks_of_a_child_template():
    parent = Template(
        "{% load typography %}{% frenchtypography %}<h1>{% block title %}Titre : a"
        "{% endblock title %}</h1>{% endfrenchtypography %}"
    )
    child = Template("{% extends parent %}{% block title %}Enfant : b{% endblock title %}")

    with translation.override("fr"):
        html = child.render(Context({"parent": parent}))

    assert shown(html) == "<h1>Enfant~: b</h1>"


def test_filter_escapes_text_and_spaces_it_in_french():
    source = "{{ value|frenchtypography }}"

    assert shown(render(source, "fr", value="<b>Quoi ?</b>")) == "&lt;b&gt;Quoi^?&lt;/b&gt;"
    assert render(source, "en", value="Why ?") == "Why ?"


def test_date_filters_in_both_languages():
    context = {"start": MAY_1, "end": MAY_4}

    assert render("{{ start|long_date }}", "fr", **context) == "1er mai 2023"
    assert render("{{ start|long_date }}", "en", **context) == "1 May 2023"
    assert render("{% date_range start end %}", "fr", **context) == (
        'du <time datetime="2023-05-01">1er</time> au <time datetime="2023-05-04">4 mai 2023</time>'
    )


def test_date_filters_come_with_kb_too():
    with translation.override("fr"):
        html = Template("{% load kb %}{{ day|long_date }}").render(Context({"day": MAY_1}))

    assert html == "1er mai 2023"


def test_long_today_is_today_the_language_s_way(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: MAY_1)

    assert render("{% long_today %}", "fr") == "1er mai 2023"
    assert render("{% long_today %}", "en") == "1 May 2023"
