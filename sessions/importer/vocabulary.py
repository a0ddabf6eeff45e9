"""The words the importer reads reports by: data, not branches.

Each language has one table. A label ("Résumé des interventions", "Questions from the floor",
"Intitulé de la séance") is folded (lower case, no accents), cut into words, and scored against
every target: the sum of the weights of its words. The best score wins, so a label never seen
before but built from known words lands where it belongs. Weights: 3 for a word that names the
target on its own, 2 for a strong hint, 1 for a word that only helps ("questions" is both the
audience's and the guiding question's). Two-word entries ("q a", "mot fin") score when both
words are in the label.

Targets are header fields (a value: title, type, languages, date, time, participants, forum)
and sections (a part of the report: moderator, speakers, summaries, guiding, audience, closing).
"""

FIELDS = ("title", "type", "languages", "date", "time", "participants", "forum")
SECTIONS = ("moderator", "speakers", "summaries", "guiding", "audience", "closing")

LABEL_WORDS = {
    "en": {
        "title": {"title": 3, "name session": 3, "topic": 2, "theme session": 3},
        "type": {"type": 3, "format": 3, "kind": 2},
        "languages": {"language": 3, "languages": 3, "lang": 3, "interpretation": 2},
        "date": {"date": 3, "day": 2, "when": 3},
        "time": {"time": 3, "duration": 3, "schedule": 2, "hour": 2, "hours": 2, "length": 2},
        "participants": {
            "participants": 3,
            "participant": 3,
            "participation": 3,
            "attendance": 3,
            "attendees": 3,
            "number": 1,
        },
        "forum": {"forum": 3, "event": 2, "edition": 2},
        "moderator": {
            "moderator": 3,
            "moderators": 3,
            "moderation": 3,
            "moderated": 3,
            "facilitator": 3,
            "facilitated": 3,
            "chair": 3,
            "chaired": 3,
            "host": 2,
            "mc": 2,
        },
        "speakers": {
            "speakers": 3,
            "speaker": 3,
            "panel": 3,
            "panelists": 3,
            "panellists": 3,
            "panelist": 3,
            "who spoke": 3,
            "presenters": 3,
            "contributors": 2,
            "lineup": 2,
        },
        "summaries": {
            "summary": 2,
            "summaries": 3,
            "presentations": 3,
            "presentation": 1,
            "interventions": 2,
            "contributions": 2,
            "talks": 2,
            "inputs": 1,
            "overview": 1,
        },
        "guiding": {"guiding": 4, "question": 1, "key": 1, "central": 1},
        "audience": {
            "audience": 3,
            "floor": 3,
            "public": 2,
            "q a": 4,
            "qa": 4,
            "questions": 3,
            "answers": 1,
            "discussion": 2,
            "debate": 2,
            "exchange": 2,
            "exchanges": 2,
            "participants questions": 2,
            "questions answers": 4,
        },
        "closing": {
            "closing": 4,
            "conclusion": 4,
            "conclusions": 4,
            "concluding": 4,
            "final": 2,
            "wrap": 2,
            "wrap up": 4,
            "takeaways": 3,
            "remarks": 1,
            "words": 1,
            "statements": 1,
        },
    },
    "fr": {
        "title": {
            "titre": 3,
            "intitule": 3,
            "nom seance": 3,
            "nom session": 3,
            "sujet": 2,
            "theme atelier": 4,
            "theme seance": 4,
            "theme session": 4,
        },
        "type": {"type": 3, "format": 3, "genre": 2, "modalite": 3},
        "languages": {"langue": 3, "langues": 3, "interpretation": 2},
        "date": {"date": 3, "jour": 2, "quand": 3},
        "time": {"heure": 3, "horaire": 3, "duree": 3, "heures": 2},
        "participants": {
            "participants": 3,
            "participant": 3,
            "participantes": 3,
            "participation": 3,
            "assistance": 2,
            "nombre": 1,
        },
        "forum": {"forum": 3, "evenement": 2, "edition": 2},
        "moderator": {
            "moderateur": 3,
            "moderatrice": 3,
            "moderateurs": 3,
            "moderation": 3,
            "animateur": 3,
            "animatrice": 3,
            "animation": 3,
            "anime": 2,
            "president seance": 2,
        },
        "speakers": {
            "intervenants": 3,
            "intervenantes": 3,
            "intervenant": 3,
            "intervenante": 3,
            "panelistes": 3,
            "paneliste": 3,
            "orateurs": 3,
            "oratrices": 3,
            "conferenciers": 3,
            "panel": 3,
        },
        "summaries": {
            "resume": 2,
            "resumes": 2,
            "synthese": 2,
            "presentations": 3,
            "interventions": 2,
            "exposes": 2,
            "contributions": 2,
        },
        "guiding": {"directrice": 4, "orientation": 3, "question": 1, "centrale": 1, "cle": 1},
        "audience": {
            "salle": 3,
            "public": 3,
            "auditoire": 3,
            "participants questions": 2,
            "questions reponses": 4,
            "questions": 3,
            "reponses": 1,
            "echanges": 2,
            "debat": 2,
            "discussion": 2,
        },
        "closing": {
            "cloture": 4,
            "conclusion": 4,
            "conclusions": 4,
            "finales": 2,
            "finaux": 2,
            "mot fin": 4,
            "remarques": 1,
            "mot": 1,
            "mots": 1,
            "enseignements": 2,
        },
    },
    "es": {
        "title": {"titulo": 3, "nombre sesion": 3, "tema": 2},
        "type": {"tipo": 3, "formato": 3, "modalidad": 3},
        "languages": {"idioma": 3, "idiomas": 3, "lengua": 3, "lenguas": 3},
        "date": {"fecha": 3, "dia": 2, "cuando": 3},
        "time": {"hora": 3, "horario": 3, "duracion": 3},
        "participants": {"participantes": 3, "asistentes": 3, "asistencia": 3, "numero": 1},
        "forum": {"foro": 3, "evento": 2},
        "moderator": {
            "moderador": 3,
            "moderadora": 3,
            "moderacion": 3,
            "modero": 3,
            "facilitadora": 3,
        },
        "speakers": {"ponentes": 3, "panelistas": 3, "oradores": 3, "expositores": 3},
        "summaries": {"resumen": 2, "ponencias": 3, "presentaciones": 3, "intervenciones": 2},
        "guiding": {"orientadora": 4, "pregunta": 1, "guia": 3},
        "audience": {
            "preguntas": 3,
            "publico": 2,
            "respuestas": 1,
            "debate": 2,
            "preguntas respuestas": 4,
        },
        "closing": {"cierre": 4, "conclusiones": 4, "conclusion": 4, "finales": 2},
    },
}

# A label of one word that names a target only when it stands alone: "Session: Counting the
# Social Economy" gives the title, but "Type of session" is the type.
SOLE_LABELS = {"session": "title", "seance": "title", "sesion": "title", "atelier": "title"}

# Words a label may hold besides its scoring words: "Name of the moderator", "Type de séance".
LABEL_FILLERS = {
    "of", "the", "a", "and", "from", "to", "for", "by", "in", "at", "name", "names", "session",
    "sessions", "relevant", "main", "list", "per", "add", "de", "du", "des", "la", "le", "les",
    "l", "d", "et", "nom", "seance", "sesion", "el", "los", "las", "del", "y", "en",
    "number", "with", "their", "s", "mots", "selected", "other", "short", "brief", "breve",
    "session's", "no", "or", "lieu", "place", "venue", "avec", "con", "sur", "on", "about",
    "lugar", "como", "participaron", "ont", "intervenu", "spoke", "speaking", "order",
}  # fmt: skip

# Short words that tell a text's language; the report's language is the one most used.
STOPWORDS = {
    "en": {"the", "and", "of", "to", "with", "which", "is", "that", "for", "has", "was"},
    "fr": {"le", "la", "les", "des", "et", "du", "une", "est", "qui", "pour", "dans", "aux"},
    "es": {"el", "los", "las", "del", "y", "una", "es", "que", "para", "con", "por", "sus"},
}

# Session types: the words of each; the first type with a word in the text wins, so the more
# specific come first ("Parallel session (workshop)" is a workshop, not a side event).
SESSION_TYPE_WORDS = [
    ("self_organised", ["self organised", "self organized", "autogere", "auto organise",
                        "autoorganise", "autoorganisee", "auto organisee", "autoorganizada",
                        "autoorganizado"]),
    ("plenary", ["plenary", "pleniere", "plenaria", "plenario", "opening", "ouverture"]),
    ("side_event", ["side event", "evenement parallele", "evento paralelo", "off event"]),
    ("roundtable", ["roundtable", "round table", "table ronde", "mesa redonda", "panel"]),
    ("workshop", ["workshop", "atelier", "taller", "parallel", "parallele", "breakout"]),
]  # fmt: skip

# Honorifics, dropped from names ("Mme Awa Ndiaye" is Awa Ndiaye).
HONORIFICS = [
    "mr", "mrs", "ms", "miss", "mx", "mme", "mmes", "mlle", "m", "dr", "dre", "prof", "pr",
    "professor", "professeur", "professeure", "madame", "monsieur", "sr", "sra", "srta", "don",
    "dona", "doña", "sir", "dame", "hon", "honourable", "honorable", "me", "maitre", "dra",
    "lic", "lica", "licda", "licdo", "lcda", "lcdo", "mtra", "mtro", "ing", "arq", "ir",
]  # fmt: skip

# Columns of a speakers table, by the words of their header cell.
COLUMN_WORDS = {
    "name": ["name", "nom", "nombre", "speaker", "intervenant", "intervenante", "ponente",
             "panelist", "panelliste", "paneliste", "who", "prenom", "full"],
    "role": ["role", "title", "position", "fonction", "poste", "cargo", "job"],
    "organisation": ["organisation", "organization", "organisme", "structure", "institution",
                     "org", "organizacion", "entidad", "affiliation", "company", "entreprise"],
    "country": ["country", "pays", "pais", "nation"],
    "title": ["intervention", "presentation", "topic", "sujet", "theme", "talk", "ponencia",
              "tema", "subject", "expose", "contribution"],
}  # fmt: skip

# The label of an audience question or of its answer: "Q", "Question 2", "Réponse", "A".
QUESTION_LABELS = {"q", "question", "questions", "pregunta", "quest"}
ANSWER_LABELS = {"a", "r", "answer", "answers", "reponse", "reponses", "respuesta", "ans"}
ANSWER_VERBS = [
    "answered", "replied", "responded", "explained in reply", "in response", "repond",
    "a repondu", "repondit", "en reponse", "respondio", "contesto", "responde",
]  # fmt: skip

# Words that say a line names a person's job, or an organisation: they split a people line.
ROLE_WORDS = [
    "director", "directrice", "directeur", "directora", "director", "representative",
    "fellow", "head", "president", "presidente", "presidenta", "coordinator", "coordinatrice",
    "coordinateur", "coordinadora", "coordinador", "manager", "researcher", "chercheur",
    "chercheuse", "investigadora", "investigador", "professor", "professeur", "profesora",
    "profesor", "advisor", "adviser", "conseiller", "conseillere", "asesora", "asesor", "chair",
    "founder", "cofounder", "fondateur", "fondatrice", "fundadora", "fundador", "ceo", "mayor",
    "maire", "alcaldesa", "alcalde", "minister", "ministre", "ministra", "ministro",
    "secretary", "secretaire", "secretaria", "officer", "chargee", "charge", "responsable",
    "policy", "project", "programme", "program", "member", "membre", "miembro", "delegate",
    "deleguee", "delegue", "treasurer", "tresorier", "tresoriere", "animateur", "animatrice",
    "moderator", "lecturer", "consultant", "consultante", "expert", "experte", "analyst",
    "analyste", "adjoint", "adjointe", "deputy", "vice", "chief", "chef", "cheffe", "editor",
    "journalist", "student", "senior", "executive", "general", "gerant", "gerante", "gerente",
    "officer", "specialist", "specialiste", "lead", "partner", "administrator",
    "administratrice", "councillor", "conseillere", "elue", "elu", "commissioner", "visiting",
    "associate", "assistant", "assistante", "principal", "board", "doctoral", "phd", "owner",
]  # fmt: skip
ORGANISATION_WORDS = [
    "institute", "institut", "instituto", "university", "universite", "universidad",
    "network", "reseau", "red", "ministry", "ministere", "ministerio", "chamber", "chambre",
    "camara", "province", "provincia", "group", "groupe", "grupo", "association",
    "asociacion", "foundation", "fondation", "fundacion", "council", "conseil", "consejo",
    "agency", "agence", "agencia", "centre", "center", "centro", "city", "ville", "ciudad",
    "federation", "federacion", "cooperative", "cooperativa", "cooperatives", "union",
    "forum", "fund", "fonds", "fondo", "bank", "banque", "banco", "office", "organisation",
    "organization", "economy", "economie", "economia", "region", "government", "gouvernement",
    "gobierno", "municipality", "municipalite", "municipalidad", "commune", "department",
    "departement", "school", "ecole", "college", "trust", "society", "societe", "company",
    "alliance", "platform", "plateforme", "plataforma", "observatory", "observatoire",
    "coalition", "collective", "collectif", "ngo", "ong", "metropolis", "metropole",
    "cluster", "incubator", "incubateur", "caisse", "mutuelle", "secretariat", "unit",
]  # fmt: skip

# The things an initiative is, for "the X initiative", "a programme called X".
INITIATIVE_NOUNS = [
    "initiative", "project", "programme", "program", "fund", "scheme", "platform", "network",
    "label", "model", "method", "tool", "vehicle", "cooperative", "campaign", "app", "map",
    "projet", "dispositif", "fonds", "plateforme", "reseau", "outil", "methode", "modele",
    "proyecto", "programa", "fondo", "plataforma", "red", "iniciativa", "herramienta",
]  # fmt: skip
NAMING_VERBS = [
    "called", "named", "known as", "entitled", "titled", "dubbed", "appele", "appelee",
    "intitule", "intitulee", "nomme", "nommee", "baptise", "baptisee", "denomme", "denommee",
    "llamado", "llamada", "denominado", "denominada", "titulado", "titulada",
]  # fmt: skip

# Demonyms that are not the country's name with a suffix (those are found by rule).
IRREGULAR_DEMONYMS = {
    "dutch": "NL", "neerlandais": "NL", "neerlandaise": "NL", "neerlandes": "NL",
    "french": "FR", "british": "GB", "britannique": "GB", "scottish": "GB", "welsh": "GB",
    "english": "GB", "swiss": "CH", "suisse": "CH", "suizo": "CH", "suiza": "CH",
    "spanish": "ES", "espanol": "ES", "espanola": "ES", "german": "DE", "allemand": "DE",
    "allemande": "DE", "aleman": "DE", "alemana": "DE", "greek": "GR", "grec": "GR",
    "filipino": "PH", "philippin": "PH", "philippine": "PH", "ivorian": "CI",
    "ivoirien": "CI", "ivoirienne": "CI", "marfileno": "CI", "burkinabe": "BF",
    "malagasy": "MG", "malgache": "MG", "quebecois": "CA", "quebecoise": "CA",
    "american": "US", "americain": "US", "americaine": "US", "estadounidense": "US",
    "belge": "BE", "danish": "DK", "danois": "DK", "swedish": "SE", "suedois": "SE",
    "finnish": "FI", "finlandais": "FI", "polish": "PL", "polonais": "PL", "turkish": "TR",
    "turc": "TR", "irish": "IE", "irlandais": "IE", "thai": "TH", "peruvian": "PE",
    "basque": "ES", "catalan": "ES", "catalana": "ES", "flemish": "BE", "congolese": "CD",
}  # fmt: skip
# What follows a country's stem in its demonym: Senegal+ese, Korea→Kore+an, Maroc+ain.
DEMONYM_SUFFIXES = [
    "ese", "ian", "ean", "an", "ish", "i", "ais", "aise", "ois", "oise", "ain", "aine", "ien",
    "ienne", "en", "enne", "ol", "ole", "o", "a", "ano", "ana", "ense", "eno", "ena", "es",
    "icain", "icaine",
]  # fmt: skip

# Words that end a country name's stem: Italy→Ital, Mexique→Mexic, Tunisie→Tunisi.
STEM_ENDINGS = ["ique", "ie", "ia", "um", "y", "a", "e", "o"]

# Words before a country named inside a longer text: "Ministry of Senegal", "au Sénégal".
COUNTRY_PREPOSITIONS = {"of", "in", "from", "du", "de", "des", "en", "au", "aux", "d", "del"}

# Participation channels, as they are written.
CHANNELS = {
    "zoom": "Zoom", "teams": "Teams", "webex": "Webex", "youtube": "YouTube",
    "facebook": "Facebook", "in person": "In Person", "en personne": "In Person",
    "presentiel": "In Person", "room": "In Person", "salle": "In Person",
    "online": "Online", "en ligne": "Online", "presencial": "In Person",
}  # fmt: skip

# Words that introduce examples of the noun before them: "funders like X", "des réseaux comme X".
EXAMPLE_WORDS = {
    "like", "such as", "including", "comme", "tels que", "telles que", "tel que", "notamment",
    "como", "incluyendo", "e g", "eg",
}  # fmt: skip

# Words of a line that names the document, not the session: "PLENARY SESSION — RAPPORTEUR'S
# REPORT", "Compte rendu d'atelier", "Relatoría de sesión". Such a line may give the type.
DOCUMENT_WORDS = {
    "report", "reports", "rapport", "compte", "rendu", "relatoria", "notes", "rapporteur",
    "rapporteurs", "form", "fiche", "sheet", "minutes", "informe", "acta", "memo",
}  # fmt: skip
