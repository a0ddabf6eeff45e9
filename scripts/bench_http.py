"""HTTP benchmark of the production stack (issue 7, part 4). A script, not a test.

Start the stack first, against the database holding the generated corpus:

    scripts/prodstack.sh start            # gsef_bench by default
    .venv/bin/python scripts/bench_http.py

In one run, with wrk (/usr/bin/wrk) on loopback:

1. Rates, through nginx as visitors get them. A static file served by nginx from the disk
   and the same file served by WhiteNoise inside gunicorn; then every page type (the home
   page, the session list with two filters, a session, an initiative and a speaker detail,
   a search, and the API's session list with the same two filters and its session and
   initiative details), each measured three ways (scripts/benchhttp/pages.py):
   - cold: every request a record, a pair of filter values or a search word that nothing
     was kept for (content made stale first, as an edit does; warm-up and run on different
     halves of the list); the home page, which has one address, one request at a time,
     content made stale before each;
   - fragment-warm: the same address with a query parameter never seen before
     (`nocache=<thread>-<n>`), so that nginx and the page cache miss while the page's
     fragments and counts are kept (earlier runs called this "uncached");
   - cached: the same address, answered by nginx from its own cache (nginx's
     X-Cache-Status of every response is counted), beside a static file of the same size
     through the same nginx.
   Then the admin as staff use it (logged in, two connections): the session changelist and
   the change form of a session with ten presentations, with p95. Then, in this process,
   cProfile over 20 cold requests of each cold-bar page type: where the time goes, by area
   (templates, ORM, driver, cache, citations, the project's code) and the functions with
   the most time of their own (`--no-profile` skips it).
   Each measurement follows a short warm-up run. wrk waits up to 60 s for a response here,
   so that a slow page is measured rather than dropped. A second table repeats the cached
   pages with `Accept-Encoding: gzip`, as browsers send it.
2. Bars (issue 16), each printed with PASS or FAIL:
   - cold session, initiative and speaker details >= 300 req/s; cold session list with two
     filters >= 200 req/s; the home page's miss (fragment-warm) >= 300 req/s;
   - each cached page through nginx >= 30% of the rate of a static file of its size through
     the same nginx, every response from nginx's cache;
   - the admin changelist and change form under 100 ms at p95;
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
    parser.add_argument(
        "--no-profile", dest="profile", action="store_false", help="skip the cold pages' profiles"
    )
    parser.add_argument("--json", help="also write every figure to this file")
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(main(parse_args()))
