"""The FilterSets of the session, initiative and speaker lists (the API's too)."""

from django.utils.translation import gettext_lazy as _

from sessions import facet_index
from sessions.filters.facets import FacetFilterSet, Route, YearRoute, sort_key_in_language
from sessions.models import Initiative, SearchKind, Session
from speakers.models import Speaker

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
        "title": (_("Title"), [lambda: sort_key_in_language("title").asc(), "pk"]),
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
        "name": (_("Name"), [lambda: sort_key_in_language("name").asc(), "pk"]),
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
