"""The moderator and the speakers: name, role, organisation, acronym, country and line, the
speakers' presentation titles, and no misspelt name from screenshots."""

from sessions.importer import fold
from tests.sessions.parsed_reports import everything, parsed, person, speakers


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


def test_ocr_html_noise_no_misspelt_name_anywhere():
    text = everything(parsed("ocr-html-noise.md"))
    for word in OCR_MISSPELLINGS:
        assert fold(word) not in text, word


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
