from django.urls import path

from speakers import views

app_name = "speakers"

# The list of speakers, with its facets over sessions, is in sessions/urls.py.
urlpatterns = [
    path("speakers/<slug:slug>/", views.SpeakerDetailView.as_view(), name="speaker-detail"),
    path(
        "organisations/<slug:slug>/",
        views.OrganisationDetailView.as_view(),
        name="organisation-detail",
    ),
]
