"""The checks that tests/browser/test_design.py relies on fail where they should, on pages
made to break them: a pass there means something. No database: pages are set as content."""

import pytest

from tests.browser.accessibility import check_accessibility, check_accessibility_at_every_impact
from tests.browser.layout import cut_text
from tests.browser.pages import PAGE_TITLES, SIZES
from tests.browser.printing import PRINTED_PARTS, PrintedDocument
from tests.public_site import PUBLIC_PAGES

BROKEN_LAYOUT = """<!DOCTYPE html><html lang="en"><head><title>Cut</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body><main>
<p id="clipped" style="width:8rem;overflow:hidden;white-space:nowrap">A sentence far too long
for its narrow box</p>
<p id="ellipsis" style="width:8rem;overflow:hidden;text-overflow:ellipsis;white-space:nowrap">
Another sentence far too long for its box</p>
<select id="sort" style="width:6rem"><option>The most recent first</option></select>
<select id="roomy" style="width:20rem"><option>Newest</option></select>
<input id="q" type="search" style="width:6rem" placeholder="Search the knowledge base">
<div id="wide" style="width:2000px">Wider than any screen</div>
<p style="width:8rem;overflow:hidden">Short, and fits</p>
<form><a id="clear" href="/" style="display:inline-block;width:3rem">Clear all</a>
<label id="facet" style="display:block;width:9rem"><input type="checkbox"> Social finance and
impact <span>(6)</span></label>
<label style="display:flex;gap:.25rem;width:9rem"><input type="checkbox"><span>Social finance
and impact (6)</span></label></form>
<span style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)">
Only for screen readers, and longer than one pixel</span>
</main></body></html>"""


def test_layout_check_reports_cut_and_overflowing_text(browser):
    context = browser.new_context(**SIZES["phone"])
    try:
        page = context.new_page()
        page.set_content(BROKEN_LAYOUT)
        found = cut_text(page)
    finally:
        context.close()
    report = "\n".join(found)
    assert [line.split(":")[0] for line in found] == [
        "page scrolls sideways",
        "text cut by its box",
        "text cut by its box",
        "menu cuts its option",
        "text box cuts its placeholder",
        "past the right edge",
        "short label split over lines",
        "label wraps under its box",
    ], report
    for where in ("p#clipped", "p#ellipsis", "select#sort", "a#clear", "label#facet", "input#q"):
        assert where in report
    # The wide box is reported, not each of its children; the roomy menu, the short text,
    # the label kept beside its box and the text for screen readers only are not.
    assert "div#wide" in report
    assert "roomy" not in report


def test_axe_check_at_every_impact_reports_moderate_and_minor_violations(page):
    # Two search landmarks without names (moderate), a skipped heading level (moderate) and
    # text outside any landmark (moderate): none is serious, so the usual check passes.
    page.set_content(
        '<!DOCTYPE html><html lang="en"><head><title>Two searches</title></head><body>'
        "<p>Outside every landmark</p>"
        '<main><h1>Title</h1><h4>Skipped levels</h4><form role="search"><label>Words '
        '<input name="q"></label></form><form role="search"><label>Words again '
        '<input name="q"></label></form></main></body></html>'
    )
    check_accessibility(page)
    with pytest.raises(AssertionError) as failure:
        check_accessibility_at_every_impact(page)
    for rule in ("landmark-unique", "heading-order", "region"):
        assert rule in str(failure.value)


def printed(browser, body, style=""):
    """A page of `body` printed to an A4 PDF, with what PRINTED_PARTS finds in it."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content(
            f'<!DOCTYPE html><html lang="en"><head><title>Print</title><style>{style}</style>'
            f"</head><body><main>{body}</main></body></html>"
        )
        page.emulate_media(media="print")
        parts = page.evaluate(PRINTED_PARTS)
        return parts, PrintedDocument(page.pdf(format="A4", prefer_css_page_size=True))
    finally:
        context.close()


TEXT = "<p>" + "Words that fill the page. " * 12 + "</p>"
# An A4 page without margins is 1123 CSS pixels high: the spacer leaves room for the heading
# at the foot of the first page, and none for the paragraph after it.
STRANDED = f'<div style="height:1060px"></div><h2>Stranded heading</h2>{TEXT}'


def test_print_check_reports_a_heading_at_the_foot_of_a_page(browser):
    parts, document = printed(browser, STRANDED, "@page { margin: 0 } body { margin: 0 }")
    assert len(document.pages) == 2
    problems = document.stranded_headings(parts["headings"])
    assert len(problems) == 1
    assert problems[0].startswith("heading “Stranded heading” ends page 1; its text “Words")
    # Without margins, the text comes to the edges.
    assert "page 1: text 0.00 cm from the left edge" in document.narrow_margins()


# With margins of 2 cm the page is 972 pixels high: this spacer leaves the heading at its foot.
STRANDED_IN_MARGINS = STRANDED.replace("1060px", "900px")


def test_print_check_passes_a_heading_kept_with_its_text_in_margins(browser):
    style = "@page { margin: 2cm } body { margin: 0 }"
    parts, document = printed(browser, STRANDED_IN_MARGINS, style)
    assert len(document.stranded_headings(parts["headings"])) == 1
    parts, document = printed(browser, STRANDED_IN_MARGINS, style + "h2 { break-after: avoid }")
    assert document.stranded_headings(parts["headings"]) == []
    assert document.narrow_margins() == []
    assert "Stranded heading" in document
    assert "Not printed anywhere" not in document


def test_page_list_has_every_public_page_type():
    """The design tests and the gallery see every page type the other public-page tests know."""
    assert set(PUBLIC_PAGES) <= set(PAGE_TITLES)
