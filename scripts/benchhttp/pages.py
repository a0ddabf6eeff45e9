"""Every page type measured three ways, through nginx, each beside a static file of its size.

- cold: every request a record (or filter pair, or search word) that no request has asked
  for since the content was made stale (a new generation, as an edit makes), so nothing is
  kept for it: not the page, not its fragments. What the whole site shares (the home page's
  counts, the session list's facet index, the citations' stand-in entries of a forum's
  day) may have been computed by an earlier request of the run.
- fragment-warm: the same address each time with a query parameter never seen before, so
  that nginx and the page cache miss while the page's fragments are kept (the figure earlier
  runs called "uncached").
- cached: the same address each time, kept by nginx (every response counted from nginx's
  X-Cache-Status; a run with anything but HIT says so).

The home page has a single address, so its cold figure is one request at a time, content
made stale before each: a latency, given as the rate one connection gets."""

import statistics
from pathlib import Path

from benchhttp.clients import settle, timed_get
from benchhttp.report import cache_note, ms, problems
from benchhttp.targets import clear_page_cache

HOME_COLD_REQUESTS = 15


def same_size_static(static_root, size):
    """A file of `size` bytes under the collected static files (nginx serves it from disk, as
    it would any stylesheet), and its address."""
    folder = Path(static_root) / "bench"
    folder.mkdir(exist_ok=True)
    name = f"page-{size}.html"
    (folder / name).write_bytes(b"x" * size)
    return f"/static/bench/{name}"


def measure_pages(wrk, pages, front, http_host, http_port, static_root):
    """{page type: {"path", "cold", "warm", "cached", "static"}}, each a wrk summary."""
    idle = (http_host, int(http_port), "/robots.txt")
    results = {}
    for name, target in pages.items():
        figures = {"path": target.path}
        clear_page_cache()
        if target.cold:
            half = len(target.cold) // 2
            wrk.run(front + target.path, wrk.args.warmup, mode="rotate", paths=target.cold[:half])
            settle(*idle)
            figures["cold"] = wrk.run(
                front + target.path, wrk.args.duration, mode="rotate", paths=target.cold[half:]
            )
        else:
            figures["cold"] = home_cold(http_host, int(http_port), target.path)
        # wrk stops at the deadline, but the requests it abandoned are still being
        # rendered: wait for them, so they do not slow the next measurement.
        settle(*idle)
        timed_get(http_host, int(http_port), target.path, 30)  # its fragments, kept
        figures["warm"] = wrk.measure(front + target.path, mode="bust", paths=[target.path])
        settle(*idle)
        figures["cached"] = wrk.measure(front + target.path, mode="same")
        size = round(figures["cached"]["bytes"] / max(figures["cached"]["requests"], 1))
        figures["static"] = wrk.measure(front + same_size_static(static_root, size), count=False)
        figures["size"] = size
        results[name] = figures
    clear_page_cache()
    return results


def home_cold(host, port, path):
    """The home page drawn from nothing, one request at a time; in wrk's figures' shape."""
    times = []
    for _ in range(HOME_COLD_REQUESTS):
        clear_page_cache()
        seconds, status = timed_get(host, port, f"{path}?cold={len(times)}", 30)
        if status == 200:
            times.append(seconds)
    times.sort()
    us = [t * 1e6 for t in times] or [0]
    return {
        "requests": len(times),
        "rate": len(times) / sum(times) if times else 0,
        "p50_us": statistics.median(us),
        "p95_us": us[int(len(us) * 0.95) - 1],
        "p99_us": us[-1],
        "one_at_a_time": True,
        "status": HOME_COLD_REQUESTS - len(times),
        **dict.fromkeys(("connect", "read", "write", "timeout"), 0),
    }


def edge_note(stats):
    edge = stats.get("edge") or {}
    return " ".join(f"{key}={value}" for key, value in sorted(edge.items()))


def print_pages(results, base_nginx):
    header = (
        f"{'page':30} {'':>13} {'req/s':>8} {'p50':>9} {'p99':>9} {'static':>8} {'ratio':>6}  notes"
    )
    print(header)
    print("-" * len(header))
    for name, figures in results.items():
        for kind in ("cold", "warm", "cached"):
            stats = figures[kind]
            label = {"warm": "fragment-warm"}.get(kind, kind)
            note = problems(stats)
            if kind == "cached":
                static = figures["static"]["rate"]
                extra = f"{static:8.0f} {stats['rate'] / static:6.1%}"
                note = " ".join(filter(None, [f"nginx {edge_note(stats)}", note]))
            else:
                extra = f"{'':8} {'':6}"
                if stats.get("one_at_a_time"):
                    note = " ".join(filter(None, ["one request at a time", note]))
                else:
                    note = " ".join(
                        filter(
                            None, [f"Django {cache_note(stats)}, nginx {edge_note(stats)}", note]
                        )
                    )
            print(
                f"{name if kind == 'cold' else '':30} {label:>13} {stats['rate']:8.0f} "
                f"{ms(stats['p50_us']):>9} {ms(stats['p99_us']):>9} {extra}  {note}"
            )
    print(
        "static: a file of the cached page's size through the same nginx; ratio: cached page "
        f"/ that file (the site's stylesheet through nginx: {base_nginx:.0f} req/s)"
    )
    for name, figures in results.items():
        print(f"  {name}: {figures['path']} ({figures['size'] / 1024:.1f} KiB)")
