"""Atom feeds of newly published sessions and initiatives: all of them, or those of a theme,
a country or a forum, in the language of the address (/en/…, /fr/…).

"Newly published" is when a record was first published, as the history says: for a session,
its first history row with `is_published` (the admin, the list's publish action and the
importer all leave one); for an initiative, the first publication of the published sessions
presenting it. A session with no such row (written in bulk, e.g. the generated corpus) counts
from its creation. The theme, country and forum feeds choose their records with the lists'
own FilterSets, as their pages do.
"""

from django.contrib.syndication.views import Feed
from django.db.models import DateTimeField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django_countries import countries
from django_countries.fields import Country

from sessions.filters import InitiativeFilter, SessionFilter
from sessions.models import Forum, Initiative, Presentation, Session, Theme

ITEMS = 30


def first_published(session_id):
    """When the session `session_id` (an expression) was first published, if its history
    says."""
    history = (
        Session.history.model.objects.filter(id=session_id, is_published=True)
        .order_by("history_date")
        .values("history_date")[:1]
    )
    return Subquery(history, output_field=DateTimeField())


def sessions_by_publication(queryset):
    return queryset.annotate(
        published_at=Coalesce(first_published(OuterRef("pk")), "created_at")
    ).order_by("-published_at", "-pk")


def initiatives_by_publication(queryset):
    presentations = (
        Presentation.objects.filter(initiatives=OuterRef("pk"), session__is_published=True)
        .annotate(
            published_at=Coalesce(first_published(OuterRef("session_id")), "session__created_at")
        )
        .order_by("published_at")
        .values("published_at")[:1]
    )
    return queryset.annotate(
        published_at=Subquery(presentations, output_field=DateTimeField())
    ).order_by("-published_at", "-pk")


class KnowledgeBaseFeed(Feed):
    """What every feed shares. Subclasses say which records (`records`) and how they are
    named (`kind_title`); a scope (theme, country, forum) narrows them."""

    feed_type = Atom1Feed
    kind = None  # "sessions" or "initiatives"

    def get_object(self, request, **kwargs):
        return None

    # Channel

    def title(self, scope):
        site = _("GSEF Knowledge Base")
        if scope is None:
            return f"{self.kind_title()} · {site}"
        # The colon's spacing is the language's (French puts a no-break space before it).
        named = _("%(feed)s: %(scope)s") % {"feed": self.kind_title(), "scope": scope_name(scope)}
        return f"{named} · {site}"

    def link(self, scope):
        if scope is None:
            return reverse(self.list_url)
        if isinstance(scope, Country):
            return reverse("sessions:country-detail", args=[scope.code])
        return scope.get_absolute_url()

    def feed_url(self, scope):
        return feed_address(self.kind, scope)

    def subtitle(self, scope):
        return _("The latest published on the GSEF Knowledge Base, newest first.")

    # Items

    def items(self, scope):
        return self.records(scope)[:ITEMS]

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_categories(self, item):
        return [str(theme.name) for theme in item.themes.all()]


class SessionFeed(KnowledgeBaseFeed):
    kind = "sessions"
    list_url = "sessions:session-list"

    def kind_title(self):
        return _("New sessions")

    def records(self, scope):
        queryset = Session.objects.published().select_related("forum").prefetch_related("themes")
        if scope is not None:
            queryset = SessionFilter(scope_filters(scope), queryset=queryset).qs
        return sessions_by_publication(queryset)

    def item_title(self, session):
        return session.title

    def item_description(self, session):
        return session.summary or f"{session.get_session_type_display()}, {session.forum.name}"

    def item_updateddate(self, session):
        return session.updated_at


class InitiativeFeed(KnowledgeBaseFeed):
    kind = "initiatives"
    list_url = "sessions:initiative-list"

    def kind_title(self):
        return _("New best practices")

    def records(self, scope):
        queryset = Initiative.objects.published().prefetch_related(
            Prefetch("themes", Theme.objects.all())
        )
        if scope is not None:
            queryset = InitiativeFilter(scope_filters(scope), queryset=queryset).qs
        return initiatives_by_publication(queryset)

    def item_title(self, initiative):
        return initiative.name

    def item_description(self, initiative):
        return initiative.summary or initiative.name


FEEDS = {"sessions": SessionFeed, "initiatives": InitiativeFeed}


def scope_filters(scope):
    """The list filters that choose the records of a theme, a country or a forum."""
    if isinstance(scope, Theme):
        return {"theme": [scope.slug]}
    if isinstance(scope, Forum):
        return {"forum": scope.slug}
    return {"country": scope.code}


def scope_name(scope):
    return str(scope.name)


def feed_address(kind, scope=None):
    if scope is None:
        return reverse("sessions:feed", args=[kind])
    if isinstance(scope, Theme):
        return reverse("sessions:theme-feed", args=[scope.slug, kind])
    if isinstance(scope, Forum):
        return reverse("sessions:forum-feed", args=[scope.slug, kind])
    return reverse("sessions:country-feed", args=[scope.code, kind])


def country_or_404(code):
    code = code.upper()
    if code not in dict(countries):
        raise Http404(_("No country has the code “%(code)s”.") % {"code": code[:10]})
    return Country(code)


def scoped(feed_class, find):
    """A view serving `feed_class` for the scope `find(**kwargs)` (a 404 if none)."""

    class ScopedFeed(feed_class):
        def get_object(self, request, **kwargs):
            return find(**kwargs)

    return ScopedFeed()


def feed_view(scope_finder=None):
    """The view of the feeds of a kind (in the URL): overall, or of a scope."""
    views = {
        kind: feed_class() if scope_finder is None else scoped(feed_class, scope_finder)
        for kind, feed_class in FEEDS.items()
    }

    def view(request, kind, **kwargs):
        if kind not in views:
            raise Http404(_("There is no feed of “%(kind)s”.") % {"kind": kind[:40]})
        return views[kind](request, **kwargs)

    return view


overall_feed = feed_view()
theme_feed = feed_view(lambda slug: get_object_or_404(Theme, slug=slug))
forum_feed = feed_view(lambda slug: get_object_or_404(Forum, slug=slug))
country_feed = feed_view(lambda code: country_or_404(code))
