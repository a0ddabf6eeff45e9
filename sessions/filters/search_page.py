"""The search page's FilterSet: entries of every kind, ranked, with facets."""

from collections import Counter

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sessions import search
from sessions.filters.facets import FacetFilterSet, Route
from sessions.models import SearchEntry, SearchKind


class SearchFilter(FacetFilterSet):
    """The search page: entries of every kind matching the words, with facets.

    The words are applied last, to a queryset the facets have already narrowed; one query
    (`search.ranked`) keeps at most `search.CANDIDATES` matches, ranked, and the facets are
    counted from its rows. Results are a list of those rows: the view fetches the page's."""

    type = django_filters.ChoiceFilter(
        method="filter_facet", label=_("Type"), choices=SearchKind.choices
    )
    routes = {
        "country": [Route("country", single=True)],
        "theme": [Route("themes")],
        "forum": [Route("forum__slug", single=True)],
        "type": [Route("kind", single=True)],
    }
    sort_orders = {"relevance": (_("Relevance"), ["pk"])}

    class Meta:
        model = SearchEntry
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("language", "year"):
            del self.filters[name]
        self.filters.move_to_end("q")
        self.query = None  # the words searched (after correcting a typo)
        self.typed = None  # what the visitor typed, when a typo was corrected
        self.capped = False
        self._found = {}

    def filter_queryset(self, queryset):
        """The matches, best first (a list: see `search.ranked`)."""
        return self.found() if self.form.cleaned_data.get("q") else []

    def filter_text(self, queryset, name, value):
        if self.query is None:
            self.query = search.Query.parse(value)
        return search.matching(queryset, self.query) if self.query else queryset.none()

    def found(self, skip=None):
        """The matches with every facet applied but `skip`: one query, kept for the request."""
        if not self.form.cleaned_data.get(skip):
            skip = None  # leaving out a facet that is not chosen changes nothing
        if skip not in self._found:
            matches = search.ranked(
                self._filter_except(self.queryset.all(), skip), self.query, search.CANDIDATES
            )
            if skip is None and not matches and self.query and self.typed is None:
                corrected = search.correct(self.query)
                if corrected:
                    typed, self.query = self.query, corrected
                    queryset = self._filter_except(self.queryset.all(), skip)
                    matches = search.ranked(queryset, self.query, search.CANDIDATES)
                    if matches:
                        self.typed = typed
                    else:
                        self.query = typed
            if skip is None:
                self.capped = len(matches) > search.CANDIDATES
            self._found[skip] = matches[: search.CANDIDATES]
        return self._found[skip]

    def filter_facet(self, queryset, name, value):
        if name != "theme":
            return super().filter_facet(queryset, name, value)
        chosen = Q()
        for slug in value:
            chosen |= Q(themes__contains=f" {slug} ")
        return queryset.filter(chosen)

    def facet_counts(self, name):
        """Counted in the capped matches (no query but the themes')."""
        matches = self.found(skip=name)
        if name == "theme":
            return Counter(slug for m in matches for slug in (m.themes or "").split())
        column = {"country": "country", "forum": "forum__slug", "type": "kind"}[name]
        return Counter(getattr(m, column) for m in matches if getattr(m, column))

    def facets(self):
        return super().facets() if self.query else []
