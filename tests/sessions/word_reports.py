"""Word (.docx) session reports, written the way a rapporteur fills in the GSEF Word template.

``WORD_REPORTS`` maps a file name to a function building the document; ``build`` gives the bytes
of one file and ``write_all`` writes them all to a directory. The facts each report states are in
``reports/fidelity/<file name>.facts.json``. The bytes are reproducible: the files' properties and
the zip entries' dates are fixed.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from docx.document import Document

from tests.sessions.word_report_builders import dakar_water, montreal_currencies, render

ZIP_DATE = (2024, 1, 15, 9, 0, 0)


def virtual_food() -> Document:
    """English, GSEF2020 virtual forum: Title style, Heading 1/2 sections, numbered speakers."""
    return render(
        "Session report – Feeding Our Cities",
        [
            (
                "title",
                "Great Challenges, Greater Solidarity: Power of Community and SSE as a Path for "
                "Transformation",
            ),
            ("p", "GSEF Global Virtual Forum, 19 – 23 October 2020"),
            ("h1", "Title of the session"),
            ("p", "Feeding Our Cities: Solidarity Food Systems in Times of Pandemic"),
            ("h2", "Type of session"),
            ("p", "Workshop session"),
            ("h2", "Language"),
            ("p", "English, French, Spanish"),
            ("h2", "Date"),
            ("p", "Wednesday 21 October 2020"),
            ("h2", "Participants"),
            ("p", "Zoom participation: 48"),
            ("h1", "Name of moderator"),
            ("p", "Ms. Rebecca Osei, Coordinator, Ghana Food Sovereignty Platform, Ghana"),
            ("h1", "Speakers"),
            (
                "number",
                "Mr. Lucas Fernández, President, Federation of Family Farming Cooperatives "
                "(FECOAF), Argentina: Farmers' Markets during the Lockdown",
            ),
            (
                "number",
                "Ms. Sophie Marchand, Director, Paniers Solidaires Québec (PSQ), Canada: "
                "Community Supported Agriculture for Low-Income Families",
            ),
            (
                "number",
                "Mr. Dae-sung Park, Manager, Dasarang Consumers' Cooperative (DCC), Republic of "
                "Korea: Consumer Cooperatives and Direct Trade",
            ),
            (
                "number",
                "Ms. Zanele Dube, Founder, Soweto Food Commons, South Africa: Community Kitchens "
                "as Food Hubs",
            ),
            ("h1", "Summary of presentations"),
            ("h2", "1. Lucas Fernández, FECOAF"),
            (
                "p",
                "Mr. Fernández explained that when the lockdown closed the big wholesale market "
                "of Buenos Aires, family farmers lost their buyers overnight. The federation "
                'organised "Mercados de Cercanía", neighbourhood markets held in schoolyards and '
                "union halls, where 300 cooperatives sold vegetables directly to residents. The "
                "markets now run every week in 42 neighbourhoods.",
            ),
            ("h2", "2. Sophie Marchand, PSQ"),
            (
                "p",
                "Ms. Marchand presented “Panier du Voisin”, a community supported agriculture "
                "scheme in which better-off members pay a little more for their weekly basket so "
                "that low-income families pay less. The scheme links 35 farms with 2,800 "
                "households in Montreal and Quebec City.",
            ),
            ("h2", "3. Dae-sung Park, DCC"),
            (
                "p",
                "Mr. Park described how the cooperative's 400,000 members buy rice, vegetables "
                "and tofu directly from producers' cooperatives. During the pandemic, the \"Baro "
                'Box" home delivery service grew from 20,000 to 65,000 orders a week, and the '
                "cooperative kept its prices to the producers unchanged.",
            ),
            ("h2", "4. Zanele Dube, Soweto Food Commons"),
            (
                "p",
                "Ms. Dube told how volunteers opened community kitchens in Soweto when the "
                'lockdown left thousands of families without income. The network, called "Ubuntu '
                'Pots", buys from urban farmers and feeds 9,000 people a day; it is now turning '
                "the kitchens into cooperatives that sell meals to schools.",
            ),
            ("h1", "Answers to the guiding question"),
            (
                "p",
                "The speakers agreed that short supply chains owned by farmers and consumers were "
                "the most resilient during the crisis, and that cities should support them with "
                "public spaces and public purchases.",
            ),
            ("h1", "Relevant questions and answers from the audience"),
            ("p", "Nadia Haddad (Lebanon)"),
            ("p", "How do the neighbourhood markets deal with health regulations?"),
            (
                "p",
                "Answer (Lucas Fernández): The municipalities trained volunteers as health "
                "monitors, and the markets follow the same protocol as the supermarkets.",
            ),
            ("p", "Olivier Martin (France)"),
            ("p", "Who pays the difference in the Panier du Voisin baskets?"),
            (
                "p",
                "Answer (Sophie Marchand): Mostly the members who can pay more, and a foundation "
                "that covers the rest.",
            ),
            ("h1", "Closing remarks"),
            ("p", "Rebecca Osei (moderator)"),
            ("bullet", "The pandemic showed that food systems owned by communities do not break."),
            ("bullet", "Cities must now make room for them in their food policies."),
            ("p", "Zanele Dube"),
            ("bullet", "Solidarity fed Soweto when the market could not."),
        ],
    )


def bilbao_tourism() -> Document:
    """English, GSEF2018 Bilbao: the title in the Title style, bold labels, a speakers table."""
    return render(
        "Session report – Social Economy and Sustainable Tourism",
        [
            ("title", "Social Economy and Sustainable Tourism in Historic Cities"),
            ("p", "GSEF 2018 Bilbao – Global Social Economy Forum, 1–3 October 2018"),
            ("label", "Type of session:", "Round table"),
            ("label", "Date:", "Monday 1 October 2018"),
            ("label", "Time:", "16:00 – 17:30"),
            ("label", "Languages:", "English, Spanish"),
            ("label", "Participants:", "about 55"),
            (
                "label",
                "Moderator:",
                "Mr. Joseba Mendizabal, Director, Basque Network of Tourism Cooperatives, Spain",
            ),
            ("bold", "Speakers"),
            (
                "table",
                ("Name", "Organisation", "Country", "Talk"),
                [
                    (
                        "Ms. Chiara Lombardi",
                        "Rione Sanità Youth Cooperative",
                        "Italy",
                        "Young guides in the catacombs of Naples",
                    ),
                    (
                        "Mr. Hassan Amrani",
                        "Fez Medina Artisans' Cooperative",
                        "Morocco",
                        "Visitors in the workshops",
                    ),
                    (
                        "Ms. Lucía Vega Herrera",
                        "Cartagena Community Tourism Network",
                        "Colombia",
                        "Tourism without gentrification",
                    ),
                ],
            ),
            ("bold", "Summary of presentations"),
            (
                "label",
                "Chiara Lombardi:",
                "Ms. Lombardi explained how young people of the Sanità district of Naples, one of "
                "the poorest in Italy, created a cooperative to reopen abandoned catacombs. "
                '"Sanità Sotterranea" now welcomes 150,000 visitors a year and employs 40 young '
                "people from the district; the income is reinvested in the restoration of the "
                "churches.",
            ),
            (
                "label",
                "Hassan Amrani:",
                "Mr. Amrani presented the Fez Craft Routes programme, in which tourists visit the "
                "workshops of tanners, weavers and potters of the medina and buy directly from "
                "them, instead of going through the bazaars that take most of the price.",
            ),
            (
                "label",
                "Lucía Vega Herrera:",
                "Ms. Vega Herrera described how the residents of Getsemaní, a historic district of "
                "Cartagena, were being pushed out by hotels. The network created “Getsemaní "
                "Vivo”, a programme of guided walks and homestays run by residents, who keep the "
                "income and decide together how many visitors the district can receive.",
            ),
            ("bold", "Questions from the floor"),
            (
                "number",
                "Ane Etxebarria (Spain): How do you stop tourism from raising rents? Answer (Lucía "
                "Vega Herrera): We cannot stop it alone; we ask the city to limit tourist flats.",
            ),
            (
                "number",
                "Marc Dupont (Belgium): Does the church own the catacombs? Answer (Chiara "
                "Lombardi): Yes, the cooperative has a long-term agreement with the diocese.",
            ),
            (
                "number",
                "Yuki Tanaka (Japan): Are the Fez artisans organised in cooperatives? Answer "
                "(Hassan Amrani): Some are; the others take part through their guilds.",
            ),
            ("bold", "Closing remarks"),
            (
                "label",
                "Joseba Mendizabal (moderator):",
                "Tourism can destroy historic cities or give them a second life; the difference "
                "is who owns it.",
            ),
        ],
    )


def mexico_policies() -> Document:
    """English, GSEF2021 Mexico City: Title style, Heading 2 sections, bulleted lists."""
    return render(
        "Session report – Ten Years of Social Economy Laws",
        [
            ("title", "Ten Years of Social Economy Laws in Latin America: What Has Changed?"),
            ("p", "GSEF2021 Mexico City, 4–8 October 2021"),
            ("h2", "Session type"),
            ("p", "Plenary"),
            ("h2", "Date and languages"),
            ("p", "8 October 2021 – Spanish and English, with simultaneous interpretation"),
            ("h2", "Participants"),
            ("p", "210 (hybrid)"),
            ("h2", "Moderator"),
            (
                "p",
                "Ms. Laura Jiménez Aguilar, Researcher, National Autonomous University of Mexico "
                "(UNAM), Mexico",
            ),
            ("h2", "Speakers"),
            ("bullet", "Ana Sofía Castillo (Secretariat of Labour of Mexico City, Mexico)"),
            ("bullet", "Rodrigo Paz Soto (Division of Associativity and Social Economy, Chile)"),
            ("bullet", "Beatriz Lemos (Porto Alegre Solidarity Economy Forum, Brazil)"),
            ("bullet", "Esteban Molina (Institute of Popular and Solidarity Economy, Ecuador)"),
            ("h2", "Summary of presentations"),
            (
                "p",
                "Ana Sofía Castillo presented the Cooperativas CDMX programme, which has helped "
                "more than 1,500 groups of residents register as cooperatives since 2013, with "
                "training, seed funding and access to the city's purchases.",
            ),
            (
                "p",
                "Rodrigo Paz Soto explained that Chile reformed its cooperative law in 2016. The "
                'division runs "Chile Coopera", a fund that co-finances the first investments of '
                "new worker cooperatives, and has supported 320 of them.",
            ),
            (
                "p",
                "Beatriz Lemos described “Rede Porto Alegre Solidária”, a network of 90 solidarity "
                "enterprises that holds a weekly fair in the city centre and negotiated a "
                "municipal law on the solidarity economy.",
            ),
            (
                "p",
                "Esteban Molina presented the Minga Productiva programme, which links "
                "associations of small producers with public buyers such as school meals and "
                "hospitals, under the 2011 law on the popular and solidarity economy of Ecuador.",
            ),
            ("h2", "Questions from the audience"),
            (
                "bullet",
                "Q (Carmen Ruiz, Spain): Do the laws survive changes of government? A (Esteban "
                "Molina): Laws survive better than programmes, but budgets can be cut.",
            ),
            (
                "bullet",
                "Q (Kwesi Annan, Ghana): How do cooperatives take part in writing the laws? A "
                "(Beatriz Lemos): In Porto Alegre, the network wrote the first draft itself.",
            ),
            ("h2", "Closing words"),
            ("p", "Laura Jiménez Aguilar (moderator)"),
            ("bullet", "Laws are necessary but not sufficient: the movement must stay organised."),
        ],
    )


WORD_REPORTS: dict[str, Callable[[], Document]] = {
    "word-template-virtual.docx": virtual_food,
    "word-bold-labels-dakar.docx": dakar_water,
    "word-speakers-table-bilbao.docx": bilbao_tourism,
    "word-headings-french-montreal.docx": montreal_currencies,
    "word-title-bullets-mexico.docx": mexico_policies,
}


def build(name: str) -> bytes:
    """The bytes of the .docx file ``name``, the same on every call."""
    saved = io.BytesIO()
    WORD_REPORTS[name]().save(saved)
    fixed = io.BytesIO()
    with (
        zipfile.ZipFile(saved) as source,
        zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            dated = zipfile.ZipInfo(entry.filename, ZIP_DATE)
            dated.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(dated, source.read(entry))
    return fixed.getvalue()


def write_all(directory: Path) -> list[Path]:
    """Write every Word report into ``directory`` and return the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in WORD_REPORTS:
        path = directory / name
        path.write_bytes(build(name))
        paths.append(path)
    return paths
