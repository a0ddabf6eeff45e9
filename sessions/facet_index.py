"""The session list's counts from bitsets: one integer per facet value, whose bit n is set
when the published session with id n has that value.

A list with two filters over 100,000 sessions asked PostgreSQL for seven counts, each a
COUNT(DISTINCT) over tens of thousands of joined rows: about two seconds for a list that
nothing was kept for. Here each count is an AND of a few integers and a popcount (a few
microseconds each). The bitsets are built from the database once per content generation
(about a second at 100,000 sessions), kept in the cache for every worker, and in each worker
for as long as the generation holds.

They answer what the SQL in sessions/filters.py answers, and only for the facets themselves:
a list filtered by words (`q`) or restricted to part of the sessions (a forum's page) counts
in SQL as before. tests/test_facet_index.py holds the two to the same numbers.
"""

import threading

from gsef import cache as page_cache

CACHE_NAME = "facet-index:sessions"
_kept = threading.local()


def _bits(ids, size):
    """An integer with the bits of `ids` set."""
    buffer = bytearray(size // 8 + 1)
    for number in ids:
        buffer[number >> 3] |= 1 << (number & 7)
    return int.from_bytes(buffer, "little")


def _grouped(rows, value, pk):
    """(value, [pks]) pairs: grouped by the database where it can (PostgreSQL's array_agg:
    a few rows instead of hundreds of thousands), here otherwise."""
    from django.db import connections

    if connections[rows.db].vendor == "postgresql":
        from django.contrib.postgres.aggregates import ArrayAgg

        return rows.values(value).annotate(ids=ArrayAgg(pk)).values_list(value, "ids")
    grouped = {}
    for found, number in rows.values_list(value, pk):
        grouped.setdefault(found, []).append(number)
    return grouped.items()


class SessionFacets:
    """Every published session's facet values, as bitsets."""

    def __init__(self, published, values):
        self.published = published
        self.values = values  # facet name -> {value: bitset}

    @classmethod
    def build(cls):
        from django.db.models import Max

        from sessions.models import Presentation, Session

        sessions = Session.objects.published().order_by()
        size = (sessions.aggregate(top=Max("pk"))["top"] or 0) + 1
        published = _bits(sessions.values_list("pk", flat=True), size)
        routes = {
            "theme": (sessions, "themes__slug", "pk"),
            "forum": (sessions, "forum__slug", "pk"),
            "type": (sessions, "session_type", "pk"),
            "language": (sessions, "languages__code", "pk"),
            "year": (sessions, "date__year", "pk"),
            "country": (
                Presentation.objects.filter(session__is_published=True).order_by(),
                "speaker__country",
                "session_id",
            ),
        }
        values = {}
        for name, (rows, value, pk) in routes.items():
            values[name] = {
                found: _bits(ids, size)
                for found, ids in _grouped(rows, value, pk)
                if found not in (None, "")
            }
        return cls(published, values)

    def matching(self, chosen, skip=None):
        """The sessions that the chosen values ({facet: [values]}) give, but facet `skip`'s:
        values of one facet are alternatives, facets add up."""
        found = self.published
        for name, wanted in chosen.items():
            if name == skip:
                continue
            either = 0
            for value in wanted:
                either |= self.values[name].get(value, 0)
            found &= either
        return found

    def count(self, chosen):
        return self.matching(chosen).bit_count()

    def facet_counts(self, name, chosen):
        """How many sessions each value of facet `name` gives with the other facets' values."""
        others = self.matching(chosen, skip=name)
        counts = {}
        for value, bits in self.values[name].items():
            n = (others & bits).bit_count()
            if n:
                counts[value] = n
        return counts


def current():
    """The index of the content as it is now: this worker's, if the content generation has not
    moved since it was read; otherwise the cache's, or built (and kept there) by this
    request. Kept by generation even where pages are not (PAGE_CACHE off): any change to the
    content moves the generation."""
    generation = page_cache.current_generation()
    if generation is None:  # no cache to hold a generation: nothing can be kept
        return SessionFacets.build()
    if getattr(_kept, "generation", None) != generation:
        _kept.index = (
            page_cache.remember(CACHE_NAME, SessionFacets.build)
            if page_cache.enabled()
            else SessionFacets.build()
        )
        _kept.generation = generation
    return _kept.index
