"""One read-only viewset per collection. The lists of sessions, initiatives and speakers are
filtered and sorted by the web lists' own FilterSets (sessions/filters/): the same
parameters give the same rows in the same order; a bad value is a 400 naming the filter."""

from django.db.models import Count, Func, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django_countries import countries
from django_countries.fields import Country
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import viewsets
from rest_framework.response import Response

from gsef.collation import collation_key
from sessions import page_queries
from sessions.api import serializers
from sessions.api.fields import absolute
from sessions.api.language import LANGUAGE_CODES, LanguageMixin
from sessions.api.paging import Pagination
from sessions.filters import InitiativeFilter, SessionFilter, SpeakerFilter
from sessions.models import Forum, Initiative, Presentation, Session, Theme
from speakers.models import Organisation, Speaker


class FacetFilterBackend(DjangoFilterBackend):
    """django-filter's backend, answering 400 with the form's errors (its default); its
    parameters in the schema come from `sessions.api.schema`."""


class IndexedFilterBackend(FacetFilterBackend):
    """For a list of every published session: its FilterSet counts and pages from the facet
    index where it can (sessions.facet_index), as the web list does. The API's pagination
    asks it through the view's `indexed_filterset`: a COUNT over the filters' joins took 65
    to 230 ms a list at 100,000 sessions."""

    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None:
            filterset.counts_from_index = True
            view.indexed_filterset = filterset
        return filterset


class ReadOnlyViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    pagination_class = Pagination
    detail_serializer_class = None
    # slug -> the published record with all its detail shows, or None: the web page's own
    # queries, compiled once per worker (sessions.page_queries). Without it, the queryset.
    load = None

    def get_object(self):
        if self.action != "retrieve" or self.load is None:
            return super().get_object()
        record = self.load(self.kwargs[self.lookup_field])
        if record is None:  # in the words of DRF's own lookup
            model = self.get_queryset().model
            raise Http404(f"No {model._meta.object_name} matches the given query.")
        self.check_object_permissions(self.request, record)
        return record

    def get_serializer_class(self):
        if self.action == "retrieve" and self.detail_serializer_class is not None:
            return self.detail_serializer_class
        return self.serializer_class


class FilteredViewSet(ReadOnlyViewSet):
    filter_backends = [FacetFilterBackend]

    def filter_queryset(self, queryset):
        if self.action == "retrieve":  # the filters are the list's
            return queryset
        return super().filter_queryset(queryset)


class SessionViewSet(FilteredViewSet):
    """Published sessions; the detail has its presentations, audience questions and closing
    remarks."""

    filter_backends = [IndexedFilterBackend]
    filterset_class = SessionFilter
    serializer_class = serializers.SessionSerializer
    detail_serializer_class = serializers.SessionDetailSerializer
    load = staticmethod(page_queries.published_session)

    def get_queryset(self):
        return Session.objects.published().for_listing()


class InitiativeViewSet(FilteredViewSet):
    """Published initiatives (best practices): those presented at a published session."""

    filterset_class = InitiativeFilter
    serializer_class = serializers.InitiativeSerializer
    detail_serializer_class = serializers.InitiativeDetailSerializer
    load = staticmethod(page_queries.published_initiative)

    def get_queryset(self):
        return (
            Initiative.objects.published().select_related("organisation").prefetch_related("themes")
        )


class SpeakerViewSet(FilteredViewSet):
    """Published speakers: who presented at, moderated or closed a published session."""

    filterset_class = SpeakerFilter
    serializer_class = serializers.SpeakerSerializer
    detail_serializer_class = serializers.SpeakerDetailSerializer

    def get_queryset(self):
        speakers = Speaker.objects.published().with_organisation()
        if self.action != "retrieve":
            return speakers
        presentations = Presentation.objects.of_published_sessions().order_by(
            "-session__date", "order"
        )
        return speakers.prefetch_related(
            Prefetch("presentations", presentations, to_attr="public_presentations"),
            Prefetch(
                "moderated_sessions",
                Session.objects.published(),
                to_attr="public_moderated_sessions",
            ),
        )


class OrganisationViewSet(ReadOnlyViewSet):
    """Organisations with a published speaker or initiative, by name."""

    serializer_class = serializers.OrganisationBriefSerializer
    detail_serializer_class = serializers.OrganisationDetailSerializer

    def get_queryset(self):
        organisations = Organisation.objects.published().order_by("name", "pk")
        if self.action != "retrieve":
            return organisations
        return organisations.prefetch_related(
            Prefetch("speakers", Speaker.objects.published(), to_attr="public_speakers"),
            Prefetch("initiatives", Initiative.objects.published(), to_attr="public_initiatives"),
        )


class ForumViewSet(ReadOnlyViewSet):
    """Forum editions with at least one published session, newest first."""

    serializer_class = serializers.ForumSerializer

    def get_queryset(self):
        published = Q(sessions__is_published=True)
        return (
            Forum.objects.published()
            .annotate(session_count=Count("sessions", filter=published))
            .order_by("-start_date", "pk")
        )


class ThemeViewSet(ReadOnlyViewSet):
    """Every theme, with its numbers of published sessions and initiatives."""

    serializer_class = serializers.ThemeSerializer

    def get_queryset(self):
        sessions = Session.objects.published().filter(themes=OuterRef("pk"))
        initiatives = Initiative.objects.published().filter(themes=OuterRef("pk"))
        return Theme.objects.annotate(
            session_count=count_of(sessions), initiative_count=count_of(initiatives)
        ).order_by("slug")


def count_of(queryset):
    """How many rows `queryset` (correlated to the outer row) has, as a subquery."""
    counted = queryset.order_by().annotate(n=Func("pk", function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


class CountryViewSet(LanguageMixin, viewsets.GenericViewSet):
    """Countries with a published initiative or speaker, by name in the answer's language."""

    serializer_class = serializers.CountrySerializer
    pagination_class = Pagination
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z]{2}"

    def counts(self):
        initiatives = Initiative.objects.published().exclude(country="").order_by()
        speakers = Speaker.objects.published().exclude(country="").order_by()
        return (
            dict(initiatives.values_list("country").annotate(n=Count("pk"))),
            dict(speakers.values_list("country").annotate(n=Count("pk"))),
        )

    def describe(self, code, initiative_count, speaker_count):
        request = self.request
        names = {}
        for language in LANGUAGE_CODES:
            with translation.override(language):
                names[language] = str(Country(code).name)

        def api_list(name):
            return absolute(request, f"{reverse(f'api:{name}-list')}?country={code}")

        return {
            "code": code,
            "name": str(Country(code).name),
            "names": names,
            "initiative_count": initiative_count,
            "speaker_count": speaker_count,
            "url": absolute(request, reverse("sessions:country-detail", args=[code])),
            "api_url": absolute(request, reverse("api:country-detail", args=[code])),
            "sessions": api_list("session"),
            "initiatives": api_list("initiative"),
            "speakers": api_list("speaker"),
        }

    def list(self, request, *args, **kwargs):
        by_initiatives, by_speakers = self.counts()
        codes = sorted(
            set(by_initiatives) | set(by_speakers), key=lambda c: collation_key(Country(c).name)
        )
        rows = [
            self.describe(code, by_initiatives.get(code, 0), by_speakers.get(code, 0))
            for code in codes
        ]
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, code, *args, **kwargs):
        code = code.upper()
        by_initiatives, by_speakers = self.counts()
        if code not in dict(countries) or not (code in by_initiatives or code in by_speakers):
            raise Http404(f"No country with published content has the code “{code}”.")
        data = self.describe(code, by_initiatives.get(code, 0), by_speakers.get(code, 0))
        return Response(self.get_serializer(data).data)
