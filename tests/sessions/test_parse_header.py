"""The report's header: language, forum and its dates, central theme, title, session type,
languages, date, time, duration and participants."""

import datetime

from tests.sessions.parsed_reports import parsed


def test_bold_headings_crlf_header():
    report = parsed("bold-headings-crlf.md")
    assert report.language == "en"
    assert report.forum_name == "GSEF Global Forum Bilbao"
    assert (report.forum_start, report.forum_end) == (
        datetime.date(2018, 10, 1),
        datetime.date(2018, 10, 3),
    )
    assert report.title == (
        "Community Land Trusts and Cooperative Housing: Keeping Cities Affordable"
    )
    assert report.title_line == 6
    assert report.title_fr == ""
    assert report.session_type == "roundtable"
    assert report.languages == ["en", "es"]
    assert report.date == datetime.date(2018, 10, 2)
    assert report.start_time is None
    assert report.duration_minutes == 120
    assert report.participant_count == 65
    assert report.participation_channel == "In Person"


def test_bold_headings_crlf_bold_central_theme():
    report = parsed("bold-headings-crlf.md")
    assert report.central_theme == (
        "Cities that Care: the Social and Solidarity Economy in Everyday Life"
    )
    assert report.skipped == []


def test_french_bom_language_is_french():
    assert parsed("french-bom.md").language == "fr"


def test_french_bom_header():
    report = parsed("french-bom.md")
    assert report.central_theme == "Le numérique au service de l'économie sociale et solidaire"
    assert report.forum_name == "Forum mondial de l'économie sociale GSEF"
    assert (report.forum_start, report.forum_end) == (
        datetime.date(2023, 12, 1),
        datetime.date(2023, 12, 4),
    )
    assert report.title == (
        "Coopératives de plateforme : reprendre la main sur l'économie numérique"
    )
    assert report.title_fr == ""
    assert report.title_line == 6
    assert report.session_type == "workshop"
    assert report.languages == ["fr", "en"]


def test_french_bom_french_date_without_year_takes_the_forum_year():
    report = parsed("french-bom.md")
    assert report.date == datetime.date(2023, 12, 2)
    assert report.date_line == 12


def test_french_bom_french_time_range():
    report = parsed("french-bom.md")
    assert report.start_time == datetime.time(14, 30)
    assert report.duration_minutes == 90


def test_french_bom_participants():
    report = parsed("french-bom.md")
    assert report.participant_count == 85
    assert report.participation_channel == "Zoom"


def test_latin1_header():
    report = parsed("latin1.txt")
    assert report.language == "en"
    assert report.central_theme == ""
    assert report.forum_name == "GSEF Global Forum 2016 – Montréal"
    assert (report.forum_start, report.forum_end) == (
        datetime.date(2016, 9, 7),
        datetime.date(2016, 9, 9),
    )
    assert report.title == "Financing Social Enterprises in French-Speaking Cities"
    assert report.session_type == "plenary"
    assert report.languages == ["fr", "en"]
    assert report.date == datetime.date(2016, 9, 8)
    assert report.start_time == datetime.time(9, 30)
    assert report.duration_minutes == 90
    assert report.participant_count == 210
    assert report.participation_channel == "In Person"


def test_missing_sections_still_reads_the_header():
    report = parsed("missing-sections.md")
    assert report.central_theme == "Solidarity Economy and the Care of Older People"
    assert report.forum_name == "GSEF Global Forum Seoul"
    assert (report.forum_start, report.forum_end) == (
        datetime.date(2014, 9, 5),
        datetime.date(2014, 9, 7),
    )
    assert report.title == "Care Cooperatives for an Ageing Society"
    assert report.session_type == "side_event"
    assert report.languages == ["en", "ko"]
    assert report.date == datetime.date(2014, 9, 6)
    assert report.start_time is None
    assert report.duration_minutes == 90
    assert report.participant_count == 48
    assert report.participation_channel == ""


def test_ocr_html_noise_header():
    report = parsed("ocr-html-noise.md")
    assert report.central_theme == "Social Economy for a Just Transition"
    assert report.forum_name == "GSEF Global Forum Mexico City"
    assert (report.forum_start, report.forum_end) == (
        datetime.date(2021, 10, 4),
        datetime.date(2021, 10, 8),
    )
    assert report.title == (
        "Green Jobs from the Ground Up: Cooperatives in the Energy and Waste Transition"
    )
    assert report.session_type == "workshop"
    assert report.languages == ["en", "es"]
    assert report.date == datetime.date(2021, 10, 6)
    assert report.start_time is None
    assert report.duration_minutes == 60
    assert report.participant_count == 52
    assert report.participation_channel == "Zoom"


def test_mixed_levels_header():
    report = parsed("mixed-levels.md")
    assert report.central_theme == (
        "Feeding Cities Fairly: the Social and Solidarity Economy in Food Systems"
    )
    assert report.forum_name == "GSEF Global Forum Quebec"
    assert (report.forum_start, report.forum_end) == (
        datetime.date(2022, 6, 12),
        datetime.date(2022, 6, 15),
    )
    assert report.title == "From Farm to City: Cooperative Food Chains"
    assert report.session_type == "self_organised"
    assert report.languages == ["en", "es", "pt"]
    assert report.date == datetime.date(2022, 6, 14)
    assert report.participant_count == 34
    assert report.participation_channel == "Teams"


def test_mixed_levels_time_from_to():
    # "Time: from 14:00 to 15:30"
    report = parsed("mixed-levels.md")
    assert report.start_time == datetime.time(14, 0)
    assert report.duration_minutes == 90


def test_real_report_header(real_report):
    report = real_report
    assert report.language == "en"
    assert report.forum_name == "GSEF Global Virtual Forum"
    assert (report.forum_start, report.forum_end) == (
        datetime.date(2020, 10, 19),
        datetime.date(2020, 10, 23),
    )
    assert report.central_theme == (
        "Great Challenges, Greater Solidarity Power of Community and SSE as a Path for "
        "Transformation"
    )
    assert report.title == (
        "How to Make SSE Sustainable and Grow through Promotion and Support Mechanisms: "
        "Best Practices from around the World"
    )
    assert report.title_fr == ""
    assert report.title_line == 8
    assert report.session_type == "workshop"
    assert report.languages == ["en", "fr"]
    assert report.date == datetime.date(2020, 10, 23)
    assert report.start_time is None
    assert report.duration_minutes == 90
    assert report.participant_count == 40
    assert report.participation_channel == "Zoom"
