"""What every public list's filters share: the facets, the routes by which a row reaches each,
their choices in the visitor's language, and their counts (FacetFilterSet)."""

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
from sessions import search
from sessions.models import (
    Forum,
    SearchEntry,
    SessionType,
    Theme,
)
from speakers.models import has_related

TEXT_MAX_LENGTH = 200
MAX_WORDS = 8
SESSION_LANGUAGES = [code for code, _name in global_settings.LANGUAGES]


def sort_key_in_language(field):
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
