"""The list of forum editions, and the filters of a forum's sessions (its page is
sessions.views.ForumDetailView)."""

from django.db.models import Count, Q
from django.views.generic import ListView

from sessions.filters import SESSION_ROUTES, SessionFilter
from sessions.models import Forum


class ForumSessionFilter(SessionFilter):
    """The session list's filters within one forum: every facet but the forum's."""

    routes = {name: routes for name, routes in SESSION_ROUTES.items() if name != "forum"}

    def __init__(self, *args, forum=None, **kwargs):
        super().__init__(*args, **kwargs)
        del self.filters["forum"]
        self.forum_slug = forum

    def state(self, skip=(), sort=False):
        # Counts and pages of results are kept per forum.
        return f"{super().state(skip, sort)}:forum={self.forum_slug}"


class ForumListView(ListView):
    template_name = "sessions/forum_list.html"
    context_object_name = "forums"

    def get_queryset(self):
        published = Count("sessions", filter=Q(sessions__is_published=True))
        return Forum.objects.published().annotate(session_count=published)
