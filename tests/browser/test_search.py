"""The search page in a real browser, on the demo data (sessions/demo/demo.json): the header
and home page search boxes, ranked and typed results with highlighted words, accent-free
queries, facets (with and without JavaScript), pagination, the empty state, hostile input,
the phone layout and accessibility (axe-core).
"""

import re
import unicodedata
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from tests.browser.accessibility import check_accessibility

# serialized_rollback: the live server needs committed rows, and the rows that migrations
# create (languages, the Editors group) must be back for the tests that run after these.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PAGE_SIZE = 20  # FilteredListView.paginate_by
# In the demo data: three records carry "Mandacaru" in their name (an organisation and two
# best practices), three more only in their texts (two presentations, a speaker).
MANDACARU_TITLES = {
    "Rede Mandacaru de Finanças Solidárias",
    "Mandacaru community currency",
    "Mandacaru school-meals purchasing pact",
}
PHONE = {"width": 390, "height": 844}


def query(url):
    return parse_qs(urlsplit(url).query)


def search_url(live_server, language, **params):
    return f"{live_server.url}/{language}/search/?{urlencode(params)}"


def results(page):
    """(type, title) of each result on the page, in order."""
    items = page.locator("ol.search-results > li.search-result")
    return [
        (
            item.locator(".result-kind").inner_text().strip(),
            item.locator("h3").inner_text().strip(),
        )
        for item in items.all()
    ]


def result_count(page):
    """The number of results the page announces in its results heading."""
    heading = page.locator("#results-heading").inner_text().strip()
    match = re.fullmatch(r"(\d+) (results?|résultats?)", heading)
    assert match, f"unexpected results heading: {heading!r}"
    return int(match.group(1))


def marks(page):
    return [text.strip() for text in page.locator("ol.search-results mark").all_inner_texts()]


def without_accents(text):
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def option_count(text):
    """The count shown after a facet option's label: "Best practice (7)" → 7."""
    match = re.search(r"\((\d+)\)\s*$", text)
    assert match, f"no count in facet option {text!r}"
    return int(match.group(1))


def test_header_search_box_gives_ranked_typed_highlighted_results(page, demo):
    page.goto(f"{demo.url}/en/initiatives/kindred/")
    box = page.locator("form.header-search input[name=q]")
    box.fill("Mandacaru")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/en/search/\?q=Mandacaru$"))

    assert page.get_by_role("heading", level=1).inner_text() == "Search"
    assert page.title().startswith("“Mandacaru”: search")
    found = results(page)
    assert result_count(page) == len(found) == 6
    assert page.locator("ol.search-results").get_attribute("start") == "1"

    # Typed: each result says what it is, and the words find records of several types.
    kinds = {kind for kind, _title in found}
    assert kinds == {"Organisation", "Best practice", "Presentation", "Speaker"}

    # Ranked: the records named after the word come before those that only mention it.
    titles = [title for _kind, title in found]
    assert set(titles[:3]) == MANDACARU_TITLES
    assert not MANDACARU_TITLES & set(titles[3:])

    # Highlighted: the word is marked, visibly, in the snippets.
    highlighted = page.locator("ol.search-results p.snippet mark")
    assert highlighted.count() >= 4
    assert highlighted.first.is_visible()
    assert set(marks(page)) == {"Mandacaru"}


def test_home_page_search_box_goes_to_the_search_page(page, demo):
    page.goto(f"{demo.url}/en/")
    form = page.locator("form.home-search")
    form.get_by_label("Search sessions, best practices, speakers and questions").fill("Dasom")
    form.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/en/search/\?q=Dasom$"))

    assert page.get_by_role("heading", level=1).inner_text() == "Search"
    titles = [title for _kind, title in results(page)]
    assert result_count(page) == len(titles) == 5
    assert "Dasom patient loans" in titles
    assert "Dasom" in marks(page)
    # The query is kept in the page's own search box, to be refined.
    assert page.locator("form.filters input[name=q]").input_value() == "Dasom"


def test_french_query_without_accents_finds_accented_text(page, demo):
    page.goto(f"{demo.url}/fr/sessions/")
    box = page.locator("form.header-search input[name=q]")
    box.fill("numerique")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/fr/search/\?q=numerique$"))

    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("heading", level=1).inner_text() == "Rechercher"
    found = results(page)
    assert result_count(page) == len(found) == 6
    assert ("Bonne pratique", "Apprentissages numériques Txoko") in found
    highlighted = marks(page)
    # The marks are the accented words of the text, found by the unaccented query.
    assert "numériques" in highlighted
    assert all(without_accents(word).startswith("numerique") for word in highlighted)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_facets_narrow_the_results_and_keep_the_query(browser, demo, javascript):
    context = browser.new_context(locale="en-GB", java_script_enabled=javascript)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(search_url(demo, "en", q="cooperative"))
        total = result_count(page)
        assert total > PAGE_SIZE
        assert len(results(page)) == PAGE_SIZE

        # A type, chosen in its select: the count next to the option is what the page gives.
        filters = page.locator("form.filters")
        type_select = filters.locator("select[name=type]")
        expected = option_count(type_select.locator("option[value=initiative]").inner_text())
        assert 0 < expected < total
        type_select.select_option("initiative")
        filters.get_by_role("button", name="Apply filters").click()
        page.wait_for_url(re.compile(r"/en/search/\?.*type=initiative"))
        params = query(page.url)
        assert params["q"] == ["cooperative"]
        assert params["type"] == ["initiative"]
        found = results(page)
        assert result_count(page) == len(found) == expected
        assert {kind for kind, _title in found} == {"Best practice"}
        assert type_select.input_value() == "initiative"

        # Then a theme, ticked among the checkboxes: fewer again, the type still chosen.
        theme = filters.locator("label.check", has=page.locator("input[value=food-systems]"))
        narrower = option_count(theme.inner_text())
        assert 0 < narrower < expected
        theme.locator("input").check()
        filters.get_by_role("button", name="Apply filters").click()
        page.wait_for_url(re.compile(r"/en/search/\?.*theme=food-systems"))
        params = query(page.url)
        assert params["q"] == ["cooperative"]
        assert params["type"] == ["initiative"]
        assert params["theme"] == ["food-systems"]
        found = results(page)
        assert result_count(page) == len(found) == narrower
        assert {kind for kind, _title in found} == {"Best practice"}
        assert "Mandacaru school-meals purchasing pact" in [title for _kind, title in found]
    finally:
        context.close()


def test_pagination_keeps_the_query(page, demo):
    page.goto(search_url(demo, "en", q="cooperative"))
    total = result_count(page)
    first = results(page)
    assert len(first) == PAGE_SIZE < total

    pages = page.get_by_role("navigation", name="Pages")
    assert pages.inner_text().count("Page 1 of 2") == 1
    pages.get_by_role("link", name="Next page").click()
    page.wait_for_url(re.compile(r"/en/search/\?.*page=2"))
    assert query(page.url)["q"] == ["cooperative"]
    assert result_count(page) == total
    second = results(page)
    assert len(second) == total - PAGE_SIZE
    assert page.locator("ol.search-results").get_attribute("start") == str(PAGE_SIZE + 1)
    assert not set(first) & set(second)
    assert marks(page)


def test_no_match_shows_the_empty_state(page, demo):
    page.goto(f"{demo.url}/en/")
    box = page.locator("form.header-search input[name=q]")
    box.fill("zzzqqq")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/en/search/\?q=zzzqqq$"))
    assert result_count(page) == 0
    assert page.locator("ol.search-results").count() == 0
    empty = page.locator("section.results p.empty")
    assert empty.is_visible()
    assert empty.inner_text().startswith("Nothing matches these words.")


# 300 characters, every one of ! & | ( ) : * " in them: what a visitor pasting a boolean query
# (or trying to break the parser) would send. The page's boxes stop at 200, the URL does not.
OPERATORS = '!&|():*"'
HOSTILE = {
    "words-and-operators": ('"social economy" & (cooperative | finance) !housing :* ' * 6)[:300],
    "operators-only": (OPERATORS * 38)[:300],
}


@pytest.mark.parametrize("kind", HOSTILE)
def test_long_query_with_operators_shows_a_page(page, demo, kind):
    text = HOSTILE[kind]
    assert len(text) == 300
    assert set(OPERATORS) <= set(text)
    response = page.goto(search_url(demo, "en", q=text))
    assert response.status == 200
    assert page.get_by_role("heading", level=1).inner_text() == "Search"
    assert page.get_by_role("alert").inner_text().strip() == (
        "Your search was long: only its first 200 characters were used."
    )
    assert len(page.locator("form.filters input[name=q]").input_value()) <= 200
    heading = page.locator("#results-heading").inner_text()
    if kind == "operators-only":
        assert heading == "No words to search for"
        assert page.locator("section.results p.empty").is_visible()
    else:
        assert result_count(page) >= 0


@pytest.mark.parametrize("language", ["en", "fr"])
def test_phone_layout(browser, demo, language):
    context = browser.new_context(locale="en-GB", viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(search_url(demo, language, q="cooperative"))
        assert len(results(page)) == PAGE_SIZE
        scroll_width, inner_width = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]"
        )
        # A mobile browser widens its layout viewport (innerWidth) to fit content that
        # overflows, so both are compared with the phone's width too.
        assert scroll_width <= inner_width <= PHONE["width"], (
            f"the search page scrolls sideways: scrollWidth {scroll_width}, "
            f"innerWidth {inner_width}"
        )
    finally:
        context.close()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_search_page_passes_axe(page, demo, language):
    response = page.goto(search_url(demo, language, q="cooperative"))
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert results(page)
    assert marks(page)
    check_accessibility(page)
