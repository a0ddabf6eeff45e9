"""An editor opens a draft from the admin's "View on site" and sees its page marked as a
draft; a visitor at the same address gets the 404 page. In a real browser, in both languages."""

import pytest

from tests.browser.accessibility import check_accessibility
from tests.browser.accounts import log_in_to_admin, staff_user
from tests.factories import PresentationFactory, SessionFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-long-editor-password"


@pytest.fixture
def draft(live_server):
    session = SessionFactory(title_en="Pricing care work", slug="pricing-care", is_published=False)
    PresentationFactory(session=session, order=1, title_en="Time banks in Seoul")
    return session


@pytest.fixture
def editor(live_server):
    return staff_user("editor", PASSWORD, "view_session", "change_session")


@pytest.mark.parametrize(
    ("language", "banner"), [("en", "Draft: not public."), ("fr", "Brouillon")]
)
def test_an_editor_previews_a_draft_from_the_admin(
    page, browser, live_server, draft, editor, language, banner
):
    change = f"/{language}/admin/forum_sessions/session/{draft.pk}/change/"
    log_in_to_admin(page, live_server, "editor", PASSWORD, change)

    page.locator("a.viewsitelink").click()
    page.wait_for_url(f"{live_server.url}/{language}/sessions/pricing-care/")

    assert banner in page.locator(".draft-banner").inner_text()
    assert "Time banks in Seoul" in page.locator("main").inner_text()
    check_accessibility(page)

    visitor = browser.new_context().new_page()
    response = visitor.goto(f"{live_server.url}/{language}/sessions/pricing-care/")
    assert response.status == 404
    assert visitor.locator(".draft-banner").count() == 0
    visitor.context.close()
