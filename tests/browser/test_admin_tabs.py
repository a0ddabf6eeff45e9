import pytest

from tests.factories import ForumFactory

# serialized_rollback: the live server needs committed rows, and the rows that migrations
# create (languages, the Editors group) must be back for the tests that run after these.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_admin_translation_tabs_switch_between_english_and_french(page, live_server, admin_user):
    ForumFactory(name="GSEF Global Virtual Forum 2020")
    offline_requests = []
    page.on(
        "request",
        lambda request: (
            offline_requests.append(request.url)
            if not request.url.startswith(live_server.url)
            else None
        ),
    )

    page.goto(f"{live_server.url}/en/admin/login/?next=/en/admin/forum_sessions/session/add/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    page.wait_for_url("**/forum_sessions/session/add/")

    title_en = page.locator("#id_title_en")
    title_fr = page.locator("#id_title_fr")
    tabs = page.locator(".ui-tabs-nav").first
    assert tabs.is_visible()
    assert title_en.is_visible()
    assert not title_fr.is_visible()

    tabs.get_by_text("fr", exact=True).click()
    assert title_fr.is_visible()
    assert not title_en.is_visible()
    title_fr.fill("Comment pérenniser l'ESS")
    assert title_fr.input_value() == "Comment pérenniser l'ESS"

    # Everything the page needed came from our own server: the tabs work offline.
    assert offline_requests == []
