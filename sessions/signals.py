"""Keep the search index in step with the content.

Each save or delete of a content row rewrites the entries it can alter, at once (so that the
next page shows it), and a session saved inside a transaction is indexed again when that
transaction commits: the report importer saves a session, then inserts its presentations,
questions and remarks in bulk, which sends no signal.

Bulk updates of sessions go through `SessionQuerySet.update`, which reindexes too. Batch
imports defer all of it to the end of the batch (`sessions.search.deferred`).
"""

from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from simple_history.signals import pre_create_historical_record

from sessions import restoring, search
from sessions.models import (
    AudienceQuestion,
    ClosingRemark,
    Initiative,
    Presentation,
    SearchEntry,
    SearchKind,
    Session,
    Theme,
    publication_changed,
)
from sessions.search import deferred
from speakers.models import Organisation, Speaker

KINDS = {
    Session: SearchKind.SESSION,
    Presentation: SearchKind.PRESENTATION,
    AudienceQuestion: SearchKind.QUESTION,
    ClosingRemark: SearchKind.REMARK,
    Initiative: SearchKind.INITIATIVE,
    Speaker: SearchKind.SPEAKER,
    Organisation: SearchKind.ORGANISATION,
}


def _before(sender, instance, raw=False, **kwargs):
    """Remember what the row touched before the change (its old speaker, organisation...)."""
    if deferred.deferring():
        if instance.pk is not None and not instance._state.adding:
            deferred.note(instance)  # its old session's family, at the end
        return
    if raw or instance.pk is None or instance._state.adding:
        instance._search_before = {}
    else:
        instance._search_before = search.touched_by(instance)


def _after_save(sender, instance, raw=False, **kwargs):
    if raw:  # fixtures: `rebuild_search_index` afterwards
        return
    if deferred.deferring():
        deferred.note(instance)
        return
    search.reindex(
        search.merge(getattr(instance, "_search_before", {}), search.touched_by(instance))
    )
    if sender is Session and connection.in_atomic_block:
        search.reindex_session_later(instance.pk)


def _after_delete(sender, instance, **kwargs):
    SearchEntry.objects.filter(kind=KINDS[sender], object_id=instance.pk).delete()
    if deferred.deferring():
        return  # _before noted what it belonged to
    before = getattr(instance, "_search_before", {})
    before.get(KINDS[sender], set()).discard(instance.pk)
    if sender is Session:
        # Its children went with it: only the people and initiatives remain to update.
        for kind in (SearchKind.PRESENTATION, SearchKind.QUESTION, SearchKind.REMARK):
            before.pop(kind, None)
    search.reindex(before)


for model in KINDS:
    pre_save.connect(_before, sender=model, dispatch_uid=f"search-before-save-{model.__name__}")
    post_save.connect(_after_save, sender=model, dispatch_uid=f"search-save-{model.__name__}")
    pre_delete.connect(_before, sender=model, dispatch_uid=f"search-before-delete-{model.__name__}")
    post_delete.connect(_after_delete, sender=model, dispatch_uid=f"search-delete-{model.__name__}")


@receiver(m2m_changed, sender=Presentation.initiatives.through)
def presentation_initiatives_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A presentation's initiatives decide their visibility and are named in its entry."""
    if action == "pre_clear":
        instance._search_cleared = (
            set(instance.initiatives.values_list("pk", flat=True))
            if not reverse
            else set(instance.presentations.values_list("pk", flat=True))
        )
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if deferred.deferring() and not reverse:  # a presentation's initiatives were set
        deferred.note(instance)
        for pk in pk_set or ():
            deferred.note(Initiative(pk=pk))
        return
    ids = set(pk_set or ()) | getattr(instance, "_search_cleared", set())
    if reverse:  # instance is an initiative; ids are presentations
        presentations, initiatives = ids, {instance.pk}
    else:
        presentations, initiatives = {instance.pk}, ids
    touched = search.merge(
        search.touched_by(instance),
        {SearchKind.PRESENTATION: presentations, SearchKind.INITIATIVE: initiatives},
    )
    search.add_people(touched, set(), initiatives)
    search.reindex(touched)


def _themed(related_name, touched):
    """Receivers for a themes relation: the entries carrying the owners' themes follow."""

    def changed(sender, instance, action, reverse, pk_set, **kwargs):
        if action == "pre_clear" and reverse:
            owners = getattr(instance, related_name).values_list("pk", flat=True)
            instance._search_owners = set(owners)
        if action not in ("post_add", "post_remove", "post_clear"):
            return
        if reverse:  # instance is the theme
            owners = set(pk_set or ()) | getattr(instance, "_search_owners", set())
        else:
            owners = {instance.pk}
        search.reindex(touched(owners))

    return changed


_session_themes = _themed("sessions", search.sessions_and_children)
_initiative_themes = _themed("initiatives", lambda ids: {SearchKind.INITIATIVE: ids})
m2m_changed.connect(_session_themes, sender=Session.themes.through, dispatch_uid="search-themes-s")
m2m_changed.connect(
    _initiative_themes, sender=Initiative.themes.through, dispatch_uid="search-themes-i"
)


@receiver(pre_delete, sender=Theme)
def theme_deleting(sender, instance, **kwargs):
    instance._search_touched = search.merge(
        search.sessions_and_children(instance.sessions.values_list("pk", flat=True)),
        {SearchKind.INITIATIVE: set(instance.initiatives.values_list("pk", flat=True))},
    )


@receiver(post_delete, sender=Theme)
def theme_deleted(sender, instance, **kwargs):
    search.reindex(getattr(instance, "_search_touched", {}))


@receiver(publication_changed, sender=Session)
def sessions_published(sender, pks, **kwargs):
    search.reindex_sessions(pks)


# A deleted presentation's initiatives are kept on the history record of its deletion.
pre_delete.connect(restoring.keep_links, sender=Presentation, dispatch_uid="history-keep-links")
pre_create_historical_record.connect(restoring.record_links, dispatch_uid="history-record-links")
