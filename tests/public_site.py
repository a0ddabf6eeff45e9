"""A small published site, and the address of every public page type, for the tests of
security headers, caching and bad input."""

from types import SimpleNamespace

from django.urls import reverse
from django.utils import translation

from tests.factories import (
    ForumFactory,
    InitiativeFactory,
    OrganisationFactory,
    PresentationFactory,
    SessionFactory,
    SpeakerFactory,
    ThemeFactory,
)

LANGUAGES = ["en", "fr"]

# Page type, then how to reach it. Slugs are those build_site() gives.
PAGE_ROUTES = {
    "home": ("home", []),
    "session-list": ("sessions:session-list", []),
    "initiative-list": ("sessions:initiative-list", []),
    "speaker-list": ("sessions:speaker-list", []),
    "session": ("sessions:session-detail", ["session"]),
    "initiative": ("sessions:initiative-detail", ["initiative"]),
    "speaker": ("speakers:speaker-detail", ["speaker"]),
    "organisation": ("speakers:organisation-detail", ["organisation"]),
    "forum-list": ("sessions:forum-list", []),
    "forum": ("sessions:forum-detail", ["forum"]),
    "theme": ("sessions:theme-detail", ["theme"]),
    "country": ("sessions:country-detail", ["FR"]),
    "search": ("sessions:search", []),
}
PUBLIC_PAGES = list(PAGE_ROUTES)


def page_url(page, language="en"):
    """The address of a page type in a language."""
    name, args = PAGE_ROUTES[page]
    with translation.override(language):
        return reverse(name, args=args)


def build_site():
    organisation = OrganisationFactory(name="Réseau Solidaire", slug="organisation")
    speaker = SpeakerFactory(name="Ada Diallo", slug="speaker", organisation=organisation)
    theme = ThemeFactory(name_en="Finance", name_fr="Finance solidaire", slug="theme")
    forum = ForumFactory(name="GSEF 2020", slug="forum")
    initiative = InitiativeFactory(
        name_en="Community bank", slug="initiative", organisation=organisation, country="FR"
    )
    initiative.themes.set([theme])
    session = SessionFactory(
        title_en="Financing the social economy",
        title_fr="Financer l’économie sociale",
        slug="session",
        forum=forum,
        moderator=speaker,
    )
    session.themes.set([theme])
    PresentationFactory(session=session, speaker=speaker, initiatives=[initiative])
    return SimpleNamespace(
        organisation=organisation,
        speaker=speaker,
        theme=theme,
        forum=forum,
        initiative=initiative,
        session=session,
    )
