"""Every public page type, with a real address taken from the database that the site serves.

Shared by the design tests (tests/browser/test_design*.py) and the screenshot gallery
(scripts/screenshots.py), so that both look at the same pages. The records are picked from
what is published when the list is built: no slug is written here, and the demo data can
change under it.
"""

import re
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import translation

from sessions.models import Forum, Initiative, Session
from speakers.models import Organisation, Speaker

LANGUAGES = ("en", "fr")
# Viewports: a phone (a 390-pixel iPhone-sized screen, touch) and a desktop.
SIZES = {
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 1,
    },
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}
# The page types, in the order a visitor meets them, with a title for the gallery.
PAGE_TITLES = {
    "home": "Home page",
    "session-list": "Session list",
    "session-list-filtered": "Session list, filtered",
    "session": "Session",
    "initiative-list": "Best practice list",
    "initiative": "Best practice",
    "speaker-list": "Speaker list",
    "speaker": "Speaker",
    "organisation": "Organisation",
    "country": "Country",
    "theme": "Theme",
    "forum-list": "Forum list",
    "forum": "Forum",
    "search": "Search with results",
    "search-empty": "Search with no result",
    "open-data": "Open data",
    "login": "Log in",
    "not-found": "Page not found",
}
NOT_FOUND = {"not-found"}
# A query no record can match (no typo correction brings it near a real word either).
NO_MATCH = "qxzvkjwq"


def richest_session():
    """The published session with the most presentations: the longest session page."""
    return (
        Session.objects.published()
        .annotate(talks=Count("presentations"))
        .filter(talks__gt=0, themes__isnull=False)
        .order_by("-talks", "pk")
        .first()
    )


def search_word():
    """A word that the demo data holds: the longest in a published best practice's name."""
    initiative = Initiative.objects.published().order_by("pk").first()
    words = re.findall(r"\w{4,}", initiative.name_en or "")
    return max(words, key=len)


def addresses(language):
    """{page type: path} for one language, from what is published now."""
    session = richest_session()
    speaker = (
        Speaker.objects.published()
        .filter(presentations__session=session)
        .exclude(country="")
        .order_by("pk")
        .first()
    )
    initiative = (
        Initiative.objects.published()
        .annotate(talks=Count("presentations", filter=Q(presentations__session__is_published=True)))
        .exclude(country="")
        .order_by("-talks", "pk")
        .first()
    )
    organisation = Organisation.objects.published().order_by("pk").first()
    forum = Forum.objects.published().order_by("-start_date").first()
    theme = session.themes.order_by("slug").first()
    filters = urlencode({"country": speaker.country.code, "theme": theme.slug})
    with translation.override(language):
        return {
            "home": reverse("home"),
            "session-list": reverse("sessions:session-list"),
            "session-list-filtered": f"{reverse('sessions:session-list')}?{filters}",
            "session": session.get_absolute_url(),
            "initiative-list": reverse("sessions:initiative-list"),
            "initiative": initiative.get_absolute_url(),
            "speaker-list": reverse("sessions:speaker-list"),
            "speaker": speaker.get_absolute_url(),
            "organisation": organisation.get_absolute_url(),
            "country": reverse("sessions:country-detail", args=[initiative.country.code]),
            "theme": theme.get_absolute_url(),
            "forum-list": reverse("sessions:forum-list"),
            "forum": forum.get_absolute_url(),
            "search": f"{reverse('sessions:search')}?{urlencode({'q': search_word()})}",
            "search-empty": f"{reverse('sessions:search')}?{urlencode({'q': NO_MATCH})}",
            "open-data": reverse("sessions:open-data"),
            "login": reverse("login"),
            "not-found": reverse("sessions:session-detail", args=[f"no-such-{session.slug}"]),
        }


def all_addresses():
    """[(page type, language, path)] for every page type in both languages."""
    return [
        (page_type, language, path)
        for language in LANGUAGES
        for page_type, path in addresses(language).items()
    ]
