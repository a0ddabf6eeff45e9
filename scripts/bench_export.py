"""Benchmark: the sessions export at scale: time to first byte, total time, rows per second and
peak memory, as CSV and JSON.

    .venv/bin/python scripts/bench_export.py [--sessions 100000] [--database gsef_bench_export]
                                             [--database-url URL] [--reuse]

It makes a PostgreSQL database (dropped and created again unless --reuse), migrates it and
fills it with `manage.py generate_corpus --sessions N --no-search-index` in a child process,
so that generating leaves nothing in this one's memory. Then it downloads the export of every
published session through the whole stack (Django's test client, middlewares included, the
page cache off) and reads it as a client would: one piece at a time, keeping only the number
of bytes. Peak memory is measured twice: the Python heap during the download (tracemalloc,
which slows the run, so timings come from a first download without it), and the process's
resident set before and after.
"""

import argparse
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def prepare(url, database, sessions):
    admin = url.rsplit("/", 1)[0] + "/postgres"
    import psycopg

    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database}"')
        connection.execute(f'CREATE DATABASE "{database}"')
    environment = {**os.environ, "DATABASE_URL": url}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], check=True, env=environment)
    started = time.perf_counter()
    subprocess.run(
        [*manage, "generate_corpus", "--sessions", str(sessions), "--no-search-index"],
        check=True,
        env=environment,
    )
    print(f"corpus generated in {time.perf_counter() - started:.0f} s")


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def download(client, url):
    """(seconds to the first byte, total seconds, bytes) of one export."""
    started = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    pieces = iter(response.streaming_content if response.streaming else [response.content])
    first = next(pieces)
    first_byte = time.perf_counter() - started
    size = len(first)
    for piece in pieces:
        size += len(piece)
    response.close()
    return first_byte, time.perf_counter() - started, size


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--database", default="gsef_bench_export")
    parser.add_argument("--database-url", help="instead of --database on 127.0.0.1")
    parser.add_argument("--reuse", action="store_true", help="keep the database as it is")
    args = parser.parse_args()
    url = args.database_url or f"postgres://postgres@127.0.0.1:5432/{args.database}"
    if not args.reuse:
        prepare(url, args.database, args.sessions)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gsef.settings")

    import django

    django.setup()
    from django.test import Client
    from django.test.utils import override_settings, setup_test_environment

    from sessions.models import Session

    setup_test_environment()
    published = Session.objects.published().count()
    print(f"{published:,} published sessions\n")
    settings = {
        "PAGE_CACHE": False,
        "DEBUG": False,
        "ALLOWED_HOSTS": ["testserver"],
        "SECURE_SSL_REDIRECT": False,
    }
    with override_settings(**settings):
        client = Client()
        client.get("/en/sessions/export.csv?q=warm-up-nothing")
        print(f"{'export':<28}{'first byte':>11}{'total':>9}{'rows/s':>10}{'MB':>8}{'heap MB':>9}")
        for path in ("/en/sessions/export.csv", "/en/sessions/export.json"):
            rss_before = rss_mb()
            first_byte, total, size = download(client, path)
            tracemalloc.start()
            download(client, path)
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            print(
                f"{path:<28}{first_byte * 1000:>9.0f}ms{total:>8.1f}s{published / total:>10,.0f}"
                f"{size / 1e6:>8.1f}{peak / 1e6:>9.1f}"
            )
            print(f"{'':<28}resident set: {rss_before:.0f} MB before, {rss_mb():.0f} MB after")


if __name__ == "__main__":
    main()
