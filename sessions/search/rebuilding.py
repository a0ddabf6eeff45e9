"""Rebuilding the whole index from every content row, in slices (`rebuild_search_index`)."""

from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

from django.db import connection, transaction
from django.db.models import Q

from sessions.models import SearchEntry, SearchKind
from sessions.search import backends
from sessions.search.entries import source
from sessions.search.index import insert

BATCH = 50_000


def _chunks():
    """(kind, first id, last id) slices of every source table, BATCH ids each."""
    for kind in SearchKind:
        model = source(kind).model
        last = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        for start in range(0, last, BATCH):
            yield kind, start, min(start + BATCH, last)


def _fill(chunk):
    kind, start, end = chunk
    return insert(kind, Q(pk__gt=start, pk__lte=end))


def _fill_alone(chunk):
    """Fill one slice in this thread's own connection and transaction (see `rebuild`)."""
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
            return _fill(chunk)
    finally:
        connection.close()


def _finish(total, index_definition, write):
    backend = backends.current()
    if index_definition:
        write("Indexing the search vectors")
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem TO '256MB'")
            cursor.execute(index_definition)
    write(f"Lexicon: reading the words of {total} entries")
    backend.add_words(SearchEntry.objects.all())
    backend.analyze()


def rebuild(write=print, jobs=1):
    """Empty the index and build it again from every content row, in batches.

    With one job it is one transaction: searches see the old index until the new one is
    complete. With several (PostgreSQL, outside a transaction), the slices are filled at
    once by that many connections, each committing its own: about `jobs` times faster on as
    many cores, but searches made meanwhile see a partial index. For a new or offline
    database.
    """
    # Other connections could not see (nor wait out) the rows of a transaction already open.
    parallel = jobs > 1 and connection.vendor == "postgresql" and not connection.in_atomic_block
    done = defaultdict(int)

    def progress(chunk, count):
        kind, _, end = chunk
        done[kind] += count
        write(f"{kind.label}: {done[kind]} entries (up to id {end})")

    # Filling a GIN index row by row costs more than building it once at the end.
    if parallel:
        with transaction.atomic():
            backends.current().empty()
            index_definition = backends.current().drop_vector_index()
        chunks = list(_chunks())
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            for chunk, count in zip(chunks, pool.map(_fill_alone, chunks), strict=True):
                progress(chunk, count)
        with transaction.atomic():
            _finish(sum(done.values()), index_definition, write)
        return sum(done.values())

    with transaction.atomic():
        backends.current().empty()
        index_definition = backends.current().drop_vector_index()
        for chunk in _chunks():
            progress(chunk, _fill(chunk))
        _finish(sum(done.values()), index_definition, write)
    return sum(done.values())
