"""What an import did: for each row it touched, its kind, what happened to it and a label."""

from collections import Counter, namedtuple
from dataclasses import dataclass, field

from django.utils.translation import pgettext_lazy

from sessions.importer.parsed import ParsedReport
from sessions.models import Session

# What the preview shows for each kind of row and each action, in the admin's language.
KINDS = {
    "session": pgettext_lazy("import: kind of row", "session"),
    "forum": pgettext_lazy("import: kind of row", "forum"),
    "organisation": pgettext_lazy("import: kind of row", "organisation"),
    "speaker": pgettext_lazy("import: kind of row", "speaker"),
    "initiative": pgettext_lazy("import: kind of row", "initiative"),
    "presentation": pgettext_lazy("import: kind of row", "presentation"),
    "question": pgettext_lazy("import: kind of row", "question"),
    "remark": pgettext_lazy("import: kind of row", "remark"),
}
ACTIONS = {
    "created": pgettext_lazy("import: what happens to a row", "created"),
    "matched": pgettext_lazy("import: what happens to a row", "matched"),
    "updated": pgettext_lazy("import: what happens to a row", "updated"),
    "deleted": pgettext_lazy("import: what happens to a row", "deleted"),
}


# A published session the report may be the report of (the preview offers a revision of it).
Twin = namedtuple("Twin", ["pk", "title", "address"])


@dataclass
class Outcome:
    kind: str
    action: str  # created, matched, updated, deleted
    label: str

    def __str__(self):
        return f"{self.kind} {self.action}: {self.label}"

    def get_kind_display(self):
        return KINDS.get(self.kind, self.kind)

    def get_action_display(self):
        return ACTIONS.get(self.action, self.action)


@dataclass
class ImportResult:
    name: str
    parsed: ParsedReport
    outcomes: list = field(default_factory=list)
    session: Session | None = None
    dry_run: bool = False
    twin: Twin | None = None

    def add(self, kind, action, label):
        self.outcomes.append(Outcome(kind, action, label))

    def counts(self):
        """{action: {kind: n}}, for a one-line summary."""
        counts = {}
        for outcome in self.outcomes:
            counts.setdefault(outcome.action, Counter())[outcome.kind] += 1
        return counts
