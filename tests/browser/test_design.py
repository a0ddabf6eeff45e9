"""The design in a real browser (issue 18), on the demo data, at a phone's size and a desktop's,
in English and French: every page type fits its text and passes axe at every impact, results
come first on a phone, search extracts carry their real language, and a printed session holds
together. The page types and sizes are those of tests/browser/pages.py (the README's
screenshot gallery shows the same pages).
"""

import pytest
from django.utils import translation

from sessions.models import Forum, Session
from speakers.models import Speaker
from tests.browser.accessibility import axe_violations
from tests.browser.layout import cut_text
from tests.browser.pages import LANGUAGES, NOT_FOUND, SIZES, addresses
from tests.browser.printing import PRINTED_PARTS, PrintedDocument
from tests.factories import (
    AudienceQuestionFactory,
    ClosingRemarkFactory,
    PresentationFactory,
    SessionFactory,
)

# serialized_rollback: the live server needs committed rows, and the rows that migrations
# create (languages, the Editors group) must be back for the tests that run after these.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE_SCREEN = SIZES["phone"]["viewport"]["height"]
# Page types that show results, or none: each is what its name says.
RESULTS = {"search": True, "search-empty": False, "session-list-filtered": True}


def new_page(browser, size):
    context = browser.new_context(locale="en-GB", **SIZES[size])
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def first_result_bottom(page):
    """How far down the page the first result's title ends, in CSS pixels."""
    return page.evaluate(
        """() => {
            const title = document.querySelector("section.results .card h3");
            return title && title.getBoundingClientRect().bottom + window.scrollY;
        }"""
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SIZES)
def test_every_page_type_fits_its_text_and_passes_axe_at_every_impact(
    browser, demo, size, language
):
    """On every page type: nothing cut or overflowing, and no axe violation at any impact
    (minor and moderate included, best practices too), with every disclosure open."""
    context, page = new_page(browser, size)
    problems = []
    try:
        for page_type, path in addresses(language).items():
            response = page.goto(f"{demo.url}{path}")
            assert response.status == (404 if page_type in NOT_FOUND else 200), path
            assert page.locator("html").get_attribute("lang") == language, path
            if page_type in RESULTS:
                has_results = page.locator("section.results .card").count() > 0
                assert has_results == RESULTS[page_type], f"{path} has results: {has_results}"
            # What folds away (the filters on a phone) is checked unfolded, as a visitor opens it.
            page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true })")
            found = [f"layout: {line}" for line in cut_text(page)]
            found += [f"axe: {line}" for line in axe_violations(page)]
            if found:
                problems.append(f"{page_type} ({path}):\n    " + "\n    ".join(found))
    finally:
        context.close()
    assert not problems, f"At {size} size, in {language}:\n" + "\n".join(problems)


def test_first_result_is_on_the_first_screen_of_a_phone(browser, demo):
    """After a search, and on the session list, a phone's first screen shows a result (the
    first result's title ends within it): the filters come after it, or fold away."""
    context, page = new_page(browser, "phone")
    try:
        late = []
        for language in LANGUAGES:
            pages = addresses(language)
            for page_type in ("search", "session-list", "session-list-filtered"):
                page.goto(f"{demo.url}{pages[page_type]}")
                bottom = first_result_bottom(page)
                assert bottom is not None, f"no result on {pages[page_type]}"
                if bottom > PHONE_SCREEN:
                    late.append(f"{pages[page_type]}: the first result ends at {bottom:.0f} px")
    finally:
        context.close()
    assert not late, f"Below a {PHONE_SCREEN}-pixel screen:\n" + "\n".join(late)


def extract_languages(page, session, language):
    """[(extract's text, the language of each word highlighted in it)] for a session's
    result: a word is in the language that its nearest lang attribute gives."""
    with translation.override(language):
        address = session.get_absolute_url()
    result = page.locator("ol.search-results > li").filter(
        has=page.locator(f'h3 a[href="{address}"]')
    )
    assert result.count() == 1, f"{session.slug} is not among the results of {page.url}"
    return result.locator(".snippet").evaluate_all(
        """(extracts) => extracts.map((extract) => [
            extract.innerText.trim(),
            [...extract.querySelectorAll("mark")].map((mark) => mark.closest("[lang]").lang),
        ])"""
    )


def test_search_extracts_carry_their_real_language(browser, demo):
    """An extract in the other language than the page's is marked with its own `lang`."""
    forum = Forum.objects.published().first()
    word = "quillmorrow"
    only_english = SessionFactory(
        forum=forum,
        date=forum.start_date,
        title_en="Tool libraries in small towns",
        title_fr="Les outilthèques des petites villes",
        summary_en=f"Neighbours lend and borrow tools; the {word} scheme keeps the shelves full.",
    )
    only_french = SessionFactory(
        forum=forum,
        date=forum.start_date,
        title_en="Village bakeries run by their customers",
        title_fr="Des boulangeries de village tenues par leurs clients",
        summary_fr=f"Les habitants reprennent la boulangerie ; le fonds {word} paie le four.",
    )
    context, page = new_page(browser, "desktop")
    try:
        for language in LANGUAGES:
            page.goto(f"{demo.url}/{language}/search/?q={word}")
            assert page.locator("html").get_attribute("lang") == language
            for session, real in ((only_english, "en"), (only_french, "fr")):
                extracts = extract_languages(page, session, language)
                assert extracts, f"{session.slug} has no extract on /{language}/search/"
                for text, marked in extracts:
                    assert marked, f"no highlighted word in the extract “{text}”"
                    assert set(marked) == {real}, (
                        f"on /{language}/search/, the {real} extract “{text}” is marked "
                        f"lang={marked}"
                    )
    finally:
        context.close()


PARAGRAPH = (
    "The {n} speaker described how the network pools savings from its members, lends them "
    "to cooperatives that banks turn away, and reports every year on the jobs kept and the "
    "loans repaid. Local authorities joined the fund once its first results were published, "
    "and the model has since been copied in two neighbouring regions."
)
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"]


def long_session():
    """A published session long enough to print on several pages: eight presentations of
    different lengths (so that headings fall at many heights on a page), questions, remarks."""
    demo_session = Session.objects.published().order_by("pk").first()
    speakers = list(Speaker.objects.published().order_by("pk")[:4])
    session = SessionFactory(
        forum=demo_session.forum,
        date=demo_session.date,
        slug="a-long-printed-session",
        title_en="Financing the social economy where the banks do not go",
        summary_en="\n\n".join(PARAGRAPH.format(n=n) for n in ORDINALS[:2]),
        guiding_question_en="What makes a community fund last?",
        guiding_synthesis_en=PARAGRAPH.format(n="last"),
        moderator=speakers[0],
    )
    session.themes.set(demo_session.themes.all())
    for order, ordinal in enumerate(ORDINALS, start=1):
        PresentationFactory(
            session=session,
            speaker=speakers[order % len(speakers)],
            order=order,
            title_en=f"The {ordinal} fund: savings that stay in the valley" + " and grow" * order,
            summary_en="\n\n".join(PARAGRAPH.format(n=ordinal) for _ in range(1 + order % 3)),
        )
    for order in range(1, 4):
        AudienceQuestionFactory(session=session, order=order, answer_en=PARAGRAPH.format(n="a"))
    for order, speaker in enumerate(speakers[:2], start=1):
        ClosingRemarkFactory(
            session=session, speaker=speaker, order=order, text_en=PARAGRAPH.format(n="closing")
        )
    return session


def test_printed_session_holds_together(browser, demo):
    """A session printed to PDF by Chromium: each heading on the page of the text it
    introduces, margins of at least 1.5 cm, the citation box on one page, the addresses of
    the links printed, and no site navigation nor footer."""
    session = long_session()
    context, page = new_page(browser, "desktop")
    try:
        with translation.override("en"):
            page.goto(f"{demo.url}{session.get_absolute_url()}")
        screen = page.evaluate(
            """() => ({
                navigation: [...document.querySelectorAll("header nav")].map(
                    (nav) => [...nav.querySelectorAll("a")].map((a) => a.innerText).join(" ")),
                footer: [...document.querySelectorAll("body > footer p")].map((p) => p.innerText),
            })"""
        )
        page.emulate_media(media="print")
        printed = page.evaluate(PRINTED_PARTS)
        document = PrintedDocument(page.pdf(format="A4", prefer_css_page_size=True))
    finally:
        context.close()

    assert len(document.pages) >= 2, "the session should print on several pages"
    assert len(printed["headings"]) >= 12, printed["headings"]
    problems = document.stranded_headings(printed["headings"]) + document.narrow_margins()
    if not printed["cite"]:
        problems.append("the citation box is not printed")
    elif not document.on_one_page(printed["cite"]):
        problems.append("the citation box is split between pages")
    unprinted = {
        link["absolute"]: link["text"]
        for link in printed["links"]
        if link["href"] not in document and link["absolute"] not in document
    }
    problems += [
        f"the link “{text}” is printed without its address {address}"
        for address, text in unprinted.items()
    ]
    problems += [
        f"the site navigation is printed: {navigation}"
        for navigation in screen["navigation"]
        if navigation in document
    ]
    problems += [f"the footer is printed: {line}" for line in screen["footer"] if line in document]
    assert not problems, "The printed session:\n" + "\n".join(problems)
