"""Where a cold page's time goes: cProfile over requests made in this process (Django's test
client, the stack's settings, database and cache), each for a record nothing was kept for.

Time is summed by area (templates, ORM, database driver, cache, citations, the project's own
code...) from each function's own time, so the areas add up to the whole."""

import cProfile
import gc
import pstats

from benchhttp.targets import clear_page_cache

REQUESTS = 20
AREAS = [
    ("templates", ("django/template/", "django/templatetags/")),
    ("ORM", ("django/db/models/",)),
    ("database driver", ("psycopg", "django/db/backends/")),
    ("cache", ("django/core/cache/", "redis/", "django_redis")),
    ("citations", ("citeproc/",)),
    ("translation", ("django/utils/translation/", "modeltranslation/", "gettext")),
    ("URLs", ("django/urls/",)),
    ("the project's code", ("/sessions/", "/speakers/", "/gsef/")),
    ("rest of Django", ("django/",)),
]


def area_of(filename):
    for name, markers in AREAS:
        if any(marker in filename for marker in markers):
            return name
    return "other (Python, libraries)"


def profile_cold(pages, names, warm=()):
    """{page type: (ms per request, {area: share}, [(function, ms per request)])}: for each
    of `names`, requests of records nothing was kept for; for each of `warm`, its address
    again and again with a new query parameter, its fragments kept (fragment-warm)."""
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    results = {}
    clear_page_cache()
    # As gunicorn's master does before forking the workers (deploy/gunicorn.conf.py): what
    # is loaded so far is left out of the collector's full passes.
    gc.collect()
    gc.freeze()
    for name, kept in [*((n, False) for n in names), *((n, True) for n in warm)]:
        target = pages[name]
        fresh = not kept and bool(target.cold)
        paths = target.cold[-REQUESTS:] if fresh else [target.path] * REQUESTS
        client.get(target.cold[0] if fresh else target.path)  # imports, connections
        profile = cProfile.Profile()
        for index, path in enumerate(paths):
            if not fresh:
                if not kept:  # the home page, cold: content made stale before each
                    clear_page_cache()
                path = f"{path}{'&' if '?' in path else '?'}profile={index}"
            profile.enable()
            client.get(path)
            profile.disable()
        name = f"{name}, fragment-warm" if kept else name
        stats = pstats.Stats(profile).stats
        total = sum(row[2] for row in stats.values())
        areas = {}
        for (filename, _, _), row in stats.items():
            area = area_of(filename)
            areas[area] = areas.get(area, 0) + row[2]
        top = sorted(stats.items(), key=lambda item: item[1][2], reverse=True)[:6]
        results[name] = (
            total / len(paths) * 1000,
            {area: spent / total for area, spent in areas.items()},
            [
                (
                    f"{'/'.join(f.split('/')[-2:])}:{line} {func}",
                    row[2] / len(paths) * 1000,
                )
                for (f, line, func), row in top
            ],
        )
    clear_page_cache()
    gc.unfreeze()
    return results


def print_profiles(results):
    for name, (per_request, areas, top) in results.items():
        shares = ", ".join(
            f"{area} {share:.0%}"
            for area, share in sorted(areas.items(), key=lambda item: -item[1])
            if share >= 0.02
        )
        print(f"  {name}: {per_request:.1f} ms a request under the profiler; {shares}")
        print("    most own time: " + "; ".join(f"{func} {spent:.2f} ms" for func, spent in top))
