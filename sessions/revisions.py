"""A draft that revises a published session.

When a report is imported again after its session was published, the import preview offers
to make a draft *revision* of the published session instead of a second session. The public
page stays as it is while the editor checks the draft (previewed like any draft); publishing
the revision puts its content and parts into the published session, which keeps its address,
and the draft goes. The session's history keeps what it replaced: each replaced part can be
restored, and the session reverted (sessions.restoring).
"""

from django.db import transaction

from sessions.models import Session
from sessions.restoring import PARTS

REVISION_PUBLISHED = "revision published"

# What the published session keeps of its own: its identity and address.
KEPT = {"id", "slug", "is_published", "revision_of_id", "created_at", "updated_at"}


def publish_revision(draft, user):
    """Put `draft`'s content into the session it revises; delete the draft; return the
    published session, saved."""
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=draft.revision_of_id)
        for field in Session._meta.concrete_fields:
            if field.attname not in KEPT:
                setattr(session, field.attname, getattr(draft, field.attname))
        _tag(session, user)
        session.save()
        session.themes.set(draft.themes.all())
        session.languages.set(draft.languages.all())
        for model in PARTS:
            for part in model.objects.filter(session=session):
                _tag(part, user)
                part.delete()
            for part in model.objects.filter(session=draft):
                _tag(part, user)
                part.session = session
                part.save()
        _tag(draft, user)
        draft.delete()
    return session


def _tag(row, user):
    row._history_user = user
    row._change_reason = REVISION_PUBLISHED
