"""HTTP benchmark of the production stack (issue 7, part 4). A script, not a test.

Start the stack first, against the database holding the generated corpus:

    scripts/prodstack.sh start            # gsef_bench by default
    .venv/bin/python scripts/bench_http.py

In one run, with wrk (/usr/bin/wrk) on loopback:

1. Rates. A static file served by nginx from the disk, the same file served by WhiteNoise
   inside gunicorn (requested on gunicorn's own port: nginx serves every /static/ path
   itself), then five pages, each cached and uncached: the home page, the session list
   with two filters, a session detail, an initiative detail and a search, and beside them
   the API's answers for the same rows (/api/v1/: the session list with the same two
   filters, the same session and initiative details). For each:
   requests per second, p50 and p99, and the ratio to both static files.
   - cached: one request fills the page cache, then every request is a hit (the
     X-Page-Cache header of every response is counted to show it);
   - uncached: the cache is emptied, and each request carries a query parameter never
     seen before (`nocache=<thread>-<n>`), so each one misses: the lookup in Redis, the
     view, the template, and the store of the new page, exactly what a visitor's first
     request costs. The views ignore unknown parameters. What many addresses share is
     still computed once and kept until content changes: a list's counts, and the
     fragments of a detail page (its record's parts, rendered once per language);
   - cold, for the two details only (not a bar): each request a different record that no
     request has shown yet, so nothing is cached for it at all.
   Cached pages are measured a second time on gunicorn's port, like for like with the
   WhiteNoise baseline; the bar below uses them as visitors get them, through nginx,
   which is the stricter comparison.
   Each measurement follows a short warm-up run (templates compiled, connections open).
   wrk waits up to 60 s for a response here, so that a slow page is measured rather than
   dropped.
   wrk sends no Accept-Encoding by default, so those pages travel uncompressed; a second
   table repeats the cached pages and the static files with `Accept-Encoding: gzip`, as
   browsers send it (the page cache keeps a gzip copy of each page, compressed when it
   was stored, and nginx passes it through; static files have a ready .gz).
2. Bars, each printed with PASS or FAIL:
   - uncached session list >= 100 req/s; uncached session and initiative details >= 500;
   - each cached page (and API answer) >= 40% of the rate of the static file through
     WhiteNoise;
   - 200 connections for 60 s with no 5xx, no socket error and no timeout (wrk gives up on
     a request after 10 s). The pages: the five above, 400 session and 100 initiative
     details, five list pages; the cache is warmed first by one pass over them, and one
     request in ten then misses on purpose (a new query parameter);
   - 50 slow clients, each holding a connection open and sending its headers one byte at
     a time, while a normal request (an uncached session detail) is made every 0.2 s: the
     slowest must return within 1 s;
   - gunicorn workers (fresh ones: the master is sent HUP first): RSS of each, read from
     /proc, after 20,000 requests at most 120 MiB, and at most 4 MiB more than before
     them (not growing). "Before" is after a warm-up of 10,000 requests over the same
     pages: a fresh worker's RSS climbs for its first few thousand requests (templates,
     querysets, the allocator's arenas) and then stays flat; measured once for 40,000
     more requests at 85 MiB, within 1 MiB.

The machine's load and its busiest processes are printed at the start and the end: the
numbers are only as good as the quiet they were measured in.
"""

import argparse
import os
import sys

from benchhttp.run import main


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--run-dir", default=os.environ.get("GSEF_RUN_DIR", "/tmp/gsef-prod"))
    parser.add_argument("--duration", type=int, default=10, help="seconds per measured run")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per run")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--soak-seconds", type=int, default=60)
    parser.add_argument("--soak-connections", type=int, default=200)
    parser.add_argument("--slow-clients", type=int, default=50)
    parser.add_argument("--slow-seconds", type=int, default=15)
    parser.add_argument("--memory-requests", type=int, default=20_000)
    parser.add_argument("--memory-warmup", type=int, default=10_000)
    parser.add_argument("--no-gzip-table", action="store_true")
    parser.add_argument("--json", help="also write every figure to this file")
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(main(parse_args()))
