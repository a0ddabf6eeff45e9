"""How many facts the importer reads right, report by report.

    .venv/bin/python scripts/bench_import_fidelity.py [-v]

Reads every fixture that has expected facts (tests/sessions/reports/**/*.facts.json, the Word
reports built by tests/sessions/word_reports.py, and ../shared's real report), parses it as an
upload would, and prints per file the facts right out of the facts checked and, for each miss,
what was expected and what was read; then the total. Parsing needs no database.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gsef.settings")


def main(argv):
    import django

    django.setup()
    from sessions.importer import ReportError
    from tests.sessions.fidelity import compare, fixtures, read

    right = checked = 0
    width = max(len(fixture.name) for fixture in fixtures())
    for fixture in fixtures():
        expected = fixture.expected
        try:
            score = compare(expected, read(fixture))
        except ReportError as error:
            print(f"{fixture.name:<{width}}  refused: {error}")
            checked += sum(len(v) if isinstance(v, list) else 1 for v in expected.values())
            continue
        right += score.right
        checked += score.checked
        mark = "" if score.right == score.checked else "  <-"
        print(f"{fixture.name:<{width}}  {score.right:>3}/{score.checked:<3}{mark}")
        for name, want, got in score.wrong:
            print(f"{'':<{width}}    {name}: expected {want!r}, read {got!r}")
    print(f"{'total':<{width}}  {right:>3}/{checked:<3}  {100 * right / checked:.1f}% right")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
