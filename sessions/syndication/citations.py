"""A session's citation: one description of it (CSL-JSON), rendered as APA and Chicago by
citeproc-py, and written out as BibTeX and RIS.

The styles are the CSL files in `styles/` (see its README); the locales are citeproc-py's own
(en-GB and fr-FR). Texts are those of the page's language, with modeltranslation's fallback.
No access date: the cited page is kept in the cache until the content changes, and a date
rendered into it would go stale.
"""

import ast
import hashlib
import html
import importlib.metadata
import logging
import re
import unicodedata
import warnings
from functools import lru_cache
from pathlib import Path

from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.model import TextCased
from citeproc.source.json import CiteProcJSON
from citeproc.string import String
from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname, resolution_order

STYLES_DIR = Path(__file__).resolve().parent / "styles"
STYLES = {"apa": "apa.csl", "chicago": "chicago-notes-bibliography.csl"}
# What the rendered entries depend on besides the item: the style files and citeproc-py.
STYLES_VERSION = (
    importlib.metadata.version("citeproc-py"),
    *(
        hashlib.sha256((STYLES_DIR / name).read_bytes()).hexdigest()[:16]
        for name in STYLES.values()
    ),
)
CSL_LOCALES = {"en": "en-GB", "fr": "fr-FR"}
logger = logging.getLogger(__name__)
AUTHOR = "Global Social Economy Forum"


def text_language(record, field):
    """The language the shown text of `field` is in (the page's, or the fallback's)."""
    language = get_language() or "en"
    for code in resolution_order(language):
        if getattr(record, build_localized_fieldname(field, code), None):
            return code
    return language


def csl_item(session, url):
    """The session as a CSL-JSON item, in the page's language."""
    forum = session.forum
    item = {
        "id": session.slug,
        "type": "webpage",
        "title": session.title,
        "author": [{"literal": AUTHOR}],
        "container-title": _("GSEF Knowledge Base"),
        "genre": str(session.get_session_type_display()),
        "event": forum.name,
        "event-place": _("Online") if forum.is_virtual or not forum.city else forum.city,
        "issued": {"date-parts": [[session.date.year, session.date.month, session.date.day]]},
        "URL": url,
        "language": text_language(session, "title"),
    }
    if session.summary:
        item["abstract"] = session.summary
    themes = keywords(session)
    if themes:
        item["keyword"] = ", ".join(themes)
    return item


def keywords(session):
    return [str(theme.name) for theme in session.themes.all()]


@lru_cache
def _style(name, locale):
    with warnings.catch_warnings():  # citeproc-py names the CSL features it ignores
        warnings.simplefilter("ignore")
        return CitationStylesStyle(str(STYLES_DIR / STYLES[name]), locale=locale, validate=False)


def render(item, style):
    """The bibliography entry of `item` in `style` ("apa" or "chicago"), as HTML (italics as
    <i>), in the page's language. citeproc-py does not escape the texts it is given: they
    are escaped here, before it sees them."""
    locale = CSL_LOCALES.get((get_language() or "en")[:2], "en-GB")
    return _from_template(item, style, locale) or _citeproc(item, style, locale)


def _citeproc(item, style, locale):
    escaped = {
        key: html.escape(value, quote=False) if isinstance(value, str) else value
        for key, value in item.items()
    }
    escaped["author"] = [{"literal": html.escape(AUTHOR, quote=False)}]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bibliography = CitationStylesBibliography(
            _style(style, locale), CiteProcJSON([escaped]), formatter.html
        )
        bibliography.register(Citation([CitationItem(item["id"])]))
        return str(bibliography.bibliography()[0])


# citeproc-py walks the whole style for every entry: about 10 ms a citation, most of a
# session page drawn from nothing. Sessions of the same forum, day and type differ only in
# their title and address, so the entry is rendered once per (style, language, forum, day,
# type) with stand-ins for those two, and each session's own are put in their place. Only
# titles that the style cannot treat differently (letters, digits, spaces and a few inner
# marks; no quotes, no end punctuation) take this path; the rest go through citeproc-py.
STAND_IN_TITLE = "zqxa of zqxb"
STAND_IN_URL = "https://stand-in.invalid/zqx"
TITLE_CASED = "Zqxa of Zqxb"
PLAIN_TITLE = re.compile(r"[^\W_]+(?:(?: ?[,:;]? | – |['’\-–])[^\W_]+)*")
OWN_FIELDS = {"id", "title", "URL", "abstract", "keyword"}


def _from_template(item, style, locale):
    title, url = item.get("title", ""), item.get("URL", "")
    if not PLAIN_TITLE.fullmatch(title) or not url:
        return None
    shared = tuple(
        sorted((key, repr(value)) for key, value in item.items() if key not in OWN_FIELDS)
    )
    template = _template(style, locale, shared)
    if template is None:
        return None
    text, title_cased = template
    shown = title_case(title) if title_cased else title
    return text.replace(
        TITLE_CASED if title_cased else STAND_IN_TITLE, html.escape(shown, quote=False)
    ).replace(STAND_IN_URL, html.escape(url, quote=False))


@lru_cache(maxsize=1024)
def _template(style, locale, shared):
    """The stand-in entry, kept by this process and, for the other workers, in the cache:
    it depends on the style files and on a forum, a day and a session type, never on a
    session, so no content change makes it stale (a new style file is a new key)."""
    key = (
        "citation-template:"
        + hashlib.sha256(repr((STYLES_VERSION, style, locale, shared)).encode()).hexdigest()
    )
    try:
        kept = cache.get(key)
    except Exception:
        logger.exception("Could not read the cache")
        kept = None
    if kept is not None:
        return kept or None  # () when the style allows no shortcut
    template = _stand_in_entry(style, locale, shared)
    try:
        cache.set(key, template or (), timeout=None)
    except Exception:
        logger.exception("Could not write the cache")
    return template


def _stand_in_entry(style, locale, shared):
    item = {key: ast.literal_eval(value) for key, value in shared}
    item.update(id="stand-in", title=STAND_IN_TITLE, URL=STAND_IN_URL)
    text = _citeproc(item, style, locale)
    if text.count(STAND_IN_URL) != 1:
        return None
    for shown, title_cased in ((STAND_IN_TITLE, False), (TITLE_CASED, True)):
        if text.count(shown) == 1:
            return text, title_cased
    return None  # the style changes the title in some other way: no shortcut


class _TitleCase(TextCased):
    """citeproc-py's own title case (CSL's text-case="title"), applied outside a style."""

    def get(self, name, default=None):
        return "title" if name == "text-case" else default


def title_case(text):
    return str(_TitleCase().case(String(text), "en"))


# BibTeX

BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "“": "``",
    "”": "''",
    "‘": "`",
    "’": "'",
    "«": r"\guillemotleft{}",
    "»": r"\guillemotright{}",
    "–": "--",
    "—": "---",
    "\u00a0": "~",
    "œ": r"{\oe}",
    "Œ": r"{\OE}",
    "æ": r"{\ae}",
    "Æ": r"{\AE}",
    "ß": r"{\ss}",
    "ø": r"{\o}",
    "Ø": r"{\O}",
}
# Combining accents and the LaTeX command that puts them on a letter.
BIBTEX_ACCENTS = {
    "\u0300": "`",
    "\u0301": "'",
    "\u0302": "^",
    "\u0303": "~",
    "\u0308": '"',
    "\u0327": "c",
    "\u030c": "v",
    "\u0304": "=",
    "\u0306": "u",
    "\u030a": "r",
}


def bibtex_escape(text):
    """Text as BibTeX reads it with no package for Unicode: accented letters as LaTeX
    accents ({\\'e}), special characters escaped, so that braces always balance."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char in BIBTEX_SPECIALS:
            out.append(BIBTEX_SPECIALS[char])
            continue
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        if marks and base.isascii() and all(mark in BIBTEX_ACCENTS for mark in marks):
            for mark in marks:
                command = BIBTEX_ACCENTS[mark]
                separator = " " if command.isalpha() else ""
                base = f"\\{command}{separator}{base}"
            out.append("{" + base + "}")
        else:
            out.append(char)  # any other letter stays as it is (UTF-8)
    return "".join(out)


def bibtex(item, keywords=()):
    year, month, day = item["issued"]["date-parts"][0]
    note = f"{item['genre']}, {item['event']}, {item['event-place']}"
    fields = [
        ("author", "{" + bibtex_escape(AUTHOR) + "}"),
        ("title", "{" + bibtex_escape(item["title"]) + "}"),
        ("howpublished", bibtex_escape(item["container-title"])),
        ("note", bibtex_escape(note)),
        ("year", str(year)),
        ("month", str(month)),
        ("day", str(day)),
        ("url", item["URL"]),
        ("language", {"en": "english", "fr": "french"}.get(item["language"], "english")),
    ]
    if keywords:
        fields.append(("keywords", bibtex_escape(", ".join(keywords))))
    key = "".join(c if c.isascii() and c.isalnum() else "-" for c in item["id"])
    lines = [f"@misc{{{key},"]
    lines += [f"  {name} = {{{value}}}," for name, value in fields]
    lines.append("}")
    return "\n".join(lines) + "\n"


# RIS


def ris(item, keywords=()):
    year, month, day = item["issued"]["date-parts"][0]
    one_line = " ".join  # a RIS value ends at the end of its line
    tags = [
        ("TY", "ELEC"),
        ("AU", AUTHOR),
        ("TI", item["title"]),
        ("T2", item["container-title"]),
        ("M3", item["genre"]),
        ("C1", item["event"]),
        ("CY", item["event-place"]),
        ("PY", str(year)),
        ("DA", f"{year:04d}/{month:02d}/{day:02d}"),
        ("UR", item["URL"]),
        ("LA", item["language"]),
    ]
    if "abstract" in item:
        tags.append(("AB", item["abstract"]))
    tags += [("KW", keyword) for keyword in keywords]
    tags.append(("ER", ""))
    return "".join(f"{tag}  - {one_line(str(value).split())}\r\n" for tag, value in tags)
