from django.urls import include, path

from sessions import views

app_name = "sessions"

urlpatterns = [
    path("search/", views.SearchView.as_view(), name="search"),
    path("sessions/", views.SessionListView.as_view(), name="session-list"),
    path("sessions/<slug:slug>/", views.SessionDetailView.as_view(), name="session-detail"),
    path("initiatives/", views.InitiativeListView.as_view(), name="initiative-list"),
    path(
        "initiatives/<slug:slug>/",
        views.InitiativeDetailView.as_view(),
        name="initiative-detail",
    ),
    path("speakers/", views.SpeakerListView.as_view(), name="speaker-list"),
    path("forums/<slug:slug>/", views.ForumDetailView.as_view(), name="forum-detail"),
    path("themes/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme-detail"),
    path("countries/<str:code>/", views.CountryDetailView.as_view(), name="country-detail"),
    path("moderate/", views.ModerationListView.as_view(), name="moderation"),
    path("moderate/<slug:slug>/", views.ClosingRemarksView.as_view(), name="closing-remarks"),
]
urlpatterns += [
    path("", include("sessions.exports.urls")),
    path("", include("sessions.syndication.urls")),
]
