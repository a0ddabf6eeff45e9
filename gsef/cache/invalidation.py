"""Dropping every kept page when content changes: any save, delete or many-to-many change of
a content model, a change in bulk (ContentQuerySet), and a deploy (migrate)."""

from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from gsef.cache.base import bump

CONTENT_APPS = {"forum_sessions", "speakers"}


def invalidate(using=None):
    """Content changed: drop every page now, and again when the transaction commits, so that
    a page rendered from the old rows while it was open is not kept either."""
    bump()
    transaction.on_commit(bump, using=using)


class ContentQuerySet(models.QuerySet):
    """The QuerySet of every content model. A change in bulk sends no signal, so it drops
    the cached pages here, as a save or a delete does through the signals below."""

    def update(self, **kwargs):
        count = super().update(**kwargs)
        invalidate(self.db)
        return count

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        invalidate(self.db)
        return created


# Any change to the content apps' rows, whether from the admin, the moderators' page, an
# import or the shell; bulk changes go through ContentQuerySet. Many-to-many rows written
# straight into their tables (generate_corpus) send nothing: call invalidate() after them.


def content_changed(sender, **kwargs):
    meta = sender._meta
    if meta.app_label not in CONTENT_APPS or meta.model_name.startswith("historical"):
        return
    if kwargs.get("action", "post_").startswith("pre_"):  # m2m_changed sends pre_ and post_
        return
    invalidate(kwargs.get("using"))


def code_deployed(sender, **kwargs):
    """A deploy runs migrate: pages rendered by the old templates and code are dropped."""
    bump()


post_save.connect(content_changed, dispatch_uid="gsef.cache.post_save")
post_delete.connect(content_changed, dispatch_uid="gsef.cache.post_delete")
m2m_changed.connect(content_changed, dispatch_uid="gsef.cache.m2m_changed")
post_migrate.connect(code_deployed, dispatch_uid="gsef.cache.post_migrate")
