"""What a session's and an initiative's page (and the API's detail of each) read, in queries
each worker compiles once (gsef.prepared): the record by its slug, then each relation its
page shows, in a fixed number of queries whatever its length. They give the rows
prefetch_related() would, in the same order (tests/sessions/test_page_queries.py compares).
"""

from django.db.models import F

from gsef.prepared import (
    NUMBER,
    TEXT,
    PreparedQuery,
    attach,
    belonging_to,
    grouped,
    numbers,
)
from sessions.facet_index import NEWEST_FIRST
from sessions.models import (
    AudienceQuestion,
    ClosingRemark,
    Initiative,
    Language,
    Presentation,
    Session,
    Theme,
)


def _session_by_slug(sessions):
    def build(slug):
        return sessions.select_related("forum", "moderator__organisation").filter(slug=slug)[:2]

    return build


PUBLISHED_SESSION = PreparedQuery(_session_by_slug(Session.objects.published()), TEXT)
# Drafts too, for staff checking one before publishing (the imported report is the admin's).
ANY_SESSION = PreparedQuery(_session_by_slug(Session.objects.defer("source_report")), TEXT)
SESSION_THEMES = PreparedQuery(lambda pk: Theme.objects.filter(sessions=pk), NUMBER)
SESSION_LANGUAGES = PreparedQuery(lambda pk: Language.objects.filter(sessions=pk), NUMBER)
PRESENTATIONS = PreparedQuery(
    lambda pk: Presentation.objects.select_related("speaker__organisation").filter(session=pk),
    NUMBER,
)
# Each initiative once for each presentation of the session that presented it.
PRESENTED_INITIATIVES = PreparedQuery(
    lambda pk: Initiative.objects.filter(presentations__session=pk).annotate(
        presented_in=F("presentations__pk")
    ),
    NUMBER,
)
QUESTIONS = PreparedQuery(
    lambda pk: AudienceQuestion.objects.select_related("answered_by__organisation").filter(
        session=pk
    ),
    NUMBER,
)
REMARKS = PreparedQuery(
    lambda pk: ClosingRemark.objects.select_related("speaker__organisation").filter(session=pk),
    NUMBER,
)


def published_session(slug, drafts=False):
    """The published session with this slug (or the draft, with `drafts`), with everything its
    page shows, or None."""
    found = (ANY_SESSION if drafts else PUBLISHED_SESSION).run(slug)
    if not found:
        return None
    session = found[0]
    pk = session.pk
    attach(session, "themes", SESSION_THEMES.run(pk))
    attach(session, "languages", SESSION_LANGUAGES.run(pk))
    presentations = PRESENTATIONS.run(pk)
    initiatives = grouped(PRESENTED_INITIATIVES.run(pk), lambda row: row.presented_in)
    for presentation in presentations:
        attach(presentation, "initiatives", initiatives.get(presentation.pk, []))
    for name, rows in (
        ("presentations", presentations),
        ("questions", QUESTIONS.run(pk)),
        ("closing_remarks", REMARKS.run(pk)),
    ):
        attach(session, name, belonging_to(session, rows, "session"))
    return session


def _initiative_by_slug(slug):
    return Initiative.objects.published().select_related("organisation").filter(slug=slug)[:2]


PUBLISHED_INITIATIVE = PreparedQuery(_initiative_by_slug, TEXT)
INITIATIVE_THEMES = PreparedQuery(lambda pk: Theme.objects.filter(initiatives=pk), NUMBER)
INITIATIVE_PRESENTATIONS = PreparedQuery(
    lambda pk: (
        Presentation.objects.of_published_sessions("session__forum", "speaker__organisation")
        .filter(initiatives=pk)
        .order_by("-session__date", "order")
    ),
    NUMBER,
)


def published_initiative(slug):
    """The published initiative with this slug, with everything its page shows, or None."""
    found = PUBLISHED_INITIATIVE.run(slug)
    if not found:
        return None
    initiative = found[0]
    attach(initiative, "themes", INITIATIVE_THEMES.run(initiative.pk))
    initiative.published_presentations = INITIATIVE_PRESENTATIONS.run(initiative.pk)
    return initiative


# A page of the session list: its ids come from the facet index (sessions.facet_index), its
# rows by primary key, newest first, with each card's themes and languages as lists.
CARDS_PER_PAGE = 20
CARDS = PreparedQuery(
    lambda ids: (
        Session.objects.published().card_fields().filter(pk__in=ids).order_by(*NEWEST_FIRST)
    ),
    numbers(CARDS_PER_PAGE),
)
CARD_THEMES = PreparedQuery(
    lambda ids: Theme.objects.filter(sessions__in=ids).annotate(card_of=F("sessions__pk")),
    numbers(CARDS_PER_PAGE),
)
CARD_LANGUAGES = PreparedQuery(
    lambda ids: Language.objects.filter(sessions__in=ids).annotate(card_of=F("sessions__pk")),
    numbers(CARDS_PER_PAGE),
)


def session_cards(ids):
    """The published sessions of `ids` as the list's cards show them (for_cards()), newest
    first: three queries, whatever the page."""
    ids = tuple(ids)
    if not ids:
        return []
    sessions = CARDS.run(ids)
    themes = grouped(CARD_THEMES.run(ids), lambda row: row.card_of)
    languages = grouped(CARD_LANGUAGES.run(ids), lambda row: row.card_of)
    for session in sessions:
        session.card_themes = themes.get(session.pk, [])
        session.card_languages = languages.get(session.pk, [])
    return sessions
