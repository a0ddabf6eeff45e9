"""Feeds, citations and the list of forums (issue 15), in the `sessions` namespace."""

from django.urls import path

from sessions.syndication import feeds
from sessions.syndication.forums import ForumListView
from sessions.syndication.views import CitationDownloadView

urlpatterns = [
    path("forums/", ForumListView.as_view(), name="forum-list"),
    path("feeds/<str:kind>/", feeds.overall_feed, name="feed"),
    path("themes/<slug:slug>/feeds/<str:kind>/", feeds.theme_feed, name="theme-feed"),
    path("forums/<slug:slug>/feeds/<str:kind>/", feeds.forum_feed, name="forum-feed"),
    path("countries/<str:code>/feeds/<str:kind>/", feeds.country_feed, name="country-feed"),
    path(
        "sessions/<slug:slug>/citation.bib",
        CitationDownloadView.as_view(format="bibtex"),
        name="session-bibtex",
    ),
    path(
        "sessions/<slug:slug>/citation.ris",
        CitationDownloadView.as_view(format="ris"),
        name="session-ris",
    ),
    path(
        "sessions/<slug:slug>/citation.json",
        CitationDownloadView.as_view(format="csl-json"),
        name="session-csl-json",
    ),
]
