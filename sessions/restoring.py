"""Undoing mistakes on a session's parts: a deleted presentation, question or remark comes back
from its history, and reverting a session brings its parts back as they were then.

The history keeps every part's last state, including at its deletion ("-" records). A
presentation's initiatives are kept too, on the record of its deletion: they are gone from the
database by the time the deletion is recorded, so `keep_links` notes them before the delete and
`record_links` writes them on the record.
"""

from datetime import timedelta

from django.db import models, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from sessions.models import AudienceQuestion, ClosingRemark, Presentation

PARTS = (Presentation, AudienceQuestion, ClosingRemark)
PARTS_BY_NAME = {model._meta.model_name: model for model in PARTS}
RESTORED = "restored"

# Orders move out of the way by this much while a revert rewrites them (unique per session).
ORDER_PARKING = 10_000


class KeptLinks(models.Model):
    """A presentation's historical records: the initiatives it presented when it was deleted."""

    initiatives_at_deletion = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        abstract = True


class RestoreError(Exception):
    """A part cannot come back as it was; the message says why, for the editor."""


def revert_reason(version):
    return f"revert to {timezone.localtime(version.history_date):%Y-%m-%d %H:%M:%S}"


def deletions(session):
    """The parts deleted from `session` and not back since, newest first (their "-" records)."""
    found = []
    for model in PARTS:
        records = (
            model.history.filter(session_id=session.pk, history_type="-")
            .exclude(id__in=model.objects.values("pk"))
            .select_related("history_user")
            .order_by("-history_date", "-history_id")
        )
        seen = set()
        for record in records:
            if record.id not in seen:  # deleted, restored and deleted again: the last one
                seen.add(record.id)
                record.part_name = model._meta.verbose_name
                record.model_name = model._meta.model_name
                found.append(record)
    return sorted(found, key=lambda record: record.history_date, reverse=True)


def part_events(session_id, since, until=None):
    """What happened to a session's parts from `since` (and before `until`), oldest first, as
    the history page's list of changes: which part, what it said before and after."""
    events = []
    for model in PARTS:
        records = model.history.filter(session_id=session_id, history_date__gte=since)
        if until is not None:
            records = records.filter(history_date__lt=until)
        for record in records.order_by("history_date", "history_id"):
            before = record.prev_record if record.history_type == "~" else None
            events.append(
                {
                    "date": record.history_date,
                    "field": f"{capfirst(model._meta.verbose_name)} {record.order}",
                    "old": label(record)
                    if record.history_type == "-"
                    else label(before)
                    if before
                    else "—",
                    "new": _("deleted") if record.history_type == "-" else label(record),
                }
            )
    return sorted(events, key=lambda event: event["date"])


def label(part):
    """What the part said, short, without reading its speaker (who may be gone)."""
    text = getattr(part, "title", None) or getattr(part, "question", None) or part.text
    return text if len(text) <= 90 else text[:89] + "…"


def restore(record, user):
    """Bring back the part deleted in `record`; returns it. Its place in the session is kept
    unless another part took it meanwhile: then it goes last."""
    model = record.instance_type
    with transaction.atomic():
        if model.objects.filter(pk=record.id).exists():
            raise RestoreError(_("This part is already back in the session."))
        part = record.instance
        session_parts = model.objects.filter(session_id=part.session_id)
        if session_parts.filter(order=part.order).exists():
            part.order = (session_parts.aggregate(last=Max("order"))["last"] or 0) + 1
        _insert(part, user, RESTORED)
        part.initiatives_restored = _restore_links(part, [record])
    return part


def revert_parts(session, until, user, reason):
    """Make the session's parts what they were just before `until` (when the version reverted to
    gave way to the next): parts added since are deleted, deleted ones come back, changed ones
    are rewritten. Call inside a transaction; a part that cannot come back raises RestoreError."""
    moment = until - timedelta(microseconds=1)
    for model in PARTS:
        then = {part.pk: part for part in model.history.as_of(moment).filter(session_id=session.pk)}
        now = {part.pk: part for part in model.objects.filter(session=session)}
        for pk in now.keys() - then.keys():
            _tag(now[pk], user, reason)
            now[pk].delete()
        changed = [pk for pk in then.keys() & now.keys() if _differs(then[pk], now[pk])]
        model.objects.filter(pk__in=changed).update(order=F("order") + ORDER_PARKING)
        for pk in changed:
            _tag(then[pk], user, reason)
            then[pk].save()
        for pk in then.keys() - now.keys():
            _insert(then[pk], user, reason)
            records = model.history.filter(id=pk).order_by("-history_date", "-history_id")
            at_version = records.filter(history_date__lte=moment)[:1]
            at_deletion = records.filter(history_type="-")[:1]
            _restore_links(then[pk], [*at_version, *at_deletion])


def _tag(part, user, reason):
    part._history_user = user
    part._change_reason = reason


def _insert(part, user, reason):
    """Insert a part as it was: its own id, its first entry date, people who still exist."""
    for field in part._meta.concrete_fields:
        if not field.many_to_one or getattr(part, field.attname) is None:
            continue
        if field.related_model._default_manager.filter(pk=getattr(part, field.attname)).exists():
            continue
        if not field.null:
            raise RestoreError(
                _("It cannot come back: its %(field)s no longer exists.")
                % {"field": field.verbose_name}
            )
        setattr(part, field.attname, None)
    _tag(part, user, reason)
    part.save(force_insert=True)
    first_entered = {
        field.attname: getattr(part, field.attname)
        for field in part._meta.concrete_fields
        if getattr(field, "auto_now_add", False)
    }
    if first_entered:  # save() set them to now; the history knows when it was first entered
        first = part.history.order_by("history_date", "history_id").first()
        type(part).objects.filter(pk=part.pk).update(
            **{name: getattr(first, name) for name in first_entered}
        )


def _differs(then, now):
    return any(
        getattr(then, field.attname) != getattr(now, field.attname)
        for field in then._meta.concrete_fields
        if not getattr(field, "auto_now", False)
    )


def _restore_links(part, records):
    """A presentation's initiatives from the first of `records` that kept some; how many."""
    if not isinstance(part, Presentation):
        return 0
    for record in records:
        if record.initiatives_at_deletion:
            Initiative = Presentation.initiatives.field.related_model
            present = Initiative.objects.filter(pk__in=record.initiatives_at_deletion)
            part.initiatives.add(*present)
            return len(present)
    return 0


# Keeping a presentation's initiatives on the record of its deletion (connected in signals).


def keep_links(sender, instance, **kwargs):
    instance._links_at_deletion = list(instance.initiatives.values_list("pk", flat=True))


def record_links(sender, instance, history_instance, **kwargs):
    links = getattr(instance, "_links_at_deletion", None)
    if links and history_instance.history_type == "-" and isinstance(instance, Presentation):
        history_instance.initiatives_at_deletion = links
