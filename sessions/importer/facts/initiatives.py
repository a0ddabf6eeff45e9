"""Initiatives named in a summary: quoted names, and names next to what an initiative is.

- in quotes of any kind: « Jàmm Livraison », “Kindred”, "VISES", when the quoted text reads
  as a name (short, capitalised, not a sentence) and is not an example of something else
  ("funders like “Power to Change”" names funders);
- after a naming verb: "a project called VISES", "un dispositif baptisé Jàmm";
- around an initiative noun: "the Kindred initiative", "the Brabant Outcomes Fund",
  "the initiative of the Brabant Outcomes Fund", "le programme Territoires Zéro Chômeur".
The nouns and verbs are the vocabulary's (English, French, Spanish).
"""

import re

from sessions.importer.blocks import fold
from sessions.importer.vocabulary import EXAMPLE_WORDS, INITIATIVE_NOUNS, NAMING_VERBS

UPPER = "A-ZÀ-ÖØ-ÞŒ"
WORD = rf"[{UPPER}0-9][\w'’&.\-]*"
# The small words inside a name: "Land Trust of the City", "Owned by Staff".
LINK = (
    r"(?:(?:de|du|des|la|le|of|the|for|and|et|y|del|ni|zu|by|in|on|to|pour|en|sur|per|da|di|"
    r"do|dos|das|van|von)\s+)?"
)
CAPITALISED = rf"((?:{WORD}\s+{LINK}){{0,5}}{WORD})"
QUOTE = re.compile(r"[\"“«„]\s*([^\"”»“\n]{2,100}?)\s*[\"”»“]")
_nouns = "|".join(map(re.escape, INITIATIVE_NOUNS))
_verbs = "|".join(re.escape(verb).replace(r"\ ", r"\s+") for verb in NAMING_VERBS)
PATTERNS = [
    # a project called VISES; un projet appelé Jàmm (the name unquoted: quotes are read above)
    re.compile(rf"(?i:\b(?:{_nouns})s?,?\s+(?:{_verbs}))\s+{CAPITALISED}"),
    # the initiative of the Brabant Outcomes Fund
    re.compile(rf"(?i:\binitiative\s+(?:of|from)\s+the)\s+{CAPITALISED}"),
    # the Kindred initiative; the Lille Solidarity Land Trust initiative
    re.compile(rf"\b(?:[Tt]he|[Ii]ts|[Oo]ur|[Tt]heir)\s+{CAPITALISED}\s+(?:{_nouns})\b"),
    # the Brabant Outcomes Fund, the Youth Guarantee Programme: the noun is part of the name
    re.compile(
        rf"\b(?:[Tt]he)\s+((?:{WORD}\s+){{1,5}}(?:Fund|Programme|Program|Project|Initiative|"
        rf"Scheme|Label|Platform|Campaign|Lab))\b"
    ),
    # le programme Territoires Zéro Chômeur, el proyecto Barrios Vivos
    re.compile(
        rf"\b(?:[Ll]e|[Ll]a|[Ll]['’]|[Ee]l)\s*(?i:projet|programme|dispositif|fonds|initiative|"
        rf"plateforme|label|proyecto|programa|fondo|iniciativa|plataforma)\s+{CAPITALISED}"
    ),
]
LINK_WORDS = set(re.findall(r"\w+", LINK))
SENTENCE_END = (".", "!", "?", ",", ";", ":")
NOT_NAMES = {"the", "this", "these", "it", "they", "he", "she", "ce", "cette", "il", "elle"}


def initiatives_named(text):
    """The initiatives a text names, in the order it names them, each once."""
    found = []
    previous_end = -10
    for match in QUOTE.finditer(text):
        name = match.group(1).strip()
        # « Elkarrekin Thiès » (« Ensemble, Thiès » en basque): a translation, not another one
        translation = text[previous_end : match.start()].strip() == "("
        previous_end = match.end()
        if translation:
            continue
        if _reads_as_name(name) and not _is_an_example(text[: match.start()]):
            found.append((match.start(), name))
    for pattern in PATTERNS:
        for match in pattern.finditer(text):
            name = _trim(match.group(1))
            if name and _reads_as_name(name) and not _quoted_at(text, match.start(1)):
                found.append((match.start(1), name))
    names, seen = [], set()
    for _position, name in sorted(found):
        key = fold(name)
        if key and key not in seen and not any(key in other for other in seen):
            seen.add(key)
            names.append(name)
    return names


def _trim(name):
    words = name.split()
    while words and fold(words[0]) in NOT_NAMES:
        words.pop(0)
    while words and fold(words[-1]) in {"of", "the", "de", "du", "des", "la", "le", "and", "et"}:
        words.pop()
    return " ".join(words).strip(" .,;")


def _reads_as_name(name):
    words = name.split()
    if not 1 <= len(words) <= 8 or len(name) > 90 or name.endswith(SENTENCE_END):
        return False
    if not (name[:1].isupper() or name[:1].isdigit()):
        return False
    lowercase = [
        word
        for word in words
        if word[:1].islower() and fold(word) not in LINK_WORDS and not re.match(r"[ld]['’]\w", word)
    ]
    return len(lowercase) <= max(2, len(words) // 2) and fold(words[0]) not in NOT_NAMES


def _quoted_at(text, position):
    before = text[max(0, position - 2) : position]
    return any(mark in before for mark in '"“«„')


def _is_an_example(before):
    """Whether the quote lists examples of something that is not an initiative: "funders
    like “Power to Change” or “Seedbed”" names funders."""
    before = QUOTE.sub(" ", before[-200:])
    before = re.sub(r"(?:\s*(?:,|\bor\b|\band\b|\bet\b|\bou\b|\by\b))+\s*$", "", before)
    words = fold(before).split()
    for size in (2, 1):
        if len(words) > size and " ".join(words[-size:]) in EXAMPLE_WORDS:
            noun = words[-size - 1]
            return noun.rstrip("s") not in {n.rstrip("s") for n in INITIATIVE_NOUNS}
    return False
