"""What a report says, as the parser read it: the ParsedReport and its parts."""

import datetime
from dataclasses import dataclass, field
from typing import ClassVar

from sessions.importer.reading import Problem, Source


@dataclass
class ParsedPresentation:
    speaker: object  # a facts.people.Person
    title: str = ""
    summary: str = ""
    initiatives: list = field(default_factory=list)


@dataclass
class ParsedQuestion:
    line: int
    asker_name: str = ""
    asker_country: str = ""
    question: str = ""
    answer: str = ""
    answered_by: str = ""


@dataclass
class ParsedRemark:
    line: int
    name: str
    text: str


@dataclass
class ParsedReport:
    language: str = "en"
    forum_name: str = ""
    forum_start: datetime.date | None = None
    forum_end: datetime.date | None = None
    forum_year: int | None = None
    central_theme: str = ""
    title: str = ""
    title_fr: str = ""
    title_line: int | None = None
    session_type: str = ""
    languages: list = field(default_factory=list)
    date: datetime.date | None = None
    date_text: str = ""
    date_line: int | None = None
    start_time: datetime.time | None = None
    duration_minutes: int | None = None
    participant_count: int | None = None
    participation_channel: str = ""
    moderator: object = None  # a facts.people.Person
    presentations: list = field(default_factory=list)
    guiding_question: str = ""
    guiding_synthesis: str = ""
    questions: list = field(default_factory=list)
    remarks: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    source: ClassVar[Source | None] = None  # set per report; not one of its facts

    def warn(self, line, message):
        place = self.source.place(line) if self.source else ""
        self.warnings.append(Problem(line, message, place))

    def keep(self):
        """Remember what an import changes here (warnings added, a missing date filled in),
        so that a second try starts from the report as parsed."""
        self._kept = (len(self.warnings), self.date)

    def restore(self):
        warnings, self.date = self._kept
        del self.warnings[warnings:]

    def skip(self, line, message):
        place = self.source.place(line) if self.source else ""
        self.skipped.append(Problem(line, message, place))
