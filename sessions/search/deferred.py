"""Search indexing deferred over a batch of transactions: for batch imports.

A save normally rewrites, in its transaction, every search entry it can alter, after reading
from the database which ones those are (`index.touched_by`): a dozen queries a row. A batch
import saves thousands of rows in a thousand transactions, and the same speakers again and
again. Inside `deferred_reindex()` the signals only note which rows were written, without a
query; when the block ends, the entries those rows can alter are found in a few set queries
and rewritten once. Until then, the batch's rows may be missing from search or stale there
(they are drafts, which the public does not see); what was committed is indexed even when the
block ends in an error.
"""

import threading
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from django.db import connection, transaction

from sessions.models import (
    AudienceQuestion,
    ClosingRemark,
    Initiative,
    Presentation,
    SearchKind,
    Session,
)
from sessions.search import index
from speakers.models import Organisation, Speaker

_state = threading.local()
PEOPLE = {Speaker: SearchKind.SPEAKER, Organisation: SearchKind.ORGANISATION}


def deferring():
    return getattr(_state, "rows", None) is not None


def start():
    """Begin noting rows (a worker process does this once, and hands its notes back)."""
    _state.rows = defaultdict(set)


def take():
    """The rows noted since the last take; noting goes on."""
    rows, _state.rows = _state.rows, defaultdict(set)
    return rows


def note(instance):
    """Called by the signals instead of reindexing: remember what was written."""
    rows = _state.rows
    if isinstance(instance, Session):
        rows[SearchKind.SESSION].add(instance.pk)
    elif isinstance(instance, (Presentation, AudienceQuestion, ClosingRemark)):
        rows[SearchKind.SESSION].add(instance.session_id)
    elif isinstance(instance, Initiative):
        rows[SearchKind.INITIATIVE].add(instance.pk)
    elif type(instance) in PEOPLE:
        rows[PEOPLE[type(instance)]].add(instance.pk)


@contextmanager
def deferred_reindex():
    if deferring() or index.batching():
        yield
        return
    start()
    try:
        yield
    finally:
        rows = take()
        _state.rows = None
        reindex(rows)


def reindex(rows, jobs=1):
    """Rewrite every entry the noted rows can alter: in one transaction or, with jobs > 1 on
    PostgreSQL outside a transaction, in that many slices at once, each its own connection and
    transaction (the slices hold different entries)."""
    touched = family(rows)
    if jobs <= 1 or connection.vendor != "postgresql" or connection.in_atomic_block:
        with transaction.atomic():
            index.reindex(touched)
        return
    slices = [defaultdict(set) for _job in range(jobs)]
    for kind, ids in touched.items():
        for n, pk in enumerate(sorted(ids)):
            slices[n % jobs][kind].add(pk)
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(_reindex_alone, slices))


def _reindex_alone(touched):
    try:
        with transaction.atomic():
            index.reindex(touched)
    finally:
        connection.close()  # this thread's own


def family(rows):
    """The entries that noted rows can alter: the sessions' whole families, and for each
    person, organisation or initiative written, the entries that show it."""
    touched = index.sessions_family(rows.get(SearchKind.SESSION, set()) - {None})
    speakers = set(rows.get(SearchKind.SPEAKER, ()))
    organisations = set(rows.get(SearchKind.ORGANISATION, ()))
    initiatives = set(rows.get(SearchKind.INITIATIVE, ()))
    if organisations:
        touched[SearchKind.ORGANISATION].update(organisations)
        speakers.update(
            Speaker.objects.filter(organisation__in=organisations).values_list("pk", flat=True)
        )
        initiatives.update(
            Initiative.objects.filter(organisation__in=organisations).values_list("pk", flat=True)
        )
    if initiatives:
        touched[SearchKind.INITIATIVE].update(initiatives)
        touched[SearchKind.PRESENTATION].update(
            Presentation.objects.filter(initiatives__in=initiatives).values_list("pk", flat=True)
        )
    if speakers:
        index.add_people(touched, speakers, initiatives)
        for kind, queryset in [
            (SearchKind.PRESENTATION, Presentation.objects.filter(speaker__in=speakers)),
            (SearchKind.REMARK, ClosingRemark.objects.filter(speaker__in=speakers)),
            (SearchKind.QUESTION, AudienceQuestion.objects.filter(answered_by__in=speakers)),
            (SearchKind.SESSION, Session.objects.filter(moderator__in=speakers)),
        ]:
            touched[kind].update(queryset.values_list("pk", flat=True))
    return touched
