"""The report parser against the noise of real rapporteurs' reports.

Each file in reports/ exercises one kind of noise and is named after it; the expected values
below are what a careful reader of the file would write down, field by field. Parsing needs no
database: these are plain functions.
"""

import dataclasses
import datetime
from functools import cache
from pathlib import Path

import pytest

from sessions.importer import Problem, ReportError, fold, parse_report, read_report

REPORTS = Path(__file__).resolve().parent / "reports"
SHARED_REPORT = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "reports"
    / "gsef2020-promotion-and-support-mechanisms.md"
)


@cache
def load(name):
    """(text, read warnings, ParsedReport) of one report file; tests only read the result."""
    text, warnings = read_report((REPORTS / name).read_bytes())
    return text, warnings, parse_report(text)


def parsed(name):
    return load(name)[2]


def person(p):
    return (p.name, p.role, p.organisation, p.acronym, p.country)


def speakers(report):
    return [person(p.speaker) for p in report.presentations]


def problems(items):
    return sorted(((p.line or 0, p.message) for p in items), key=lambda item: item[0])


def question(q):
    return (q.asker_name, q.asker_country, q.question, q.answer, q.answered_by)


def everything(report):
    """The whole result as one folded string, to look for names that must not be there."""
    return fold(str(dataclasses.asdict(report)))


# bold-headings-crlf.md: bold section headings, "1)" and "2 -" numbering, honorifics, CRLF


def test_bold_headings_crlf_fixture_really_has_crlf():
    data = (REPORTS / "bold-headings-crlf.md").read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") == 70


def test_bold_headings_crlf_line_endings_are_normalised():
    text, warnings, _report = load("bold-headings-crlf.md")
    assert "\r" not in text
    assert len(text.split("\n")) == 71  # 70 lines and the empty string after the last "\n"
    assert warnings == []


def test_bold_headings_crlf_header():
    report = parsed("bold-headings-crlf.md")
    assert report.language == "en"
    assert report.forum_name == "GSEF Global Forum Bilbao"
    assert (report.forum_start, report.forum_end) == (
        datetime.date(2018, 10, 1),
        datetime.date(2018, 10, 3),
    )
    assert report.title == (
        "Community Land Trusts and Cooperative Housing: Keeping Cities Affordable"
    )
    assert report.title_line == 6
    assert report.title_fr == ""
    assert report.session_type == "roundtable"
    assert report.languages == ["en", "es"]
    assert report.date == datetime.date(2018, 10, 2)
    assert report.start_time is None
    assert report.duration_minutes == 120
    assert report.participant_count == 65
    assert report.participation_channel == "In Person"


def test_bold_headings_crlf_bold_central_theme():
    report = parsed("bold-headings-crlf.md")
    assert report.central_theme == (
        "Cities that Care: the Social and Solidarity Economy in Everyday Life"
    )
    assert report.skipped == []


def test_bold_headings_crlf_moderator_honorific_dr_without_dot():
    moderator = parsed("bold-headings-crlf.md").moderator
    assert person(moderator) == (
        "Amaia Olabarri",
        "Coordinator",
        "Bizkaia Federation of Housing Cooperatives",
        "",
        "ES",
    )
    assert moderator.line == 20


def test_bold_headings_crlf_numbered_speakers_in_both_styles():
    report = parsed("bold-headings-crlf.md")
    assert speakers(report) == [
        ("Tomás Erreka", "President", "Etxeberri Housing Cooperative", "EHC", "ES"),
        ("Colette Vauquelin", "Director", "Fondation Habitat Solidaire", "FHS", "FR"),
        ("Kwame Asante-Boateng", "Researcher", "University of Cape Coast", "", "GH"),
        ("Ingrid Solheim", "Project Manager", "Oslo Housing Commons", "", "NO"),
    ]
    assert [p.speaker.line for p in report.presentations] == [24, 25, 26, 27]
    assert [p.title for p in report.presentations] == [
        "Thirty Years of Cooperative Housing in the Basque Country",
        "A Land Trust for the Lille Metropolis",
        "Mapping Informal Housing Cooperatives in Accra",
        "Tenant-Owned Blocks after the 2008 Crisis",
    ]


def test_bold_headings_crlf_summaries_under_bold_numbered_headings():
    presentations = parsed("bold-headings-crlf.md").presentations
    assert presentations[0].summary.startswith("Mr. Erreka described how 40 families")
    assert presentations[0].summary.endswith("tied to the cost of construction.")
    assert presentations[1].summary.startswith("Mme Vauquelin explained how the foundation")
    assert presentations[1].summary.endswith("half of them to households on modest incomes.")
    assert presentations[2].summary.startswith("Prof. Asante-Boateng presented a survey")
    assert presentations[3].summary.startswith("Mrs. Solheim told how tenants bought")
    assert presentations[3].summary.endswith("lends the deposit to tenant groups.")
    assert [p.initiatives for p in presentations] == [
        ["Etxeberri Berria"],
        ["Lille Solidarity Land Trust"],
        [],
        ["Felles Tak"],
    ]


def test_bold_headings_crlf_guiding_question():
    report = parsed("bold-headings-crlf.md")
    assert report.guiding_question == (
        "How can cities keep housing affordable without pushing communities out?"
    )
    assert report.guiding_synthesis.startswith("The speakers agreed that land must be taken")
    assert report.guiding_synthesis.endswith("residents must govern their homes themselves.")


def test_bold_headings_crlf_audience_question():
    report = parsed("bold-headings-crlf.md")
    assert [question(q) for q in report.questions] == [
        (
            "Jon Aguirre",
            "ES",
            "How do new cooperatives finance the first purchase of land?",
            "Through a municipal lease at first, and later through ethical banks that accept "
            "the cooperative's shares as a guarantee.",
            "Tomás Erreka",
        )
    ]
    assert report.questions[0].line == 55


def test_bold_headings_crlf_closing_remarks_strip_honorifics():
    remarks = parsed("bold-headings-crlf.md").remarks
    assert [(r.line, r.name) for r in remarks] == [
        (63, "Amaia Olabarri"),
        (68, "Colette Vauquelin"),
    ]
    assert remarks[0].text == (
        "Housing cooperatives are not a niche: they are a public policy tool that cities can "
        "use today.\n\nNetworks such as GSEF should help them share their models across "
        "continents."
    )
    assert remarks[1].text == "A land trust takes ten years to build, so it must start now."


def test_bold_headings_crlf_no_warnings():
    assert parsed("bold-headings-crlf.md").warnings == []


# french-bom.md: a French report with French labels and months, starting with a UTF-8 BOM


def test_french_bom_fixture_really_starts_with_bom():
    assert (REPORTS / "french-bom.md").read_bytes().startswith(b"\xef\xbb\xbf## ")


def test_french_bom_bom_is_dropped():
    text, warnings, _report = load("french-bom.md")
    assert text.startswith("## Le numérique")
    assert "\ufeff" not in text
    assert warnings == []


def test_french_bom_language_is_french():
    assert parsed("french-bom.md").language == "fr"


def test_french_bom_header():
    report = parsed("french-bom.md")
    assert report.central_theme == "Le numérique au service de l'économie sociale et solidaire"
    assert report.forum_name == "Forum mondial de l'économie sociale GSEF"
    assert (report.forum_start, report.forum_end) == (
        datetime.date(2023, 12, 1),
        datetime.date(2023, 12, 4),
    )
    assert report.title == (
        "Coopératives de plateforme : reprendre la main sur l'économie numérique"
    )
    assert report.title_fr == ""
    assert report.title_line == 6
    assert report.session_type == "workshop"
    assert report.languages == ["fr", "en"]


def test_french_bom_french_date_without_year_takes_the_forum_year():
    report = parsed("french-bom.md")
    assert report.date == datetime.date(2023, 12, 2)
    assert report.date_line == 12


def test_french_bom_french_time_range():
    report = parsed("french-bom.md")
    assert report.start_time == datetime.time(14, 30)
    assert report.duration_minutes == 90


def test_french_bom_participants():
    report = parsed("french-bom.md")
    assert report.participant_count == 85
    assert report.participation_channel == "Zoom"


def test_french_bom_moderator():
    moderator = parsed("french-bom.md").moderator
    assert person(moderator) == (
        "Aminata Diallo-Sow",
        "Directrice",
        "Réseau Sénégalais des Coopératives Numériques",
        "RSCN",
        "SN",
    )


def test_french_bom_speakers_with_french_honorifics_and_colon_spacing():
    report = parsed("french-bom.md")
    assert [(p.speaker.name, p.speaker.country, p.speaker.line) for p in report.presentations] == [
        ("Ousmane Ndiaye", "SN", 24),
        ("Claire Fontanel", "FR", 25),
        ("Jean-Baptiste Kaboré", "BF", 26),
    ]
    assert [p.title for p in report.presentations] == [
        "Une plateforme coopérative de livraison à Dakar",
        "Les coopératives d'activité face aux plateformes",
        "Le travail numérique vu depuis Bobo-Dioulasso",
    ]


def test_french_bom_speaker_roles_and_organisations():
    assert speakers(parsed("french-bom.md")) == [
        ("Ousmane Ndiaye", "Fondateur", "Coopérative Yoonu Jàmm", "CYJ", "SN"),
        (
            "Claire Fontanel",
            "Chargée de mission",
            "Coopérative d'activité Oxalis Numérique",
            "",
            "FR",
        ),
        (
            "Jean-Baptiste Kaboré",
            "Professeur",
            "Institut supérieur de l'économie sociale de Bobo",
            "",
            "BF",
        ),
    ]


def test_french_bom_summaries():
    presentations = parsed("french-bom.md").presentations
    assert presentations[0].summary.startswith("M. Ndiaye a présenté un projet appelé")
    assert presentations[0].summary.endswith("partagent les excédents en fin d'année.")
    assert presentations[1].summary.startswith("Mme Fontanel a décrit")
    assert presentations[2].summary.startswith("M. Kaboré a rappelé")
    assert presentations[2].summary.endswith("peuvent combler ce vide.")


def test_french_bom_initiative_un_projet_appele():
    assert parsed("french-bom.md").presentations[0].initiatives == ["Jàmm Livraison"]


def test_french_bom_initiative_with_typographic_apostrophe():
    # "l’initiative intitulée « … »": Word writes the apostrophe as ’.
    presentations = parsed("french-bom.md").presentations
    assert [p.initiatives for p in presentations] == [
        ["Jàmm Livraison"],
        ["Les Coursiers Associés"],
        [],
    ]


def test_french_bom_guiding_question():
    report = parsed("french-bom.md")
    assert report.guiding_question == (
        "Comment l'ESS peut-elle protéger les travailleurs des plateformes ?"
    )
    assert report.guiding_synthesis == (
        "Les intervenants se sont accordés sur la nécessité de donner aux travailleurs la "
        "propriété des outils numériques, et de s'appuyer sur les mutuelles pour la protection "
        "sociale."
    )


def test_french_bom_audience_questions_with_reponse():
    report = parsed("french-bom.md")
    assert [question(q) for q in report.questions] == [
        (
            "Fatou Sarr",
            "SN",
            "Comment les coopératives de coursiers obtiennent-elles un crédit bancaire ?",
            "Grâce à une mutuelle d'épargne créée par les coursiers eux-mêmes, qui se porte "
            "garante auprès de la banque.",
            "Ousmane Ndiaye",
        ),
        (
            "Henri Lebrun",
            "BE",
            "Une plateforme coopérative peut-elle rivaliser avec les grandes plateformes "
            "mondiales ?",
            "Oui, à l'échelle d'une ville, si les collectivités locales lui confient leurs "
            "propres commandes.",
            "Claire Fontanel",
        ),
    ]
    assert [q.line for q in report.questions] == [50, 56]


def test_french_bom_closing_remarks_keep_hyphenated_names():
    remarks = parsed("french-bom.md").remarks
    assert [(r.line, r.name) for r in remarks] == [
        (64, "Aminata Diallo-Sow"),
        (69, "Claire Fontanel"),
    ]
    assert remarks[0].text == (
        "Le numérique n'est pas une fatalité : les coopératives montrent qu'il peut servir le "
        "travail décent.\n\nLe réseau continuera ces échanges lors du prochain forum."
    )
    assert remarks[1].text == "Il faut former les élus locaux aux coopératives de plateforme."


def test_french_bom_no_warnings_nothing_skipped():
    report = parsed("french-bom.md")
    assert report.warnings == []
    assert report.skipped == []


# latin1.txt: plain text in cp1252, accented names, section labels as "Label:" lines


def test_latin1_fixture_really_is_not_utf8():
    data = (REPORTS / "latin1.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "Hélène Côté".encode("cp1252") in data


def test_latin1_read_as_cp1252_with_a_warning():
    text, warnings, _report = load("latin1.txt")
    assert warnings == [Problem(1, "the file is not UTF-8; it was read as Latin-1 (cp1252)")]
    assert text.startswith("GSEF Global Forum 2016 – Montréal\n")
    assert "\ufffd" not in text


def test_latin1_header():
    report = parsed("latin1.txt")
    assert report.language == "en"
    assert report.central_theme == ""
    assert report.forum_name == "GSEF Global Forum 2016 – Montréal"
    assert (report.forum_start, report.forum_end) == (
        datetime.date(2016, 9, 7),
        datetime.date(2016, 9, 9),
    )
    assert report.title == "Financing Social Enterprises in French-Speaking Cities"
    assert report.session_type == "plenary"
    assert report.languages == ["fr", "en"]
    assert report.date == datetime.date(2016, 9, 8)
    assert report.start_time == datetime.time(9, 30)
    assert report.duration_minutes == 90
    assert report.participant_count == 210
    assert report.participation_channel == "In Person"


def test_latin1_moderator_under_a_label_line():
    moderator = parsed("latin1.txt").moderator
    assert person(moderator) == (
        "Frédéric Bélanger",
        "Executive Director",
        "Réseau québécois de la finance solidaire",
        "RQFS",
        "CA",
    )
    assert moderator.line == 13


def test_latin1_speakers_accented_names():
    report = parsed("latin1.txt")
    assert [
        (p.speaker.name, p.speaker.acronym, p.speaker.country, p.speaker.line)
        for p in report.presentations
    ] == [
        ("Hélène Côté", "CESL", "CA", 17),
        ("François Ménard", "FCG", "FR", 18),
        ("Gisèle Ngoumou", "", "CM", 19),
        ("Joaquim Façanha", "BCA", "BR", 20),
    ]
    assert [p.title for p in report.presentations] == [
        "Patient Capital for Cooperatives",
        "Regional Guarantee Funds for SSE Enterprises",
        "Tontines as Seed Capital",
        "Community Banks and Local Currencies",
    ]


def test_latin1_speaker_roles_and_organisations():
    # "Name, Role, Organisation (ACR), Country": the second segment is the role even when
    # the word ("Treasurer") is not in the parser's vocabulary.
    assert speakers(parsed("latin1.txt")) == [
        ("Hélène Côté", "President", "Caisse d'économie solidaire des Laurentides", "CESL", "CA"),
        ("François Ménard", "Director", "Fonds coopératif de la Garonne", "FCG", "FR"),
        ("Gisèle Ngoumou", "Coordinator", "Réseau camerounais de microfinance solidaire", "", "CM"),
        ("Joaquim Façanha", "Treasurer", "Banco Comunitário Açude", "BCA", "BR"),
    ]


def test_latin1_summaries_under_plain_numbered_lines():
    presentations = parsed("latin1.txt").presentations
    assert presentations[0].summary.startswith("Ms. Côté explained how the credit union")
    assert presentations[1].summary.startswith("Mr. Ménard described a regional guarantee")
    assert presentations[1].summary.endswith("by eleven cooperative banks.")
    assert presentations[2].summary.startswith("Ms. Ngoumou showed how tontines")
    assert presentations[3].summary.startswith("Mr. Façanha presented the Açude Community")
    assert [p.initiatives for p in presentations] == [
        ["Capital patient Laurentides"],
        [],
        [],
        ["Açude Community Bank"],
    ]


def test_latin1_guiding_question_audience_and_remarks():
    report = parsed("latin1.txt")
    assert report.guiding_question == "What role can local finance play after the crisis?"
    assert report.guiding_synthesis.startswith("All speakers stressed that finance close")
    assert [question(q) for q in report.questions] == [
        (
            "Anaïs Lefèvre",
            "FR",
            "Is there a guarantee fund for SSE enterprises at European level?",
            "Not yet, but the European Investment Fund has started to guarantee loans of some "
            "social banks.",
            "François Ménard",
        )
    ]
    assert [(r.line, r.name) for r in report.remarks] == [(56, "Frédéric Bélanger")]
    assert report.remarks[0].text.startswith("Local finance is the missing link")


def test_latin1_no_parse_warnings_nothing_skipped():
    report = parsed("latin1.txt")
    assert report.warnings == []
    assert report.skipped == []


# missing-sections.md: no guiding question, no audience questions, no closing remarks


def test_missing_sections_warns_for_each_missing_section():
    assert problems(parsed("missing-sections.md").warnings) == [
        (0, "no guiding question"),
        (0, "no audience questions"),
        (0, "no closing remarks"),
    ]


def test_missing_sections_leaves_them_empty():
    report = parsed("missing-sections.md")
    assert report.guiding_question == ""
    assert report.guiding_synthesis == ""
    assert report.questions == []
    assert report.remarks == []
    assert report.skipped == []


def test_missing_sections_still_reads_the_header():
    report = parsed("missing-sections.md")
    assert report.central_theme == "Solidarity Economy and the Care of Older People"
    assert report.forum_name == "GSEF Global Forum Seoul"
    assert (report.forum_start, report.forum_end) == (
        datetime.date(2014, 9, 5),
        datetime.date(2014, 9, 7),
    )
    assert report.title == "Care Cooperatives for an Ageing Society"
    assert report.session_type == "side_event"
    assert report.languages == ["en", "ko"]
    assert report.date == datetime.date(2014, 9, 6)
    assert report.start_time is None
    assert report.duration_minutes == 90
    assert report.participant_count == 48
    assert report.participation_channel == ""


def test_missing_sections_still_reads_moderator_and_speakers():
    report = parsed("missing-sections.md")
    assert person(report.moderator) == (
        "Min-ji Park",
        "Researcher",
        "Seoul Institute for Social Enterprise",
        "",
        "KR",
    )
    assert speakers(report) == [
        ("Dong-hyun Lee", "President", "Haenam Home Care Cooperative", "HHCC", "KR"),
        ("Rosa Bianchi", "Coordinator", "Federation of Social Cooperatives of Emilia", "", "IT"),
        ("Tadashi Morimoto", "Director", "Kobe Workers' Cooperative Union", "", "JP"),
    ]
    assert [p.title for p in report.presentations] == [
        "Home Care Owned by the Carers",
        "Social Cooperatives and Municipal Care Contracts",
        "Neighbourhood Care Teams in Kobe",
    ]


def test_missing_sections_still_reads_the_summaries():
    presentations = parsed("missing-sections.md").presentations
    assert presentations[0].summary.startswith("Mr. Lee explained how 120 home carers")
    assert presentations[1].summary.endswith("put this model at risk.")
    assert presentations[2].summary.endswith("together with volunteers and the local clinic.")
    assert [p.initiatives for p in presentations] == [
        ["Carers First"],
        [],
        ["Kobe Neighbourhood Care"],
    ]


# ocr-html-noise.md: an OCR'd screenshot and HTML fragments with misspelt names


OCR_MISSPELLINGS = [
    "Wanjiro",
    "Kamao",
    "Ortego",
    "Zelinska",
    "Directress",
    "Kenia",
    "Coperativas",
    "Transiton",
    "Oficer",
]


def test_ocr_html_noise_header():
    report = parsed("ocr-html-noise.md")
    assert report.central_theme == "Social Economy for a Just Transition"
    assert report.forum_name == "GSEF Global Forum Mexico City"
    assert (report.forum_start, report.forum_end) == (
        datetime.date(2021, 10, 4),
        datetime.date(2021, 10, 8),
    )
    assert report.title == (
        "Green Jobs from the Ground Up: Cooperatives in the Energy and Waste Transition"
    )
    assert report.session_type == "workshop"
    assert report.languages == ["en", "es"]
    assert report.date == datetime.date(2021, 10, 6)
    assert report.start_time is None
    assert report.duration_minutes == 60
    assert report.participant_count == 52
    assert report.participation_channel == "Zoom"


def test_ocr_html_noise_body_names_win():
    report = parsed("ocr-html-noise.md")
    assert person(report.moderator) == (
        "Samuel Okafor",
        "Head of Programmes",
        "African Social Economy Network",
        "",
        "NG",
    )
    assert speakers(report) == [
        ("Wanjiru Kamau", "Director", "Nairobi Waste Pickers Cooperative", "NWPC", "KE"),
        ("Rafael Ortega Llanos", "Coordinator", "Red de Cooperativas Solares de Oaxaca", "", "MX"),
        ("Ewa Zielińska", "Policy Officer", "Silesian Just Transition Fund", "", "PL"),
    ]
    assert [p.title for p in report.presentations] == [
        "Waste Pickers as Recycling Entrepreneurs",
        "Community Solar Cooperatives in Oaxaca",
        "Retraining Miners through Social Enterprises",
    ]


def test_ocr_html_noise_no_misspelt_name_anywhere():
    text = everything(parsed("ocr-html-noise.md"))
    for word in OCR_MISSPELLINGS:
        assert fold(word) not in text, word


def test_ocr_html_noise_summaries_without_the_fragments():
    presentations = parsed("ocr-html-noise.md").presentations
    assert presentations[0].summary == (
        "Ms. Kamau told how 300 waste pickers of the Dandora dump organised themselves into a "
        "cooperative that now sells sorted plastic directly to recyclers. She presented a "
        'project called "Taka ni Mali", which trains young people to repair electronic waste.'
    )
    assert presentations[1].summary.startswith("Mr. Ortega Llanos presented the Sol Comunitario")
    assert presentations[2].summary.endswith("with two years of wage support.")
    assert [p.initiatives for p in presentations] == [["Taka ni Mali"], ["Sol Comunitario"], []]


def test_ocr_html_noise_fragments_reported_as_skipped_with_lines():
    assert problems(parsed("ocr-html-noise.md").skipped) == [
        (3, "HTML fragment skipped (names not imported)"),
        (
            29,
            "text in the speakers section that is not a numbered speaker (a screenshot's OCR?) "
            "skipped; the names above are used",
        ),
        (34, "HTML fragment skipped (names not imported)"),
        (39, "section “RECYCLING WITH DIGNITY” is not part of the template; skipped"),
        (49, "HTML fragment skipped (names not imported)"),
    ]


def test_ocr_html_noise_rest_of_the_report():
    report = parsed("ocr-html-noise.md")
    assert report.guiding_question == "Who should own the green economy?"
    assert report.guiding_synthesis.startswith("The speakers agreed that workers and communities")
    assert [question(q) for q in report.questions] == [
        (
            "Lupita Hernández",
            "MX",
            "How do the solar cooperatives deal with the national electricity company?",
            "Through a long negotiation; the law now allows small producers to sell their surplus.",
            "Rafael Ortega Llanos",
        )
    ]
    assert [(r.line, r.name, r.text) for r in report.remarks] == [
        (
            75,
            "Samuel Okafor",
            "A just transition is a social economy transition: it must be owned by those who "
            "make it.",
        )
    ]
    assert report.warnings == []


# mixed-levels.md: headings at levels 1-4, "(1)" numbering, "Name (Country)" questions


def test_mixed_levels_header():
    report = parsed("mixed-levels.md")
    assert report.central_theme == (
        "Feeding Cities Fairly: the Social and Solidarity Economy in Food Systems"
    )
    assert report.forum_name == "GSEF Global Forum Quebec"
    assert (report.forum_start, report.forum_end) == (
        datetime.date(2022, 6, 12),
        datetime.date(2022, 6, 15),
    )
    assert report.title == "From Farm to City: Cooperative Food Chains"
    assert report.session_type == "self_organised"
    assert report.languages == ["en", "es", "pt"]
    assert report.date == datetime.date(2022, 6, 14)
    assert report.participant_count == 34
    assert report.participation_channel == "Teams"


def test_mixed_levels_time_from_to():
    # "Time: from 14:00 to 15:30"
    report = parsed("mixed-levels.md")
    assert report.start_time == datetime.time(14, 0)
    assert report.duration_minutes == 90


def test_mixed_levels_moderator_and_parenthesised_numbering():
    report = parsed("mixed-levels.md")
    assert person(report.moderator) == (
        "Ana Beatriz Moura",
        "Coordinator",
        "Brazilian Network of Solidarity Food Cooperatives",
        "",
        "BR",
    )
    assert speakers(report) == [
        ("Lucía Ferreyra", "President", "Andean Seed Guardians Association", "ASGA", "PE"),
        ("Étienne Gagnon", "Director", "Marché solidaire de Limoilou", "", "CA"),
        ("Nomvula Dlamini", "Researcher", "Institute for Food Justice", "", "ZA"),
    ]
    assert [p.title for p in report.presentations] == [
        "Native Seeds for Urban Markets",
        "A Cooperative Market in a Food Desert",
        "Township Food Gardens and Public Procurement",
    ]


def test_mixed_levels_presentation_headings_at_any_level():
    presentations = parsed("mixed-levels.md").presentations
    assert len(presentations) == 3
    assert presentations[0].summary.startswith("Ms. Ferreyra presented the initiative called")
    assert presentations[1].summary.startswith("Mr. Gagnon explained that the market opened")
    assert presentations[1].summary.endswith("with volunteer hours.")
    assert presentations[2].summary == (
        "Ms. Dlamini showed that township food gardens could supply school meals if public "
        "buyers split their tenders into small lots."
    )


def test_mixed_levels_initiatives_called_and_the_y_initiative():
    presentations = parsed("mixed-levels.md").presentations
    assert [p.initiatives for p in presentations] == [["Semillas Libres"], ["Mercado Vivo"], []]


def test_mixed_levels_guiding_question_under_a_lower_heading():
    report = parsed("mixed-levels.md")
    assert report.guiding_question == "How can cities buy food from the social economy?"
    assert report.guiding_synthesis.startswith("The speakers recommended small public tenders")


def test_mixed_levels_audience_name_country_and_answers():
    report = parsed("mixed-levels.md")
    assert [question(q) for q in report.questions] == [
        (
            "Marta Quispe",
            "PE",
            "How do the seed guardians set fair prices for the producers?",
            "The prices are agreed each season in an assembly of producers and buyers, and "
            "published on the market's board.",
            "Lucía Ferreyra",
        ),
        (
            "",
            "",
            "Can the Limoilou model work in a city without public land?",
            "Yes, the market rents its building; what matters is the support of the neighbourhood.",
            "Étienne Gagnon",
        ),
    ]
    assert [q.line for q in report.questions] == [50, 56]


def test_mixed_levels_closing_remarks():
    remarks = parsed("mixed-levels.md").remarks
    assert [(r.line, r.name, r.text) for r in remarks] == [
        (
            62,
            "Ana Beatriz Moura",
            "Food is where the social economy meets every household every day.",
        ),
        (
            66,
            "Nomvula Dlamini",
            "Public procurement is the strongest lever cities have, and it is still too rarely "
            "used.",
        ),
    ]


def test_mixed_levels_no_warnings_nothing_skipped():
    report = parsed("mixed-levels.md")
    assert report.warnings == []
    assert report.skipped == []


# unknown-country.md: a speaker's country nobody knows


def test_unknown_country_is_a_warning_naming_line_and_country_not_a_refusal():
    # Staff can set a country in the draft: it is no reason to refuse the whole report.
    report = parsed("unknown-country.md")
    [warning] = [w for w in report.warnings if "Atlantis" in w.message]
    assert warning.line == 25
    assert str(warning).startswith("line 25: unknown country “Atlantis” for Nerea Solís")
    [speaker] = [p.speaker for p in report.presentations if p.speaker.name == "Nerea Solís"]
    assert speaker.country == ""
    assert "Atlantis" not in speaker.organisation


# Small bad inputs


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t\n"])
def test_bad_input_empty_file(data):
    with pytest.raises(ReportError, match="^the file is empty$"):
        read_report(data)


def test_bad_input_nul_byte_is_binary():
    with pytest.raises(ReportError) as error:
        read_report(b"Title of the session: X\nDate: 1 May\nPK\x03\x04\x00\x00binary")
    assert error.value.line == 3
    assert "NUL byte" in str(error.value)


def test_bad_input_control_characters_are_binary():
    with pytest.raises(ReportError, match="binary data, not text"):
        read_report(bytes(range(1, 9)) * 50 + b"Title of the session: X\n")


def test_bad_input_undecodable_bytes():
    with pytest.raises(ReportError) as error:
        read_report(b"Title of the session: X\nDate: 1 May\nSpeakers: \x81\x8d\x9d\n")
    assert error.value.line == 3
    assert "neither UTF-8 nor Latin-1" in str(error.value)


def test_bad_input_twenty_megabytes():
    with pytest.raises(ReportError) as error:
        read_report(b"Title of the session: X\n" + b"a" * (20 * 1024 * 1024))
    assert "20.0 MB" in str(error.value)
    assert "at most 2 MB" in str(error.value)


def test_bad_input_not_a_report():
    text, warnings = read_report(
        b"Dear colleagues,\n\nPlease find attached the minutes of Tuesday's meeting.\n\n"
        b"Best regards,\nMaria\n"
    )
    assert warnings == []
    with pytest.raises(ReportError) as error:
        parse_report(text)
    assert error.value.line == 1
    assert str(error.value) == (
        "line 1: this does not read as a session report: no session title (a line like "
        "“Title of the session: …”) and no speakers were found"
    )


def test_bad_input_old_mac_line_endings_are_normalised():
    text, _warnings = read_report(b"one\rtwo\r\nthree\n")
    assert text == "one\ntwo\nthree\n"


# The shared real report (../shared/reports, not part of this repository)


@pytest.fixture
def real_report():
    if not SHARED_REPORT.exists():
        pytest.skip("../shared/reports is not here")
    text, warnings = read_report(SHARED_REPORT.read_bytes())
    assert warnings == []
    return parse_report(text)


def test_real_report_header(real_report):
    report = real_report
    assert report.language == "en"
    assert report.forum_name == "GSEF Global Virtual Forum"
    assert (report.forum_start, report.forum_end) == (
        datetime.date(2020, 10, 19),
        datetime.date(2020, 10, 23),
    )
    assert report.central_theme == (
        "Great Challenges, Greater Solidarity Power of Community and SSE as a Path for "
        "Transformation"
    )
    assert report.title == (
        "How to Make SSE Sustainable and Grow through Promotion and Support Mechanisms: "
        "Best Practices from around the World"
    )
    assert report.title_fr == ""
    assert report.title_line == 8
    assert report.session_type == "workshop"
    assert report.languages == ["en", "fr"]
    assert report.date == datetime.date(2020, 10, 23)
    assert report.start_time is None
    assert report.duration_minutes == 90
    assert report.participant_count == 40
    assert report.participation_channel == "Zoom"


def test_real_report_moderator(real_report):
    assert person(real_report.moderator) == (
        "Víctor Meseguer",
        "Director",
        "Social Economy Europe",
        "",
        "",
    )
    assert real_report.moderator.line == 22


def test_real_report_speakers(real_report):
    assert speakers(real_report) == [
        (
            "Elise Pierrette",
            "Representative",
            "National Network of Social and Solidarity Economy of Cameroon",
            "RESSCAM",
            "CM",
        ),
        (
            "Hager Khezami",
            "Director",
            "Regional Chamber for Social and Solidarity Economy Hauts-de-France",
            "CRESS",
            "FR",
        ),
        ("Patrice Lovesse", "", "Groupe Béninois de l'Economie Sociale", "GBESS", "BJ"),
        (
            "Helen Heap",
            "Visiting Fellow",
            "Heseltine Institute for Public Policy, Practice, and Place University of Liverpool",
            "",
            "GB",
        ),
        (
            "Khady Samba",
            "Director for Supervision of SSE",
            "Senegalese Ministry for Microfinance and SSE",
            "",
            "SN",
        ),
        (
            "Astrid Kaag",
            "Senior Policy Advisor - International Relations",
            "Province of Noord-Brabant",
            "",
            "NL",
        ),
    ]
    assert [p.speaker.line for p in real_report.presentations] == [26, 27, 28, 29, 30, 31]


def test_real_report_presentation_titles(real_report):
    assert [p.title for p in real_report.presentations] == [
        "The Dialogue between RESSCAM, SSE networks, and the Central Government for the "
        "Promotion of SSE",
        "Evaluation of the Social Impact of SSE Enterprises",
        "The Organization in Cooperatives and Supporting Marginalized Women in the Commune of "
        "Bohicon through Joint Action by GBESS and the Municipality",
        "Designing Social Investment and Support for the Social Economy, by the Social Economy "
        "- Lessons Learned from Liverpool City Region",
        "The Promotion of SSE in Senegal",
        # No title in the speakers list: the initiative's name, with a warning.
        "Brabant Outcomes Fund",
    ]
    assert real_report.warnings == [
        Problem(31, "no presentation title for Astrid Kaag; “Brabant Outcomes Fund” is used")
    ]


def test_real_report_summaries_and_initiatives(real_report):
    presentations = real_report.presentations
    assert [p.initiatives for p in presentations] == [
        [],
        ["VISES"],
        [],
        ["Kindred"],
        [],
        ["Brabant Outcomes Fund"],
    ]
    assert presentations[0].summary.startswith("RESSCAM has understood the need")
    assert presentations[1].summary.startswith('She has presented a project called "VISES"')
    assert presentations[2].summary.startswith("Mr. Lovesse has explained the main functions")
    assert presentations[3].summary.startswith("Ms. Heap has explained the initiative called")
    assert presentations[4].summary.startswith("Ms. Samba has analyzed the situation")
    assert presentations[5].summary.startswith("Ms. Kaag has elaborated on the initiative")
    assert presentations[5].summary.endswith("but this has a domino effect.")


def test_real_report_guiding_question(real_report):
    assert real_report.guiding_question == (
        "How to transform the present and build a better future from the SSE?"
    )
    assert real_report.guiding_synthesis.startswith("All panelists have agreed")
    assert real_report.guiding_synthesis.endswith("is key for a better future for the SSE.")


def test_real_report_audience_question(real_report):
    assert [question(q) for q in real_report.questions] == [
        (
            "Abel",
            "MX",
            "There's a need to work as a group and drive our efforts to the constitution of laws "
            "in favor of the ESS and work together effectively in order to manage better future "
            "pandemics.",
            "",
            "",
        )
    ]
    assert real_report.questions[0].line == 100


def test_real_report_closing_remarks(real_report):
    remarks = real_report.remarks
    assert [(r.line, r.name) for r in remarks] == [
        (106, "Víctor Meseguer"),  # the moderator, as the moderator line spells him
        (111, "Elise Pierrette"),
    ]
    assert remarks[0].text.startswith("In view of all that has been said")
    assert "\n\nWe must mobilize not only money, but ideas;" in remarks[0].text
    assert remarks[1].text.startswith("We need to be accompanied in the actions plans")


def test_real_report_screenshot_names_are_nowhere(real_report):
    text = everything(real_report)
    for name in [
        "Michel Mesquer",
        "Hagar Khezam",
        "Michel Gasse",
        "Priscilla L'Asson",
        "Dana Frensch",
    ]:
        assert fold(name) not in text, name


def test_real_report_skipped_lines(real_report):
    assert sorted(p.line for p in real_report.skipped) == [35, 46, 56]
