"""Building blocks for the Word session reports of ``word_reports``, and the French reports.

A report is described as a list of blocks, each a tuple whose first item says what a rapporteur
typed into the Word template:

- ``("title", text)``: a paragraph in the "Title" style;
- ``("h1", text)``, ``("h2", text)``, ``("h3", text)``: "Heading 1/2/3" paragraphs;
- ``("p", text)``: a plain paragraph; ``("bold", text)``: a paragraph that is one bold run;
- ``("label", label, value)``: a bold run (``"Date:"``) followed by a normal run with the value;
- ``("number", text)``, ``("bullet", text)``: "List Number" and "List Bullet" paragraphs;
- ``("table", header, rows)``: a table whose first row is a bold header row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import docx
from docx.document import Document

Block = tuple
HEADINGS = {"title": "Title", "h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3"}
LISTS = {"number": "List Number", "bullet": "List Bullet"}


def render(title: str, blocks: Sequence[Block]) -> Document:
    """A new Word document holding ``blocks``; ``title`` goes into the file's properties."""
    document = docx.Document()
    properties = document.core_properties
    properties.title = title
    properties.author = "GSEF rapporteur"
    properties.last_modified_by = "GSEF rapporteur"
    properties.created = properties.modified = dt.datetime(2024, 1, 15, 9, 0, 0)
    properties.revision = 1
    for kind, *content in blocks:
        if kind in HEADINGS:
            document.add_paragraph(content[0], style=HEADINGS[kind])
        elif kind in LISTS:
            document.add_paragraph(content[0], style=LISTS[kind])
        elif kind == "p":
            document.add_paragraph(content[0])
        elif kind == "bold":
            document.add_paragraph().add_run(content[0]).bold = True
        elif kind == "label":
            paragraph = document.add_paragraph()
            paragraph.add_run(content[0]).bold = True
            paragraph.add_run(" " + content[1])
        elif kind == "table":
            add_table(document, *content)
        else:
            raise ValueError(f"unknown block kind {kind!r}")
    return document


def add_table(document: Document, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text


def dakar_water() -> Document:
    """French, GSEF2023 Dakar: bold label paragraphs, a speakers table, numbered questions."""
    return render(
        "Compte rendu – L'ESS et la gestion communautaire de l'eau",
        [
            ("bold", "FORUM MONDIAL DE L'ÉCONOMIE SOCIALE ET SOLIDAIRE – GSEF 2023"),
            ("p", "Dakar, Sénégal – 1er au 4 mai 2023"),
            ("label", "Intitulé de la séance :", "L'ESS et la gestion communautaire de l'eau"),
            ("label", "Type de séance :", "Session auto-organisée"),
            ("label", "Langues :", "français, pulaar, anglais"),
            ("label", "Date :", "Jeudi 4 mai 2023"),
            ("label", "Horaire :", "9h30 – 11h00"),
            ("label", "Nombre de participants :", "52"),
            (
                "label",
                "Modérateur :",
                "Dr Cheikh Tidiane Mbaye, Directeur, Institut africain de l'économie sociale "
                "(IAES), Sénégal",
            ),
            ("bold", "Intervenants"),
            (
                "table",
                ("Nom", "Organisation", "Pays", "Intervention"),
                [
                    (
                        "Mme Mariètou Ba",
                        "Union des associations d'usagers des forages de Matam (UAUF)",
                        "Sénégal",
                        "Des forages ruraux gérés par leurs usagers",
                    ),
                    (
                        "M. Boubacar Diallo",
                        "Coopérative des vidangeurs de Conakry (COVIC)",
                        "Guinée",
                        "Vider les fosses : un métier coopératif",
                    ),
                    (
                        "Mme Claire Nyirahabimana",
                        "Réseau rwandais des coopératives d'eau",
                        "Rwanda",
                        "Des coopératives de quartier pour l'eau potable",
                    ),
                    (
                        "M. Jordi Puig i Serra",
                        "Fundació Aigua Comuna",
                        "Espagne",
                        "Une coopération décentralisée entre Matam et la Catalogne",
                    ),
                ],
            ),
            ("bold", "Résumé des interventions"),
            ("bold", "Mme Mariètou Ba (UAUF)"),
            (
                "p",
                "Mme Ba s'est exprimée en pulaar, traduite en français par un membre de l'union. "
                "Dans la région de Matam, les forages ont longtemps été gérés par l'État, avec des "
                "pannes qui duraient des mois. Depuis 2010, des associations d'usagers les gèrent "
                "elles-mêmes. Elle a présenté l'initiative « Ndiyam Men » (« notre eau » en "
                "pulaar), qui fixe le prix de l'eau en assemblée villageoise et met de côté une "
                "part des recettes pour les réparations. 64 forages desservent ainsi 110 000 "
                "habitants.",
            ),
            ("bold", "M. Boubacar Diallo (COVIC)"),
            (
                "p",
                "M. Diallo a raconté comment les vidangeurs manuels de Conakry, longtemps "
                "méprisés, se sont organisés en coopérative en 2016. Avec la ville, la coopérative "
                "mène le programme « Fosses Propres Conakry », qui équipe les membres de camions "
                "et de tenues de protection et leur donne accès à une station de traitement. Les "
                "revenus des vidangeurs ont doublé et les rejets sauvages ont fortement diminué.",
            ),
            ("bold", "Mme Claire Nyirahabimana (Réseau rwandais des coopératives d'eau)"),
            (
                "p",
                "Mme Nyirahabimana est intervenue en anglais. Elle a décrit la coopérative "
                "“Amazi Meza”, créée par des femmes d'un quartier informel de Kigali, qui gère "
                "douze bornes-fontaines et vend l'eau à un prix fixé avec la compagnie nationale. "
                "La coopérative emploie 30 femmes et a financé des toilettes pour l'école du "
                "quartier.",
            ),
            ("bold", "M. Jordi Puig i Serra (Fundació Aigua Comuna)"),
            (
                "p",
                "M. Puig i Serra a présenté le programme Aigua per Matam, par lequel des communes "
                "catalanes financent depuis 2015 la formation des comités de gestion des forages "
                "et l'achat de pièces de rechange. Il a insisté sur le fait que ce sont les "
                "usagers de Matam qui décident des priorités, et non les bailleurs.",
            ),
            ("bold", "Questions de la salle"),
            (
                "number",
                "M. Alioune Diop (Sénégal) : que se passe-t-il quand un village ne paie pas "
                "l'eau ? Réponse de Mme Ba : l'assemblée discute d'abord avec les familles en "
                "difficulté ; les coupures sont très rares.",
            ),
            (
                "number",
                "Mme Fanta Camara (Guinée) : la ville de Conakry paie-t-elle la coopérative des "
                "vidangeurs ? Réponse de M. Diallo : non, ce sont les ménages qui paient, mais la "
                "ville prend en charge la station de traitement.",
            ),
            (
                "number",
                "M. Paul Mbarga (Cameroun) : la compagnie nationale rwandaise accepte-t-elle la "
                "concurrence des coopératives ? Réponse de Mme Nyirahabimana : ce n'est pas une "
                "concurrence ; la compagnie vend l'eau en gros à la coopérative.",
            ),
            ("bold", "Mot de clôture"),
            ("p", "Dr Cheikh Tidiane Mbaye (modérateur)"),
            ("bullet", "L'eau est un bien commun ; l'ESS montre comment le gérer en commun."),
            ("bullet", "Les États doivent reconnaître les associations d'usagers dans la loi."),
            ("p", "Mme Mariètou Ba"),
            ("bullet", "Quand l'eau est à nous, nous la protégeons."),
        ],
    )


def montreal_currencies() -> Document:
    """French, GSEF2016 Montréal: Heading 1/2/3 styles, numbered speakers, no head count."""
    return render(
        "Compte rendu – Les monnaies locales et l'économie sociale",
        [
            ("h1", "Forum mondial de l'économie sociale – GSEF2016 Montréal"),
            ("p", "Du 7 au 9 septembre 2016"),
            ("h2", "Intitulé de la séance"),
            ("p", "Les monnaies locales et l'économie sociale : les circuits courts de l'argent"),
            ("h2", "Type de séance"),
            ("p", "Atelier"),
            ("h2", "Langues"),
            ("p", "français, anglais"),
            ("h2", "Date"),
            ("p", "Vendredi 9 septembre 2016, de 13 h 30 à 15 h"),
            ("h2", "Modératrice"),
            (
                "p",
                "Mme Anne-Marie Fortin, coordonnatrice, Réseau québécois des monnaies locales "
                "(RQML), Canada",
            ),
            ("h2", "Intervenants"),
            (
                "number",
                "M. Thomas Etcheverry, trésorier, Association Monnaie Basque Solidaire (AMBS), "
                "France : Une monnaie locale en Pays basque nord",
            ),
            (
                "number",
                "Mme Ines Schuster, présidente, Regionalgeld Allgäu, Allemagne : Quinze ans de "
                "monnaie régionale",
            ),
            (
                "number",
                "M. Tendai Moyo, directeur, Bulawayo Community Currency Trust (BCCT), Zimbabwe : "
                "Des bons communautaires quand la monnaie nationale s'effondre",
            ),
            ("h2", "Synthèse des interventions"),
            ("h3", "M. Thomas Etcheverry (AMBS)"),
            (
                "p",
                "M. Etcheverry a présenté « Txanpon », la monnaie locale lancée par l'association "
                "en 2013 et acceptée par 800 commerces et entreprises du Pays basque nord. Un "
                "txanpon vaut un euro ; les euros déposés sont placés dans une banque coopérative "
                "qui les prête à des entreprises locales. La monnaie sert aussi à promouvoir "
                "l'usage de la langue basque dans les commerces.",
            ),
            ("h3", "Mme Ines Schuster (Regionalgeld Allgäu)"),
            (
                "p",
                'Mme Schuster, qui s\'est exprimée en anglais, a décrit le "Allgäuer Taler", une '
                "monnaie régionale qui perd 2 % de sa valeur tous les six mois pour encourager sa "
                "circulation. Une partie des échanges finance chaque année des associations "
                "choisies par les utilisateurs. Elle a reconnu que le nombre d'utilisateurs "
                "stagne depuis quelques années et que la monnaie doit passer au paiement mobile.",
            ),
            ("h3", "M. Tendai Moyo (BCCT)"),
            (
                "p",
                "M. Moyo a expliqué que, pendant l'hyperinflation, les habitants des quartiers "
                "populaires de Bulawayo manquaient de monnaie pour les petits achats. Le trust a "
                "créé les « Ubuntu Vouchers », des bons émis contre du travail communautaire "
                "(nettoyage, jardins, garde d'enfants) et acceptés par 150 commerçants du marché. "
                "Il a insisté sur la confiance, qui repose sur les églises et les associations de "
                "quartier.",
            ),
            ("h2", "Questions de la salle"),
            ("p", "Question (Jean Roy, Canada) : une monnaie locale est-elle légale au Québec ?"),
            (
                "p",
                "Réponse (Anne-Marie Fortin) : oui, tant qu'elle reste un bon d'achat ; le réseau "
                "a fait vérifier la question par des juristes.",
            ),
            (
                "p",
                "Question (Sylvie Martin, France) : les commerçants basques peuvent-ils payer "
                "leurs fournisseurs en txanpon ?",
            ),
            (
                "p",
                "Réponse (Thomas Etcheverry) : de plus en plus, car les producteurs locaux "
                "l'acceptent ; c'est tout l'intérêt de la monnaie.",
            ),
            ("h2", "Mot de clôture"),
            (
                "p",
                "Mme Anne-Marie Fortin (modératrice) : les monnaies locales ne remplacent pas la "
                "monnaie nationale ; elles rappellent que l'argent doit servir les communautés, "
                "et pas l'inverse.",
            ),
        ],
    )
