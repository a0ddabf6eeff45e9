"""Typography of the public pages, as pure functions of text: French spacing around
punctuation, dates and date ranges written as each language writes them, lists of language
names, an initiative's steps as a list, short labels. The template library of the same name
(gsef/templatetags/typography.py) puts them on the pages.

French spacing follows the usual French rules: a no-break space (U+00A0) before ":" and
inside « », a narrow no-break space (U+202F) before ";", "!" and "?". It is applied to the
text of an HTML page only: never inside a tag (attributes, addresses), nor inside <script>,
<style>, <pre>, <code>, <kbd>, <samp> and <textarea>, nor inside an element whose lang says it
is not French (an English text shown in fallback keeps English punctuation). A colon that no
space precedes gets one only when it ends a word ("Note: suite"), so that "10:30" and
"https://" are left as they are.
"""

import datetime
import functools
import re

from django.utils import dates, timezone, translation
from django.utils.html import escape

NBSP = "\u00a0"  # before ":" and inside « »
NNBSP = "\u202f"  # before ";", "!" and "?"
NO_BREAK = NBSP + NNBSP

# The page cut into text and markup: each <script> or <style> whole (their content is not
# HTML), a comment, a markup declaration, or a tag (its quoted attribute values may hold
# ">", never "<", which Django escapes: a tag is never looked for past the next "<").
MARKUP = re.compile(
    r"""(<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->"""
    r"""|<[A-Za-z/!?][^<>"']*(?:(?:"[^"<]*"|'[^'<]*')[^<>"']*)*>)""",
    re.S | re.I,
)
TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
LANG = re.compile(r"""\slang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
# In a text: a mark, or an opening guillemet with the spaces after it. Each alternative is
# a single character, which lets the scan skip plain text at C speed.
MARKS = re.compile(r":|;|!|\?|»|«[ \t\r\n]*")
ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
UNTOUCHED = {"pre", "code", "kbd", "samp", "textarea"}
# How the tags that matter begin (the others need no closer look), in lower and upper case.
STARTS = tuple(
    f"<{slash}{case(name)}"
    for name in (*UNTOUCHED, "script", "style")
    for slash in ("", "/")
    for case in (str.lower, str.upper)
)
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
}  # fmt: skip
SPACES = " \t\r\n"
# A mark gets a space inserted only after the end of a word...
WORD_END = ")]»\"”’'%…*"
# ...and, unless it is a closing guillemet, before a space, the end of the text or these.
FOLLOWERS = {
    ":": ")]»\"”’'.,…&",
    ";": ")]»\"”’'&",
    "!": ")]»\"”’'.,…&!?",
    "?": ")]»\"”’'.,…&!?",
}


def french_spacing(html):
    """`html` with French spacing in its French text (see the module's docstring).

    Linear in the page's length: the page is cut into text and tags in one pass, each tag
    is looked at once (most at their first letters only), and each text that holds a mark
    goes through one more pass. Running it twice changes nothing more."""
    parts = MARKUP.split(html)  # text, tag, text, tag, ..., text
    skipping = 0  # depth inside <pre>, <code>...
    languages = []  # [tag name, depth of that tag, is French] of each element with a lang
    french = True  # the page is French: so is what is outside any lang
    carry = ""  # the last character of the text before, for a mark right after a tag
    for index in range(0, len(parts), 2):
        text = parts[index]
        if text:
            if french and not skipping and not text.isspace():
                parts[index] = _space_text(text, carry)
            carry = text[-1]
        if index + 1 == len(parts):
            break
        tag = parts[index + 1]
        if not (languages or skipping or "lang" in tag or tag.startswith(STARTS)):
            continue
        found = TAG_NAME.match(tag)
        if not found:
            continue  # a comment or declaration
        name = found.group(1).lower()
        if tag[1] == "/":
            if name in UNTOUCHED and skipping:
                skipping -= 1
            if languages and languages[-1][0] == name:
                languages[-1][1] -= 1
                if not languages[-1][1]:
                    languages.pop()
                    french = languages[-1][2] if languages else True
            continue
        if name in VOID or tag.endswith("/>") or name in ("script", "style"):
            continue
        if name in UNTOUCHED:
            skipping += 1
        lang = LANG.search(tag) if "lang" in tag else None
        if lang:
            code = next(group for group in lang.groups() if group is not None).lower()
            french = code == "fr" or code.startswith("fr-")
            languages.append([name, 1, french])
        elif languages and languages[-1][0] == name:
            languages[-1][1] += 1
    return "".join(parts)


def _space_text(text, carry):
    """One text (between two tags) with French spacing."""
    out = None
    copied = 0  # text[:copied] is in `out`
    previous = 0  # the end of the last mark: spaces before a mark start after it
    for found in MARKS.finditer(text):
        start, end = found.span()
        floor, previous = max(copied, previous), end
        first = text[start]
        if first == ";" and _ends_entity(text, start):
            continue
        if first == "«":
            if end == start + 1 and end < len(text) and text[end] in NO_BREAK:
                continue  # already spaced
            replacement, spaces_from = "«" + NBSP, start
        else:
            spaces_from = floor + len(text[floor:start].rstrip(SPACES))
            if spaces_from == start:  # no space before: one goes in after the end of a word
                before = text[start - 1] if start else carry
                if not before or not (before.isalnum() or before in WORD_END):
                    continue
                following = text[end : end + 1]
                if (
                    first != "»"
                    and following
                    and not (following.isspace() or following in FOLLOWERS[first])
                ):
                    continue
            replacement = (NBSP if first in ":»" else NNBSP) + first
        if out is None:
            out = []
        out.append(text[copied:spaces_from])
        out.append(replacement)
        copied = end
    if out is None:
        return text
    out.append(text[copied:])
    return "".join(out)


def _ends_entity(text, semicolon):
    """Whether the ";" at `semicolon` closes an entity (&amp;, &#x27;): no punctuation."""
    ampersand = text.rfind("&", max(0, semicolon - 10), semicolon)
    return ampersand >= 0 and ENTITY.fullmatch(text, ampersand, semicolon + 1) is not None


# Dates, written as each language writes them. Like Django's own locale formats, the rules
# are code: French has "1er", "du ... au ...", and leaves out a repeated month or year.


def _local(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _day(value, language):
    return "1er" if language == "fr" and value.day == 1 else str(value.day)


def _month(value, language):
    return _month_name(value.month, language)


@functools.lru_cache(maxsize=64)
def _month_name(month, language):
    # Switching the language costs more than the rest of a date: once per month and language.
    with translation.override(language):
        return str(dates.MONTHS[month])


def format_date(value, language):
    """ "1er mai 2023", "1 May 2023"; "" for no date."""
    value = _local(value)
    if not value:
        return ""
    return f"{_day(value, language)} {_month(value, language)} {value.year}"


def date_range_parts(start, end, language):
    """A range as pieces of text, each with the date it stands for (or None): "du ", 1er (the
    start), " au ", 4 mai 2023 (the end). The range is a single date when both are the same
    day or one is missing."""
    start, end = _local(start), _local(end)
    if not start or not end or start == end:
        single = start or end
        return [(format_date(single, language), single)] if single else []
    if (start.year, start.month) == (end.year, end.month):
        first = _day(start, language)
    elif start.year == end.year:
        first = f"{_day(start, language)} {_month(start, language)}"
    else:
        first = format_date(start, language)
    last = format_date(end, language)
    if language == "fr":
        return [("du ", None), (first, start), (" au ", None), (last, end)]
    dash = "–" if start.month == end.month and start.year == end.year else " – "
    return [(first, start), (dash, None), (last, end)]


def format_date_range(start, end, language):
    """ "du 1er au 4 mai 2023", "1–4 May 2023", "30 April – 2 May 2023"."""
    return "".join(text for text, _date in date_range_parts(start, end, language))


def date_range_html(start, end, language):
    """The range with each date in a <time datetime="YYYY-MM-DD"> element."""
    return "".join(
        f'<time datetime="{value.isoformat()}">{escape(text)}</time>' if value else escape(text)
        for text, value in date_range_parts(start, end, language)
    )


# Words


def language_names(names, language):
    """Names of languages as a list in running text: "anglais, français" in French, where
    language names are common nouns (Django's catalogue gives them capitalised, as labels)."""
    names = [str(name) for name in names]
    if language == "fr":
        names = [name[:1].lower() + name[1:] for name in names]
    return ", ".join(names)


def shorten(text, limit):
    """`text` cut at a word to at most `limit` characters, "…" added when cut."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and not text[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–") + "…"


# "1. ...", "1) ...", "Step 1: ...", "Étape 1 : ...", "- ...", "• ..."
STEP = re.compile(
    r"^(?:(?:step|étape|etape)\s*\d{1,3}\s*[.):–-]?|\d{1,3}\s*[.):–-]|[-•*–])\s+(?P<text>\S.*)$",
    re.I,
)


def steps(text):
    """An initiative's steps, from lines of text: (introduction, [step, ...]).

    Numbered lines ("1. ...", "1) ...", "Step 1: ...") or bulleted ones are steps; a line
    that follows a step without a number of its own continues it; lines before the first
    step are the introduction. Without any numbered line, each line is a step; a single
    line of text is an introduction with no steps."""
    lines = [line.strip() for line in str(text or "").splitlines() if line.strip()]
    if not any(STEP.match(line) for line in lines):
        return ("", lines) if len(lines) > 1 else (" ".join(lines), [])
    introduction, items = [], []
    for line in lines:
        found = STEP.match(line)
        if found:
            items.append(found.group("text"))
        elif items:
            items[-1] = f"{items[-1]} {line}"
        else:
            introduction.append(line)
    return " ".join(introduction), items


def steps_html(text):
    """The steps as <p> (the introduction) and <ol class="steps">."""
    introduction, items = steps(text)
    html = f"<p>{escape(introduction)}</p>" if introduction else ""
    if items:
        html += '<ol class="steps">' + "".join(f"<li>{escape(item)}</li>" for item in items)
        html += "</ol>"
    return html
