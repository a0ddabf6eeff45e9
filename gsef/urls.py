from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from gsef.sitemaps import SITEMAPS
from sessions.home import HomeView

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    # The API answers in the language asked (?lang= or Accept-Language), at one address.
    path("api/v1/", include("sessions.api.urls")),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
    ),
]

urlpatterns += i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("sessions.urls")),
    path("", include("speakers.urls")),
)

admin.site.site_header = _("GSEF Knowledge Base")
admin.site.site_title = _("GSEF Knowledge Base")
admin.site.index_title = _("Content of the knowledge base")
