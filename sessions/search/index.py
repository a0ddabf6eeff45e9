"""When entries are written: a content row saved or deleted rewrites the entries it can alter
(`touched_by`, `reindex`), at once or, inside `batched_reindex`, once at the end of the block.
The signals (`sessions.signals`) call these; bulk paths call them themselves."""

import threading
from collections import defaultdict
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import Q

from sessions.models import (
    AudienceQuestion,
    ClosingRemark,
    Initiative,
    Presentation,
    SearchEntry,
    SearchKind,
    Session,
)
from sessions.search import backends
from sessions.search.entries import COLUMNS, ENTRY_TABLE, source
from speakers.models import Organisation, Speaker


def insert(kind, condition=None):
    """INSERT ... SELECT the entries of `kind` whose source rows match `condition` (a Q)."""
    queryset = source(kind)
    if condition is not None:
        queryset = queryset.filter(condition)
    names = ["x_" + column.removesuffix("_id") for column in COLUMNS]
    sql, params = queryset.values_list(*names).query.sql_with_params()
    # Django may order the selected annotations its own way: name them in ours.
    columns = ", ".join(connection.ops.quote_name(column) for column in COLUMNS)
    selected = ", ".join(connection.ops.quote_name(name) for name in names)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {ENTRY_TABLE} ({columns}) SELECT {selected} FROM ({sql}) source"  # noqa: S608
            + backends.current().upsert(),
            params,
        )
        return cursor.rowcount


_batch = threading.local()


@contextmanager
def batched_reindex():
    """Inside this block, saves and deletes only note which entries they alter; each of those
    is rewritten once, when the block ends. For commands that save many related rows in one
    go (load_demo): a session's entry is otherwise rebuilt for each of its children. A block
    inside another one adds to the outer one. An exception inside it reindexes nothing: the
    transaction around it is rolled back anyway."""
    if batching():
        yield
        return
    _batch.touched, _batch.sessions = defaultdict(set), set()
    try:
        yield
        touched, sessions = _batch.touched, _batch.sessions
    finally:
        _batch.touched = _batch.sessions = None
    reindex(merge(touched, sessions_family(sessions)))


def batching():
    return getattr(_batch, "touched", None) is not None


def reindex_session_later(pk):
    """A session saved in a transaction: index it and all it holds again at the end of the
    batch or, outside one, when the transaction commits (its children may be added in bulk,
    which sends no signal)."""
    if batching():
        _batch.sessions.add(pk)
    else:
        transaction.on_commit(lambda: reindex_sessions([pk]))


def reindex(touched):
    """Rewrite the entries of `touched` (kind → iterable of ids): gone rows lose theirs."""
    if batching():
        for kind, ids in touched.items():
            _batch.touched[kind].update(ids)
        return
    touched = {kind: list(ids) for kind, ids in touched.items() if ids}
    if not touched:
        return
    with transaction.atomic():
        for kind, ids in touched.items():
            # One DELETE: entries are not content, and no signal needs to see them go (a
            # plain delete() would read each one to send the cache's post_delete).
            entries = SearchEntry.objects.filter(kind=kind, object_id__in=ids)
            entries._raw_delete(entries.db)
            insert(kind, Q(pk__in=ids))
        written = Q()
        for kind, ids in touched.items():
            written |= Q(kind=kind, object_id__in=ids)
        backends.current().add_words(SearchEntry.objects.filter(written))


def sessions_family(session_ids):
    """Every entry a change to these sessions can alter: theirs, their presentations',
    questions' and remarks', and the people, initiatives and organisations they involve
    (whose visibility follows the sessions')."""
    session_ids = list(session_ids)
    touched = defaultdict(set)
    if not session_ids:
        return touched
    touched[SearchKind.SESSION].update(session_ids)
    speakers = set()
    for pk, speaker in Presentation.objects.filter(session_id__in=session_ids).values_list(
        "pk", "speaker_id"
    ):
        touched[SearchKind.PRESENTATION].add(pk)
        speakers.add(speaker)
    for pk, speaker in AudienceQuestion.objects.filter(session_id__in=session_ids).values_list(
        "pk", "answered_by_id"
    ):
        touched[SearchKind.QUESTION].add(pk)
        speakers.add(speaker)
    for pk, speaker in ClosingRemark.objects.filter(session_id__in=session_ids).values_list(
        "pk", "speaker_id"
    ):
        touched[SearchKind.REMARK].add(pk)
        speakers.add(speaker)
    speakers.update(
        Session.objects.filter(pk__in=session_ids).values_list("moderator_id", flat=True)
    )
    initiatives = set(
        Presentation.initiatives.through.objects.filter(
            presentation__session_id__in=session_ids
        ).values_list("initiative_id", flat=True)
    )
    touched[SearchKind.INITIATIVE].update(initiatives)
    add_people(touched, speakers - {None}, initiatives)
    return touched


def add_people(touched, speakers, initiatives=()):
    touched[SearchKind.SPEAKER].update(speakers)
    organisations = set(
        Speaker.objects.filter(pk__in=speakers).values_list("organisation_id", flat=True)
    )
    if initiatives:
        organisations.update(
            Initiative.objects.filter(pk__in=initiatives).values_list("organisation_id", flat=True)
        )
    touched[SearchKind.ORGANISATION].update(organisations - {None})


def sessions_and_children(session_ids):
    """The entries that carry these sessions' themes."""
    session_ids = list(session_ids)
    return {
        SearchKind.SESSION: session_ids,
        SearchKind.PRESENTATION: Presentation.objects.filter(
            session_id__in=session_ids
        ).values_list("pk", flat=True),
        SearchKind.QUESTION: AudienceQuestion.objects.filter(
            session_id__in=session_ids
        ).values_list("pk", flat=True),
        SearchKind.REMARK: ClosingRemark.objects.filter(session_id__in=session_ids).values_list(
            "pk", flat=True
        ),
    }


def reindex_sessions(session_ids):
    reindex(sessions_family(session_ids))


def touched_by(instance):
    """The entries a change to `instance` (a content row) can alter, read from the database
    as it is now."""
    touched = defaultdict(set)
    pk = instance.pk
    if isinstance(instance, Session):
        return sessions_family([pk])
    if isinstance(instance, Presentation):
        touched[SearchKind.PRESENTATION].add(pk)
        row = Presentation.objects.filter(pk=pk).values_list("speaker_id").first()
        initiatives = set(
            Presentation.initiatives.through.objects.filter(presentation_id=pk).values_list(
                "initiative_id", flat=True
            )
        )
        touched[SearchKind.INITIATIVE].update(initiatives)
        add_people(touched, {row[0]} if row else set(), initiatives)
    elif isinstance(instance, AudienceQuestion):
        touched[SearchKind.QUESTION].add(pk)
    elif isinstance(instance, ClosingRemark):
        touched[SearchKind.REMARK].add(pk)
        row = ClosingRemark.objects.filter(pk=pk).values_list("speaker_id").first()
        add_people(touched, {row[0]} if row else set())
    elif isinstance(instance, Initiative):
        touched[SearchKind.INITIATIVE].add(pk)
        touched[SearchKind.PRESENTATION].update(
            Presentation.objects.filter(initiatives=pk).values_list("pk", flat=True)
        )
        add_people(touched, set(), {pk})
    elif isinstance(instance, Speaker):
        add_people(touched, {pk})
        touched[SearchKind.PRESENTATION].update(
            Presentation.objects.filter(speaker=pk).values_list("pk", flat=True)
        )
        touched[SearchKind.REMARK].update(
            ClosingRemark.objects.filter(speaker=pk).values_list("pk", flat=True)
        )
        touched[SearchKind.QUESTION].update(
            AudienceQuestion.objects.filter(answered_by=pk).values_list("pk", flat=True)
        )
        touched[SearchKind.SESSION].update(
            Session.objects.filter(moderator=pk).values_list("pk", flat=True)
        )
    elif isinstance(instance, Organisation):
        touched[SearchKind.ORGANISATION].add(pk)
        speakers = set(Speaker.objects.filter(organisation=pk).values_list("pk", flat=True))
        touched[SearchKind.SPEAKER].update(speakers)
        touched[SearchKind.INITIATIVE].update(
            Initiative.objects.filter(organisation=pk).values_list("pk", flat=True)
        )
        touched[SearchKind.PRESENTATION].update(
            Presentation.objects.filter(speaker__in=speakers).values_list("pk", flat=True)
        )
    return touched


def merge(*touched):
    merged = defaultdict(set)
    for one in touched:
        for kind, ids in one.items():
            merged[kind].update(ids)
    return merged
