from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from sessions.models import Forum, Initiative, Session, Theme
from speakers.models import Organisation, Speaker


class BilingualSitemap(Sitemap):
    """Each page once per language, each entry listing its other-language twin."""

    i18n = True
    alternates = True
    x_default = True


class SessionSitemap(BilingualSitemap):
    def items(self):
        return Session.objects.published().order_by("pk").only("slug", "updated_at")

    def lastmod(self, session):
        return session.updated_at


def model_sitemap(queryset):
    class ModelSitemap(BilingualSitemap):
        def items(self):
            return queryset.order_by("pk").only("slug")

    return ModelSitemap


class CountrySitemap(BilingualSitemap):
    """The country pages a visitor reaches from the others: those of published initiatives
    and speakers."""

    def items(self):
        codes = set()
        for queryset in (Initiative.objects.published(), Speaker.objects.published()):
            codes.update(queryset.exclude(country="").values_list("country", flat=True))
        return sorted(codes)

    def location(self, code):
        return reverse("sessions:country-detail", args=[code])


class PageSitemap(BilingualSitemap):
    def items(self):
        return [
            "home",
            "sessions:session-list",
            "sessions:initiative-list",
            "sessions:speaker-list",
            "sessions:forum-list",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PageSitemap,
    "sessions": SessionSitemap,
    "initiatives": model_sitemap(Initiative.objects.published()),
    "speakers": model_sitemap(Speaker.objects.published()),
    "organisations": model_sitemap(Organisation.objects.published()),
    "forums": model_sitemap(Forum.objects.published()),
    "themes": model_sitemap(Theme.objects.all()),
    "countries": CountrySitemap,
}
