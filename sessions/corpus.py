"""Vocabulary and text for synthetic content (`manage.py generate_corpus`).

Nothing made here describes a real forum, person, organisation or initiative.

The vocabulary is a list of word pairs (English, French) in rank order: about three hundred real
terms of the social and solidarity economy spread over the top ranks, two real words planted in
the long tail, and 20,000 made-up words (one root, an English-looking and a French-looking form).
A text is a list of ranks drawn with a Zipf-Mandelbrot law (the chance of rank r is
proportional to 1 / (r + 12)**1.15), rendered word by word in either language, so a French
column is a "translation" of the English one. Words and ranks are fixed (built from their own
seed); `--seed` only changes which texts are drawn.

Terms a benchmark can rely on, whatever the seed:

- MARKER ("gsefcorpus") is in every searchable record, in each language it has: session
  summaries, presentation summaries, initiative summaries, speaker bios, organisation names,
  audience questions and closing remarks.
- FREQUENT_TERMS, MID_TERMS and RARE_TERMS: real words near the top, the middle and the tail of
  the ranking (see the README for how many records hold each at 100,000 sessions).
"""

import random
from itertools import accumulate

MARKER = "gsefcorpus"
ZIPF_EXPONENT = 1.15
ZIPF_OFFSET = 12  # flattens the head: the commonest word is about 2% of the words, not 12%
SYNTHETIC_WORDS = 20_000
_VOCABULARY_SEED = 2013  # fixed: the words and their ranks never depend on --seed

# Real terms, most frequent first: (English, French).
CORE = [
    ("social economy", "économie sociale"),
    ("cooperatives", "coopératives"),
    ("solidarity", "solidarité"),
    ("women", "femmes"),
    ("local", "locale"),
    ("communities", "communautés"),
    ("network", "réseau"),
    ("SSE", "ESS"),
    ("financing", "financement"),
    ("members", "membres"),
    ("public policy", "politique publique"),
    ("youth", "jeunes"),
    ("workers", "travailleurs"),
    ("cities", "villes"),
    ("cooperative", "coopérative"),
    ("enterprises", "entreprises"),
    ("employment", "emploi"),
    ("training", "formation"),
    ("partnership", "partenariat"),
    ("governance", "gouvernance"),
    ("social enterprise", "entreprise sociale"),
    ("meeting", "réunion"),
    ("territory", "territoire"),
    ("investment", "investissement"),
    ("impact", "impact"),
    ("inclusion", "inclusion"),
    ("associations", "associations"),
    ("local government", "collectivité locale"),
    ("solidarity economy", "économie solidaire"),
    ("farmers", "agriculteurs"),
    ("mutual", "mutuelle"),
    ("ecosystem", "écosystème"),
    ("informal economy", "économie informelle"),
    ("microfinance", "microfinance"),
    ("outcomes fund", "fonds à impact"),
    ("Senegal", "Sénégal"),
    ("savings", "épargne"),
    ("housing", "logement"),
    ("food", "alimentation"),
    ("legislation", "législation"),
    ("democracy", "démocratie"),
    ("resilience", "résilience"),
    ("municipality", "municipalité"),
    ("health", "santé"),
    ("education", "éducation"),
    ("evaluation", "évaluation"),
    ("research", "recherche"),
    ("Canada", "Canada"),
    ("federation", "fédération"),
    ("Korea", "Corée"),
    ("market", "marché"),
    ("cooperation", "coopération"),
    ("agriculture", "agriculture"),
    ("recovery", "relance"),
    ("climate", "climat"),
    ("France", "France"),
    ("circular economy", "économie circulaire"),
    ("social innovation", "innovation sociale"),
    ("social impact", "impact social"),
    ("indicators", "indicateurs"),
    ("procurement", "commande publique"),
    ("Cameroon", "Cameroun"),
    ("capacity building", "renforcement des capacités"),
    ("advocacy", "plaidoyer"),
    ("value chain", "chaîne de valeur"),
    ("platform", "plateforme"),
    ("incubator", "incubateur"),
    ("rural", "rural"),
    ("urban", "urbain"),
    ("neighbourhood", "quartier"),
    ("Mexico", "Mexique"),
    ("Spain", "Espagne"),
    ("Brazil", "Brésil"),
    ("gender equality", "égalité femmes-hommes"),
    ("empowerment", "autonomisation"),
    ("fair trade", "commerce équitable"),
    ("short supply chains", "circuits courts"),
    ("recycling", "recyclage"),
    ("waste pickers", "récupérateurs"),
    ("credit union", "caisse populaire"),
    ("guarantee fund", "fonds de garantie"),
    ("crowdfunding", "financement participatif"),
    ("ethical bank", "banque éthique"),
    ("microcredit", "microcrédit"),
    ("savings groups", "groupes d'épargne"),
    ("social bonds", "obligations sociales"),
    ("tax incentives", "incitations fiscales"),
    ("framework law", "loi-cadre"),
    ("mapping", "cartographie"),
    ("statistics", "statistiques"),
    ("satellite account", "compte satellite"),
    ("university", "université"),
    ("union", "syndicat"),
    ("migrants", "migrants"),
    ("refugees", "réfugiés"),
    ("disability", "handicap"),
    ("elderly people", "personnes âgées"),
    ("childcare", "garde d'enfants"),
    ("care work", "travail du care"),
    ("pandemic", "pandémie"),
    ("just transition", "transition juste"),
    ("renewable energy", "énergie renouvelable"),
    ("water", "eau"),
    ("tourism", "tourisme"),
    ("culture", "culture"),
    ("crafts", "artisanat"),
    ("decentralisation", "décentralisation"),
    ("participatory budgeting", "budget participatif"),
    ("commons", "communs"),
    ("community land trust", "fiducie foncière communautaire"),
    ("platform cooperative", "coopérative de plateforme"),
    ("digital", "numérique"),
    ("Morocco", "Maroc"),
    ("Tunisia", "Tunisie"),
    ("Côte d'Ivoire", "Côte d'Ivoire"),
    ("Mali", "Mali"),
    ("Burkina Faso", "Burkina Faso"),
    ("Benin", "Bénin"),
    ("Kenya", "Kenya"),
    ("South Africa", "Afrique du Sud"),
    ("Colombia", "Colombie"),
    ("Argentina", "Argentine"),
    ("Quebec", "Québec"),
    ("Italy", "Italie"),
    ("Portugal", "Portugal"),
    ("Japan", "Japon"),
    ("India", "Inde"),
    ("Philippines", "Philippines"),
    ("Indonesia", "Indonésie"),
    ("Dakar", "Dakar"),
    ("Montreal", "Montréal"),
    ("Seoul", "Séoul"),
    ("Bilbao", "Bilbao"),
    ("Bordeaux", "Bordeaux"),
    ("Barcelona", "Barcelone"),
    ("fisheries", "pêche"),
    ("seeds", "semences"),
    ("land", "terres"),
    ("dairy", "filière laitière"),
    ("cocoa", "cacao"),
    ("shea butter", "beurre de karité"),
    ("artisans", "artisans"),
    ("street vendors", "vendeurs de rue"),
    ("domestic workers", "travailleuses domestiques"),
    ("worker cooperative", "société coopérative de production"),
    ("social cooperative", "coopérative sociale"),
    ("foundation", "fondation"),
    ("philanthropy", "philanthropie"),
    ("volunteers", "bénévoles"),
    ("citizens", "citoyens"),
    ("mayor", "maire"),
    ("ministry", "ministère"),
    ("regional council", "conseil régional"),
    ("development bank", "banque de développement"),
    ("patient capital", "capital patient"),
    ("revolving fund", "fonds renouvelable"),
    ("mobile money", "monnaie mobile"),
    ("local currency", "monnaie locale"),
    ("time bank", "banque de temps"),
    ("social housing", "logement social"),
    ("energy cooperative", "coopérative énergétique"),
    ("broadband", "haut débit"),
    ("open data", "données ouvertes"),
    ("toolkit", "boîte à outils"),
    ("curriculum", "programme d'études"),
    ("apprenticeship", "apprentissage"),
    ("mentoring", "mentorat"),
    ("business transfer", "reprise d'entreprise"),
    ("worker buyout", "reprise par les salariés"),
    ("supply chain", "chaîne d'approvisionnement"),
    ("certification", "certification"),
    ("label", "label"),
    ("trust", "confiance"),
    ("dialogue", "dialogue"),
    ("charter", "charte"),
    ("declaration", "déclaration"),
    ("roadmap", "feuille de route"),
    ("peer learning", "apprentissage entre pairs"),
    ("study visit", "voyage d'étude"),
    ("exchange", "échange"),
    ("solidarity finance", "finance solidaire"),
    ("impact investing", "investissement d'impact"),
    ("blended finance", "financement mixte"),
    ("grant", "subvention"),
    ("loan", "prêt"),
    ("equity", "fonds propres"),
    ("reinvested surplus", "excédents réinvestis"),
    ("limited profit", "lucrativité limitée"),
    ("collective ownership", "propriété collective"),
    ("one member one vote", "un membre une voix"),
    ("general assembly", "assemblée générale"),
    ("board", "conseil d'administration"),
    ("manifesto", "manifeste"),
    ("agroecology", "agroécologie"),
    ("food sovereignty", "souveraineté alimentaire"),
    ("school canteens", "cantines scolaires"),
    ("community kitchen", "cuisine communautaire"),
    ("second-hand", "réemploi"),
    ("repair café", "café de réparation"),
    ("bicycle", "vélo"),
    ("car sharing", "autopartage"),
    ("coworking", "tiers-lieu"),
    ("makerspace", "fablab"),
    ("festival", "festival"),
    ("radio", "radio"),
    ("newspaper", "journal"),
    ("storytelling", "récit"),
]

# Real words placed on purpose in the long tail: a rare term that is still a real word.
TAIL = [
    ("beekeeping", "apiculture"),
    ("tontines", "tontines"),
]

FREQUENT_TERMS = {"en": "cooperatives", "fr": "coopératives"}
MID_TERMS = {"en": "microfinance", "fr": "microfinance"}
RARE_TERMS = {"en": "beekeeping", "fr": "apiculture"}

FUNCTION_WORDS = {
    "en": ["the", "of", "and", "for", "in", "with", "to", "through", "by", "across"],
    "fr": ["les", "des", "et", "pour", "dans", "avec", "aux", "par", "du", "entre"],
}

QUESTION_OPENINGS = [
    ("How can", "Comment"),
    ("Why do", "Pourquoi"),
    ("What role for", "Quel rôle pour"),
    ("Which conditions help", "Quelles conditions pour"),
    ("Who pays for", "Qui finance"),
    ("Where do", "Où"),
]

ROLES = [
    ("Director", "Directrice"),
    ("President", "Présidente"),
    ("Researcher", "Chercheur"),
    ("Project officer", "Chargée de projet"),
    ("Mayor", "Maire"),
    ("Deputy mayor", "Adjoint au maire"),
    ("Coordinator", "Coordinatrice"),
    ("Founder", "Fondateur"),
    ("Policy adviser", "Conseillère politique"),
    ("Programme manager", "Responsable de programme"),
    ("Professor", "Professeure"),
    ("Secretary general", "Secrétaire général"),
]

ORGANISATION_KINDS = [  # (English name, French name, OrganisationKind value)
    ("Cooperative", "Coopérative", "cooperative"),
    ("Network", "Réseau", "network"),
    ("Foundation", "Fondation", "funder"),
    ("Solidarity Fund", "Fonds solidaire", "funder"),
    ("Institute", "Institut", "university"),
    ("Research Centre", "Centre de recherche", "university"),
    ("Federation", "Fédération", "network"),
    ("Association", "Association", "ngo"),
    ("Social Enterprise", "Entreprise sociale", "enterprise"),
    ("City Council", "Conseil municipal", "government"),
    ("Agency", "Agence", "international"),
    ("Collective", "Collectif", "other"),
]

THEMES = [  # slug, English, French; the demo data uses the same slugs
    ("public-policy", "Public policy", "Politiques publiques"),
    ("impact-measurement", "Impact measurement", "Mesure d'impact"),
    ("social-finance", "Social finance", "Finance solidaire"),
    ("cooperatives", "Cooperatives", "Coopératives"),
    ("local-development", "Local development", "Développement local"),
    ("women-and-gender", "Women and gender", "Femmes et genre"),
    ("digital-transformation", "Digital transformation", "Transition numérique"),
    ("food-systems", "Food systems", "Systèmes alimentaires"),
    ("housing", "Housing", "Logement"),
    ("education-and-youth", "Education and youth", "Éducation et jeunesse"),
    ("informal-economy", "Informal economy", "Économie informelle"),
]

# Where synthetic people and initiatives come from (ISO codes, repeated for weight).
COUNTRIES = (
    ["SN"] * 6
    + ["CM", "CI", "ML", "BF", "BJ", "MA", "TN", "KE", "ZA"] * 2
    + ["CA"] * 4
    + ["FR"] * 5
    + ["KR"] * 4
    + ["ES", "MX", "BR"] * 3
    + ["IT", "PT", "CO", "AR", "JP", "IN", "PH", "ID", "GB", "DE", "BE", "CH", "US"]
)

_ONSETS = ["b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "z"]
_ONSETS += ["br", "dr", "gr", "pl", "tr", "ch", "st", "k", "j", "y", ""]
_VOWELS = ["a", "e", "i", "o", "u", "a", "e", "o", "ai", "ou", "ia", "eo"]
_CODAS = ["", "", "", "n", "r", "l", "s", "m", "nd", "rt"]
_SUFFIXES = [  # English form, French form
    ("", "e"),
    ("ing", "age"),
    ("ity", "ité"),
    ("ness", "esse"),
    ("ment", "ement"),
    ("er", "eur"),
    ("ion", "ion"),
    ("al", "al"),
    ("ship", "at"),
    ("ism", "isme"),
    ("ance", "ance"),
    ("ory", "oire"),
]
_FRENCH_ACCENTS = {"e": "é", "a": "â", "o": "ô", "i": "î"}


def _syllable(rng):
    return rng.choice(_ONSETS) + rng.choice(_VOWELS)


def _root(rng, syllables):
    return "".join(_syllable(rng) for _ in range(syllables)) + rng.choice(_CODAS)


def _frenchify(root, rng):
    """The French form of a root: now and then an accent, as French spelling has."""
    if rng.random() < 0.35:
        positions = [i for i, letter in enumerate(root) if letter in _FRENCH_ACCENTS]
        if positions:
            i = rng.choice(positions)
            accented = "é" if root[i] == "e" and rng.random() < 0.8 else _FRENCH_ACCENTS[root[i]]
            root = root[:i] + accented + root[i + 1 :]
    return root


def _build_vocabulary():
    rng = random.Random(_VOCABULARY_SEED)
    taken = {word.lower() for pair in CORE + TAIL for word in pair}
    taken |= {word for words in FUNCTION_WORDS.values() for word in words} | {MARKER}
    synthetic = []
    while len(synthetic) < SYNTHETIC_WORDS:
        root = _root(rng, rng.choice([2, 2, 2, 3]))
        suffix_en, suffix_fr = rng.choice(_SUFFIXES)
        english, french = root + suffix_en, _frenchify(root, rng) + suffix_fr
        if len(english) < 4 or english in taken or french in taken:
            continue
        taken |= {english, french}
        synthetic.append((english, french))
    # Real terms go at ranks 0, 2, 5, 9 ... (spread over the top few thousand), the tail
    # words near the end, the made-up words everywhere else.
    total = len(synthetic) + len(CORE) + len(TAIL)
    placed = {}
    rank = -1
    for j, pair in enumerate(CORE):
        rank = max(rank + 1, round(2.5 * j**1.4))
        placed[rank] = pair
    for j, pair in enumerate(TAIL):
        placed[total - 400 - 700 * j] = pair
    fill = iter(synthetic)
    return [placed[r] if r in placed else next(fill) for r in range(total)]


VOCABULARY = _build_vocabulary()
_RANKS = range(len(VOCABULARY))
_CUM_WEIGHTS = list(accumulate(1 / (r + ZIPF_OFFSET) ** ZIPF_EXPONENT for r in _RANKS))

# Rendering tables. Content words have ranks 0..V-1; function words and the marker have negative
# tokens, which index the end of the same list.
WORDS = {
    lang: [pair[i] for pair in VOCABULARY] + FUNCTION_WORDS[lang][::-1] + [MARKER]
    for i, lang in enumerate(("en", "fr"))
}
MARKER_TOKEN = -1
_FUNCTION_TOKENS = list(range(-len(FUNCTION_WORDS["en"]) - 1, -1))


def rank_of(word):
    """The rank of a vocabulary word in either language (0 is the most frequent)."""
    for rank, pair in enumerate(VOCABULARY):
        if word in pair:
            return rank
    raise LookupError(word)


def _capitalised(text):
    return text[:1].upper() + text[1:]


class Writer:
    """Draws texts with one random generator. A text is a list of sentences, a sentence a list
    of tokens; `render` turns it into English or French."""

    def __init__(self, rng):
        self.rng = rng

    def sentence(self, low, high):
        """Content words drawn by rank, with a function word after every third one."""
        rng = self.rng
        tokens = rng.choices(_RANKS, cum_weights=_CUM_WEIGHTS, k=rng.randint(low, high))
        glue = rng.choices(_FUNCTION_TOKENS, k=(len(tokens) - 1) // 3)
        for i in range(len(glue) - 1, -1, -1):
            tokens.insert(3 * i + 2, glue[i])
        return tokens

    def text(self, sentences, marked=False, low=7, high=15):
        text = [self.sentence(low, high) for _ in range(sentences)]
        if marked:
            first = text[0]
            first.insert(self.rng.randint(1, len(first)), MARKER_TOKEN)
        return text

    def title(self, low=3, high=7):
        return [self.sentence(low, high)]

    def question(self, marked=True):
        opening = self.rng.randrange(len(QUESTION_OPENINGS))
        return ("question", opening, self.text(1, marked=marked, low=6, high=12))

    def name(self):
        """A made-up person's name, from the pronounceable syllables."""
        rng = self.rng
        first = _root(rng, rng.choice([2, 2, 3])).capitalize()
        last = _root(rng, rng.choice([2, 3])).capitalize()
        if rng.random() < 0.3:
            last = _frenchify(last, rng)
        return f"{first} {last}"

    def place(self):
        return _root(self.rng, self.rng.choice([2, 3])).capitalize()


def render(text, lang):
    if text is None:
        return None
    if isinstance(text, tuple):  # a question: an opening, then a sentence
        _, opening, body = text
        words = WORDS[lang]
        return (
            QUESTION_OPENINGS[opening][lang == "fr"]
            + " "
            + " ".join(map(words.__getitem__, body[0]))
            + "?"
        )
    words = WORDS[lang]
    return " ".join(
        _capitalised(" ".join(map(words.__getitem__, sentence))) + "." for sentence in text
    )


def render_title(text, lang):
    words = WORDS[lang]
    return _capitalised(" ".join(map(words.__getitem__, text[0])))


def both(text, languages, title=False):
    """(English, French) for a text, None where the record lacks that language."""
    if text is None:
        return None, None
    draw = render_title if title else render
    return (
        draw(text, "en") if "en" in languages else None,
        draw(text, "fr") if "fr" in languages else None,
    )
