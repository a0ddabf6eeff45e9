"""The shared real report (../shared/reports, not part of this repository), for the parser
tests; they skip where it is not there."""

from pathlib import Path

import pytest

from sessions.importer import parse_report, read_report

SHARED_REPORT = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "reports"
    / "gsef2020-promotion-and-support-mechanisms.md"
)


@pytest.fixture
def real_report():
    if not SHARED_REPORT.exists():
        pytest.skip("../shared/reports is not here")
    text, warnings = read_report(SHARED_REPORT.read_bytes())
    assert warnings == []
    return parse_report(text)
