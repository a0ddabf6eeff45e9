from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView
from django_countries import countries
from django_countries.fields import Country
from django_filters.views import FilterView

from gsef import cache as page_cache
from gsef.views import FragmentDetailView, not_found
from sessions import page_queries, search
from sessions.filters import InitiativeFilter, SearchFilter, SessionFilter, SpeakerFilter
from sessions.forms import ClosingRemarkFormSet
from sessions.models import Forum, Initiative, SearchEntry, Session, Theme
from sessions.syndication.forums import ForumSessionFilter
from sessions.syndication.views import CitationBlock
from speakers.invitations import MODERATORS
from speakers.models import Speaker


class FilteredListView(FilterView):
    """A public list: a FilterSet, facets with counts, and pagination that never fails.

    The page's title and content are fragments (in its template, `{% fragment
    "<fragment_name>-title" list_key %}` and `-content`) named by the list's own parameters
    as they came (the filters and the page; others, like `utm_source`, change nothing on
    it). When both are kept, the page is the base template around them: no filter, count
    or row is looked at."""

    paginate_by = 20
    strict = False  # a bad value drops that filter (with a message), not the whole list
    fragment_name = None
    fragment_parts = ("title", "content")

    def get(self, request, *args, **kwargs):
        self.problems = []
        self.list_params = [
            (name, request.GET.getlist(name))
            for name in sorted(request.GET)
            if name in self.filterset_class.base_filters
        ]
        self.list_key = repr(
            [*self.list_scope(), *self.list_params, ("page", request.GET.getlist("page"))]
        )
        if page_cache.prefetch_fragments(
            request, self.fragment_name, self.fragment_parts, self.list_key
        ):
            return self.render_to_response({"view": self, "list_key": self.list_key})
        return super().get(request, *args, **kwargs)

    def list_scope(self):
        """What, besides its parameters, tells this list's pages apart (a forum's slug)."""
        return []

    def get_template_names(self):
        # Each list names its template; Django's would also add one made from the model of
        # object_list, which the shortcut above never builds.
        return [self.template_name]

    def get_filterset_kwargs(self, filterset_class):
        # Always bound, so that the default sort applies to a bare URL too.
        return {**super().get_filterset_kwargs(filterset_class), "data": self.request.GET}

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        if isinstance(queryset, QuerySet):  # the search page's results are a list
            paginator.count = self.filterset.count()
        raw = self.request.GET.get("page", "1")
        try:
            number = int(raw)
            if number < 1:
                raise ValueError
        except ValueError:
            self.problems.append(
                _("“%(page)s” is not a page number, so the first page is shown.")
                % {"page": raw[:20]}
            )
            number = 1
        if number > paginator.num_pages:
            self.problems.append(
                _("There is no page %(page)s; the last page (%(last)s) is shown.")
                % {"page": number, "last": paginator.num_pages}
            )
            number = paginator.num_pages
        page = paginator.page(number)
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.filterset.form
        if self.filterset.is_bound:
            for name, errors in form.errors.items():
                label = form.fields[name].label if name in form.fields else name
                self.problems.extend(
                    _("%(filter)s: %(error)s The filter was ignored.")
                    % {"filter": label, "error": error}
                    for error in errors
                )
        # The page of results is a fragment (see the list templates): the rows are read
        # only when it is not kept already for these filters, this order and this page.
        page = context["page_obj"].number if context.get("page_obj") is not None else 1
        context.update(
            facets=self.filterset.facets(),
            problems=self.problems,
            results_key=f"{self.filterset.state(sort=True)}:page={page}",
            list_key=self.list_key,
        )
        return context


class SessionListView(FilteredListView):
    fragment_name = "session-list"
    template_name = "sessions/session_list.html"
    filterset_class = SessionFilter

    def get_queryset(self):
        return Session.objects.published().for_cards()

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        filterset.counts_from_index = True  # every published session: see facet_index
        return filterset

    def paginate_queryset(self, queryset, page_size):
        paginator, page, rows, is_paginated = super().paginate_queryset(queryset, page_size)
        ids = self.filterset.page_ids_from_index((page.number - 1) * page_size, page_size)
        if ids is not None:  # the page's ids from the facet index: its rows by primary key
            page.object_list = rows = page_queries.session_cards(ids)
        return paginator, page, rows, is_paginated


class InitiativeListView(FilteredListView):
    fragment_name = "initiative-list"
    template_name = "sessions/initiative_list.html"
    filterset_class = InitiativeFilter

    def get_queryset(self):
        return Initiative.objects.published().select_related("organisation")


class SpeakerListView(FilteredListView):
    fragment_name = "speaker-list"
    template_name = "speakers/speaker_list.html"
    filterset_class = SpeakerFilter

    def get_queryset(self):
        return Speaker.objects.published().with_organisation()


class SearchView(FilteredListView):
    """Every kind of record at once, ranked, with highlighted extracts."""

    fragment_name = "search"
    template_name = "sessions/search.html"
    filterset_class = SearchFilter
    context_object_name = "results"

    def get_queryset(self):
        return SearchEntry.objects.filter(published=True)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        data = kwargs["data"].copy()
        data["q"], shortened = search.clean_text(data.get("q", ""))
        if shortened:
            self.problems.append(
                _("Your search was long: only its first %(count)s characters were used.")
                % {"count": search.MAX_QUERY_LENGTH}
            )
        return {**kwargs, "data": data}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.filterset.query
        results = search.page([match.pk for match in context["results"]], query)
        context.update(results=results, object_list=results, cap=search.CANDIDATES)
        return context


class SessionDetailView(FragmentDetailView):
    """A published session's page; staff who may see sessions also see a draft's, marked
    as such, to check it before publishing. They are logged in: nothing of their pages is
    cached (`gsef.cache` serves and keeps nothing for a request with a session cookie)."""

    template_name = "sessions/session_detail.html"
    context_object_name = "session"
    queryset = Session.objects.published()
    load = staticmethod(page_queries.published_session)
    draft = False

    def get_object(self, queryset=None):
        if not self.request.user.has_perm("forum_sessions.view_session"):
            return super().get_object(queryset)
        self.record_key = self.kwargs[self.slug_url_kwarg]
        session = page_queries.published_session(self.record_key, drafts=True)
        if session is None:
            raise not_found(Session)
        self.draft = not session.is_published
        return session

    def get_context_data(self, **kwargs):
        revises = self.object.revision_of if self.draft and self.object.revision_of_id else None
        return super().get_context_data(
            draft=self.draft,
            revises=revises,
            citation_block=CitationBlock(self.request, self.object),
            **kwargs,
        )


class InitiativeDetailView(FragmentDetailView):
    template_name = "sessions/initiative_detail.html"
    context_object_name = "initiative"
    queryset = Initiative.objects.published()
    load = staticmethod(page_queries.published_initiative)


class ForumDetailView(FilteredListView):
    """A forum and its published sessions, filtered as the session list is. Its parts are
    fragments named by the forum's slug and the list's parameters (see FilteredListView)."""

    fragment_name = "forum"
    fragment_parts = ("title", "meta", "breadcrumbs", "content")
    template_name = "sessions/forum_detail.html"
    filterset_class = ForumSessionFilter

    def list_scope(self):
        return [("forum", self.kwargs["slug"])]

    def get_queryset(self):
        self.forum = get_object_or_404(Forum, slug=self.kwargs["slug"])
        return Session.objects.published().for_cards().filter(forum=self.forum)

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "forum": self.forum.slug}

    def get_context_data(self, **kwargs):
        return super().get_context_data(forum=self.forum, **kwargs)


class ThemeDetailView(DetailView):
    template_name = "sessions/theme_detail.html"

    def get_queryset(self):
        return Theme.objects.prefetch_related(
            Prefetch(
                "sessions", Session.objects.published().for_cards(), to_attr="public_sessions"
            ),
            Prefetch(
                "initiatives",
                Initiative.objects.published().select_related("organisation"),
                to_attr="public_initiatives",
            ),
        )

    def get_context_data(self, **kwargs):
        speakers = Speaker.objects.published().with_organisation()
        return super().get_context_data(
            speakers=SpeakerFilter({"theme": [self.object.slug]}, queryset=speakers).qs,
            **kwargs,
        )


class CountryDetailView(TemplateView):
    template_name = "sessions/country_detail.html"

    def get_context_data(self, code, **kwargs):
        code = code.upper()
        if code not in dict(countries):
            raise Http404(_("No country has the code “%(code)s”.") % {"code": code[:10]})
        return super().get_context_data(
            country=Country(code),
            sessions=SessionFilter(
                {"country": code}, queryset=Session.objects.published().for_cards()
            ).qs,
            initiatives=Initiative.objects.published()
            .filter(country=code)
            .select_related("organisation"),
            speakers=Speaker.objects.published().filter(country=code).with_organisation(),
            **kwargs,
        )


class ModeratorMixin(LoginRequiredMixin):
    """A logged-in member of the Moderators group, who sees only the sessions they moderated."""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not user.groups.filter(name=MODERATORS).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def moderated_sessions(self):
        return Session.objects.filter(moderator__user=self.request.user).select_related("forum")


class ModerationListView(ModeratorMixin, ListView):
    template_name = "sessions/moderation_list.html"
    context_object_name = "sessions"

    def get_queryset(self):
        return self.moderated_sessions()


class ClosingRemarksView(ModeratorMixin, TemplateView):
    """Add, edit, delete and reorder the closing remarks of a session one moderated."""

    template_name = "sessions/closing_remarks_form.html"

    def get_formset(self):
        self.session = get_object_or_404(self.moderated_sessions(), slug=self.kwargs["slug"])
        return ClosingRemarkFormSet(
            self.request.POST or None,
            instance=self.session,
            prefix="remarks",
            queryset=self.session.closing_remarks.select_related("created_by"),
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(formset=self.get_formset()))

    def post(self, request, *args, **kwargs):
        formset = self.get_formset()
        if not formset.is_valid():
            return self.render_to_response(self.get_context_data(formset=formset))
        formset.save_in_order(request.user)
        messages.success(request, _("The closing remarks were saved."))
        return redirect("sessions:closing-remarks", slug=self.session.slug)

    def get_context_data(self, **kwargs):
        return super().get_context_data(session=self.session, **kwargs)
