"""The run: every measurement in turn, then the bars (scripts/bench_http.py says what each
measures)."""

import asyncio
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

from benchhttp import ROOT
from benchhttp.clients import settle, slow_clients_run, timed_get, warm_pass
from benchhttp.pages import measure_pages, print_pages
from benchhttp.profiling import REQUESTS as PROFILED_REQUESTS
from benchhttp.profiling import print_profiles, profile_cold
from benchhttp.report import Bars, avg_size, cache_note, ms, problems
from benchhttp.stack import (
    MIB,
    gunicorn_master,
    print_machine_state,
    read_env,
    sample,
    setup_django,
    wait_for_new_workers,
    worker_pids,
)
from benchhttp.staff import measure_admin, print_admin
from benchhttp.targets import clear_page_cache, pick_targets
from benchhttp.wrk import Wrk

# The bars (16): cold pages, requests a second through nginx on two cores.
COLD_BARS = {
    "session detail": 300,
    "initiative detail": 300,
    "speaker detail": 300,
    "session list, 2 filters": 200,
}
# nginx answered from its own cache, without waiting for Python.
SERVED_BY_NGINX = ("HIT", "STALE", "UPDATING")


def main(args):
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

    pages, variety, counts = pick_targets()
    from django.templatetags.static import static

    static_path = static("css/site.css")
    print("database: " + ", ".join(f"{value:,} {name}" for name, value in counts.items()))
    results["counts"] = counts
    wrk_line = f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s"
    print(f"each figure: {wrk_line} after a {args.warmup} s warm-up; timeout 60 s\n")

    with tempfile.TemporaryDirectory(prefix="gsef-bench-") as workdir:
        wrk = Wrk(args, workdir)

        # 1. Static files, with nothing per request in wrk's script.
        static_nginx = wrk.measure(front + static_path, count=False)
        static_wn = wrk.measure(app + static_path, count=False)
        base_nginx = static_nginx["rate"]
        rows = [
            ("static file, nginx", static_nginx, ""),
            ("static file, WhiteNoise (gunicorn port)", static_wn, ""),
        ]

        # 2. Every page type: cold, fragment-warm, cached at the edge, beside a static file of
        # its size; then the admin as staff use it.
        from django.conf import settings

        page_stats = measure_pages(wrk, pages, front, http_host, http_port, settings.STATIC_ROOT)
        print(f"static file: {static_path}")
        for label, stats, _path in rows:
            print(
                f"{label:44} {stats['rate']:8.0f} {ms(stats['p50_us']):>9} "
                f"{ms(stats['p99_us']):>9}  {problems(stats)}"
            )
        print()
        print_pages(page_stats, base_nginx)
        results["static"] = {"nginx": static_nginx, "whitenoise": static_wn, "path": static_path}
        results["pages"] = page_stats
        print("\nthe admin, logged in as staff (nginx and the page cache step aside)")
        admin_stats = measure_admin(wrk, front)
        print_admin(admin_stats)
        results["admin"] = admin_stats
        if args.profile:
            print(f"\nprofiles of cold pages ({PROFILED_REQUESTS} requests each, in this process)")
            profiles = profile_cold(pages, [*COLD_BARS, "home"], warm=["home"])
            print_profiles(profiles)
            results["profiles"] = profiles

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
        probe = pages["session detail"].path
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
    for name, floor in COLD_BARS.items():
        stats = page_stats[name]["cold"]
        kept = stats.get("edge", {}).get("HIT", 0)  # a record asked for twice in the run
        bar.check(
            f"cold {name} >= {floor} req/s",
            stats["rate"] >= floor and not problems(stats) and not kept,
            f"{stats['rate']:.0f} req/s, p50 {ms(stats['p50_us'])} {problems(stats)}"
            + (f" ({kept} answered by nginx's cache: not cold)" if kept else ""),
        )
    home = page_stats["home"]["warm"]
    bar.check(
        "home page miss (fragment-warm) >= 300 req/s",
        home["rate"] >= 300,
        f"{home['rate']:.0f} req/s, p50 {ms(home['p50_us'])}",
    )
    for name, stats in page_stats.items():
        cached, static_rate = stats["cached"], stats["static"]["rate"]
        ratio = cached["rate"] / static_rate
        at_edge = sum(cached["edge"].get(k, 0) for k in SERVED_BY_NGINX)
        bar.check(
            f"cached {name} through nginx >= 30% of a static file of its size",
            ratio >= 0.30 and at_edge == cached["requests"],
            f"{cached['rate']:.0f} / {static_rate:.0f} = {ratio:.0%}"
            + ("" if at_edge == cached["requests"] else f" (nginx: {cached['edge']})"),
        )
    for name, figures in admin_stats.items():
        stats = figures["stats"]
        ok = stats["p95_us"] < 100_000 and set(stats["statuses"]) == {"200"}
        bar.check(
            f"{name} p95 < 100 ms", ok, f"p95 {ms(stats['p95_us'])}, statuses {stats['statuses']}"
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
