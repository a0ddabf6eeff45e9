"""The public site in a real browser: a visitor's journey, the language switch, accessibility
(axe-core, WCAG 2.0/2.1 A and AA), pages without JavaScript and the phone layout.

Every test loads the demo data (sessions/demo/demo.json) into the live server's database.
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.accessibility import check_accessibility

# serialized_rollback: the live server needs committed rows, and the rows that migrations
# create (languages, the Editors group) must be back for the tests that run after these.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SESSION = "gsef2020-promotion-and-support-mechanisms"
SESSION_TITLE = {
    "en": (
        "How to Make SSE Sustainable and Grow through Promotion and Support Mechanisms: "
        "Best Practices from around the World"
    ),
    "fr": (
        "Comment pérenniser et permettre le développement de l'ESS grâce à des mécanismes "
        "de promotion et d'appui : tour du monde des meilleures pratiques"
    ),
}


def filter_sessions_by_united_kingdom_and_social_finance(page, language):
    """Choose a country and a theme in the list's form, submit, check the one result."""
    page.locator("form.filters select[name=country]").select_option("GB")
    page.locator("form.filters input[name=theme][value=social-finance]").check()
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/{language}/sessions/\?"))
    params = query(page.url)
    assert params["country"] == ["GB"]
    assert params["theme"] == ["social-finance"]
    assert result_titles(page) == [SESSION_TITLE[language]]


def test_accessibility_check_reports_violations(page):
    """The check itself fails on a page with known problems, so a pass means something."""
    page.set_content(
        "<html><head><title>Bad</title></head><body><main>"
        '<p style="color:#bbb;background:#fff">Pale text</p><a href="/x"></a>'
        "</main></body></html>"
    )
    with pytest.raises(AssertionError) as failure:
        check_accessibility(page)
    for rule in ("html-has-lang", "color-contrast", "link-name"):
        assert rule in str(failure.value)


def query(url):
    return parse_qs(urlsplit(url).query)


def result_titles(page):
    return [spaced(title) for title in page.locator("section.results h3").all_inner_texts()]


def spaced(text):
    """Text with its spaces made plain: French pages put no-break spaces before ":"."""
    return " ".join(text.split())


def test_visitor_journey(page, demo):
    page.goto(f"{demo.url}/en/")
    assert page.locator("html").get_attribute("lang") == "en"

    page.get_by_role("navigation", name="Language").get_by_role("link", name="français").click()
    page.wait_for_url(f"{demo.url}/fr/")
    assert page.locator("html").get_attribute("lang") == "fr"

    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Sessions"
    ).click()
    page.wait_for_url(f"{demo.url}/fr/sessions/")
    assert page.get_by_role("heading", level=1).inner_text() == "Sessions"

    filter_sessions_by_united_kingdom_and_social_finance(page, "fr")

    page.locator("section.results").get_by_role("link", name=SESSION_TITLE["fr"]).click()
    page.wait_for_url(f"{demo.url}/fr/sessions/{SESSION}/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert spaced(page.get_by_role("heading", level=1).inner_text()) == SESSION_TITLE["fr"]

    page.locator("main").get_by_role("link", name="Helen Heap").first.click()
    page.wait_for_url(f"{demo.url}/fr/speakers/helen-heap/")
    assert page.get_by_role("heading", level=1).inner_text() == "Helen Heap"


def test_language_switch_keeps_query_string(page, demo):
    page.goto(f"{demo.url}/en/sessions/?country=FR")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="français").click()
    page.wait_for_url(f"{demo.url}/fr/sessions/?country=FR")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("form.filters select[name=country]").input_value() == "FR"


PAGES = {
    "home": "/",
    "session-list": "/sessions/",
    "initiative-list": "/initiatives/",
    "speaker-list": "/speakers/",
    "session-list-filtered": "/sessions/?country=GB&theme=social-finance&theme=cooperatives",
    "session-list-empty": "/sessions/?country=GB&theme=housing",
    "session": f"/sessions/{SESSION}/",
    "initiative": "/initiatives/kindred/",
    "speaker": "/speakers/helen-heap/",
    "organisation": "/organisations/heseltine-institute-university-of-liverpool/",
    "forum": "/forums/gsef-2020-virtual/",
    "theme": "/themes/social-finance/",
    "country": "/countries/GB/",
    "not-found": "/sessions/no-such-session/",
}


@pytest.mark.parametrize("page_type", PAGES)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_page_type_passes_axe(page, demo, language, page_type):
    response = page.goto(f"{demo.url}/{language}{PAGES[page_type]}")
    assert response.status == (404 if page_type == "not-found" else 200)
    assert page.locator("html").get_attribute("lang") == language
    if page_type == "session-list-empty":
        assert page.locator("section.results p.empty").is_visible()
    check_accessibility(page)


def test_pages_work_without_javascript(browser, demo):
    context = browser.new_context(locale="en-GB", java_script_enabled=False)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(f"{demo.url}/en/sessions/")
        assert len(result_titles(page)) > 1

        filter_sessions_by_united_kingdom_and_social_finance(page, "en")

        # Following links works too: the session, then back to the list via the breadcrumb.
        page.get_by_role("link", name=SESSION_TITLE["en"]).click()
        page.wait_for_url(f"{demo.url}/en/sessions/{SESSION}/")
        assert page.get_by_role("heading", level=1).inner_text() == SESSION_TITLE["en"]
    finally:
        context.close()


PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_phone_layout(browser, demo, language):
    context = browser.new_context(locale="en-GB", viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        for path in (f"/{language}/sessions/{SESSION}/", f"/{language}/sessions/"):
            page.goto(f"{demo.url}{path}")
            scroll_width, inner_width = page.evaluate(
                "() => [document.documentElement.scrollWidth, window.innerWidth]"
            )
            # A mobile browser widens its layout viewport (innerWidth) to fit content that
            # overflows, so both are compared with the phone's width too.
            assert scroll_width <= inner_width <= PHONE["width"], (
                f"{path} scrolls sideways: scrollWidth {scroll_width}, innerWidth {inner_width}"
            )
    finally:
        context.close()
