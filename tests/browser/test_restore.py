"""An editor deletes an audience question by mistake in the session's form, finds it in the
session's history and restores it; the public page shows it again. In a real browser, in the
English and the French admin."""

import pytest

from tests.browser.accessibility import check_accessibility
from tests.browser.accounts import log_in_to_admin, staff_user
from tests.factories import AudienceQuestionFactory, SessionFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-long-editor-password"
WORDS = {
    "en": {"restore": "Restore", "back": "is back in the session", "deleted": "Deleted from"},
    "fr": {"restore": "Restaurer", "back": "est de retour dans la session", "deleted": "Supprimé"},
}


@pytest.fixture
def session(live_server):
    session = SessionFactory(title_en="Pricing care work", slug="pricing-care", is_published=True)
    AudienceQuestionFactory(
        session=session, order=1, question_en="Who pays for the time banks?", asker_name="Ama"
    )
    return session


@pytest.fixture
def editor(live_server):
    return staff_user(
        "editor",
        PASSWORD,
        "view_session",
        "change_session",
        "view_audiencequestion",
        "add_audiencequestion",
        "change_audiencequestion",
        "delete_audiencequestion",
    )


@pytest.mark.parametrize("language", ["en", "fr"])
def test_an_editor_restores_a_question_deleted_by_mistake(
    page, live_server, session, editor, language
):
    words = WORDS[language]
    change = f"/{language}/admin/forum_sessions/session/{session.pk}/change/"
    log_in_to_admin(page, live_server, "editor", PASSWORD, change)

    page.check("#id_questions-0-DELETE")
    page.click("input[name=_continue]")
    page.wait_for_url(f"{live_server.url}{change}")
    assert not session.questions.exists()

    page.goto(f"{live_server.url}{change.replace('/change/', '/history/')}")
    deleted = page.locator("#deleted-parts")
    assert words["deleted"] in deleted.locator("h2").inner_text()
    assert "Who pays for the time banks?" in deleted.inner_text()
    assert "editor" in deleted.inner_text()
    check_accessibility(page)
    deleted.get_by_role("button", name=words["restore"]).click()

    assert words["back"] in page.locator(".messagelist").inner_text()
    assert page.locator("#deleted-parts button").count() == 0
    public = page.context.new_page()
    public.goto(f"{live_server.url}/{language}/sessions/pricing-care/")
    assert "Who pays for the time banks?" in public.locator("main").inner_text()
