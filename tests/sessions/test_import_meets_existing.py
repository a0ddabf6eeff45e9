"""An import that meets what the knowledge base holds already: a published session it may
repeat is named in the preview, and a draft's address is short and stays editable until the
session is first published."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sessions.importer import import_report
from sessions.models import Session
from tests.sessions.test_import import REPORT

pytestmark = pytest.mark.django_db

TITLE = "Public procurement that favours the social economy"


def preview(client, editor, text):
    client.force_login(editor)
    response = client.post(
        reverse("admin:forum_sessions_session_import"),
        {"report": SimpleUploadedFile("bordeaux.md", text.encode(), "text/markdown")},
    )
    assert response.status_code == 200
    return response.content.decode()


def published_copy():
    session = import_report(REPORT.encode(), "first.md").session
    Session.objects.filter(pk=session.pk).update(is_published=True)
    return Session.objects.get(pk=session.pk)


def test_the_preview_names_a_published_session_with_the_same_title(client, editor):
    published = published_copy()

    page = preview(client, editor, REPORT)

    assert "a published session may be this one: “" + TITLE + "”" in page
    assert f"/en/sessions/{published.slug}/" in page
    assert Session.objects.count() == 1  # a preview writes nothing


def test_the_preview_names_one_with_the_same_forum_date_and_moderator(client, editor):
    published_copy()
    retitled = REPORT.replace(TITLE, "Buying social: what cities learnt")

    page = preview(client, editor, retitled)

    assert "a published session may be this one: “" + TITLE + "”" in page


def test_a_report_of_another_session_is_not_flagged(client, editor):
    published_copy()
    other = REPORT.replace(TITLE, "Buying social").replace("Date: 3 May", "Date: 4 May")

    assert "a published session may be this one" not in preview(client, editor, other)


def test_a_drafts_slug_is_short_and_made_of_whole_words():
    long_title = (
        "Public procurement that favours the social economy in the cities and regions "
        "of Europe, Africa and the Americas"
    )

    session = import_report(REPORT.replace(TITLE, long_title).encode(), "long.md").session

    assert session.slug == "public-procurement-that-favours-the-social-economy-in"
    assert len(session.slug) <= 60
    again = import_report(
        REPORT.replace(TITLE, long_title + " (2)").replace("Date: 3 May", "Date: 4 May").encode(),
        "long-2.md",
    ).session
    assert again.slug == "public-procurement-that-favours-the-social-economy-in-2"


def test_a_drafts_slug_stays_editable_until_it_is_first_published(client, editor):
    session = import_report(REPORT.encode(), "first.md").session
    client.force_login(editor)
    change = reverse("admin:forum_sessions_session_change", args=[session.pk])

    assert 'name="slug"' in client.get(change).content.decode()

    session.is_published = True
    session.save()
    assert 'name="slug"' not in client.get(change).content.decode()

    session.is_published = False
    session.save()  # unpublished again: its address may have been cited meanwhile
    assert 'name="slug"' not in client.get(change).content.decode()
