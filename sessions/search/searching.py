"""Searching the index: the matches of a query, ranked and capped, and a page of them with
highlighted extracts. A search never ranks more than `cap` matches (`query.CANDIDATES`): a
word found everywhere would otherwise rank a million rows."""

from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

from gsef.translation_status import OTHER
from sessions.models import SearchEntry, SearchKind
from sessions.search import backends
from sessions.search.entries import MARK_END, MARK_START


def matching(queryset, query):
    """`queryset` (of entries) narrowed to those matching `query`, unranked and uncapped."""
    return backends.current().matching(queryset, query)


def ranked(queryset, query, cap):
    """At most cap + 1 of the matches in `queryset` (already narrowed by `matching`), best
    first, with what the facets count. One query, which stops at the cap and ranks only what
    it keeps; the sorting is done here."""
    matches = list(
        queryset.order_by()
        .annotate(rank=backends.current().rank(query))
        .values_list(
            "pk",
            "kind",
            "country",
            "forum__slug",
            "session_id",
            "themes",
            "rank",
            named=True,
        )[: cap + 1]
    )
    matches.sort(key=lambda match: (-match.rank, match.pk))
    return matches


# An organisation's texts are its name, acronym and countries: in no language of their own.
LANGUAGELESS = {SearchKind.ORGANISATION}
# An extract shorter than this (in characters, without its " … ") gives way to the start of
# the summary when the summary says more (MORE_TEXT characters more): a hit in a list of
# names makes a poor extract, and an extract that is all of a short summary a fine one.
MIN_EXTRACT = 80
MORE_TEXT = 40
FALLBACK_WORDS = 30


def page(ids, query):
    """The entries `ids`, in that order, each with its extract: `snippet` (highlighted),
    `snippet_language` (the language it is really in) and `snippet_untranslated` (the
    record has no text of its own in the page's language there). One query."""
    if not ids:
        return []
    language = (translation.get_language() or "en").split("-")[0]
    other = OTHER[language]
    entries = (
        SearchEntry.objects.filter(pk__in=ids)
        .select_related("session")
        .defer("search_vector", "session__source_report")
        .annotate(extract=backends.current().snippet(query, language, other))
    )
    found = {entry.pk: entry for entry in entries}
    for entry in found.values():
        choose_extract(entry, language)
    return [found[pk] for pk in ids if pk in found]


def choose_extract(entry, language):
    """Set `entry`'s extract from what the backend found (`entry.extract`: the code of its
    source, then the text), or from the start of its summary when that says more."""
    extract = entry.extract or ""
    source, text = extract[:3], extract[3:].strip()
    code, part = (source[:2], "summary" if source[2:] == "s" else "body") if source else ("", "")
    shown = text.replace(MARK_START, "").replace(MARK_END, "").replace("…", "").strip()
    if len(shown) < MIN_EXTRACT:
        summary_code = next(
            (each for each in (language, OTHER[language]) if getattr(entry, f"summary_{each}")),
            language,
        )
        words = getattr(entry, f"summary_{summary_code}").split()
        if len(" ".join(words)) >= len(shown) + MORE_TEXT:
            text = " ".join(words[:FALLBACK_WORDS]) + (" …" if len(words) > FALLBACK_WORDS else "")
            code, part = summary_code, "summary"
    entry.snippet = highlight(text)
    if entry.kind in LANGUAGELESS or not code:
        entry.snippet_language, entry.snippet_untranslated = language, False
    else:
        entry.snippet_language = code
        entry.snippet_untranslated = not getattr(entry, f"{part}_{language}")


def highlight(text):
    """Escape a snippet, then turn its markers into <mark>."""
    html = escape(text.strip())
    html = html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(html)  # noqa: S308 (escaped above; the markers are ours)
