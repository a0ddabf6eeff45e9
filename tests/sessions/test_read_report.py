"""Reading a report's bytes: line endings, a BOM, Latin-1, and the input refused outright."""

import pytest

from sessions.importer import Problem, ReportError, parse_report, read_report
from tests.sessions.parsed_reports import REPORTS, load


def test_bold_headings_crlf_fixture_really_has_crlf():
    data = (REPORTS / "bold-headings-crlf.md").read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") == 70


def test_bold_headings_crlf_line_endings_are_normalised():
    text, warnings, _report = load("bold-headings-crlf.md")
    assert "\r" not in text
    assert len(text.split("\n")) == 71  # 70 lines and the empty string after the last "\n"
    assert warnings == []


def test_french_bom_fixture_really_starts_with_bom():
    assert (REPORTS / "french-bom.md").read_bytes().startswith(b"\xef\xbb\xbf## ")


def test_french_bom_bom_is_dropped():
    text, warnings, _report = load("french-bom.md")
    assert text.startswith("## Le numérique")
    assert "\ufeff" not in text
    assert warnings == []


def test_latin1_fixture_really_is_not_utf8():
    data = (REPORTS / "latin1.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "Hélène Côté".encode("cp1252") in data


def test_latin1_read_as_cp1252_with_a_warning():
    text, warnings, _report = load("latin1.txt")
    assert warnings == [Problem(1, "the file is not UTF-8; it was read as Latin-1 (cp1252)")]
    assert text.startswith("GSEF Global Forum 2016 – Montréal\n")
    assert "\ufffd" not in text


# Small bad inputs


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t\n"])
def test_bad_input_empty_file(data):
    with pytest.raises(ReportError, match="^the file is empty$"):
        read_report(data)


def test_bad_input_nul_byte_is_binary():
    with pytest.raises(ReportError) as error:
        read_report(b"Title of the session: X\nDate: 1 May\nPK\x03\x04\x00\x00binary")
    assert error.value.line == 3
    assert "NUL byte" in str(error.value)


def test_bad_input_control_characters_are_binary():
    with pytest.raises(ReportError, match="binary data, not text"):
        read_report(bytes(range(1, 9)) * 50 + b"Title of the session: X\n")


def test_bad_input_undecodable_bytes():
    with pytest.raises(ReportError) as error:
        read_report(b"Title of the session: X\nDate: 1 May\nSpeakers: \x81\x8d\x9d\n")
    assert error.value.line == 3
    assert "neither UTF-8 nor Latin-1" in str(error.value)


def test_bad_input_twenty_megabytes():
    with pytest.raises(ReportError) as error:
        read_report(b"Title of the session: X\n" + b"a" * (20 * 1024 * 1024))
    assert "20.0 MB" in str(error.value)
    assert "at most 2 MB" in str(error.value)


def test_bad_input_not_a_report():
    text, warnings = read_report(
        b"Dear colleagues,\n\nPlease find attached the minutes of Tuesday's meeting.\n\n"
        b"Best regards,\nMaria\n"
    )
    assert warnings == []
    with pytest.raises(ReportError) as error:
        parse_report(text)
    assert error.value.line == 1
    assert str(error.value) == (
        "line 1: this does not read as a session report: no session title (a line like "
        "“Title of the session: …”) and no speakers were found"
    )


def test_bad_input_old_mac_line_endings_are_normalised():
    text, _warnings = read_report(b"one\rtwo\r\nthree\n")
    assert text == "one\ntwo\nthree\n"
