"""The presentations: their titles (the initiative's name where the speakers list gives none),
their summaries under any kind of heading, and the initiatives named in them."""

from sessions.importer import Problem
from tests.sessions.parsed_reports import parsed


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
