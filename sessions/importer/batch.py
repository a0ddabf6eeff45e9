"""Many report files at once: `import_many`, for the command and the benchmark.

Each file is its own transaction; a bad one is reported and the batch goes on. The search
entries of the whole batch are written once, at its end (`sessions.search.deferred`). With
jobs > 1 on PostgreSQL, that many worker processes share the files; shared rows (speakers,
organisations, forums, initiatives) are created under an advisory lock (`matching`).
"""

import multiprocessing
from pathlib import Path

from django.db import connection, connections

from sessions import search
from sessions.importer.importing import Importer, parse_file
from sessions.importer.reading import ReportError
from sessions.search import deferred


def _import_one(importer, name, data):
    try:
        if isinstance(data, Path):
            data = data.read_bytes()
        parsed, text = parse_file(data, str(name))
        return importer.run(parsed, text, name)
    except OSError as error:
        return ReportError(error.strerror or str(error))
    except ReportError as error:
        return error


_worker_importer = None


def _start_worker(options):
    global _worker_importer
    _worker_importer = Importer(concurrent=True, **options)
    deferred.start()


def _work(item):
    index, (name, data) = item
    outcome = _import_one(_worker_importer, name, data)
    return index, name, outcome, deferred.take()


def import_many(items, jobs=1, **options):
    """Import (name, bytes or Path) items, each in its own transaction; yield, in order,
    (index, name, ImportResult or ReportError). With jobs > 1 on PostgreSQL, that many worker
    processes share the work."""
    items = list(items)
    if jobs <= 1 or connection.vendor != "postgresql" or len(items) < 2:
        importer = Importer(**options)
        # The search entries of the whole batch are written once, at its end.
        with deferred.deferred_reindex():
            for index, (name, data) in enumerate(items):
                yield index, name, _import_one(importer, name, data)
        return
    connections.close_all()  # each worker opens its own connection
    context = multiprocessing.get_context("fork")
    written = []
    try:
        with context.Pool(jobs, initializer=_start_worker, initargs=(options,)) as pool:
            for index, name, outcome, rows in pool.imap(_work, enumerate(items), chunksize=8):
                written.append(rows)
                yield index, name, outcome
    finally:
        deferred.reindex(search.merge(*written))
