"""Rapporteurs' reports in, draft sessions out.

A report follows GSEF's template (see ../shared/reports/): a header of "Label: value" lines, then
sections for the moderator, the speakers, the summaries of presentations, the guiding question,
the audience's questions and the closing remarks. Real reports are noisy, so the parser reads
headings at any level or in bold, numbered items in several styles, English or French labels,
and skips what is not part of the template (OCR'd screenshots, HTML), saying so.

Three steps, each usable alone:
- `read_report(data)`: bytes to text (UTF-8, with or without BOM, or Latin-1), or ReportError;
- `parse_report(text)`: text to a ParsedReport, with warnings and line numbers;
- `Importer(...).run(parsed, source)`: the rows, matched or created, in one transaction.
"""

import calendar
import datetime
import functools
import multiprocessing
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import DataError, IntegrityError, connection, connections, transaction
from django.utils import translation
from django.utils.text import slugify
from django_countries import countries

from sessions.models import (
    AudienceQuestion,
    ClosingRemark,
    Forum,
    Initiative,
    Language,
    Presentation,
    Session,
    SessionType,
)
from speakers.models import Organisation, Speaker

MAX_BYTES = 2 * 1024 * 1024
CREATION_LOCK = 4_715_293  # any number; names the advisory lock of concurrent imports
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class ReportError(Exception):
    """A report that cannot be imported; nothing is written."""

    def __init__(self, message, line=None):
        super().__init__(f"line {line}: {message}" if line else message)
        self.line = line


# Reading


def read_report(data):
    """The text of a report file, with line endings made "\\n", and any warnings."""
    if len(data) > MAX_BYTES:
        raise ReportError(
            f"the file is {len(data) / 1024 / 1024:.1f} MB; a report is at most "
            f"{MAX_BYTES // 1024 // 1024} MB"
        )
    if not data.strip():
        raise ReportError("the file is empty")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ReportError("the file holds binary data (a NUL byte): is it a text report?", line)
    warnings = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        text = data.decode("cp1252", errors="replace")
        if "\ufffd" in text:
            raise ReportError(
                "the file is neither UTF-8 nor Latin-1 text; save it as UTF-8", line
            ) from None
        warnings.append(Problem(line, "the file is not UTF-8; it was read as Latin-1 (cp1252)"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = len(CONTROL_CHARACTERS.findall(text))
    if controls > max(3, len(text) // 200):
        raise ReportError("the file holds binary data, not text: is it a text report?")
    return text, warnings


# Parsing


@dataclass
class Problem:
    line: int | None
    message: str

    def __str__(self):
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass
class Person:
    name: str
    line: int
    role: str = ""
    organisation: str = ""
    acronym: str = ""
    country: str = ""


@dataclass
class ParsedPresentation:
    speaker: Person
    title: str = ""
    summary: str = ""
    initiatives: list = field(default_factory=list)


@dataclass
class ParsedQuestion:
    line: int
    asker_name: str = ""
    asker_country: str = ""
    question: str = ""
    answer: str = ""
    answered_by: str = ""


@dataclass
class ParsedRemark:
    line: int
    name: str
    text: str


@dataclass
class ParsedReport:
    language: str = "en"
    forum_name: str = ""
    forum_start: datetime.date | None = None
    forum_end: datetime.date | None = None
    central_theme: str = ""
    title: str = ""
    title_fr: str = ""
    title_line: int | None = None
    session_type: str = ""
    languages: list = field(default_factory=list)
    date: datetime.date | None = None
    date_text: str = ""
    date_line: int | None = None
    start_time: datetime.time | None = None
    duration_minutes: int | None = None
    participant_count: int | None = None
    participation_channel: str = ""
    moderator: Person | None = None
    presentations: list = field(default_factory=list)
    guiding_question: str = ""
    guiding_synthesis: str = ""
    questions: list = field(default_factory=list)
    remarks: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    skipped: list = field(default_factory=list)

    def warn(self, line, message):
        self.warnings.append(Problem(line, message))


def unaccent(text):
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def fold(text):
    """Lowercase, without accents or punctuation, spaces collapsed: for comparing names."""
    text = unaccent(text).lower()
    text = re.sub(r"[’'`]", "'", text)
    return " ".join(re.sub(r"[^\w']+", " ", text).replace("'", " ").split())


HONORIFIC = re.compile(
    r"^(?:(?:mr|mrs|ms|miss|mx|mme|mlle|m|dr|prof|professor|madame|monsieur|sr|sra|don|dona)"
    r"\.?\s+)+",
    re.IGNORECASE,
)


def strip_honorific(name):
    return HONORIFIC.sub("", name.strip()).strip()


def person_key(name):
    return fold(strip_honorific(name))


ABBREVIATIONS = {
    "sse": "social and solidarity economy",
    "ess": "economie sociale et solidaire",
}


def organisation_key(name):
    words = fold(re.sub(r"\([^)]*\)", " ", name)).split()
    words = [ABBREVIATIONS.get(word, word) for word in words]
    if words and words[0] in {"the", "la", "le", "les", "l"}:
        words = words[1:]
    return " ".join(words)


TAGS = re.compile(r"<[^>]+>")
MARKUP = re.compile(r"(\*\*|__|\*|_(?=\w)|(?<=\w)_)")


def plain(text):
    """A line without HTML tags, Markdown emphasis, or surrounding spaces."""
    text = TAGS.sub("", text)
    text = MARKUP.sub("", text)
    return " ".join(text.split())


NUMBERED = re.compile(r"^\s*(?:\(?(\d{1,2})\s*[.)\]:–-]|(\d{1,2})\s+[-–])\s*(.+)$")
BULLET = re.compile(r"^\s*[-*•·–]\s+(.+)$")
HEADING = re.compile(r"^\s*(#{1,6})\s+(.+?)\s*#*\s*$")
WHOLE_BOLD = re.compile(r"^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*:?\s*$")

SECTIONS = {
    "moderator": [
        "name of moderator",
        "moderator",
        "moderators",
        "nom du moderateur",
        "nom de la moderatrice",
        "moderateur",
        "moderatrice",
        "moderation",
        "animateur",
    ],
    "speakers": [
        "speakers",
        "panelists",
        "panellists",
        "intervenants",
        "intervenantes",
        "orateurs",
        "panelistes",
        "speakers and presentations",
    ],
    "summaries": [
        "summary of presentations",
        "summaries of presentations",
        "summary of the presentations",
        "presentations",
        "resume des presentations",
        "resumes des presentations",
        "synthese des presentations",
    ],
    "guiding": [
        "answers to the guiding question",
        "guiding question",
        "question directrice",
        "reponses a la question directrice",
        "question d orientation",
    ],
    "audience": [
        "relevant questions and answers from audience",
        "questions and answers",
        "questions from the audience",
        "audience questions",
        "q a",
        "questions du public",
        "questions et reponses",
        "questions et reponses du public",
    ],
    "closing": [
        "closing remarks",
        "conclusion",
        "conclusions",
        "remarques de cloture",
        "mot de la fin",
        "conclusion du moderateur",
        "remarques finales",
    ],
}
FRENCH_LABELS = {
    "nom du moderateur",
    "nom de la moderatrice",
    "moderateur",
    "moderatrice",
    "animateur",
    "intervenants",
    "intervenantes",
    "orateurs",
    "panelistes",
    "resume des presentations",
    "resumes des presentations",
    "synthese des presentations",
    "question directrice",
    "reponses a la question directrice",
    "question d orientation",
    "questions du public",
    "questions et reponses",
    "questions et reponses du public",
    "remarques de cloture",
    "mot de la fin",
    "conclusion du moderateur",
    "remarques finales",
    "titre de la session",
    "type de session",
    "langue",
    "langues",
    "heure",
    "duree",
}


def section_of(label):
    key = fold(re.sub(r"^\s*(?:\d{1,2}\s*[.)]\s*)", "", label)).rstrip(" :")
    for section, labels in SECTIONS.items():
        if key in labels:
            return section, key
    # "Add summary or conclusion of the moderator at the end of the session..." and the like.
    if re.search(r"\b(?:closing|conclusions?|cloture|mot de la fin)\b", key):
        return "closing", key
    if "guiding question" in key or "question directrice" in key:
        return "guiding", key
    for section, labels in SECTIONS.items():
        if any(len(known) > 8 and known in key for known in labels):
            return section, key
    return None, key


FIELDS = [
    ("title", r"(?:title of the session|session title|titre de la session|title|titre)"),
    ("type", r"(?:type of session|session type|type de session|format)"),
    ("languages", r"(?:languages?|langues?)"),
    ("date", r"(?:date)"),
    ("time", r"(?:time|heure|horaire|duration|duree|durée)"),
    ("participants", r"(?:participants?|participation)"),
]
FIELD_LINE = [
    (name, re.compile(rf"^\s*\**\s*{pattern}\s*\**\s*:?\s*\**\s*(.*)$", re.IGNORECASE))
    for name, pattern in FIELDS
]

SESSION_TYPES = [
    (
        SessionType.SELF_ORGANISED,
        [
            "self-organised",
            "self organised",
            "self-organized",
            "autogere",
            "auto-organise",
            "autoorganise",
        ],
    ),
    (SessionType.PLENARY, ["plenary", "pleniere", "pleniere"]),
    (SessionType.ROUNDTABLE, ["roundtable", "round table", "table ronde"]),
    (SessionType.SIDE_EVENT, ["side event", "side-event", "evenement parallele"]),
    (SessionType.WORKSHOP, ["workshop", "atelier"]),
]

LANGUAGE_NAMES = {
    "english": "en",
    "anglais": "en",
    "french": "fr",
    "francais": "fr",
    "spanish": "es",
    "espagnol": "es",
    "espanol": "es",
    "portuguese": "pt",
    "portugais": "pt",
    "korean": "ko",
    "coreen": "ko",
    "arabic": "ar",
    "arabe": "ar",
    "catalan": "ca",
    "german": "de",
    "allemand": "de",
    "italian": "it",
    "italien": "it",
    "dutch": "nl",
    "neerlandais": "nl",
    "japanese": "ja",
    "japonais": "ja",
    "chinese": "zh-hans",
    "chinois": "zh-hans",
}

MONTHS = {
    fold(name): number
    for number in range(1, 13)
    for name in (
        calendar.month_name[number],
        calendar.month_abbr[number],
        [
            "janvier",
            "fevrier",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "aout",
            "septembre",
            "octobre",
            "novembre",
            "decembre",
        ][number - 1],
    )
}
DAY_MONTH = re.compile(
    r"(\d{1,2})\s*(?:st|nd|rd|th|er)?\s*(?:of\s+|de\s+)?([a-zéû]+)\.?(?:\s+(\d{4}))?"
)
MONTH_DAY = re.compile(r"([a-zéû]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?(?:\s+(\d{4}))?")
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
RANGE = re.compile(
    r"(\d{1,2})\s*(?:[a-zéû]+\s*)?[–—-]\s*(\d{1,2})\s+([a-zéû]+)\.?\s+(\d{4})", re.IGNORECASE
)


def parse_day(text, default_year=None):
    text = fold(text)
    if match := ISO_DATE.search(text):
        year, month, day = map(int, match.groups())
        return _date(year, month, day)
    for pattern, order in ((DAY_MONTH, "dm"), (MONTH_DAY, "md")):
        for match in pattern.finditer(text):
            first, second, year = match.groups()
            day, month_name = (first, second) if order == "dm" else (second, first)
            month = MONTHS.get(month_name)
            if month and (year or default_year):
                return _date(int(year or default_year), month, int(day))
    return None


def _date(year, month, day):
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


class Countries:
    """Country names in English and French, with a few common aliases and adjectives."""

    ALIASES = {
        "the netherlands": "NL",
        "netherlands": "NL",
        "holland": "NL",
        "uk": "GB",
        "united kingdom": "GB",
        "great britain": "GB",
        "england": "GB",
        "scotland": "GB",
        "wales": "GB",
        "usa": "US",
        "us": "US",
        "united states": "US",
        "etats unis": "US",
        "south korea": "KR",
        "korea": "KR",
        "republic of korea": "KR",
        "coree du sud": "KR",
        "coree": "KR",
        "russia": "RU",
        "vietnam": "VN",
        "ivory coast": "CI",
        "cote d ivoire": "CI",
        "quebec": "CA",
    }
    ADJECTIVES = {
        "senegalese": "SN",
        "senegalais": "SN",
        "senegalaise": "SN",
        "cameroonian": "CM",
        "camerounais": "CM",
        "camerounaise": "CM",
        "beninese": "BJ",
        "beninois": "BJ",
        "beninoise": "BJ",
        "french": "FR",
        "francais": "FR",
        "francaise": "FR",
        "dutch": "NL",
        "british": "GB",
        "mexican": "MX",
        "mexicain": "MX",
        "mexicaine": "MX",
        "korean": "KR",
        "coreen": "KR",
        "coreenne": "KR",
        "spanish": "ES",
        "espagnol": "ES",
        "espagnole": "ES",
        "canadian": "CA",
        "canadien": "CA",
        "canadienne": "CA",
        "brazilian": "BR",
        "bresilien": "BR",
        "bresilienne": "BR",
        "italian": "IT",
        "italien": "IT",
        "italienne": "IT",
        "moroccan": "MA",
        "marocain": "MA",
        "marocaine": "MA",
        "tunisian": "TN",
        "tunisien": "TN",
        "tunisienne": "TN",
        "ivorian": "CI",
        "ivoirien": "CI",
        "ivoirienne": "CI",
        "malian": "ML",
        "malien": "ML",
        "burkinabe": "BF",
        "portuguese": "PT",
        "portugais": "PT",
        "argentinian": "AR",
        "argentine": "AR",
        "colombian": "CO",
        "colombien": "CO",
        "chilean": "CL",
        "chilien": "CL",
        "japanese": "JP",
        "japonais": "JP",
        "german": "DE",
        "allemand": "DE",
        "belgian": "BE",
        "belge": "BE",
        "swiss": "CH",
        "suisse": "CH",
        "european": "",
    }

    def __init__(self):
        self.names = dict(self.ALIASES)
        for language in ("en", "fr"):
            with translation.override(language):
                for code, name in countries:
                    self.names.setdefault(fold(name), code)
                    self.names.setdefault(fold(re.sub(r"\s*\(.*\)", "", name)), code)

    def find(self, text):
        """The code of a country named by the whole of `text`, or ""."""
        key = fold(text)
        if key.startswith(("the ", "la ", "le ", "les ")) and key not in self.names:
            key = key.split(" ", 1)[1]
        return self.names.get(key, "")

    def mentioned(self, text):
        """A country named inside `text` ("... of Cameroon", "Senegalese Ministry"), or ""."""
        words = fold(text).split()
        for size in (3, 2, 1):
            for start in range(len(words) - size + 1):
                phrase = " ".join(words[start : start + size])
                if size == 1 and phrase in self.ADJECTIVES:
                    return self.ADJECTIVES[phrase]
                preceded = start and words[start - 1] in {"of", "du", "de", "in", "en", "au"}
                if preceded and (code := self.names.get(phrase)):
                    return code
        return ""


@functools.cache
def known_countries():
    return Countries()


ROLE_WORDS = re.compile(
    r"^(?:senior |deputy |vice |executive |general |co-?)?(?:director|directrice|directeur|"
    r"representative|represent|fellow|visiting|head|president|presidente|coordinator|"
    r"coordinatrice|coordinateur|manager|researcher|chercheur|chercheuse|professor|"
    r"professeur|advisor|adviser|conseiller|conseillere|chair|founder|fondateur|fondatrice|"
    r"ceo|mayor|maire|minister|ministre|secretary|secretaire|officer|chargee?|responsable|"
    r"policy|project|programme|program|member|membre|delegate|deleguee?|treasurer|"
    r"tresoriere?|animat(?:eur|rice)|moderat(?:or|eur|rice)|lecturer|consultant|expert|"
    r"analyst|analyste|adjointe?|deputy|vice|chief|cheffe?|editor|journalist|student)",
    re.IGNORECASE,
)
ORGANISATION_WORDS = re.compile(
    r"\b(?:institute|institut|university|universite|network|reseau|ministry|ministere|"
    r"chamber|chambre|province|group|groupe|association|foundation|fondation|council|conseil|"
    r"agency|agence|centre|center|city|ville|federation|cooperative|union|forum|fund|fonds|"
    r"bank|banque|office|organisation|organization|economy|economie|region|government|"
    r"gouvernement)\b",
    re.IGNORECASE,
)
ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9&\-]{1,15})\)")


def split_outside_parentheses(text, separator):
    parts, depth, current = [], 0, []
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if ch == separator and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [part.strip() for part in parts]


def parse_person(text, line, known, with_title=True, strict=True):
    """ "Ms. Name, Role, Organisation (ACR), Country: Presentation title" → (Person, title)."""
    text = plain(text).rstrip(" :")
    title = ""
    if with_title:
        head, colon, tail = text.partition(": ")
        if colon and not re.search(r"\b(?:participation|zoom)$", head, re.IGNORECASE):
            text, title = head, tail.strip()
    segments = [s for s in split_outside_parentheses(text, ",") if s]
    if not segments:
        return None, title
    person = Person(name=strip_honorific(segments[0]), line=line)
    rest = segments[1:]
    if rest:
        country = known.find(rest[-1])
        looks_like_country = (
            len(rest[-1].split()) <= 3
            and not ORGANISATION_WORDS.search(rest[-1])
            and not ACRONYM.search(rest[-1])
            and rest[-1][:1].isupper()
            and (len(rest) > 1 or not ROLE_WORDS.match(rest[-1]))
        )
        if country:
            person.country = country
            rest = rest[:-1]
        elif looks_like_country and len(rest) > 1 and strict:
            raise ReportError(
                f"unknown country “{rest[-1]}” for {person.name} (write the country's English "
                "or French name, e.g. “France”)",
                line,
            )
    if rest:
        first = rest[0]
        # Accents do not matter ("Chargée de mission"); neither does a role we do not know,
        # when the line has the "Name, Role, Organisation" shape and the role is short.
        role_match = ROLE_WORDS.match(unaccent(first)) or (
            len(rest) > 1
            and len(first.split()) <= 5
            and not ORGANISATION_WORDS.search(unaccent(first))
            and not ACRONYM.search(first)
        )
        of = re.search(r"\s(?:of|at|for the|du|de la|de l'|des|au)\s", first)
        splits_here = of and (
            len(rest) == 1 or ORGANISATION_WORDS.search(unaccent(first[of.end() :]))
        )
        if role_match and splits_here:
            person.role = first[: of.start()].strip()
            organisation = ", ".join([first[of.end() :].strip(), *rest[1:]])
        elif role_match and len(rest) > 1:
            person.role = first
            organisation = ", ".join(rest[1:])
        elif role_match:
            person.role = first
            organisation = ""
        else:
            organisation = ", ".join(rest)
        if acronym := ACRONYM.search(organisation):
            person.acronym = acronym.group(1)
            organisation = ACRONYM.sub("", organisation)
        organisation = re.sub(r"^(?:the|la|le|les|l')\s*", "", organisation.strip(" ,"))
        person.organisation = " ".join(organisation.split()).strip(" ,")
    if not person.country:
        person.country = known.mentioned(" ".join([person.organisation, person.role]))
    return person, title


# A name in quotes (anything up to the closing quote), or bare capitalised words.
NAMED = (
    r"(?:[\"“«]\s*([^\"”»]{1,120}?)\s*[\"”»]"
    r"|((?:[A-Z][\w'-]*\s+){0,5}[A-Z][\w'-]*))"
)
CAPITALISED = r"((?:[A-Z][\w'-]*\s+){0,5}[A-Z][\w'-]*)"
INITIATIVE_PATTERNS = [
    # "a project called "VISES"", "the initiative called “Kindred”"
    re.compile(
        r"\b(?:a|an|the)\s+(?:project|initiative|programme|program|fund|scheme)\s+"
        r"(?:called|named|known as)\s+" + NAMED,
        re.IGNORECASE,
    ),
    # "the initiative of the Brabant Outcomes Fund", "the Kindred initiative"
    re.compile(r"\b[Tt]he\s+initiative\s+of\s+the\s+" + CAPITALISED),
    re.compile(r"\b[Tt]he\s+[\"“«]?" + CAPITALISED + r"[\"”»]?\s+initiative\b"),
    # "un projet appelé « X »", "l'initiative intitulée X"
    re.compile(
        r"\b(?:un|une|le|la|l['’])\s*(?:projet|initiative|programme|fonds|dispositif)\s+"
        r"(?:appel[ée]e?|intitul[ée]e?|nomm[ée]e?|baptis[ée]e?)\s+" + NAMED,
        re.IGNORECASE,
    ),
]


def initiatives_named(text):
    names = []
    for pattern in INITIATIVE_PATTERNS:
        for match in pattern.finditer(text):
            found = next(group for group in match.groups() if group)
            name = " ".join(found.split()).strip(" \"'“”«»")
            if name and len(name) <= 120 and fold(name) not in {fold(n) for n in names}:
                names.append(name)
    return names


@dataclass
class Block:
    """The lines under one heading."""

    section: str | None
    label: str
    line: int
    lines: list = field(default_factory=list)  # (number, text)


def blocks_of(lines):
    """Split the report at its headings (Markdown, bold-only lines or bare section labels)."""
    blocks = [Block("header", "", 1)]
    for number, raw in lines:
        text = raw.strip()
        label = None
        if match := HEADING.match(text):
            label = match.group(2)
        elif match := WHOLE_BOLD.match(text):
            if section_of(match.group(1))[0]:
                label = match.group(1)
            elif blocks[-1].section == "header":
                # A bold line atop the header: the forum's central theme, like a heading.
                blocks[-1].lines.append((number, "\x02" + plain(match.group(1))))
                continue
        elif text.endswith(":") and len(text) < 160 and section_of(text)[0]:
            label = text
        if label is not None:
            section, _key = section_of(plain(label))
            parent = blocks[-1]
            if section is None and parent.section == "header":
                parent.lines.append((number, "\x02" + plain(label)))
                continue
            if section is None and parent.section in {"summaries", "guiding"}:
                # A presentation's heading, or the guiding question itself.
                parent.lines.append((number, "\x01" + plain(label)))
                continue
            blocks.append(Block(section, plain(label), number))
        else:
            blocks[-1].lines.append((number, raw))
    return blocks


def paragraphs(lines):
    """(first line number, text) of each paragraph; bullets become their own paragraphs."""
    result, current, start = [], [], None
    for number, raw in lines:
        text = plain(raw)
        bullet = BULLET.match(raw)
        if not text or bullet:
            if current:
                result.append((start, " ".join(current)))
            current, start = [], None
            if bullet:
                result.append((number, plain(bullet.group(1))))
            continue
        if start is None:
            start = number
        current.append(text)
    if current:
        result.append((start, " ".join(current)))
    return result


def is_html_fragment(text):
    return bool(re.match(r"^\s*<(?:p|div|table|span|b|br|tr|td|img)\b", text, re.IGNORECASE))


def parse_report(text):
    """A ParsedReport from the report's text. Raises ReportError when there is no report."""
    report = ParsedReport()
    known = known_countries()
    lines = []
    for number, raw in enumerate(text.split("\n"), start=1):
        if is_html_fragment(raw):
            report.skipped.append(Problem(number, "HTML fragment skipped (names not imported)"))
            continue
        lines.append((number, raw))
    blocks = blocks_of(lines)
    labels = Counter()
    for block in blocks:
        labels["fr" if fold(block.label) in FRENCH_LABELS else "en"] += bool(block.section)
    header_fields = _parse_header(blocks[0], report, known, labels)
    report.language = "fr" if labels["fr"] > labels["en"] else "en"
    if report.date_text:
        year = report.forum_start.year if report.forum_start else None
        report.date = parse_day(report.date_text, default_year=year)
        if report.date is None:
            report.warn(report.date_line, f"date “{report.date_text}” not understood")

    seen = set()
    for block in blocks[1:]:
        if block.section is None:
            if any(plain(t) for _n, t in block.lines) or block.label:
                report.skipped.append(
                    Problem(
                        block.line,
                        f"section “{block.label[:60]}” is not part of the template; skipped",
                    )
                )
            continue
        seen.add(block.section)
        getattr(Sections, block.section)(block, report, known)
    if not report.title:
        raise ReportError(
            "no session title found (a line like “Title of the session: …”): is this a GSEF "
            "session report?"
        )
    for section, message in [
        ("moderator", "no moderator section; the session has no moderator"),
        ("speakers", "no speakers section"),
        ("summaries", "no summaries of presentations"),
        ("guiding", "no guiding question"),
        ("audience", "no audience questions"),
        ("closing", "no closing remarks"),
    ]:
        if section not in seen:
            report.warn(None, message)
    for name in ("type", "languages", "date", "participants"):
        if name not in header_fields:
            report.warn(None, f"no {name} line in the header")
    return report


def _parse_header(block, report, known, labels):
    found = set()
    for number, raw in block.lines:
        text = plain(raw)
        if not text:
            continue
        for name, pattern in FIELD_LINE:
            match = pattern.match(TAGS.sub("", raw))
            if match and plain(match.group(1)):
                found.add(name)
                labels[
                    "fr" if re.match(r"\s*\**\s*(titre|langue|heure|dur)", raw, re.I) else "en"
                ] += 1
                Header.apply(name, plain(match.group(1)), number, report, known)
                break
        else:
            if match := RANGE.search(text):
                day1, day2, month, year = match.groups()
                month_number = MONTHS.get(fold(month))
                if month_number:
                    report.forum_start = _date(int(year), month_number, int(day1))
                    report.forum_end = _date(int(year), month_number, int(day2))
                    continue
            if raw.startswith("\x02") and not report.central_theme:
                report.central_theme = text.lstrip("\x02")
            elif re.search(r"\bforum\b", text, re.IGNORECASE) and not report.forum_name:
                report.forum_name = text
            else:
                report.skipped.append(Problem(number, "header line not understood; skipped"))
    return found


class Header:
    @staticmethod
    def apply(name, value, line, report, known):
        getattr(Header, name)(value, line, report, known)

    @staticmethod
    def title(value, line, report, known):
        english, _slash, french = value.partition(" / ")
        report.title, report.title_line = english.strip(), line
        report.title_fr = french.strip()

    @staticmethod
    def type(value, line, report, known):
        key = fold(value)
        for session_type, words in SESSION_TYPES:
            if any(fold(word) in key for word in words):
                report.session_type = session_type
                return
        report.warn(line, f"unknown session type “{value}”; left empty")

    @staticmethod
    def languages(value, line, report, known):
        for word in re.split(r"[,;/&+]|\band\b|\bet\b", value.lower()):
            word = fold(word)
            if not word:
                continue
            if code := LANGUAGE_NAMES.get(word):
                if code not in report.languages:
                    report.languages.append(code)
            else:
                report.warn(line, f"unknown language “{word}”; skipped")

    @staticmethod
    def date(value, line, report, known):
        report.date_text, report.date_line = value, line

    @staticmethod
    def time(value, line, report, known):
        text = unaccent(value).lower()
        if match := re.search(r"(\d{1,2})\s*[:h]\s*(\d{2})?\D+?(\d{1,2})\s*[:h]\s*(\d{2})?", text):
            h1, m1, h2, m2 = (int(g or 0) for g in match.groups())
            report.start_time = datetime.time(h1 % 24, m1 % 60)
            report.duration_minutes = ((h2 * 60 + m2) - (h1 * 60 + m1)) % (24 * 60) or None
        elif match := re.search(r"(\d{1,2})\s*[:h]\s*(\d{2})", text):
            report.start_time = datetime.time(int(match.group(1)) % 24, int(match.group(2)) % 60)
        if match := re.search(r"(\d+(?:[.,]\d+)?)\s*(minutes?|mins?|hours?|heures?|h)\b", text):
            amount = float(match.group(1).replace(",", "."))
            minutes = amount if match.group(2).startswith("min") else amount * 60
            if not re.search(r"\d\s*[:h]\s*\d{2}", text) or match.group(2).startswith("min"):
                report.duration_minutes = int(minutes) or None
        if report.duration_minutes and report.duration_minutes > 24 * 60:
            report.warn(line, f"a session of {report.duration_minutes} minutes? Left empty")
            report.duration_minutes = None

    @staticmethod
    def participants(value, line, report, known):
        if match := re.search(r"(\d[\d\s,.]*)", value):
            count = int(re.sub(r"\D", "", match.group(1))[:9]) or None
            if count and count > 1_000_000:
                report.warn(line, f"{count} participants is not believable; left empty")
                count = None
            report.participant_count = count
        channel = re.search(r"\b(zoom|teams|webex|youtube|in person|en personne)\b", value, re.I)
        report.participation_channel = channel.group(1).title() if channel else ""


class Sections:
    @staticmethod
    def moderator(block, report, known):
        for number, text in paragraphs(block.lines):
            person, _title = parse_person(text, number, known, with_title=False)
            if person:
                report.moderator = person
                return

    @staticmethod
    def speakers(block, report, known):
        """A numbered (or bulleted) list; whatever follows the list is not a speaker."""
        skipped_from = None
        for number, raw in block.lines:
            match = NUMBERED.match(plain(raw)) or BULLET.match(raw)
            if match and not skipped_from:
                text = match.groups()[-1]
                person, title = parse_person(text, number, known)
                if person:
                    report.presentations.append(ParsedPresentation(speaker=person, title=title))
            elif plain(raw):
                skipped_from = skipped_from or number
        if skipped_from:
            report.skipped.append(
                Problem(
                    skipped_from,
                    "text in the speakers section that is not a numbered "
                    "speaker (a screenshot's OCR?) skipped; the names above are used",
                )
            )

    @staticmethod
    def summaries(block, report, known):
        current, texts = None, {}
        for number, raw in block.lines:
            heading = raw[1:] if raw.startswith("\x01") else None
            numbered = NUMBERED.match(plain(raw))
            if heading is None and numbered and len(plain(raw)) < 300:
                name = strip_honorific(split_outside_parentheses(numbered.groups()[-1], ",")[0])
                if any(
                    person_key(p.speaker.name) == person_key(name) for p in report.presentations
                ):
                    heading = plain(raw)
            if heading is not None:
                numbered = NUMBERED.match(heading)
                person, title = parse_person(
                    numbered.groups()[-1] if numbered else heading,
                    number,
                    known,
                    report,
                    strict=False,
                )
                current = _presentation_for(person, report, number)
                current.title = current.title or title
                texts.setdefault(id(current), [])
            elif current is not None:
                texts[id(current)].append((number, raw))
        for presentation in report.presentations:
            lines = texts.get(id(presentation))
            if lines:
                presentation.summary = "\n\n".join(text for _n, text in paragraphs(lines))
            presentation.initiatives = initiatives_named(presentation.summary)
            if not presentation.title:
                name = presentation.speaker.name
                presentation.title = (
                    presentation.initiatives[0]
                    if presentation.initiatives
                    else f"Presentation by {name}"
                )
                report.warn(
                    presentation.speaker.line,
                    f"no presentation title for {name}; “{presentation.title}” is used",
                )

    @staticmethod
    def guiding(block, report, known):
        texts = []
        for number, raw in block.lines:
            if raw.startswith("\x01") and not report.guiding_question:
                report.guiding_question = raw[1:].strip()
            else:
                texts.append((number, raw))
        parts = [text for _n, text in paragraphs(texts)]
        if not report.guiding_question and parts and parts[0].endswith("?"):
            report.guiding_question = parts.pop(0)
        report.guiding_synthesis = "\n\n".join(parts)

    @staticmethod
    def audience(block, report, known):
        current = None
        for number, text in paragraphs(block.lines):
            answer = re.match(
                r"^(?:answer|reponse|réponse|a|r)\s*(?:\(([^)]+)\))?\s*:\s*(.+)",
                text,
                re.IGNORECASE,
            )
            if answer and current:
                current.answer = answer.group(2)
                current.answered_by = answer.group(1) or ""
                continue
            words = text.split()
            if len(words) <= 6 and not text.endswith((".", "?", "!")):
                name, country = _asker(text, known)
                current = ParsedQuestion(line=number, asker_name=name, asker_country=country)
                report.questions.append(current)
                continue
            if current is None or current.question:
                current = ParsedQuestion(line=number)
                report.questions.append(current)
            current.question = text
        for question in report.questions:
            if not question.question:
                report.warn(question.line, f"“{question.asker_name}” asked nothing; skipped")
        report.questions = [q for q in report.questions if q.question]

    @staticmethod
    def closing(block, report, known):
        current = None
        for number, text in paragraphs(block.lines):
            raw = dict(block.lines).get(number, "")
            is_bullet = bool(BULLET.match(raw))
            if not is_bullet and len(text.split()) <= 8 and not text.endswith("."):
                name = re.split(r"\s*[(,]\s*|\s+[–—-]\s+", text, maxsplit=1)[0]
                current = ParsedRemark(line=number, name=strip_honorific(name), text="")
                report.remarks.append(current)
                continue
            if current is None:
                name = report.moderator.name if report.moderator else ""
                current = ParsedRemark(line=number, name=name, text="")
                report.remarks.append(current)
            current.text = "\n\n".join(p for p in [current.text, text] if p)
        for remark in report.remarks:
            if not remark.text:
                report.warn(remark.line, f"no remark under “{remark.name}”; skipped")
        report.remarks = [r for r in report.remarks if r.text]


def _presentation_for(person, report, line):
    """The presentation announced in the speakers list for this person, or a new one."""
    if person:
        for presentation in report.presentations:
            if person_key(presentation.speaker.name) == person_key(person.name):
                return presentation
    report.warn(
        line,
        f"a summary for {person.name if person else 'nobody'} who is not in the "
        "speakers list; added as a presentation",
    )
    presentation = ParsedPresentation(speaker=person or Person(name="", line=line))
    report.presentations.append(presentation)
    return presentation


def _asker(text, known):
    """ "Abel Mexico", "Abel (Mexico)", "Abel, Mexico", "Abel from Mexico" → (name, code)."""
    text = re.sub(r"[()]", " ", text).replace(",", " ")
    text = re.sub(r"\s+(?:from|de|du)\s+", " ", text)
    words = text.split()
    for size in (3, 2, 1):
        if len(words) > size and (code := known.find(" ".join(words[-size:]))):
            return " ".join(words[:-size]), code
    return " ".join(words), ""


# Importing


@dataclass
class Outcome:
    kind: str
    action: str  # created, matched, updated
    label: str

    def __str__(self):
        return f"{self.kind} {self.action}: {self.label}"


@dataclass
class ImportResult:
    name: str
    parsed: ParsedReport
    outcomes: list = field(default_factory=list)
    session: Session | None = None
    dry_run: bool = False

    def add(self, kind, action, label):
        self.outcomes.append(Outcome(kind, action, label))

    def counts(self):
        """{action: {kind: n}}, for a one-line summary."""
        counts = {}
        for outcome in self.outcomes:
            counts.setdefault(outcome.action, Counter())[outcome.kind] += 1
        return counts


class _DryRun(Exception):
    pass


class Importer:
    """Writes parsed reports to the database, one transaction per report.

    Speakers are matched by name (case, accents and honorifics ignored), organisations by
    acronym or name, forums by dates or name, initiatives by name; a draft session by its forum
    and title, so that importing a file again, or a corrected file, updates the same draft.
    Published sessions are never changed by an import.
    """

    def __init__(
        self, user=None, publish=False, dry_run=False, fast_commit=False, concurrent=False
    ):
        self.user = user
        # With other importers writing at the same time (import_many with jobs > 1), rows
        # are created one importer at a time, after a look at what the others created.
        self.concurrent = concurrent
        self.locked = False
        self.publish = publish
        self.dry_run = dry_run
        # PostgreSQL waits for the disk at every commit (about 10 ms here). A batch can skip
        # that wait: a crash may then lose the last few imports, never half of one, and
        # importing the files again is safe.
        self.fast_commit = fast_commit
        self.history_managers = {}
        self._reset()

    def _slug(self, model, text, max_length):
        """A slug no row of `model` has; the taken ones are read once per batch (beside other
        importers, a session's slug is checked in the database)."""
        if self.concurrent and model is Session:
            base = slugify(text)[: max_length - 4].strip("-") or "item"
            slug, n = base, 1
            while Session.objects.filter(slug=slug).exists():
                n += 1
                slug = f"{base}-{n}"
            return slug
        if model not in self.slugs:
            self.slugs[model] = set(model.objects.values_list("slug", flat=True))
        taken = self.slugs[model]
        base = slugify(text)[: max_length - 4].strip("-") or "item"
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        return slug

    def _reset(self):
        self.speakers, self.organisations, self.initiatives = {}, {}, {}
        self.languages, self.forums, self.slugs = {}, {}, {}
        self.drafts = None
        self.seen = {}  # model → the highest primary key read into the caches
        self._refresh()

    def _refresh(self):
        """Read rows created since the last look (all of them the first time)."""

        def new(queryset):
            model = queryset.model
            rows = list(queryset.filter(pk__gt=self.seen.get(model, 0)).order_by("pk"))
            if rows:
                self.seen[model] = rows[-1].pk
                if model in self.slugs:
                    self.slugs[model].update(row.slug for row in rows)
            return rows

        for speaker in new(Speaker.objects.select_related("organisation")):
            self.speakers.setdefault(person_key(speaker.name), speaker)
        for organisation in new(Organisation.objects.all()):
            self.organisations.setdefault(organisation_key(organisation.name), organisation)
            if organisation.acronym:
                self.organisations.setdefault(
                    f"acronym:{organisation.acronym.upper()}", organisation
                )
        for initiative in new(Initiative.objects.all()):
            for name in (initiative.name_en, initiative.name_fr):
                if name:
                    self.initiatives.setdefault(fold(name), initiative)

    def _may_create(self):
        """Before creating a shared row. Alone, nothing to do. Beside other importers: wait
        for the others' creations to commit, then read them; the caller looks again."""
        if not self.concurrent or self.locked:
            return False
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CREATION_LOCK])
        self.locked = True
        self._refresh()
        self.forums.clear()
        self.slugs.clear()
        return True

    def run(self, parsed, text, name=""):
        result = ImportResult(name=name, parsed=parsed, dry_run=self.dry_run)
        self.locked = False
        try:
            # Texts go to the report's language columns; validation reads them in that language.
            with translation.override(parsed.language), transaction.atomic():
                if self.fast_commit and connection.vendor == "postgresql":
                    with connection.cursor() as cursor:  # this transaction only
                        cursor.execute("SET LOCAL synchronous_commit TO OFF")
                self._apply(parsed, text, result)
                if self.dry_run:
                    raise _DryRun
        except _DryRun:
            self._reset()
        except (IntegrityError, DataError) as error:
            self._reset()
            raise ReportError(f"the database refused a row: {error}") from None
        except Exception:
            self._reset()
            raise
        return result

    # The rows

    def _apply(self, parsed, text, result):
        language = parsed.language
        forum = self._forum(parsed, result)
        if parsed.date is None:
            raise ReportError("no session date (a line like “Date: 23 October”)", parsed.date_line)
        moderator = self._speaker(parsed.moderator, result) if parsed.moderator else None
        session = self._session(parsed, forum, result)
        values = {
            f"title_{language}": parsed.title,
            "session_type": parsed.session_type or SessionType.WORKSHOP,
            "date": parsed.date,
            "start_time": parsed.start_time,
            "duration_minutes": parsed.duration_minutes,
            "participant_count": parsed.participant_count,
            "participation_channel": parsed.participation_channel,
            "moderator": moderator,
            f"guiding_question_{language}": parsed.guiding_question[:500],
            f"guiding_synthesis_{language}": parsed.guiding_synthesis,
            "source_report": text,
        }
        if parsed.title_fr and language == "en":
            values["title_fr"] = parsed.title_fr
        if self.publish:
            values["is_published"] = True
        if not parsed.session_type:
            parsed.warn(None, "no session type; “workshop” is assumed")
        created = session.pk is None
        changed = self._set(session, values)
        if created:
            session.slug = self._slug(Session, parsed.title, 120)
        if created and self.concurrent:
            # Another importer may take the same slug between our look and our insert.
            for _attempt in range(5):
                try:
                    with transaction.atomic():
                        self._save(
                            session, parsed.title_line, {"date": parsed.date_line}, check="clean"
                        )
                    break
                except IntegrityError:
                    session.slug = self._slug(Session, parsed.title, 120)
        elif created or changed:
            self._save(session, parsed.title_line, {"date": parsed.date_line}, check="clean")
        if created:
            self.drafts[(forum.pk, fold(parsed.title))] = session.pk
        result.session = session
        result.add(
            "session", "created" if created else "updated" if changed else "matched", parsed.title
        )
        codes = [self._language(code) for code in parsed.languages]
        if created:
            Session.languages.through.objects.bulk_create(
                Session.languages.through(session_id=session.pk, language_id=code.pk)
                for code in codes
            )
        elif {c.pk for c in codes} != set(session.languages.values_list("pk", flat=True)):
            session.languages.set(codes)

        self._children(
            session,
            Presentation,
            result,
            "presentation",
            [self._presentation_values(p, session, language, result) for p in parsed.presentations],
            fresh=created,
        )
        self._children(
            session,
            AudienceQuestion,
            result,
            "question",
            [
                (
                    {
                        "asker_name": q.asker_name[:200],
                        "asker_country": q.asker_country,
                        f"question_{language}": q.question,
                        f"answer_{language}": q.answer,
                        "answered_by": self.speakers.get(person_key(q.answered_by)),
                    },
                    {},
                    q.line,
                    f"{q.asker_name or 'anonymous'}: {q.question[:60]}",
                )
                for q in parsed.questions
            ],
            fresh=created,
        )
        self._children(
            session,
            ClosingRemark,
            result,
            "remark",
            [
                (
                    {
                        "speaker": self._remark_speaker(r, parsed, result),
                        f"text_{language}": r.text,
                    },
                    {},
                    r.line,
                    f"{r.name}: {r.text[:60]}",
                )
                for r in parsed.remarks
            ],
            fresh=created,
        )

    def _history(self, model):
        # Each read of `Model.history` builds a manager class; one per model will do.
        if model not in self.history_managers:
            self.history_managers[model] = model.history
        return self.history_managers[model]

    def _language(self, code):
        if code not in self.languages:
            self.languages[code] = Language.objects.get_or_create(code=code)[0]
        return self.languages[code]

    def _set(self, obj, values):
        changed = False
        for name, value in values.items():
            try:
                same = getattr(obj, name) == value
            except ObjectDoesNotExist:  # a foreign key not set yet
                same = False
            if not same:
                setattr(obj, name, value)
                changed = True
        return changed

    def _save(self, obj, line, field_lines=None, check=True):
        """Validate like a form would (naming the report's line), save, and record history."""
        if check == "clean":  # the cross-field rules only (a session's date in its forum)
            try:
                obj.clean()
            except ValidationError as error:
                self._refuse(error, line, field_lines)
        elif check:
            self._check(obj, line, field_lines)
        created = obj.pk is None
        obj.save_without_historical_record()
        self._history(type(obj)).bulk_history_create(
            [obj], update=not created, default_user=self.user
        )

    def _check(self, obj, line, field_lines=None):
        # Country codes come from our own table of names, so they are valid by construction.
        relations = [
            f.name
            for f in obj._meta.concrete_fields
            if f.is_relation or f.name in {"country", "asker_country"}
        ]
        try:
            # Related rows come from this import or the database, and the database enforces
            # the constraints: validating either here would cost a query each.
            obj.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            self._refuse(error, line, field_lines)

    def _refuse(self, error, line, field_lines):
        """A ReportError from a ValidationError, at the line of the first field at fault."""
        fields = error.message_dict
        messages = [
            f"{field}: {' '.join(errors)}" if field != "__all__" else " ".join(errors)
            for field, errors in fields.items()
        ]
        line = next(
            (at for field, at in (field_lines or {}).items() if field in fields and at), line
        )
        raise ReportError("; ".join(messages), line) from None

    def _forum(self, parsed, result):
        if not parsed.forum_start:
            raise ReportError("no forum dates in the header (a line like “19 – 23 October 2020”)")
        dates = (parsed.forum_start, parsed.forum_end)
        forum = (
            self.forums.get(dates)
            or Forum.objects.filter(start_date=dates[0], end_date=dates[1]).first()
        )
        if forum is None and parsed.forum_name:
            key = fold(parsed.forum_name)
            forum = next(
                (
                    f
                    for f in Forum.objects.filter(year=parsed.forum_start.year)
                    if key in fold(f.name) or fold(f.name) in key
                ),
                None,
            )
        if forum is None and self._may_create():
            return self._forum(parsed, result)
        if forum:
            self.forums[dates] = forum
            result.add("forum", "matched", forum.name)
            return forum
        year = parsed.forum_start.year
        name = parsed.forum_name or "GSEF Forum"
        if str(year) not in name:
            name = f"{name} {year}"
        forum = Forum(
            name=name[:200],
            slug=self._slug(Forum, name, 80),
            year=year,
            start_date=parsed.forum_start,
            end_date=parsed.forum_end,
            is_virtual="virtual" in name.lower() or "virtuel" in name.lower(),
        )
        setattr(forum, f"central_theme_{parsed.language}", parsed.central_theme[:300])
        self._save(forum, None)
        result.add("forum", "created", forum.name)
        return forum

    def _session(self, parsed, forum, result):
        """The draft this report made before (same forum, same title), or a new session."""
        if self.drafts is None:
            self.drafts = {}
            for draft in Session.objects.filter(is_published=False).only(
                "pk", "forum", "title_en", "title_fr"
            ):
                for title in (draft.title_en, draft.title_fr):
                    if title:
                        self.drafts.setdefault((draft.forum_id, fold(title)), draft.pk)
        key = (forum.pk, fold(parsed.title))
        pk = self.drafts.get(key)
        draft = Session.objects.filter(pk=pk, is_published=False).first() if pk else None
        if draft is None:
            draft = Session(forum=forum)
        return draft

    def _organisation(self, person, result):
        if not person.organisation and not person.acronym:
            return None
        organisation = None
        if person.acronym:
            organisation = self.organisations.get(f"acronym:{person.acronym.upper()}")
        if organisation is None and person.organisation:
            organisation = self.organisations.get(organisation_key(person.organisation))
        if organisation is None and self._may_create():
            return self._organisation(person, result)
        if organisation:
            updates = {}
            if person.acronym and not organisation.acronym:
                updates["acronym"] = person.acronym
            if person.country and not organisation.country:
                updates["country"] = person.country
            if updates:
                self._set(organisation, updates)
                self._save(organisation, person.line)
            result.add("organisation", "updated" if updates else "matched", str(organisation))
            return organisation
        name = person.organisation or person.acronym
        organisation = Organisation(
            name=name[:255],
            slug=self._slug(Organisation, person.acronym or name, 80),
            acronym=person.acronym,
            country=person.country,
        )
        self._save(organisation, person.line, check=False)  # built from bounded parsed text
        self.organisations[organisation_key(name)] = organisation
        if person.acronym:
            self.organisations[f"acronym:{person.acronym.upper()}"] = organisation
        result.add("organisation", "created", str(organisation))
        return organisation

    def _speaker(self, person, result):
        organisation = self._organisation(person, result)
        speaker = self.speakers.get(person_key(person.name))
        if speaker is None and self._may_create():
            speaker = self.speakers.get(person_key(person.name))
        role_field = f"role_{result.parsed.language}"
        if speaker:
            updates = {
                name: value
                for name, value in [
                    (role_field, person.role[:255]),
                    ("organisation", organisation),
                    ("country", person.country),
                ]
                if value and not getattr(speaker, name)
            }
            if updates:
                self._set(speaker, updates)
                self._save(speaker, person.line)
            result.add("speaker", "updated" if updates else "matched", speaker.name)
            return speaker
        speaker = Speaker(
            name=person.name[:200],
            slug=self._slug(Speaker, person.name, 80),
            organisation=organisation,
            country=person.country,
        )
        setattr(speaker, role_field, person.role[:255])
        self._save(speaker, person.line, check=False)  # built from bounded parsed text
        self.speakers[person_key(person.name)] = speaker
        result.add("speaker", "created", speaker.name)
        return speaker

    def _remark_speaker(self, remark, parsed, result):
        speaker = self.speakers.get(person_key(remark.name))
        if speaker is None:
            parsed.warn(remark.line, f"{remark.name} is not a known speaker; a speaker was added")
            speaker = self._speaker(Person(name=remark.name, line=remark.line), result)
        return speaker

    def _initiatives(self, names, presentation_speaker, title, result):
        found = []
        for name in names:
            initiative = self.initiatives.get(fold(name))
            if initiative is None and self._may_create():
                initiative = self.initiatives.get(fold(name))
            if initiative:
                result.add("initiative", "matched", initiative.name_en or initiative.name)
            else:
                initiative = Initiative(
                    slug=self._slug(Initiative, name, 80),
                    country=presentation_speaker.country,
                    organisation=presentation_speaker.organisation,
                )
                setattr(initiative, f"name_{result.parsed.language}", name[:255])
                self._save(initiative, None, check=False)  # built from bounded parsed text
                self.initiatives[fold(name)] = initiative
                result.add("initiative", "created", name)
            found.append(initiative)
        if not found:
            # Nothing named in the summary: reuse what this speaker's same talk presented
            # elsewhere (an earlier import, or the same talk entered by hand).
            column = f"title_{result.parsed.language}"
            earlier = Presentation.objects.filter(
                speaker=presentation_speaker, **{f"{column}__iexact": title}
            ).first()
            for initiative in earlier.initiatives.all() if earlier else []:
                found.append(initiative)
                result.add("initiative", "matched", initiative.name_en or "")
        return found

    def _presentation_values(self, parsed_presentation, session, language, result):
        speaker = self._speaker(parsed_presentation.speaker, result)
        initiatives = self._initiatives(
            parsed_presentation.initiatives, speaker, parsed_presentation.title[:300], result
        )
        return (
            {
                "speaker": speaker,
                f"title_{language}": parsed_presentation.title[:300],
                f"summary_{language}": parsed_presentation.summary,
            },
            {"initiatives": initiatives},
            parsed_presentation.speaker.line,
            f"{speaker.name}: {parsed_presentation.title[:60]}",
        )

    def _children(self, session, model, result, kind, rows, fresh):
        """Presentations, questions or remarks, matched to the draft's by their order; new ones
        are inserted in bulk (with their history), changed ones saved, extra ones deleted."""
        existing = {} if fresh else {c.order: c for c in model.objects.filter(session=session)}
        new, links = [], []
        for order, (values, many, line, label) in enumerate(rows, start=1):
            child = existing.pop(order, None)
            if child is None:
                child = model(session=session, order=order)
                if model is ClosingRemark:
                    child.created_by = self.user
                # Built from parsed text that is bounded and non-empty by construction; the
                # database checks the rest. A full_clean each would double the import's time.
                self._set(child, values)
                new.append(child)
                links.append(many)
                result.add(kind, "created", label)
                continue
            changed = self._set(child, values)
            if changed:
                self._save(child, line)
            for name, targets in many.items():
                manager = getattr(child, name)
                if {t.pk for t in manager.all()} != {t.pk for t in targets}:
                    manager.set(targets)
                    changed = True
            result.add(kind, "updated" if changed else "matched", label)
        if new:
            model.objects.bulk_create(new)
            self._history(model).bulk_history_create(new, default_user=self.user)
            for name in {name for many in links for name in many}:
                through = getattr(model, name).through
                source = f"{model._meta.model_name}_id"
                target = f"{getattr(model, name).field.related_model._meta.model_name}_id"
                through.objects.bulk_create(
                    through(**{source: child.pk, target: related.pk})
                    for child, many in zip(new, links, strict=True)
                    for related in many.get(name, [])
                )
        for stale in existing.values():
            stale.delete()
            result.add(kind, "deleted", str(stale))


def import_report(data, name="", **options):
    """Read, parse and import one file's bytes: the ImportResult, or ReportError."""
    text, warnings = read_report(data)
    parsed = parse_report(text)
    parsed.warnings[:0] = warnings
    return Importer(**options).run(parsed, text, name)


def _import_one(importer, name, data):
    try:
        if isinstance(data, Path):
            data = data.read_bytes()
        text, warnings = read_report(data)
        parsed = parse_report(text)
        parsed.warnings[:0] = warnings
        return importer.run(parsed, text, name)
    except OSError as error:
        return ReportError(error.strerror or str(error))
    except ReportError as error:
        return error


_worker_importer = None


def _start_worker(options):
    global _worker_importer
    _worker_importer = Importer(concurrent=True, **options)


def _work(item):
    index, (name, data) = item
    return index, name, _import_one(_worker_importer, name, data)


def import_many(items, jobs=1, **options):
    """Import (name, bytes or Path) items, each in its own transaction; yield, in order,
    (index, name, ImportResult or ReportError). With jobs > 1 on PostgreSQL, that many worker
    processes share the work."""
    items = list(items)
    if jobs <= 1 or connection.vendor != "postgresql" or len(items) < 2:
        importer = Importer(**options)
        for index, (name, data) in enumerate(items):
            yield index, name, _import_one(importer, name, data)
        return
    connections.close_all()  # each worker opens its own connection
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=_start_worker, initargs=(options,)) as pool:
        yield from pool.imap(_work, enumerate(items), chunksize=8)
