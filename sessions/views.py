from django.db.models import Prefetch
from django.views.generic import DetailView, ListView, TemplateView

from sessions.models import Forum, Initiative, Session, Theme


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            latest_forum=Forum.objects.published().first(),
            sessions=Session.objects.published().for_listing()[:6],
            featured_initiatives=Initiative.objects.published().filter(is_featured=True)[:6],
            themes=Theme.objects.all(),
            **kwargs,
        )


class SessionListView(ListView):
    template_name = "sessions/session_list.html"
    queryset = Session.objects.published().for_listing()
    paginate_by = 20


class SessionDetailView(DetailView):
    template_name = "sessions/session_detail.html"
    queryset = Session.objects.published().with_programme()


class InitiativeListView(ListView):
    template_name = "sessions/initiative_list.html"
    queryset = Initiative.objects.published().select_related("organisation")
    paginate_by = 20


class InitiativeDetailView(DetailView):
    template_name = "sessions/initiative_detail.html"
    queryset = Initiative.objects.published().with_details()


class ForumDetailView(DetailView):
    template_name = "sessions/forum_detail.html"
    queryset = Forum.objects.prefetch_related(
        Prefetch("sessions", Session.objects.published().for_listing(), to_attr="public_sessions")
    )


class ThemeDetailView(DetailView):
    template_name = "sessions/theme_detail.html"
    queryset = Theme.objects.prefetch_related(
        Prefetch("sessions", Session.objects.published().for_listing(), to_attr="public_sessions"),
        Prefetch("initiatives", Initiative.objects.published(), to_attr="public_initiatives"),
    )
