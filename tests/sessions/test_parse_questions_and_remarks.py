"""The guiding question and its synthesis, the audience's questions with their answers, and
the closing remarks."""

from tests.sessions.parsed_reports import parsed, question


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
