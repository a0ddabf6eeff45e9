"""The public lists' filters: one FilterSet per list, sharing the facets a visitor expects.

A facet (country, theme, forum, session type, language, year) is reached from a list's row by
one or more *routes*: the row itself, or a relation leading to sessions, which then must be
published. Filtering uses EXISTS subqueries, so rows never repeat (a one-valued facet, such as a
session's type or year, filters the row itself); each facet's counts take every other active filter
into account (a country's count says how many rows choosing it would give).
"""

import datetime
from collections import Counter
from functools import lru_cache

import django_filters
from django.conf import global_settings
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from gsef import cache as page_cache
from gsef.collation import collation_key
from sessions import facet_index, search
from sessions.models import (
    Forum,
    Initiative,
    SearchEntry,
    SearchKind,
    Session,
    SessionType,
    Theme,
)
from speakers.models import Speaker, has_related

TEXT_MAX_LENGTH = 200
MAX_WORDS = 8
SESSION_LANGUAGES = [code for code, _name in global_settings.LANGUAGES]


def _translated(field):
    """The field in the visitor's language, falling back to English, for sorting."""
    language = get_language() or "en"
    english = F(f"{field}_en")
    if language == "en":
        return english
    return Coalesce(NullIf(F(f"{field}_{language}"), Value("")), english)


class FixedChoices(BaseChoiceIterator):
    """Choices made once and shared by every form that offers them. Django hands a choice
    iterator over as it is: unlike a list of 250 countries, it is neither normalised nor
    deep-copied for each form (which took a third of a list page's time)."""

    def __init__(self, choices):
        self.choices = tuple(choices)

    def __iter__(self):
        return iter(self.choices)

    def __len__(self):
        return len(self.choices)

    def __deepcopy__(self, memo):
        return self


@lru_cache
def _country_choices(language):
    return FixedChoices(countries)  # sorted by their names in the active language


@lru_cache
def _language_choices(language):
    return FixedChoices(
        (code, str(get_language_info(code)["name_translated"])) for code in SESSION_LANGUAGES
    )


YEAR_CHOICES = FixedChoices((year, str(year)) for year in range(1990, 2101))


class Route:
    """How a row reaches a facet's field: directly (`via=None`) or through a relation
    that ends at a session, which must be published."""

    def __init__(self, field, via=None, single=False):
        self.field = field
        self.via = via
        # One value per row (a column of the row or of a foreign key): filtered on the row
        # itself, with no subquery.
        self.single = single and via is None

    @property
    def path(self):
        return f"{self.via}__{self.field}" if self.via else self.field

    @property
    def published(self):
        return {f"{self.via}__is_published": True} if self.via else {}

    def through(self, via):
        """The same facet, reached from another model by `via`."""
        return Route(self.path, via)

    def lookups(self, values):
        """The related rows that choosing these values asks for."""
        return {f"{self.path}__in": values, **self.published}


class YearRoute(Route):
    """A year is counted by `date__year`, but chosen as a date range, which an index on
    the date serves (`EXTRACT(year FROM date)` reads every row)."""

    def __init__(self, via=None):
        super().__init__("date__year", via, single=True)

    def through(self, via):
        return YearRoute(via)

    def lookups(self, values):
        [year] = values  # one year at a time
        date = f"{self.via}__date" if self.via else "date"
        return {
            f"{date}__gte": datetime.date(year, 1, 1),
            f"{date}__lt": datetime.date(year + 1, 1, 1),
            **self.published,
        }


class FacetFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_text",
        label=_("Words"),
        max_length=TEXT_MAX_LENGTH,
        help_text=_("Matches English and French text."),
    )
    country = django_filters.ChoiceFilter(method="filter_facet", label=_("Country"))
    theme = django_filters.MultipleChoiceFilter(method="filter_facet", label=_("Themes"))
    forum = django_filters.ChoiceFilter(method="filter_facet", label=_("Forum"))
    type = django_filters.ChoiceFilter(
        method="filter_facet", label=_("Session type"), choices=SessionType.choices
    )
    language = django_filters.ChoiceFilter(method="filter_facet", label=_("Held in"))
    year = django_filters.TypedChoiceFilter(method="filter_facet", label=_("Year"), coerce=int)
    sort = django_filters.ChoiceFilter(method="filter_sort", label=_("Sort by"), empty_label=None)

    # Set by each list: facet name -> routes; which search entries find a row, and the entry
    # column holding the row's id; sort choices -> orderings.
    routes = {}
    search_kinds = []
    search_target = "object_id"
    sort_orders = {}

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        # In the visitor's language: fixed lists made once per language, and the themes and
        # forums kept until content changes.
        language = get_language()
        self.filters["country"].extra["choices"] = _country_choices(language)
        themes, forums = page_cache.remember_many(
            {
                f"choices:themes:{language}": lambda: [
                    (theme.slug, str(theme.name)) for theme in Theme.objects.all()
                ],
                "choices:forums": lambda: [
                    (forum.slug, forum.name) for forum in Forum.objects.all()
                ],
            }
        ).values()
        self.filters["theme"].extra["choices"] = FixedChoices(themes)
        self.filters["forum"].extra["choices"] = FixedChoices(forums)
        self.filters["language"].extra["choices"] = _language_choices(language)
        self.filters["year"].extra["choices"] = YEAR_CHOICES
        self.filters["sort"].extra["choices"] = [
            (key, label) for key, (label, _ordering) in self.sort_orders.items()
        ]

    # Filtering

    def filter_queryset(self, queryset):
        queryset = self._filter_except(queryset, skip="sort")
        return self.filter_sort(queryset, "sort", self.form.cleaned_data.get("sort"))

    def _filter_except(self, queryset, skip):
        for name, value in getattr(self.form, "cleaned_data", {}).items():
            if name not in (skip, "sort"):
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def filter_facet(self, queryset, name, value):
        values = value if isinstance(value, list) else [value]
        condition = Q()
        for route in self.routes[name]:
            lookups = route.lookups(values)
            condition |= Q(**lookups) if route.single else has_related(queryset, **lookups)
        return queryset.filter(condition)

    def filter_text(self, queryset, name, value):
        """Rows whose entries in the search index match the words (either language)."""
        query = search.Query.parse(value)
        if not query:
            return queryset.none()
        entries = SearchEntry.objects.filter(kind__in=self.search_kinds, published=True)
        return queryset.filter(pk__in=search.matching(entries, query).values(self.search_target))

    def filter_sort(self, queryset, name, value):
        default = next(iter(self.sort_orders))
        _label, ordering = self.sort_orders[value or default]
        return queryset.order_by(*[key() if callable(key) else key for key in ordering])

    # Facets

    def state(self, skip=(), sort=False):
        """The filters in force (but those in `skip`), as text: what a part of the page
        computed from them can be kept under. Invalid values are not in force."""
        chosen = sorted(
            (key, value)
            for key, value in getattr(self.form, "cleaned_data", {}).items()
            if key not in skip and (sort or key != "sort") and value not in (None, "", [])
        )
        return f"{type(self).__name__}:{chosen!r}"

    def shared_counts(self):
        """How many rows the filters give, and each facet's counts: kept until content
        changes for every address with the same filters (every page of a list, in any
        order), all read in one round trip."""
        if getattr(self, "_shared_counts", None) is None:

            def facet(name):
                return lambda: self._count_facet(name)

            computations = {f"count:{self.state()}": self.qs.count}
            for name in self.routes:
                computations[f"facets:{name}:{self.state([name])}"] = facet(name)
            found = page_cache.remember_many(computations)
            self._shared_counts = dict(zip(["count", *self.routes], found.values(), strict=True))
        return self._shared_counts

    def facet_counts(self, name):
        """How many rows each value of facet `name` would give, other filters applied."""
        return self.shared_counts()[name]

    def count(self):
        """How many rows the filters give."""
        return self.shared_counts()["count"]

    def _count_facet(self, name):
        queryset = self._filter_except(self.queryset.all(), skip=name).order_by()
        queryset = queryset.prefetch_related(None)
        routes = self.routes[name]
        if len(routes) == 1:
            [route] = routes
            rows = (
                queryset.filter(**route.published)
                .values(route.path)
                .annotate(n=Count("pk", distinct=True))
                .values_list(route.path, "n")
            )
            return {value: n for value, n in rows if value not in (None, "")}
        pairs = set()
        for route in routes:
            pairs |= set(
                queryset.filter(**route.published).values_list(route.path, "pk").distinct()
            )
        return dict(Counter(value for value, _pk in pairs if value not in (None, "")))

    def facets(self):
        """Each facet with its options and counts, for the template. Options that would
        give no rows are left out, unless chosen."""
        cleaned = getattr(self.form, "cleaned_data", {})
        facets = []
        for name in self.routes:
            counts = self.facet_counts(name)
            chosen = cleaned.get(name)
            chosen = {str(v) for v in chosen} if isinstance(chosen, list) else {str(chosen)}
            options = [
                {
                    "value": value,
                    "label": label,
                    "count": counts.get(value, 0),
                    "selected": str(value) in chosen,
                }
                for value, label in self.form.fields[name].choices
                if value != "" and (counts.get(value) or str(value) in chosen)
            ]
            if name in {"country", "theme", "language"}:
                options.sort(key=lambda option: (-option["count"], collation_key(option["label"])))
            facets.append(
                {
                    "name": name,
                    "label": self.filters[name].label,
                    "options": options,
                    "multiple": name == "theme",
                }
            )
        return facets


SESSION_ROUTES = {
    "country": [Route("presentations__speaker__country")],
    "theme": [Route("themes__slug")],
    "forum": [Route("forum__slug", single=True)],
    "type": [Route("session_type", single=True)],
    "language": [Route("languages__code")],
    "year": [YearRoute()],
}


def _through(*vias):
    """Routes to the session facets through relations that end at a session."""
    return {
        name: [route.through(via) for via in vias for route in routes]
        for name, routes in SESSION_ROUTES.items()
        if name != "country"
    }


class SessionFilter(FacetFilterSet):
    routes = SESSION_ROUTES
    search_kinds = [SearchKind.SESSION, SearchKind.PRESENTATION]
    search_target = "session_id"
    sort_orders = {
        "newest": (_("Newest first"), list(facet_index.NEWEST_FIRST)),
        "oldest": (_("Oldest first"), ["date", "start_time", "pk"]),
        "title": (_("Title"), [lambda: _translated("title").asc(), "pk"]),
    }
    # Set by the lists over every published session (not a forum's): their counts come
    # from sessions.facet_index when no words are asked for.
    counts_from_index = False

    def _index_choices(self):
        """The facet values in force ({facet: [values]}), or None when the facet index
        cannot count for these filters (words are asked for, or not every session is
        listed)."""
        self.is_valid()  # the values in force are the valid ones, as for the rows
        cleaned = getattr(self.form, "cleaned_data", {})
        if not self.counts_from_index or cleaned.get("q"):
            return None
        return {
            name: value if isinstance(value, list) else [value]
            for name, value in cleaned.items()
            if name in self.routes and value not in (None, "", [])
        }

    def shared_counts(self):
        chosen = self._index_choices()
        if chosen is None:
            return super().shared_counts()
        if getattr(self, "_shared_counts", None) is None:
            index = facet_index.current()
            self._shared_counts = {
                "count": index.count(chosen),
                **{name: index.facet_counts(name, chosen) for name in self.routes},
            }
        return self._shared_counts

    def count_from_index(self):
        """How many rows the filters give, from the facet index alone (no facet's counts);
        None when the index cannot tell (see _index_choices)."""
        chosen = self._index_choices()
        return None if chosen is None else facet_index.current().count(chosen)

    def page_ids_from_index(self, start, count):
        """The ids of the rows start to start + count - 1 (newest first), from the facet
        index; None when the index cannot tell (see _index_choices), or the list is in
        another order."""
        chosen = self._index_choices()
        sort = self.form.cleaned_data.get("sort") or next(iter(self.sort_orders))
        if chosen is None or self.sort_orders[sort][1] != list(facet_index.NEWEST_FIRST):
            return None
        return facet_index.current().page_ids(chosen, start, count)

    def page_from_index(self, start, count):
        """Those rows as a QuerySet by primary key, or None."""
        ids = self.page_ids_from_index(start, count)
        if ids is None:
            return None
        return self.queryset.filter(pk__in=ids).order_by(*facet_index.NEWEST_FIRST)

    class Meta:
        model = Session
        fields = []


class InitiativeFilter(FacetFilterSet):
    routes = {
        "country": [Route("country", single=True)],
        "theme": [Route("themes__slug")],
        **{k: v for k, v in _through("presentations__session").items() if k != "theme"},
    }
    search_kinds = [SearchKind.INITIATIVE]
    sort_orders = {
        "name": (_("Name"), [lambda: _translated("name").asc(), "pk"]),
        "country": (_("Country"), ["country", "slug"]),
    }

    class Meta:
        model = Initiative
        fields = []


class SpeakerFilter(FacetFilterSet):
    routes = {
        "country": [Route("country", single=True)],
        **_through("presentations__session", "moderated_sessions"),
    }
    search_kinds = [SearchKind.SPEAKER]
    sort_orders = {
        "name": (_("Name"), ["name", "pk"]),
        "country": (_("Country"), ["country", "name", "pk"]),
    }

    class Meta:
        model = Speaker
        fields = []


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
