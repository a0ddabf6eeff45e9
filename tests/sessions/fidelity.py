"""How many of a report's facts the importer reads right: shared by the fidelity benchmark
(scripts/bench_import_fidelity.py) and the tests.

A fixture's expected facts sit beside it in `<file>.facts.json`, written by a person reading
the report: title, type, date, participants, languages, moderator, each speaker with their
country, each initiative, the number of audience questions, each author of closing remarks.
Every speaker, initiative and author is one fact; one read that nobody wrote is a wrong fact.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from sessions.importer import fold, parse_file

HERE = Path(__file__).resolve().parent
REPORTS = HERE / "reports"
SHARED_REPORT = (
    HERE.parents[2] / "shared" / "reports" / "gsef2020-promotion-and-support-mechanisms.md"
)
FIELDS = [
    "title",
    "type",
    "date",
    "participants",
    "languages",
    "moderator",
    "speakers",
    "initiatives",
    "questions",
    "remarks",
]


@dataclass
class Fixture:
    name: str
    facts_path: Path
    read: object  # () -> bytes

    @property
    def expected(self):
        return json.loads(self.facts_path.read_text(encoding="utf-8"))


def fixtures():
    """Every report with expected facts: the earlier ones, the fidelity set, the Word files
    (built in memory by tests/sessions/word_reports.py) and the shared report."""
    found = []
    for directory in (REPORTS, REPORTS / "fidelity"):
        for facts in sorted(directory.glob("*.facts.json")):
            report = facts.with_name(facts.name.removesuffix(".facts.json"))
            if report.exists():
                found.append(Fixture(report.name, facts, report.read_bytes))
            elif report.suffix == ".docx":
                found.append(Fixture(report.name, facts, _word(report.name)))
    if SHARED_REPORT.exists():
        found.append(Fixture("shared-report", REPORTS / "shared-report.facts.json", _shared))
    return found


def _word(name):
    def build():
        from tests.sessions.word_reports import build

        return build(name)

    return build


def _shared():
    return SHARED_REPORT.read_bytes()


def facts_of(parsed):
    """The facts of a ParsedReport, in the facts files' shape."""
    return {
        "title": parsed.title,
        "type": parsed.session_type or None,
        "date": parsed.date.isoformat() if parsed.date else None,
        "participants": parsed.participant_count,
        "languages": sorted(parsed.languages),
        "moderator": parsed.moderator.name if parsed.moderator else None,
        "speakers": [[p.speaker.name, p.speaker.country or None] for p in parsed.presentations],
        "initiatives": list(
            dict.fromkeys(name for p in parsed.presentations for name in p.initiatives)
        ),
        "questions": len(parsed.questions),
        "remarks": [remark.name for remark in parsed.remarks],
    }


def read(fixture):
    parsed, _text = parse_file(fixture.read(), fixture.name)
    return facts_of(parsed)


@dataclass
class Score:
    right: int = 0
    checked: int = 0
    wrong: list = field(default_factory=list)  # (field, expected, read)


def _key(value):
    if isinstance(value, str):
        return fold(value)
    if isinstance(value, list):
        return tuple(_key(item) for item in value)
    return value


def compare(expected, actual):
    score = Score()
    for name in FIELDS:
        want, got = expected.get(name), actual.get(name)
        if name in {"speakers", "initiatives", "remarks"}:
            missing = [item for item in want if _key(item) not in {_key(g) for g in got}]
            extra = [item for item in got if _key(item) not in {_key(w) for w in want}]
            score.checked += len(want) + len(extra)
            score.right += len(want) - len(missing)
            for item in missing:
                score.wrong.append((name, item, "missing"))
            for item in extra:
                score.wrong.append((name, "nothing", item))
        else:
            score.checked += 1
            if _key(want) == _key(got):
                score.right += 1
            else:
                score.wrong.append((name, want, got))
    return score
