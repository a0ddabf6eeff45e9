"""People lines, in the shapes rapporteurs write them, to a Person and a presentation title.

- "Ms. Name, Role, Organisation (ACR), Country: Title of the talk"
- "Name -- Role, Organisation, Country -- "Title of the talk""
- "Name (Organisation, Country)", "Name, Organisation (Country)"
- a table row, its columns named by the table's header ("Nom | Organisation | Pays").
Honorifics (Mr, Mme, Dr...) are dropped; a country is read by name, demonym or ISO code, and
one that is not known is reported and left empty, never a reason to refuse the report.
"""

import functools
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from sessions.importer.blocks import fold, plain
from sessions.importer.facts.countries import countries
from sessions.importer.vocabulary import COLUMN_WORDS, HONORIFICS, ORGANISATION_WORDS, ROLE_WORDS

HONORIFIC = re.compile(
    r"^(?:(?:" + "|".join(sorted(map(re.escape, HONORIFICS), key=len, reverse=True)) + r")"
    r"(?:\.\s*|\s+))+",
    re.IGNORECASE,
)
ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9&\-]{1,15})\)")
DASHES = re.compile(r"\s+(?:--|–|—|-)\s+")
QUOTED = re.compile(r"[\"“«„]\s*([^\"”»“]{3,300}?)\s*[\"”»“]")
CONTACT = re.compile(r"@|\bwww\.|https?://|\.(?:org|com|net|mx|fr|es|uy|br|cl)\b", re.I)
NAME_WORD = re.compile(r"^[^\W\d_][\w'’.\-]*$")
_ROLE_WORDS, _ORGANISATION_WORDS = set(ROLE_WORDS), set(ORGANISATION_WORDS)
# Lower-case words inside names: "Núria Fontanals i Vila", "Ludwig van der Berg".
NAME_PARTICLES = {
    "de", "da", "del", "della", "di", "do", "das", "dos", "van", "von", "der", "den", "ter",
    "la", "le", "du", "y", "i", "e", "bin", "ibn", "ben", "al", "el", "af",
}  # fmt: skip


@dataclass
class Person:
    name: str
    line: int
    role: str = ""
    organisation: str = ""
    acronym: str = ""
    country: str = ""


def strip_honorific(name):
    stripped = HONORIFIC.sub("", name.strip()).strip()
    return stripped if stripped else name.strip()


@functools.lru_cache(maxsize=8192)
def person_key(name):
    return fold(strip_honorific(name))


def same_person(name, full_name):
    """Whether `name` may be how a report shortens `full_name`: the surname(s) alone ("Giménez
    Rubio"), with initials ("I. Sarr"), or the whole name; honorifics and accents ignored."""
    words, key = person_key(name).split(), person_key(full_name).split()
    if not words or len(words) > len(key):
        return False
    return (
        all(
            word == part or (len(word) == 1 and part.startswith(word))
            for word, part in zip(reversed(words), reversed(key), strict=False)
        )
        and len(words[-1]) > 1
    )


def find_person(name, people):
    """The one Person of `people` that `name` names, or None (none, or more than one)."""
    exact = [p for p in people if person_key(p.name) == person_key(name)]
    if exact:
        return exact[0]
    found = [p for p in people if same_person(name, p.name)]
    return found[0] if len(found) == 1 else None


def looks_like_name(text):
    """Two to six words that start with a capital and hold no digit: "Awa Ndiaye"."""
    words = text.replace("’", "'").split()
    if not 2 <= len(words) <= 6 or not text[:1].isupper():
        return False
    return all(
        NAME_WORD.match(word) and (word[:1].isupper() or word.lower() in NAME_PARTICLES)
        for word in words
    ) and not any(_is_organisation_word(word) for word in words)


def _is_organisation_word(word):
    # "NGO" and "Network" are; "Ngo", a family name, is not.
    return fold(word) in _ORGANISATION_WORDS and (len(word) > 3 or word.isupper())


def split_outside_parentheses(text, separators=","):
    parts, depth, current = [], 0, []
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if ch in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]


def parse_person(text, line, warn=None, with_title=True):
    """(Person, title) from a people line; (None, "") when the line names nobody."""
    text = plain(text).strip(" :;.")
    title = ""
    if with_title and (quoted := QUOTED.search(text)) and quoted.start() > 0:
        before = text[: quoted.start()].rstrip(" ,:;–—-")
        if before and len(text) - quoted.end() < 3:  # the quote ends the line: the talk
            text, title = before, quoted.group(1)
    pieces = DASHES.split(text)
    if len(pieces) > 1 and "," not in pieces[0]:  # "Name -- details -- Title"
        first, others = pieces[0], pieces[1:]
        last = others[-1]
        is_detail = countries().find(last) or set(fold(last).split()) & _ORGANISATION_WORDS
        if with_title and not title and len(others) > 1 and not is_detail:
            title = others.pop()
        text = ", ".join([first, *others])
    if with_title and not title:
        head, colon, tail = text.partition(": ")
        if colon and not re.search(r"\b(?:participation|zoom)$", head, re.IGNORECASE):
            text, title = head, tail
    segments = split_outside_parentheses(text)
    if not segments:
        return None, ""
    name, segments = _unpack_name(segments)
    name = strip_honorific(name)
    if not looks_like_name(name):
        return None, ""
    person = Person(name=name, line=line)
    _details(person, segments, warn)
    if CONTACT.search(title):  # "— ana@reas.org", "— www.reas.org", "— @ana_ruiz"
        title = ""
    return person, title.strip(' "“”«»')


def _unpack_name(segments):
    """ "Name (Org, Country)" or "Name (Country)": the name, and the segments inside."""
    head, rest = segments[0], segments[1:]
    match = re.match(r"^(.+?)\s*\((.+)\)\s*(.*)$", head)
    if match and not ACRONYM.fullmatch(f"({match.group(2)})"):
        inner = split_outside_parentheses(match.group(2))
        after = [match.group(3)] if match.group(3) else []
        return match.group(1), [*inner, *after, *rest]
    if match and not match.group(3) and countries().find(match.group(2)):
        head, rest = match.group(1), [match.group(2), *rest]  # "... of the Network (Spain)"
    # "Name from Organisation", "Name of the Network"
    match = re.match(r"^(.+?)\s+(?:from|of|de|du|of the)\s+(.+)$", head)
    if match and looks_like_name(strip_honorific(match.group(1))) and not looks_like_name(head):
        return match.group(1), [match.group(2), *rest]
    return head, rest


def _details(person, rest, warn):
    known = countries()
    for index in reversed(range(len(rest))):  # the country: usually last, in any case one
        segment = rest[index]
        inner = re.search(r"\(([^)]+)\)\s*$", segment)
        if code := known.find(segment):
            person.country = code
            rest = rest[:index] + rest[index + 1 :]
            break
        if inner and (code := known.find(inner.group(1))):
            person.country = code
            rest = [*rest[:index], segment[: inner.start()].strip(), *rest[index + 1 :]]
            break
    else:
        if rest and len(rest) > 1 and _looks_like_country(rest[-1]):
            if warn:
                warn(
                    person.line,
                    _(
                        "unknown country “%(country)s” for %(name)s; left empty (write the "
                        "country's name, e.g. “France”, or correct it in the draft)"
                    )
                    % {"country": rest[-1], "name": person.name},
                )
            rest = rest[:-1]
    rest = [segment for segment in rest if segment]
    if rest:
        first = rest[0]
        first_words = fold(first).split()
        role_like = (
            bool(first_words)
            and first_words[0] in _ROLE_WORDS
            or (
                len(rest) > 1
                and len(first_words) <= 5
                and not set(first_words) & _ORGANISATION_WORDS
                and not ACRONYM.search(first)
            )
        )
        of = re.search(r"\s(?:of|at|for the|du|de la|de l'|des|au|à|de)\s", first)
        splits_here = of and (
            len(rest) == 1 or set(fold(first[of.end() :]).split()) & _ORGANISATION_WORDS
        )
        if role_like and splits_here:
            person.role = first[: of.start()].strip()
            organisation = ", ".join([first[of.end() :].strip(), *rest[1:]])
        elif role_like and len(rest) > 1:
            person.role = first
            organisation = ", ".join(rest[1:])
        elif role_like:
            person.role = first
            organisation = ""
        else:
            organisation = ", ".join(rest)
        _set_organisation(person, organisation)
    if not person.country:
        person.country = known.mentioned(" ".join([person.organisation, person.role]))


def _set_organisation(person, organisation):
    if acronym := ACRONYM.search(organisation):
        person.acronym = acronym.group(1)
        organisation = ACRONYM.sub("", organisation)
    organisation = re.sub(r"^(?:the|la|le|les|l')\s*", "", organisation.strip(" ,"), flags=re.I)
    person.organisation = " ".join(organisation.split()).strip(" ,")
    if not person.organisation and person.acronym:
        person.organisation = person.acronym


def _looks_like_country(text):
    words = fold(text).split()
    return (
        1 <= len(words) <= 3
        and text[:1].isupper()
        and not set(words) & (_ORGANISATION_WORDS | _ROLE_WORDS)
        and not ACRONYM.search(text)
    )


# Tables


def table_columns(cells):
    """{column: index} from a table's header row, or None when it is not a people table."""
    columns = {}
    for index, cell in enumerate(cells):
        words = set(fold(cell).split())
        for column, names in COLUMN_WORDS.items():
            if words & set(names) and column not in columns:
                columns[column] = index
                break
    return columns if "name" in columns else None


def person_from_row(cells, columns, line, warn=None):
    """(Person, title) from a table row, its columns as table_columns read them."""

    def cell(column):
        index = columns.get(column)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    name = cell("name")
    if not name:
        return None, ""
    if len(split_outside_parentheses(name)) > 1 or "(" in name:  # details in the name cell
        person, _title = parse_person(name, line, warn, with_title=False)
    else:
        name = strip_honorific(name)
        person = Person(name=name, line=line) if looks_like_name(name) else None
    if person is None:
        return None, ""
    if role := cell("role"):
        person.role = role
    if organisation := cell("organisation"):
        _set_organisation(person, organisation)
    if country := cell("country"):
        code = countries().find(country)
        if code:
            person.country = code
        elif warn:
            warn(
                line,
                _("unknown country “%(country)s” for %(name)s; left empty")
                % {"country": country, "name": person.name},
            )
    if not person.country:
        person.country = countries().mentioned(" ".join([person.organisation, person.role]))
    return person, cell("title").strip(' "“”«»')
