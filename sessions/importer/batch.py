"""Many report files at once: `import_many`, for the command and the benchmark.

The files are imported in chunks, one transaction each (`chunks`), and each file is still all
or nothing; a bad one is reported and the batch goes on. The search entries of the whole batch
are written once, at its end (`sessions.search.deferred`). With jobs > 1 on PostgreSQL, that
many worker processes share the chunks; shared rows (speakers, organisations, forums,
initiatives) are created under an advisory lock (`matching`).
"""

import math
import multiprocessing
from pathlib import Path

from django.db import connection, connections

from sessions import search
from sessions.importer.chunks import CHUNK, import_chunk
from sessions.importer.importing import Importer, parse_file
from sessions.importer.reading import ReportError
from sessions.search import deferred


def _parse(name, data):
    """(name, parsed, text) of a file, or the ReportError that says why it cannot be read."""
    try:
        if isinstance(data, Path):
            data = data.read_bytes()
        parsed, text = parse_file(data, str(name))
        return name, parsed, text
    except OSError as error:
        return ReportError(error.strerror or str(error))
    except ReportError as error:
        return error


def _import_chunk(importer, items):
    """[(index, (name, data))] to [(index, name, ImportResult or ReportError)]."""
    read = [_parse(name, data) for _index, (name, data) in items]
    imported = iter(import_chunk(importer, [r for r in read if not isinstance(r, ReportError)]))
    return [
        (index, name, outcome if isinstance(outcome, ReportError) else next(imported))
        for (index, (name, _data)), outcome in zip(items, read, strict=True)
    ]


def _chunks(items, jobs=1):
    """The numbered items in chunks: of CHUNK, or smaller so that each worker gets a few."""
    items = list(enumerate(items))
    size = CHUNK if jobs <= 1 else max(1, min(CHUNK, math.ceil(len(items) / (4 * jobs))))
    return [items[start : start + size] for start in range(0, len(items), size)]


_worker_importer = None


def _start_worker(options):
    global _worker_importer
    _worker_importer = Importer(concurrent=True, **options)
    deferred.start()


def _work(chunk):
    return _import_chunk(_worker_importer, chunk), deferred.take()


def import_many(items, jobs=1, **options):
    """Import (name, bytes or Path) items, each in its own transaction; yield, in order,
    (index, name, ImportResult or ReportError). With jobs > 1 on PostgreSQL, that many worker
    processes share the work."""
    items = list(items)
    if jobs <= 1 or connection.vendor != "postgresql" or len(items) < 2:
        importer = Importer(**options)
        # The search entries of the whole batch are written once, at its end.
        with deferred.deferred_reindex():
            for chunk in _chunks(items):
                yield from _import_chunk(importer, chunk)
        return
    connections.close_all()  # each worker opens its own connection
    context = multiprocessing.get_context("fork")
    written = []
    try:
        with context.Pool(jobs, initializer=_start_worker, initargs=(options,)) as pool:
            for outcomes, rows in pool.imap(_work, _chunks(items, jobs)):
                written.append(rows)
                yield from outcomes
    finally:
        deferred.reindex(search.merge(*written), jobs=jobs)
