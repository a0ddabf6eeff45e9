"""A session's "cite this" block: APA and Chicago by citeproc-py, in the page's language;
BibTeX, RIS and CSL-JSON downloads."""

import datetime
import json
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from sessions.syndication.citations import bibtex_escape
from tests.factories import ForumFactory, SessionFactory, ThemeFactory

pytestmark = pytest.mark.django_db

URL = "http://testserver/{}/sessions/financing/"


@pytest.fixture
def session():
    forum = ForumFactory(
        name="GSEF 2021 Mexico",
        slug="gsef-2021",
        year=2021,
        start_date=datetime.date(2021, 10, 19),
        end_date=datetime.date(2021, 10, 22),
        is_virtual=False,
        city="Mexico City",
        country="MX",
    )
    session = SessionFactory(
        forum=forum,
        title_en="Financing the social economy: “patient” capital & {co-ops}",
        title_fr="Financer l’économie sociale : capital « patient » & {coopératives}",
        summary_en="Banks & funds.",
        slug="financing",
        date=datetime.date(2021, 10, 20),
    )
    session.themes.set([ThemeFactory(name_en="Finance", name_fr="Finance solidaire")])
    return session


def cite_block(client, language):
    html = client.get(f"/{language}/sessions/financing/").content.decode()
    found = {
        name: re.search(rf'<p class="citation" id="cite-{name}">(.*?)</p>', html).group(1)
        for name in ("apa", "chicago")
    }
    return found, html


def test_cite_block_gives_apa_and_chicago_in_english(client, session):
    found, _html = cite_block(client, "en")

    assert found["apa"] == (
        "Global Social Economy Forum. (2021, October 20). <i>Financing the social economy: "
        "“patient” capital &amp; {co-ops}</i> [Workshop]. GSEF 2021 Mexico, Mexico City. "
        f"GSEF Knowledge Base. {URL.format('en')}"
    )
    # Chicago: headline-style capitals, British quotation marks (en-GB), day month year.
    assert found["chicago"] == (
        "Global Social Economy Forum. ‘Financing the Social Economy: “patient” Capital "
        "&amp; {co-ops}’. Workshop. GSEF 2021 Mexico, Mexico City, GSEF Knowledge Base, "
        f"20 October 2021. {URL.format('en')}."
    )


def test_cite_block_is_in_french_on_the_french_page(client, session):
    found, _html = cite_block(client, "fr")
    with translation.override("fr"):
        site, workshop = gettext("GSEF Knowledge Base"), gettext("Workshop")

    # As the French page spaces it (gsef.typography): no-break spaces before ":" and in « ».
    title = "Financer l’économie sociale\u00a0: capital «\u00a0patient\u00a0» &amp; {coopératives}"
    assert found["apa"] == (
        f"Global Social Economy Forum. (2021, octobre 20). <i>{title}</i> [{workshop}]. "
        f"GSEF 2021 Mexico, Mexico City. {site}. {URL.format('fr')}"
    )
    # A French title keeps its capitals; French quotation marks with no-break spaces.
    assert found["chicago"] == (
        f"Global Social Economy Forum. «\u00a0{title}\u00a0». {workshop}. GSEF 2021 Mexico, "
        f"Mexico City, {site}, 20 octobre 2021. {URL.format('fr')}."
    )


def test_cite_block_escapes_markup_in_titles(client, session):
    session.title_en = "<script>alert(1)</script> & more"
    session.save()

    found, html = cite_block(client, "en")

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in found["apa"]


def test_cite_block_links_the_downloads_and_keeps_the_permanent_address(client, session):
    _found, html = cite_block(client, "en")

    assert re.findall(r'<a href="([^"]+)" download>(\w[\w-]*)</a>', html) == [
        ("/en/sessions/financing/citation.bib", "BibTeX"),
        ("/en/sessions/financing/citation.ris", "RIS"),
        ("/en/sessions/financing/citation.json", "CSL-JSON"),
    ]
    assert f'<a href="{URL.format("en")}">{URL.format("en")}</a>' in html


def download(client, url, content_type, filename):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == f"{content_type}; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    return response.content.decode("utf-8")


def braces_balance(text):
    depth = 0
    for match in re.finditer(r"\\.|[{}]", text):
        token = match.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def test_bibtex_download_escapes_special_characters(client, session):
    text = download(
        client, "/fr/sessions/financing/citation.bib", "application/x-bibtex", "financing.bib"
    )

    assert braces_balance(text)
    assert text.startswith("@misc{financing,\n")
    assert text.endswith("}\n")
    assert (
        "  title = {{Financer l'{\\'e}conomie sociale : capital \\guillemotleft{} patient "
        "\\guillemotright{} \\& \\{coop{\\'e}ratives\\}}},\n"
    ) in text
    assert "  author = {{Global Social Economy Forum}},\n" in text
    assert "  year = {2021},\n  month = {10},\n  day = {20},\n" in text
    assert "  url = {http://testserver/fr/sessions/financing/},\n" in text
    assert "  language = {french},\n" in text
    assert text.isascii()


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Économie & co", "{\\'E}conomie \\& co"),
        (
            "{50 %} $ # _ ~ ^ \\",
            "\\{50 \\%\\} \\$ \\# \\_ \\textasciitilde{} \\textasciicircum{} \\textbackslash{}",
        ),
        ("“quoted” ‘once’", "``quoted'' `once'"),
        ("Façade, naïve, cœur, señor", 'Fa{\\c c}ade, na{\\"i}ve, c{\\oe}ur, se{\\~n}or'),
    ],
)
def test_bibtex_escape(text, escaped):
    assert bibtex_escape(text) == escaped
    assert braces_balance(bibtex_escape(text))


def test_ris_download_has_one_tag_a_line(client, session):
    text = download(
        client,
        "/en/sessions/financing/citation.ris",
        "application/x-research-info-systems",
        "financing.ris",
    )

    lines = text.split("\r\n")
    assert lines[0] == "TY  - ELEC"
    assert lines[-2:] == ["ER  - ", ""]
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines[:-1])
    assert "TI  - Financing the social economy: “patient” capital & {co-ops}" in lines
    assert "DA  - 2021/10/20" in lines
    assert "UR  - http://testserver/en/sessions/financing/" in lines
    assert "AB  - Banks & funds." in lines
    assert "KW  - Finance" in lines


def test_csl_json_download(client, session):
    text = download(
        client,
        "/fr/sessions/financing/citation.json",
        "application/vnd.citationstyles.csl+json",
        "financing.json",
    )

    [item] = json.loads(text)
    with translation.override("fr"):
        site = gettext("GSEF Knowledge Base")
    assert item == {
        "id": "financing",
        "type": "webpage",
        "title": "Financer l’économie sociale : capital « patient » & {coopératives}",
        "author": [{"literal": "Global Social Economy Forum"}],
        "container-title": site,
        "genre": item["genre"],
        "event": "GSEF 2021 Mexico",
        "event-place": "Mexico City",
        "issued": {"date-parts": [[2021, 10, 20]]},
        "URL": "http://testserver/fr/sessions/financing/",
        "language": "fr",
        "abstract": "Banks & funds.",  # the English summary, no French one yet
        "keyword": "Finance solidaire",
    }


def test_online_forum_is_the_place(client, session):
    session.forum.is_virtual = True
    session.forum.save()

    [item] = json.loads(client.get("/en/sessions/financing/citation.json").content)

    assert item["event-place"] == "Online"


@pytest.mark.parametrize("suffix", ["citation.bib", "citation.ris", "citation.json"])
def test_draft_has_no_citation(client, session, suffix):
    SessionFactory(slug="draft", is_published=False)

    assert client.get(f"/en/sessions/draft/{suffix}").status_code == 404
    assert client.get(f"/en/sessions/nope/{suffix}").status_code == 404
