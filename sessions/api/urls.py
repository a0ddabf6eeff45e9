from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from sessions.api import schema, views  # noqa: F401 (schema registers its extension)
from sessions.api.docs import DocsView

app_name = "api"

router = DefaultRouter()
router.include_format_suffixes = False
router.register("sessions", views.SessionViewSet, basename="session")
router.register("initiatives", views.InitiativeViewSet, basename="initiative")
router.register("speakers", views.SpeakerViewSet, basename="speaker")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("forums", views.ForumViewSet, basename="forum")
router.register("themes", views.ThemeViewSet, basename="theme")
router.register("countries", views.CountryViewSet, basename="country")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
]
