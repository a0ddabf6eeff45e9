"""How figures are printed, and the bars, each with PASS or FAIL."""


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


def avg_size(stats):
    return f"{stats['bytes'] / max(stats['requests'], 1) / 1024:.1f} KiB"


class Bars:
    def __init__(self, results):
        self.results = results
        self.all_passed = True

    def check(self, label, passed, detail):
        self.all_passed &= bool(passed)
        self.results["bars"].append({"bar": label, "pass": bool(passed), "detail": detail})
        print(f"  {'PASS' if passed else 'FAIL'}  {label}: {detail}")
