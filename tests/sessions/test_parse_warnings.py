"""What the parser tells staff about a report: its warnings (missing sections, an unknown
country) and the lines it skipped."""

from tests.sessions.parsed_reports import parsed, problems


def test_bold_headings_crlf_no_warnings():
    assert parsed("bold-headings-crlf.md").warnings == []


def test_french_bom_no_warnings_nothing_skipped():
    report = parsed("french-bom.md")
    assert report.warnings == []
    assert report.skipped == []


def test_latin1_no_parse_warnings_nothing_skipped():
    report = parsed("latin1.txt")
    assert report.warnings == []
    assert report.skipped == []


def test_missing_sections_warns_for_each_missing_section():
    assert problems(parsed("missing-sections.md").warnings) == [
        (0, "no guiding question"),
        (0, "no audience questions"),
        (0, "no closing remarks"),
    ]


def test_missing_sections_leaves_them_empty():
    report = parsed("missing-sections.md")
    assert report.guiding_question == ""
    assert report.guiding_synthesis == ""
    assert report.questions == []
    assert report.remarks == []
    assert report.skipped == []


def test_ocr_html_noise_fragments_reported_as_skipped_with_lines():
    assert problems(parsed("ocr-html-noise.md").skipped) == [
        (3, "HTML fragment skipped (names not imported)"),
        (
            29,
            "text in the speakers section that is not a numbered speaker (a screenshot's OCR?) "
            "skipped; the names above are used",
        ),
        (34, "HTML fragment skipped (names not imported)"),
        (39, "section “RECYCLING WITH DIGNITY” is not part of the template; skipped"),
        (49, "HTML fragment skipped (names not imported)"),
    ]


def test_mixed_levels_no_warnings_nothing_skipped():
    report = parsed("mixed-levels.md")
    assert report.warnings == []
    assert report.skipped == []


def test_unknown_country_is_a_warning_naming_line_and_country_not_a_refusal():
    # Staff can set a country in the draft: it is no reason to refuse the whole report.
    report = parsed("unknown-country.md")
    [warning] = [w for w in report.warnings if "Atlantis" in w.message]
    assert warning.line == 25
    assert str(warning).startswith("line 25: unknown country “Atlantis” for Nerea Solís")
    [speaker] = [p.speaker for p in report.presentations if p.speaker.name == "Nerea Solís"]
    assert speaker.country == ""
    assert "Atlantis" not in speaker.organisation


def test_real_report_skipped_lines(real_report):
    assert sorted(p.line for p in real_report.skipped) == [35, 46, 56]
