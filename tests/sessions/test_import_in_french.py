"""The import in the admin speaks the admin's language: on /fr/admin/ the preview's table,
warnings and skipped lines, and the reasons a file is refused, are in French; on /en/admin/
the same upload says the same in English."""

import datetime
import html
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from sessions.models import Session
from tests.factories import ForumFactory, OrganisationFactory
from tests.sessions.word_report_builders import render

pytestmark = pytest.mark.django_db

NB = "\u00a0"  # French sets a no-break space before ; : ? ! and inside « »

# No date line (the forum's first day is used), a pasted HTML line, an unknown country.
REPORT = """\
GSEF Global Forum Bordeaux 2025

Title of the session: **Public procurement that favours the social economy**

Type of session: Plenary

Language: English

<div class="screenshot">Ana Ruiz, Tom Reilly</div>

### Speakers

1. Mr. Jean Darbo, Deputy Mayor, City of Lormont, Atlantis: Buying local and social

## Summary of presentations

### 1. Mr. Jean Darbo

He presented a project that reserves a share of the city's contracts for social enterprises.
"""

WARNINGS = {
    "fr": [
        f"pas de ligne «{NB}Date{NB}» dans l’en-tête",
        f"pas de ligne «{NB}Participants{NB}» dans l’en-tête",
        f"ligne 13{NB}: pays inconnu «{NB}Atlantis{NB}» pour Jean Darbo{NB}; laissé vide (écrivez "
        f"le nom du pays, par exemple «{NB}France{NB}», ou corrigez-le dans le brouillon)",
        f"pas de section sur la modération{NB}; la session reste sans modération",
        "pas de question directrice",
        "pas de questions du public",
        "pas de remarques de clôture",
        f"aucun forum de la base de connaissances ne contient cette session{NB}: le forum "
        f"«{NB}GSEF Global Forum Bordeaux 2025{NB}» a été créé d’après le compte rendu (son "
        f"année, du 2025-01-01 au 2025-01-01){NB}; vérifiez-le dans l’administration",
        f"pas de date de session{NB}; le premier jour du forum (2025-01-01) est utilisé{NB}: "
        "corrigez-la dans le brouillon",
    ],
    "en": [
        "no date line in the header",
        "no participants line in the header",
        "line 13: unknown country “Atlantis” for Jean Darbo; left empty (write the country's "
        "name, e.g. “France”, or correct it in the draft)",
        "no moderator section; the session has no moderator",
        "no guiding question",
        "no audience questions",
        "no closing remarks",
        "no forum in the knowledge base holds this session: the forum “GSEF Global Forum "
        "Bordeaux 2025” was made from the report (its year, 2025-01-01 to 2025-01-01); check "
        "it in the admin",
        "no session date; the forum's first day (2025-01-01) is used: correct it in the draft",
    ],
}
SKIPPED = {
    "fr": [f"ligne 9{NB}: fragment HTML ignoré (les noms ne sont pas importés)"],
    "en": ["line 9: HTML fragment skipped (names not imported)"],
}
ROWS = {  # the speaker's organisation is in the knowledge base already
    "fr": [
        ("forum", "création", "GSEF Global Forum Bordeaux 2025"),
        ("session", "création", "Public procurement that favours the social economy"),
        ("organisation", "déjà dans la base", "City of Lormont"),
        ("intervenant", "création", "Jean Darbo"),
        ("présentation", "création", "Jean Darbo: Buying local and social"),
    ],
    "en": [
        ("forum", "created", "GSEF Global Forum Bordeaux 2025"),
        ("session", "created", "Public procurement that favours the social economy"),
        ("organisation", "matched", "City of Lormont"),
        ("speaker", "created", "Jean Darbo"),
        ("presentation", "created", "Jean Darbo: Buying local and social"),
    ],
}


def import_url(language):
    with translation.override(language):
        return reverse("admin:forum_sessions_session_import")


def upload(client, language, name, data):
    return client.post(import_url(language), {"report": SimpleUploadedFile(name, data)})


def items(page, list_class):
    """The texts of the <li> of the list with that class, as the reader sees them."""
    match = re.search(rf'<ul class="{list_class}"[^>]*>(.*?)</ul>', page, re.DOTALL)
    assert match, f"no list {list_class} on the page"
    return [html.unescape(item) for item in re.findall(r"<li>(.*?)</li>", match.group(1))]


def rows(page):
    found = re.findall(
        r'<tr class="action-\w+"><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>', page
    )
    return [tuple(html.unescape(cell) for cell in row) for row in found]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_preview_says_what_the_import_will_do_in_the_admins_language(client, editor, language):
    OrganisationFactory(name="City of Lormont", acronym="", country="")
    client.force_login(editor)

    response = upload(client, language, "bordeaux.md", REPORT.encode())

    page = response.content.decode()
    assert rows(page) == ROWS[language]
    assert items(page, "import-warnings") == WARNINGS[language]
    assert items(page, "import-skipped") == SKIPPED[language]
    assert not Session.objects.exists()


# A report in French: its rows are written with French active, but what the import says
# follows the admin's language, not the report's.
FRENCH_REPORT = """\
Forum mondial GSEF Bordeaux 2025

Intitulé de la séance : **Des marchés publics favorables à l’économie sociale**

Type de séance : Plénière

Langues : français

Participants : 40 en salle

### Intervenants

1. M. Jean Darbo, maire adjoint, Ville de Lormont, France : Acheter local et social

## Résumé des présentations

### 1. M. Jean Darbo

Il a présenté un projet qui réserve une part des marchés de la ville aux entreprises sociales.

## Mot de la fin

Bertrand Dupont : Acheter est une politique.
"""


FRENCH_REPORT_WARNINGS = {
    "fr": [
        f"pas de ligne «{NB}Date{NB}» dans l’en-tête",
        f"pas de section sur la modération{NB}; la session reste sans modération",
        "pas de question directrice",
        "pas de questions du public",
        f"aucun forum de la base de connaissances ne contient cette session{NB}: le forum "
        f"«{NB}Forum mondial GSEF Bordeaux 2025{NB}» a été créé d’après le compte rendu (son "
        f"année, du 2025-01-01 au 2025-01-01){NB}; vérifiez-le dans l’administration",
        f"pas de date de session{NB}; le premier jour du forum (2025-01-01) est utilisé{NB}: "
        "corrigez-la dans le brouillon",
        f"ligne 23{NB}: Bertrand Dupont n’est pas un intervenant connu{NB}; un intervenant a été "
        "ajouté",
    ],
    "en": [
        "no date line in the header",
        "no moderator section; the session has no moderator",
        "no guiding question",
        "no audience questions",
        "no forum in the knowledge base holds this session: the forum “Forum mondial GSEF "
        "Bordeaux 2025” was made from the report (its year, 2025-01-01 to 2025-01-01); check "
        "it in the admin",
        "no session date; the forum's first day (2025-01-01) is used: correct it in the draft",
        "line 23: Bertrand Dupont is not a known speaker; a speaker was added",
    ],
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_french_report_is_described_in_the_admins_language(client, editor, language):
    client.force_login(editor)

    response = upload(client, language, "bordeaux-fr.md", FRENCH_REPORT.encode())

    assert items(response.content.decode(), "import-warnings") == FRENCH_REPORT_WARNINGS[language]


def word_file(date):
    document = render(
        "Bordeaux",
        [
            ("p", "GSEF Global Forum Bordeaux 2025"),
            ("label", "Title of the session:", "Public procurement"),
            ("label", "Type of session:", "Plenary"),
            ("label", "Date:", date),
            ("h2", "Speakers"),
            ("number", "Mr. Jean Darbo, Deputy Mayor, City of Lormont, France"),
        ],
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


OUTSIDE = (
    "La date 2025-06-09 est en dehors du forum GSEF Global Forum Bordeaux 2025, qui s’est "
    "tenu du 2025-05-02 au 2025-05-04."
)
OUTSIDE_EN = (
    "2025-06-09 is outside GSEF Global Forum Bordeaux 2025, which ran from 2025-05-02 to "
    "2025-05-04."
)


@pytest.mark.parametrize(
    ("name", "data", "french", "english"),
    [
        ("blank.md", b"  \n\n  ", "le fichier est vide", "the file is empty"),
        (
            "image.md",
            b"Title\n\x89PNG\r\n\x1a\n\x00\x00\x00",
            f"ligne 4{NB}: le fichier contient des données binaires (un octet NUL){NB}: est-ce "
            f"bien un compte rendu en texte{NB}?",
            "line 4: the file holds binary data (a NUL byte): is it a text report?",
        ),
        (
            "garbled.txt",
            b"Title of the session: Markets\n\xff\x81\n",
            f"ligne 2{NB}: le fichier n’est du texte ni en UTF-8 ni en Latin-1{NB}; "
            "enregistrez-le en UTF-8",
            "line 2: the file is neither UTF-8 nor Latin-1 text; save it as UTF-8",
        ),
        (
            "notes.txt",
            b"Some notes about lunch.",
            f"ligne 1{NB}: ce texte ne ressemble pas à un compte rendu de session{NB}: ni titre "
            f"de session (une ligne comme «{NB}Titre de la session{NB}: …{NB}») ni intervenants "
            "n’y ont été trouvés",
            "line 1: this does not read as a session report: no session title (a line like "
            "“Title of the session: …”) and no speakers were found",
        ),
        (
            "report.pdf",
            b"%PDF-1.7 a report",
            f"les fichiers PDF ne sont pas encore pris en charge{NB}: enregistrez le compte rendu "
            "en Word (.docx), en Markdown ou en texte brut, et importez ce fichier",
            "PDF files are not supported yet: save the report as Word (.docx), Markdown or "
            "plain text and import that",
        ),
        (
            "outside.md",
            REPORT.replace("Language: English", "Date: 9 June\n\nLanguage: English").encode(),
            f"ligne 7{NB}: date{NB}: {OUTSIDE}",
            f"line 7: date: {OUTSIDE_EN}",
        ),
        (
            "outside.docx",
            word_file("9 June 2025"),
            f"paragraphe 4{NB}: date{NB}: {OUTSIDE}",
            f"paragraph 4: date: {OUTSIDE_EN}",
        ),
    ],
    ids=["blank", "nul-byte", "undecodable", "not-a-report", "pdf", "date-outside", "word"],
)
def test_a_refused_file_says_why_in_the_admins_language(
    client, editor, name, data, french, english
):
    ForumFactory(
        name="GSEF Global Forum Bordeaux 2025",
        year=2025,
        start_date=datetime.date(2025, 5, 2),
        end_date=datetime.date(2025, 5, 4),
        is_virtual=False,
    )
    client.force_login(editor)

    in_french = upload(client, "fr", name, data)
    in_english = upload(client, "en", name, data)

    assert items(in_french.content.decode(), "errorlist") == [french]
    assert items(in_english.content.decode(), "errorlist") == [english]
    assert not Session.objects.exists()
