"""Searching the index: the matches of a query, ranked and capped, and a page of them with
highlighted extracts. A search never ranks more than `cap` matches (`query.CANDIDATES`): a
word found everywhere would otherwise rank a million rows."""

from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

from sessions.models import SearchEntry
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


def page(ids, query):
    """The entries `ids`, in that order, each with its highlighted `snippet`: one query."""
    if not ids:
        return []
    language = translation.get_language() or "en"
    other = "fr" if language == "en" else "en"
    entries = (
        SearchEntry.objects.filter(pk__in=ids)
        .select_related("session")
        .defer("search_vector", "session__source_report")
        .annotate(extract=backends.current().snippet(query, language, other))
    )
    found = {entry.pk: entry for entry in entries}
    for entry in found.values():
        entry.snippet = highlight(entry.extract or "")
    return [found[pk] for pk in ids if pk in found]


def highlight(text):
    """Escape a snippet, then turn its markers into <mark>."""
    html = escape(text.strip())
    html = html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(html)  # noqa: S308 (escaped above; the markers are ours)
