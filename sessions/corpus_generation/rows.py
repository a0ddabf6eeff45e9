"""Writing rows fast: unsaved instances for bulk_create, and a commit that does not wait for the
disk."""

from django.db import connection
from django.db.models.base import ModelState


def skip_disk_wait():
    """On PostgreSQL, let this transaction's commit return before its WAL reaches the disk: a
    crash may lose the last batches (run the command again with --clear), never half of one."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


_DEFAULTS = {}


def new_row(model, **values):
    """An unsaved instance for bulk_create, made without Model.__init__.

    Model(**values) costs about 30 µs a row here (modeltranslation rewrites every keyword, and
    the pre_init and post_init signals go out): most of a minute at 1.4 million rows. This
    sets the attributes directly, over every concrete field's default, so that bulk_create
    never meets a deferred field (which would load the row from the database)."""
    if model not in _DEFAULTS:
        _DEFAULTS[model] = {
            field.attname: field.get_default() for field in model._meta.concrete_fields
        }
    defaults = _DEFAULTS[model]
    unknown = values.keys() - defaults.keys()
    if unknown:
        raise TypeError(f"{model.__name__} has no column {', '.join(sorted(unknown))}")
    row = model.__new__(model)
    row.__dict__.update(defaults)
    row.__dict__.update(values)
    row._state = ModelState()
    return row
