"""Every page type, in both languages, is valid HTML by the Nu HTML Checker (vnu).

vnu.jar comes from the npm registry package `vnu-jar` (`make test` fetches it into .venv/vnu/)
and runs on the machine's Java. The pages are rendered by the test client, written to files and
checked in one run of the checker: one Java start for all of them.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from tests.factories import AudienceQuestionFactory, ClosingRemarkFactory, SessionFactory
from tests.public_site import LANGUAGES, PUBLIC_PAGES, build_site, page_url
from tests.skips import missing

ROOT = Path(__file__).resolve().parent.parent
VNU = Path(os.environ.get("GSEF_VNU_JAR") or ROOT / ".venv" / "vnu" / "vnu.jar")

pytestmark = pytest.mark.django_db


def checker():
    java = shutil.which("java")
    if java is None:
        missing("Java, for the Nu HTML Checker,", "apt-get install default-jre-headless")
    if not VNU.exists():
        missing(f"the Nu HTML Checker ({VNU})", "make test (it fetches vnu-jar from npm)")
    return [java, "-Xss1m", "-jar", str(VNU)]


def check(files):
    """The checker's errors for these files, as 'file:line: message' lines."""
    result = subprocess.run(
        [*checker(), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]


def test_the_checker_finds_an_error_where_there_is_one(tmp_path):
    page = tmp_path / "broken.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>x</title></head>'
        '<body><form action=""></form><p><div></div></p></body></html>',
        encoding="utf-8",
    )

    errors = check([page])

    assert any("action" in error for error in errors), errors
    assert all(error.startswith("broken.html:") for error in errors)


def pages_of_every_type(client, django_user_model):
    """{file name: HTML} of every page type in both languages, as a visitor, a moderator and
    an editor (a draft's preview) see them, with filters, a search with results, a login form
    and a 404."""
    site = build_site()
    AudienceQuestionFactory(session=site.session, order=1)
    ClosingRemarkFactory(session=site.session, speaker=site.speaker, order=1)
    moderator = django_user_model.objects.create_user(username="mod", password="x-long-pass-1")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    site.speaker.user = moderator
    site.speaker.save()
    draft = SessionFactory(slug="draft", is_published=False, forum=site.forum)
    editor = django_user_model.objects.create_user(username="ed", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))

    pages = {}
    for language in LANGUAGES:
        addresses = {page: page_url(page, language) for page in PUBLIC_PAGES}
        with translation.override(language):
            addresses |= {
                "search-results": reverse("sessions:search") + "?q=finance&country=FR",
                "session-list-filtered": reverse("sessions:session-list")
                + "?country=FR&theme=theme&page=1",
                "initiative-list-filtered": reverse("sessions:initiative-list") + "?theme=theme",
                "speaker-list-filtered": reverse("sessions:speaker-list") + "?country=FR",
                "login": reverse("login"),
                "forum-filtered": reverse("sessions:forum-detail", args=["forum"])
                + "?type=workshop",
                "not-found": f"/{language}/no-such-page/",
            }
        for name, address in addresses.items():
            response = client.get(address)
            assert response.status_code == (404 if name == "not-found" else 200), address
            pages[f"{name}-{language}.html"] = response.content
        client.force_login(moderator)
        with translation.override(language):
            for name, address in {
                "moderation": reverse("sessions:moderation"),
                "closing-remarks": reverse("sessions:closing-remarks", args=[site.session.slug]),
            }.items():
                response = client.get(address)
                assert response.status_code == 200, address
                pages[f"{name}-{language}.html"] = response.content
        client.logout()
        client.force_login(editor)
        with translation.override(language):
            address = reverse("sessions:session-detail", args=[draft.slug])
        response = client.get(address)
        assert response.status_code == 200 and b"draft-banner" in response.content
        pages[f"draft-preview-{language}.html"] = response.content
        client.logout()
    return pages


def test_every_page_type_in_both_languages_is_valid_html(client, django_user_model, tmp_path):
    checker()  # before the pages: a missing checker says so at once
    files = []
    for name, html in pages_of_every_type(client, django_user_model).items():
        (tmp_path / name).write_bytes(html)
        files.append(tmp_path / name)

    assert len(files) == 2 * (len(PUBLIC_PAGES) + 10)
    assert check(files) == []
