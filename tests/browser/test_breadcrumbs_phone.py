"""Breadcrumbs on a 390-pixel phone, in both languages: each "›" stays on the line of the
crumb it leads to, and the current page's crumb takes one line, not four."""

import pytest

from tests.factories import SessionFactory
from tests.test_breadcrumbs import LONG_TITLE

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}

# For each crumb: how many lines its text takes, and whether the first letter of its text
# sits on the crumb's first line (where its CSS-generated "›" is).
MEASURE = """() => [...document.querySelectorAll("nav.breadcrumbs li")].map((item) => {
  const label = item.querySelector("a, span");
  const text = [...label.childNodes].find((node) => node.nodeType === Node.TEXT_NODE);
  const range = document.createRange();
  range.setStart(text, 0);
  range.setEnd(text, 1);
  const first = range.getBoundingClientRect();
  const lines = new Set([...label.getClientRects()].map((rect) => Math.round(rect.top)));
  return {
    text: label.textContent.trim(),
    lines: lines.size,
    withSeparator: first.top - item.getBoundingClientRect().top < first.height / 2,
  };
})"""


@pytest.mark.parametrize("language", ["en", "fr"])
def test_phone_breadcrumb_keeps_separators_with_their_crumbs(browser, live_server, language):
    SessionFactory(
        title_en=LONG_TITLE["en"], title_fr=LONG_TITLE["fr"], slug="promotion-and-support"
    )
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/{language}/sessions/promotion-and-support/")

        measured = page.evaluate(MEASURE)

        assert [crumb["text"] for crumb in measured][1:] == [
            "Sessions",
            {"en": "How to Make SSE Sustainable and Grow…",
             "fr": "Comment pérenniser et permettre le…"}[language],
        ]  # fmt: skip
        assert [crumb["lines"] for crumb in measured] == [1, 1, 1]
        assert all(crumb["withSeparator"] for crumb in measured)
    finally:
        context.close()
