"""The public lists' filters: one FilterSet per list, sharing the facets a visitor expects.

A facet (country, theme, forum, session type, language, year) is reached from a list's row by
one or more *routes*: the row itself, or a relation leading to sessions, which then must be
published. Filtering uses EXISTS subqueries, so rows never repeat (a one-valued facet, such as a
session's type or year, filters the row itself); each facet's counts take every other active filter
into account (a country's count says how many rows choosing it would give).

facets.py holds what every list shares, lists.py the lists' FilterSets, search_page.py the
search page's.
"""

from sessions.filters.facets import FacetFilterSet, FixedChoices, Route, YearRoute
from sessions.filters.lists import (
    SESSION_ROUTES,
    InitiativeFilter,
    SessionFilter,
    SpeakerFilter,
)
from sessions.filters.search_page import SearchFilter

__all__ = [
    "SESSION_ROUTES",
    "FacetFilterSet",
    "FixedChoices",
    "InitiativeFilter",
    "Route",
    "SearchFilter",
    "SessionFilter",
    "SpeakerFilter",
    "YearRoute",
]
