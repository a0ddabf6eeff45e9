"""The session list's counts from bitsets: one integer per facet value, whose bit n is set
when the published session with id n has that value.

A list with two filters over 100,000 sessions asked PostgreSQL for seven counts, each a
COUNT(DISTINCT) over tens of thousands of joined rows: about two seconds for a list that
nothing was kept for. Here each count is an AND of a few integers and a popcount (a few
microseconds each). The bitsets are built from the database once per content generation
(about a second at 100,000 sessions), kept in the cache for every worker, and in each worker
for as long as the generation holds.

Bit n stands for the n-th published session newest first (the list's default order), so the
index gives that order's pages too: the ids of page k are the set bits 20(k-1) to 20k-1 of
the matching bitset, and the page's rows are read by primary key. Before, PostgreSQL found
them with EXISTS over themes, languages or presentations and a sort of every match (4 to 8 ms
a page at 100,000 sessions).

They answer what the SQL of sessions/filters/ answers, and only for the facets themselves
and the newest-first order: a list filtered by words (`q`), sorted otherwise, or restricted
to part of the sessions (a forum's page) counts and pages in SQL as before.
tests/sessions/test_facet_index.py holds the two to the same numbers and the same pages.
"""

import threading

from gsef import cache as page_cache

CACHE_NAME = "facet-index:sessions-v2"  # v2: bits in newest-first order, not by id
# The session list's default order: the order of the index's bits.
NEWEST_FIRST = ("-date", "start_time", "pk")
# Set bits are looked for this many at a time (a popcount skips a whole chunk).
CHUNK_BITS = 4096
_CHUNK_MASK = (1 << CHUNK_BITS) - 1
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


def set_bit_positions(bits, start, count):
    """The positions of the set bits number start to start + count - 1 of `bits`, counted
    from the lowest."""
    positions = []
    offset = seen = 0
    while bits and len(positions) < count:
        chunk = bits & _CHUNK_MASK
        in_chunk = chunk.bit_count()
        if seen + in_chunk <= start:
            seen += in_chunk
        else:
            while chunk and len(positions) < count:
                lowest = chunk & -chunk
                if seen >= start:
                    positions.append(offset + lowest.bit_length() - 1)
                seen += 1
                chunk ^= lowest
        bits >>= CHUNK_BITS
        offset += CHUNK_BITS
    return positions


class SessionFacets:
    """Every published session's facet values, as bitsets; bit n is the n-th published
    session newest first, whose id is order[n]."""

    def __init__(self, order, values):
        self.order = order
        self.published = (1 << len(order)) - 1
        self.values = values  # facet name -> {value: bitset}

    @classmethod
    def build(cls):
        from sessions.models import Presentation, Session

        sessions = Session.objects.published().order_by()
        order = list(sessions.order_by(*NEWEST_FIRST).values_list("pk", flat=True))
        rank = {pk: n for n, pk in enumerate(order)}
        size = len(order)
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
                found: _bits((rank[number] for number in ids if number in rank), size)
                for found, ids in _grouped(rows, value, pk)
                if found not in (None, "")
            }
        return cls(order, values)

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

    def page_ids(self, chosen, start, count):
        """The ids of the matching sessions number start to start + count - 1, newest
        first."""
        return [self.order[n] for n in set_bit_positions(self.matching(chosen), start, count)]

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
