"""How the synthetic corpus is drawn: the forum editions, the languages a record is written in,
the session types and times, the share of sessions published."""

from datetime import date
from datetime import time as clock

from sessions.models import SessionType

# A handful of editions: (first day, number of days, host country, online).
EDITIONS = [
    (date(2013, 11, 6), 3, "KR", False),
    (date(2014, 11, 17), 3, "KR", False),
    (date(2016, 9, 7), 3, "CA", False),
    (date(2018, 10, 1), 3, "ES", False),
    (date(2020, 10, 19), 5, "", True),
    (date(2021, 10, 4), 3, "MX", True),
    (date(2023, 5, 1), 5, "SN", False),
    (date(2025, 10, 22), 3, "FR", False),
]
# Which languages a record is written in: both, English only, French only.
LANGUAGE_MODES = [frozenset({"en", "fr"}), frozenset({"en"}), frozenset({"fr"})]
LANGUAGE_WEIGHTS = [60, 25, 15]
SESSION_TYPES = [
    (SessionType.WORKSHOP, 40),
    (SessionType.SELF_ORGANISED, 25),
    (SessionType.ROUNDTABLE, 15),
    (SessionType.SIDE_EVENT, 12),
    (SessionType.PLENARY, 8),
]
START_TIMES = [clock(9), clock(10, 30), clock(11), clock(14), clock(15, 30), clock(16, 30)]
DURATIONS = [60, 75, 90, 90, 120]
PUBLISHED_SHARE = 0.88
