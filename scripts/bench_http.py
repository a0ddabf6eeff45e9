"""HTTP benchmark of the production stack (issue 7, part 4). A script, not a test.

Start the stack first, against the database holding the generated corpus:

    scripts/prodstack.sh start            # gsef_bench by default
    .venv/bin/python scripts/bench_http.py

In one run, with wrk (/usr/bin/wrk) on loopback:

1. Rates. A static file served by nginx from the disk, the same file served by WhiteNoise
   inside gunicorn (requested on gunicorn's own port: nginx serves every /static/ path
   itself), then five pages, each cached and uncached: the home page, the session list
   with two filters, a session detail, an initiative detail and a search. For each:
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
   - each cached page >= 40% of the rate of the static file through WhiteNoise;
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
import asyncio
import http.client
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LUA_REPORT = ROOT / "scripts" / "bench" / "wrk_report.lua"
LUA_COUNT = ROOT / "scripts" / "bench" / "wrk_count.lua"
MIB = 1024 * 1024


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


# --- the stack --------------------------------------------------------------------------


def read_env(run_dir):
    path = Path(run_dir) / "env"
    if not path.exists():
        sys.exit(f"{path} not found: start the stack first (scripts/prodstack.sh start)")
    env = {}
    for line in path.read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            name, value = line.split("=", 1)
            env[name] = value
    return env


def setup_django(env):
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gsef.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def gunicorn_master(run_dir):
    pid = int((Path(run_dir) / "gunicorn.pid").read_text())
    os.kill(pid, 0)
    return pid


def worker_pids(master):
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return sorted(int(pid) for pid in children)


def memory_of(pid):
    """(RSS, PSS) in bytes. RSS counts the pages shared with the master too."""
    rss = pss = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1]) * 1024
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss, pss


def machine_state():
    load = Path("/proc/loadavg").read_text().split()[:3]
    busiest = subprocess.run(
        ["ps", "-eo", "pcpu,pid,args", "--sort=-pcpu"], capture_output=True, text=True
    ).stdout.splitlines()[1:6]
    return load, [line.strip()[:110] for line in busiest]


def print_machine_state(title):
    load, busiest = machine_state()
    print(f"{title}: load average {' '.join(load)} (1, 5, 15 min) on {os.cpu_count()} cores")
    print("  busiest processes (%CPU since start, PID, command):")
    for line in busiest:
        print(f"    {line}")
    return load


# --- targets ----------------------------------------------------------------------------


def pick_targets():
    """Paths of the pages to measure, chosen from the database."""
    from django.db.models import Count, Q
    from django.templatetags.static import static
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    from sessions.models import Initiative, Session, Theme

    with translation.override("en"):
        sessions = Session.objects.published()
        theme = (
            Theme.objects.annotate(n=Count("sessions", filter=Q(sessions__is_published=True)))
            .order_by("-n")
            .first()
        )
        year = (sessions.values("date__year").annotate(n=Count("id")).order_by("-n").first())[
            "date__year"
        ]
        session = sessions.order_by("pk")[sessions.count() // 2]
        # A typical initiative, not the first: the generated corpus links the first ones
        # (the head of its Zipf draw) to far more presentations than the rest.
        initiatives = Initiative.objects.published().order_by("pk")
        initiative = initiatives[initiatives.count() // 2]
        search = None
        for name in ("sessions:search", "search"):
            try:
                search = reverse(name) + "?q=microfinance"
                break
            except NoReverseMatch:
                continue
        pages = {
            "home": reverse("home"),
            "session list, 2 filters": (
                f"{reverse('sessions:session-list')}?theme={theme.slug}&year={year}"
            ),
            "session detail": session.get_absolute_url(),
            "initiative detail": initiative.get_absolute_url(),
            "search": search,
        }
        # Many different pages, for the load and memory runs.
        variety = [path for path in pages.values() if path]
        variety += [s.get_absolute_url() for s in sessions.order_by("?")[:400]]
        variety += [i.get_absolute_url() for i in initiatives[:100]]
        list_url = reverse("sessions:session-list")
        variety += [f"{list_url}?theme={theme.slug}&page={n}" for n in range(2, 7)]
        # Records never shown before, for the cold details: each request a different one.
        cold = {
            "session detail": [s.get_absolute_url() for s in sessions.order_by("?")[:40_000]],
            "initiative detail": [i.get_absolute_url() for i in initiatives.order_by("?")[:30_000]],
        }
        static_path = static("css/site.css")
        counts = {
            "published sessions": sessions.count(),
            "sessions": Session.objects.count(),
            "initiatives": Initiative.objects.count(),
        }
    return pages, variety, cold, static_path, counts


def clear_page_cache():
    from django.core.cache import cache

    cache.clear()


# --- wrk --------------------------------------------------------------------------------


class Wrk:
    def __init__(self, args, workdir):
        self.args = args
        self.workdir = Path(workdir)
        self.report_only = LUA_REPORT
        self.counting = self.workdir / "count.lua"
        self.counting.write_text(LUA_REPORT.read_text() + "\n" + LUA_COUNT.read_text())
        self.files = 0

    def paths_file(self, paths):
        self.files += 1
        path = self.workdir / f"paths-{self.files}.txt"
        path.write_text("\n".join(paths) + "\n")
        return path

    def run(
        self,
        url,
        seconds,
        *,
        connections=None,
        count=True,
        mode="same",
        paths=None,
        headers=(),
        timeout="60s",
    ):
        command = [
            "wrk",
            f"-t{self.args.threads}",
            f"-c{connections or self.args.connections}",
            f"-d{seconds}s",
            f"--timeout={timeout}",
            "-s",
            str(self.counting if count else self.report_only),
        ]
        for header in headers:
            command += ["-H", header]
        command.append(url)
        if count:
            command += ["--", mode]
            if paths:
                command += [str(self.paths_file(paths)), str(time.time_ns())]
        result = subprocess.run(command, capture_output=True, text=True, check=True)
        for line in result.stdout.splitlines():
            if line.startswith("WRKSTATS "):
                stats = json.loads(line.removeprefix("WRKSTATS "))
                stats["rate"] = stats["requests"] / (stats["duration_us"] / 1e6)
                return stats
        raise RuntimeError(f"no summary from wrk:\n{result.stdout}\n{result.stderr}")

    def measure(self, url, **kwargs):
        if self.args.warmup:
            self.run(url, self.args.warmup, **kwargs)
        return self.run(url, self.args.duration, **kwargs)


def ms(microseconds):
    return f"{microseconds / 1000:.1f} ms"


def problems(stats):
    """Non-2xx/3xx responses and socket errors, as text ('' when none)."""
    parts = []
    if stats["status"]:
        parts.append(f"{stats['status']} non-2xx/3xx")
    for name in ("connect", "read", "write", "timeout"):
        if stats[name]:
            parts.append(f"{stats[name]} {name} errors")
    return ", ".join(parts)


def cache_note(stats):
    cache = stats.get("cache") or {}
    if not cache:
        return ""
    return " ".join(f"{key}={value}" for key, value in sorted(cache.items()))


# --- slow clients -----------------------------------------------------------------------


async def slow_client(host, port, stop, stats):
    """Open a connection, send a request line and then one header byte a second, forever;
    when the server closes (or resets) the connection, open another."""
    while not stop.is_set():
        writer = None
        try:
            reader, writer = await asyncio.open_connection(host, port)
        except OSError:
            stats["errors"] += 1
            await asyncio.sleep(0.2)
            continue
        stats["opened"] += 1
        try:
            writer.write(f"GET /en/ HTTP/1.1\r\nHost: {host}\r\nX-Slow: ".encode())
            await writer.drain()
            while not stop.is_set():
                try:
                    data = await asyncio.wait_for(reader.read(4096), timeout=1.0)
                except TimeoutError:
                    writer.write(b"a")
                    await writer.drain()
                    continue
                stats["closed by server"] += 1
                if data:
                    stats["answered"] += 1
                break
        except OSError:  # reset by the server
            stats["closed by server"] += 1
        finally:
            writer.close()


def warm_pass(host, port, paths, connections=8):
    """Each page requested once (eight at a time), so that the cache holds every one."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(connections) as pool:
        list(pool.map(lambda path: timed_get(host, port, path, 60), paths))


def timed_get(host, port, path, timeout):
    started = time.perf_counter()
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        status = response.status
    except OSError as error:
        status = type(error).__name__
    finally:
        connection.close()
    return time.perf_counter() - started, status


async def slow_clients_run(host, port, clients, seconds, probe_path, probe_timeout):
    stop = asyncio.Event()
    stats = {"opened": 0, "closed by server": 0, "answered": 0, "errors": 0}
    tasks = [asyncio.create_task(slow_client(host, port, stop, stats)) for _ in range(clients)]
    if clients:
        await asyncio.sleep(1.0)  # let them connect and start dribbling
    probes = []
    deadline = time.monotonic() + seconds
    n = 0
    while time.monotonic() < deadline:
        n += 1
        path = probe_path
        if n % 2:  # every other one a cache miss
            sep = "&" if "?" in probe_path else "?"
            path = f"{probe_path}{sep}nocache=slow-{time.time_ns()}-{n}"
        probes.append(await asyncio.to_thread(timed_get, host, port, path, probe_timeout))
        await asyncio.sleep(0.2)
    stop.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    return stats, probes


# --- the run ----------------------------------------------------------------------------


def main():
    args = parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk)")
    env = read_env(args.run_dir)
    setup_django(env)
    http_host, http_port = env["GSEF_HTTP"].rsplit(":", 1)
    app_host, app_port = env["GSEF_APP"].rsplit(":", 1)
    front = f"http://{env['GSEF_HTTP']}"
    app = f"http://{env['GSEF_APP']}"
    master = gunicorn_master(args.run_dir)
    results = {"bars": []}
    started = time.monotonic()

    print("GSEF Knowledge Base: HTTP benchmark of the production stack")
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "log", "-1", "--format=%h %s"], capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
        capture_output=True,
        text=True,
    ).stdout.split("\n")
    changed = [line[3:] for line in dirty if line.strip()]
    print(
        f"code: {commit}" + (f" + uncommitted changes to {', '.join(changed)}" if changed else "")
    )
    print(
        f"stack: nginx {front} -> gunicorn {app} ({len(worker_pids(master))} sync workers), "
        f"PAGE_CACHE on, cache {env.get('REDIS_URL') or env.get('CACHE_URL')}"
    )
    results["load_start"] = print_machine_state("machine at start")

    pages, variety, cold, static_path, counts = pick_targets()
    print("database: " + ", ".join(f"{value:,} {name}" for name, value in counts.items()))
    results["counts"] = counts
    wrk_line = f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s"
    print(f"each figure: {wrk_line} after a {args.warmup} s warm-up; timeout 60 s\n")

    with tempfile.TemporaryDirectory(prefix="gsef-bench-") as workdir:
        wrk = Wrk(args, workdir)

        # 1. Static files, with nothing per request in wrk's script.
        static_nginx = wrk.measure(front + static_path, count=False)
        static_wn = wrk.measure(app + static_path, count=False)
        base_nginx, base_wn = static_nginx["rate"], static_wn["rate"]
        rows = [
            ("static file, nginx", static_nginx, ""),
            ("static file, WhiteNoise (gunicorn port)", static_wn, ""),
        ]

        # 2. Pages, uncached then cached.
        page_stats = {}
        for name, path in pages.items():
            if path is None:
                print(f"(no search page in this version of the site: {name} skipped)")
                continue
            clear_page_cache()
            uncached = wrk.measure(front + path, mode="bust", paths=[path])
            # wrk stops at the deadline, but the requests it abandoned are still being
            # rendered: wait for them, so they do not slow the next measurement.
            settle(http_host, int(http_port), "/robots.txt")
            clear_page_cache()
            timed_get(http_host, int(http_port), path, 30)  # store it once
            cached = wrk.measure(front + path, mode="same")
            # The same hits on gunicorn's port, like the WhiteNoise baseline (no nginx).
            direct = wrk.measure(app + path, mode="same")
            page_stats[name] = {
                "path": path,
                "uncached": uncached,
                "cached": cached,
                "cached_direct": direct,
            }
            rows.append((f"{name}, uncached", uncached, path))
            if name in cold:
                # Not a bar: the uncached run asks for one record, whose fragments are then
                # kept; here every request is a record no request has shown yet, with
                # nothing cached for it (warm-up and run get different halves of the list).
                clear_page_cache()
                half = len(cold[name]) // 2
                wrk.run(front + path, args.warmup, mode="bust", paths=cold[name][:half])
                settle(http_host, int(http_port), "/robots.txt")
                coldest = wrk.run(front + path, args.duration, mode="bust", paths=cold[name][half:])
                settle(http_host, int(http_port), "/robots.txt")
                page_stats[name]["cold"] = coldest
                rows.append((f"{name}, cold (a new record each time)", coldest, ""))
            rows.append((f"{name}, cached", cached, ""))
        clear_page_cache()

        print(f"static file: {static_path}")
        header = f"{'':44} {'req/s':>8} {'p50':>9} {'p99':>9} {'/nginx':>7} {'/WN':>6}  notes"
        print(header)
        print("-" * len(header))
        for label, stats, _path in rows:
            note = " ".join(filter(None, [cache_note(stats), problems(stats)]))
            if not stats["requests"]:
                print(f"{label:44} {0:8.0f}  no response within the run (each took longer)")
                continue
            print(
                f"{label:44} {stats['rate']:8.0f} {ms(stats['p50_us']):>9} "
                f"{ms(stats['p99_us']):>9} {stats['rate'] / base_nginx:7.1%} "
                f"{stats['rate'] / base_wn:6.1%}  {note}"
            )
        for name, stats in page_stats.items():
            print(f"  {name}: {stats['path']}")
        print(
            "like for like, on gunicorn's port (no nginx): cached page / static file through "
            "WhiteNoise"
        )
        for name, stats in page_stats.items():
            direct = stats["cached_direct"]
            print(
                f"  {name + ', cached':42} {direct['rate']:8.0f} {ms(direct['p50_us']):>9} "
                f"{ms(direct['p99_us']):>9} {direct['rate'] / base_wn:7.1%}  "
                f"{cache_note(direct)} {problems(direct)}"
            )
        results["static"] = {"nginx": static_nginx, "whitenoise": static_wn, "path": static_path}
        results["pages"] = page_stats

        # 2b. The same with Accept-Encoding: gzip, as browsers ask.
        if not args.no_gzip_table:
            gzip = ("Accept-Encoding: gzip",)
            print("\nwith Accept-Encoding: gzip (as browsers send it)")
            g_nginx = wrk.measure(front + static_path, count=False, headers=gzip)
            g_wn = wrk.measure(app + static_path, count=False, headers=gzip)
            print(f"{'static file, nginx (.gz on disk)':44} {g_nginx['rate']:8.0f}")
            print(f"{'static file, WhiteNoise (.gz on disk)':44} {g_wn['rate']:8.0f}")
            results["gzip"] = {"static_nginx": g_nginx, "static_whitenoise": g_wn, "pages": {}}
            for name, stats in page_stats.items():
                clear_page_cache()
                timed_get(http_host, int(http_port), stats["path"], 30)
                cached = wrk.measure(front + stats["path"], mode="same", headers=gzip)
                results["gzip"]["pages"][name] = cached
                print(
                    f"{name + ', cached':44} {cached['rate']:8.0f} {ms(cached['p50_us']):>9} "
                    f"{ms(cached['p99_us']):>9} {cached['rate'] / g_nginx['rate']:7.1%} "
                    f"{cached['rate'] / g_wn['rate']:6.1%}  "
                    f"{avg_size(cached)} per page {problems(cached)}"
                )
            clear_page_cache()

        # 3. 200 connections for 60 s, one request in ten a miss.
        print(
            f"\nload: {args.soak_connections} connections for {args.soak_seconds} s over "
            f"{len(variety)} pages (cache warmed by one pass), one request in ten a cache "
            "miss, timeout 10 s"
        )
        clear_page_cache()
        warm_pass(http_host, int(http_port), variety)
        soak = wrk.run(
            front + "/en/",
            args.soak_seconds,
            connections=args.soak_connections,
            mode="mix",
            paths=variety,
            timeout="10s",
        )
        five_xx = sum(v for k, v in soak["statuses"].items() if k.startswith("5"))
        print(
            f"  {soak['requests']:,} requests, {soak['rate']:.0f} req/s, p50 "
            f"{ms(soak['p50_us'])}, p99 {ms(soak['p99_us'])}, max {ms(soak['max_us'])}; "
            f"status codes {soak['statuses']}; {cache_note(soak)}"
        )
        print(
            f"  socket errors: connect {soak['connect']}, read {soak['read']}, "
            f"write {soak['write']}, timeout {soak['timeout']}"
        )
        results["soak"] = soak
        # Requests that wrk gave up on are still queued in gunicorn's backlog (nginx has
        # already handed them over): let the workers get through them first.
        waited = settle(http_host, int(http_port), "/robots.txt")
        print(f"  the queue took {waited:.0f} s to drain after the run")
        clear_page_cache()

        # 4. Slow clients against nginx, then (for comparison only) against gunicorn.
        probe = pages["session detail"]
        print(
            f"\nslow clients: {args.slow_clients} connections to nginx sending headers one "
            f"byte a second, for {args.slow_seconds} s; meanwhile GET {probe} every 0.2 s, "
            "every other one a cache miss"
        )
        _, quiet = asyncio.run(
            slow_clients_run(http_host, int(http_port), 0, args.slow_seconds, probe, 10)
        )
        quiet_times = [t for t, _ in quiet]
        print(
            f"  without slow clients: {len(quiet)} normal requests, median "
            f"{statistics.median(quiet_times) * 1000:.0f} ms, slowest "
            f"{max(quiet_times) * 1000:.0f} ms"
        )
        slow_stats, probes = asyncio.run(
            slow_clients_run(
                http_host, int(http_port), args.slow_clients, args.slow_seconds, probe, 10
            )
        )
        times = [t for t, _ in probes]
        statuses = sorted({str(s) for _, s in probes})
        print(
            f"  with them: {len(probes)} normal requests: median "
            f"{statistics.median(times) * 1000:.0f} ms, slowest {max(times) * 1000:.0f} ms, "
            f"statuses {statuses}; slow connections "
            f"opened {slow_stats['opened']}, closed by nginx {slow_stats['closed by server']}"
            " (client_header_timeout 10 s)"
        )
        results["slow"] = {"stats": slow_stats, "probes": probes, "without": quiet}

        direct_stats, direct = asyncio.run(
            slow_clients_run(app_host, int(app_port), 10, 3, probe, 3)
        )
        direct_times = [t for t, _ in direct]
        print(
            f"  for comparison, 10 slow clients straight to gunicorn (no nginx): "
            f"{len(direct)} normal requests, slowest {max(direct_times) * 1000:.0f} ms, "
            f"statuses {sorted({str(s) for _, s in direct})}"
        )
        results["slow_direct"] = {"stats": direct_stats, "probes": direct}

        # 5. Memory of fresh workers over 20,000 requests.
        print(f"\nmemory: HUP to gunicorn ({master}) for fresh workers, then")
        old = set(worker_pids(master))
        os.kill(master, signal.SIGHUP)
        workers = wait_for_new_workers(master, old)
        print(f"  workers {workers}")
        samples = []
        done = warm = 0
        while warm < args.memory_warmup:
            warm += wrk.run(front + "/en/", 2, mode="mix", paths=variety)["requests"]
        samples.append(("after warm-up", warm, sample(workers)))
        memory_stats = []
        halfway = args.memory_requests // 2
        for target in (halfway, args.memory_requests):
            while done < target:
                stats = wrk.run(front + "/en/", 5, mode="mix", paths=variety)
                memory_stats.append(stats)
                done += stats["requests"]
            samples.append((f"after {done:,} more", done, sample(workers)))
        after = set(worker_pids(master))
        for label, _, memory in samples:
            line = "  ".join(
                f"{pid}: {rss / MIB:.1f} MiB (PSS {pss / MIB:.1f})"
                for pid, (rss, pss) in memory.items()
            )
            print(f"  {label:22} {line}")
        recycled = sorted(set(workers) - after)
        if recycled:
            print(f"  recycled during the run (max_requests): {recycled}")
        results["memory"] = {"samples": samples, "recycled": recycled}
        memory_errors = sum(problems(s) != "" for s in memory_stats)
        if memory_errors:
            print(f"  {memory_errors} of the runs had errors")

    # Bars.
    print("\nbars")
    bar = Bars(results)
    list_stats = page_stats["session list, 2 filters"]["uncached"]
    bar.check(
        "uncached session list >= 100 req/s",
        list_stats["rate"] >= 100,
        f"{list_stats['rate']:.0f} req/s",
    )
    for name in ("session detail", "initiative detail"):
        stats = page_stats[name]["uncached"]
        bar.check(
            f"uncached {name} >= 500 req/s", stats["rate"] >= 500, f"{stats['rate']:.0f} req/s"
        )
    for name, stats in page_stats.items():
        ratio = stats["cached"]["rate"] / base_wn
        hits = stats["cached"]["cache"].get("hit", 0) == stats["cached"]["requests"]
        bar.check(
            f"cached {name} >= 40% of static via WhiteNoise",
            ratio >= 0.40 and hits,
            f"{stats['cached']['rate']:.0f} / {base_wn:.0f} = {ratio:.0%}"
            + ("" if hits else " (not every response was a cache hit)"),
        )
    bar.check(
        f"{args.soak_connections} connections for {args.soak_seconds} s: no 5xx, no timeout",
        five_xx == 0 and problems(soak) == "",
        f"5xx {five_xx}, {problems(soak) or 'no socket errors or timeouts'}",
    )
    slow_ok = max(times) < 1.0 and all(s == 200 for _, s in probes)
    bar.check(
        f"{args.slow_clients} slow clients: a normal request within 1 s",
        slow_ok,
        f"slowest of {len(probes)}: {max(times) * 1000:.0f} ms",
    )
    first, last = samples[0][2], samples[2][2]
    worst = max(rss for rss, _ in last.values())
    growth = max(last[pid][0] - first[pid][0] for pid in last if pid in first)
    bar.check(
        f"worker RSS after {samples[2][1]:,} requests <= 120 MiB",
        worst <= 120 * MIB,
        f"largest {worst / MIB:.1f} MiB",
    )
    bar.check(
        f"worker RSS not growing (<= 4 MiB more than after the {samples[0][1]:,}-request warm-up)",
        growth <= 4 * MIB and not recycled,
        f"largest growth {growth / MIB:+.1f} MiB" + (" (workers recycled)" if recycled else ""),
    )
    print()
    results["load_end"] = print_machine_state("machine at end")
    print(f"total time {time.monotonic() - started:.0f} s")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, default=str))
    return 0 if bar.all_passed else 1


def avg_size(stats):
    return f"{stats['bytes'] / max(stats['requests'], 1) / 1024:.1f} KiB"


def settle(host, port, path, limit=120):
    """Seconds until the workers are idle again (at most `limit`): no query running in the
    database (other than this one) and a page through gunicorn answering within 100 ms. A
    single fast answer is not enough: one free worker gives it while the others are still
    busy with abandoned requests."""
    from django.db import connection

    started = time.monotonic()
    while time.monotonic() - started < limit:
        busy = 0
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    " AND state = 'active' AND pid <> pg_backend_pid()"
                )
                busy = cursor.fetchone()[0]
        elapsed, _ = timed_get(host, port, path, limit)
        if not busy and elapsed < 0.1:
            break
        time.sleep(0.5)
    return time.monotonic() - started


def sample(workers):
    return {pid: memory_of(pid) for pid in workers}


def wait_for_new_workers(master, old, timeout=60):
    deadline = time.monotonic() + timeout
    expected = len(old)
    while time.monotonic() < deadline:
        current = set(worker_pids(master))
        if len(current) == expected and not current & old:
            time.sleep(1)  # let them finish booting
            return sorted(current)
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not replace its workers within a minute")


class Bars:
    def __init__(self, results):
        self.results = results
        self.all_passed = True

    def check(self, label, passed, detail):
        self.all_passed &= bool(passed)
        self.results["bars"].append({"bar": label, "pass": bool(passed), "detail": detail})
        print(f"  {'PASS' if passed else 'FAIL'}  {label}: {detail}")


if __name__ == "__main__":
    sys.exit(main())
