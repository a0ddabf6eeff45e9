"""What an import did: for each row it touched, its kind, what happened to it and a label."""

from collections import Counter
from dataclasses import dataclass, field

from sessions.importer.parsed import ParsedReport
from sessions.models import Session


@dataclass
class Outcome:
    kind: str
    action: str  # created, matched, updated
    label: str

    def __str__(self):
        return f"{self.kind} {self.action}: {self.label}"


@dataclass
class ImportResult:
    name: str
    parsed: ParsedReport
    outcomes: list = field(default_factory=list)
    session: Session | None = None
    dry_run: bool = False

    def add(self, kind, action, label):
        self.outcomes.append(Outcome(kind, action, label))

    def counts(self):
        """{action: {kind: n}}, for a one-line summary."""
        counts = {}
        for outcome in self.outcomes:
            counts.setdefault(outcome.action, Counter())[outcome.kind] += 1
        return counts
