"""A staff member imports a Word (.docx) report through the admin, in a real browser:
upload, preview (nothing written yet), confirm; and a PDF is refused with a clear message."""

import json
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from sessions.models import Session
from tests.sessions.word_reports import build

# serialized_rollback: the live server needs committed rows, and the rows that migrations
# create (languages, the Editors group) must be back for the tests that run after these.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

REPORT = "word-template-virtual.docx"
FACTS = json.loads(
    (
        Path(__file__).parents[1] / "sessions" / "reports" / "fidelity" / f"{REPORT}.facts.json"
    ).read_text(encoding="utf-8")
)
PASSWORD = "a-long-importer-password"


@pytest.fixture
def importer(live_server):
    user = get_user_model().objects.create_user(
        username="importer", password=PASSWORD, is_staff=True
    )
    # Permissions, not the Editors group: after a browser test flushes the database the group
    # (a migration's row) is gone, the permissions are made again. change_session: the import
    # lands on the session's change page.
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="forum_sessions",
            codename__in=["import_report", "change_session"],
        )
    )
    assert user.has_perms(["forum_sessions.import_report", "forum_sessions.change_session"])
    return user


@pytest.fixture
def import_page(page, live_server, importer):
    """The browser, logged in to the admin, on the import form."""
    url = reverse("admin:forum_sessions_session_import")
    page.goto(f"{live_server.url}{reverse('admin:login')}?next={url}")
    page.fill("#id_username", importer.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}{url}")
    return page


def upload(page, path):
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="Preview the import").click()
    page.wait_for_load_state()


def test_a_word_report_is_previewed_then_imported_as_a_draft(import_page, live_server, tmp_path):
    page = import_page
    report = tmp_path / REPORT
    report.write_bytes(build(REPORT))
    speakers = [name for name, _country in FACTS["speakers"]]

    upload(page, report)

    content = page.locator("#content")
    assert FACTS["title"] in page.locator("#content h2").inner_text()
    assert "Nothing has been written yet." in content.inner_text()
    preview = page.locator("#import-preview").inner_text()
    for name in [FACTS["moderator"], *speakers]:
        assert name in preview
    # No forum is in the database yet: the preview says one is made from the report.
    assert "was made from the report" in page.locator(".import-warnings").inner_text()
    assert Session.objects.count() == 0

    page.get_by_role("button", name="Import as a draft").click()
    page.wait_for_url(re.compile(r"/admin/forum_sessions/session/\d+/change/$"))

    assert "imported as a draft" in page.locator("ul.messagelist").inner_text()
    session = Session.objects.get()
    assert page.url == live_server.url + reverse(
        "admin:forum_sessions_session_change", args=[session.pk]
    )
    assert session.title == FACTS["title"]
    assert session.is_published is False
    assert [p.speaker.name for p in session.presentations.order_by("order")] == speakers
    assert session.moderator.name == FACTS["moderator"]


def test_a_pdf_is_refused_and_nothing_is_written(import_page, tmp_path):
    page = import_page
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF-1.4\n% a report saved as PDF\n")

    upload(page, report)

    assert "PDF files are not supported yet" in page.locator("#content .errorlist").inner_text()
    assert page.get_by_role("button", name="Preview the import").is_visible()
    assert Session.objects.count() == 0
