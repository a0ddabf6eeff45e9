"""A moderator logs in on the public site and adds a closing remark, in a real browser."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from speakers.models import Speaker
from tests.browser.accessibility import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SESSION = "gsef2020-promotion-and-support-mechanisms"


@pytest.fixture
def moderator(demo):
    user = get_user_model().objects.create_user(username="victor", password="solidarity-2020!")
    # get_or_create: a live-server test may start on a flushed database.
    user.groups.add(Group.objects.get_or_create(name="Moderators")[0])
    Speaker.objects.filter(slug="victor-meseguer").update(user=user)
    return user


@pytest.mark.parametrize("language", ["en", "fr"])
def test_moderator_adds_a_closing_remark(page, demo, moderator, language):
    page.goto(f"{demo.url}/{language}/accounts/login/")
    check_accessibility(page)
    page.fill("#id_username", "victor")
    page.fill("#id_password", "solidarity-2020!")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{demo.url}/{language}/moderate/")
    check_accessibility(page)

    page.locator("main").get_by_role("link").first.click()
    page.wait_for_url(f"{demo.url}/{language}/moderate/{SESSION}/")
    check_accessibility(page)
    new = page.locator("fieldset.remark").last
    new.locator("select").select_option(label="Víctor Meseguer")
    new.locator("textarea").first.fill("Solidarity needs ideas as much as money.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{demo.url}/{language}/moderate/{SESSION}/")
    assert page.locator("ul.messages").is_visible()

    page.goto(f"{demo.url}/{language}/sessions/{SESSION}/")
    remarks = page.locator("section[aria-labelledby=remarks]").inner_text()
    assert "Solidarity needs ideas as much as money." in remarks
    assert remarks.index("Víctor Meseguer") < remarks.index("Solidarity needs ideas")
