"""A report of a session already published becomes, if the editor says so, a draft revision of
it: the public page stays as it is while the draft is checked, and publishing the revision
puts the new content into the published session, at its address, leaving one session."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sessions.importer import import_report
from sessions.models import Presentation, Session
from tests.sessions.test_import import REPORT

pytestmark = pytest.mark.django_db

OLD = "She described how women's cooperatives sell to school canteens."
NEW = "She described how women's cooperatives sell to school canteens and hospitals."
CORRECTED = REPORT.replace(OLD, NEW)


@pytest.fixture
def published():
    session = import_report(REPORT.encode(), "first.md").session
    Session.objects.filter(pk=session.pk).update(is_published=True)
    return Session.objects.get(pk=session.pk)


def preview(client, text=CORRECTED):
    response = client.post(
        reverse("admin:forum_sessions_session_import"),
        {"report": SimpleUploadedFile("corrected.md", text.encode(), "text/markdown")},
    )
    assert response.status_code == 200
    page = response.content.decode()
    return page, re.search(r'name="payload" value="([^"]+)"', page).group(1)


def confirm(client, payload, button="as_revision"):
    return client.post(
        reverse("admin:forum_sessions_session_import"),
        {"payload": payload, button: "yes"},
        follow=True,
    )


def summaries(session):
    return [p.summary_en for p in session.presentations.order_by("order")]


def test_the_preview_offers_a_revision_or_a_separate_draft(client, editor, published):
    client.force_login(editor)

    page, _payload = preview(client)

    assert "Import as a draft revision of the published session" in page
    assert "Import as a separate draft" in page
    assert f'href="/en/sessions/{published.slug}/"' in page


def test_a_revision_waits_as_a_draft_while_the_public_page_stays(client, editor, published):
    client.force_login(editor)
    _page, payload = preview(client)

    response = confirm(client, payload)

    assert "imported as a draft revision of" in response.content.decode()
    revision = Session.objects.get(revision_of=published)
    assert not revision.is_published
    assert NEW in summaries(revision)
    assert OLD in summaries(published)
    public = client.get(published.get_absolute_url()).content.decode()
    assert "school canteens." in public and "hospitals" not in public

    _page, payload = preview(client)  # the report corrected once more: the same revision
    confirm(client, payload)
    assert Session.objects.filter(revision_of=published).count() == 1
    assert Session.objects.count() == 2


def test_a_separate_draft_is_not_a_revision(client, editor, published):
    client.force_login(editor)
    _page, payload = preview(client)

    confirm(client, payload, button="as_separate")

    assert Session.objects.count() == 2
    assert not Session.objects.filter(revision_of__isnull=False).exists()


def test_publishing_the_revision_replaces_the_published_content(client, editor, published):
    client.force_login(editor)
    _page, payload = preview(client)
    confirm(client, payload)
    revision = Session.objects.get(revision_of=published)
    old_parts = set(published.presentations.values_list("pk", flat=True))

    response = client.post(
        reverse("admin:forum_sessions_session_changelist"),
        {"action": "publish", "_selected_action": [revision.pk]},
        follow=True,
    )

    assert "1 session published" in response.content.decode()
    assert list(Session.objects.values_list("pk", "slug", "is_published")) == [
        (published.pk, published.slug, True)
    ]
    session = Session.objects.get()
    assert NEW in summaries(session)
    assert (
        "school canteens and hospitals" in client.get(session.get_absolute_url()).content.decode()
    )
    reasons = {record.history_change_reason for record in session.history.all()[:1]}
    assert reasons == {"revision published"}
    # What it replaced is in the history, and can come back.
    history = client.get(
        reverse("admin:forum_sessions_session_history", args=[session.pk])
    ).content.decode()
    deleted = history[history.index("Deleted from this session") :]
    assert "Markets for cooperatives" in deleted and "Buying local and social" in deleted
    assert not Presentation.objects.filter(pk__in=old_parts).exists()


def test_publishing_the_revision_from_its_form_opens_the_published_session(
    client, editor, published
):
    client.force_login(editor)
    _page, payload = preview(client)
    confirm(client, payload)
    revision = Session.objects.get(revision_of=published)
    form = client.get(reverse("admin:forum_sessions_session_change", args=[revision.pk]))
    data = _form_data(form)
    data["is_published"] = "on"

    response = client.post(reverse("admin:forum_sessions_session_change", args=[revision.pk]), data)

    assert response.status_code == 302, response.context["errors"] if response.context else ""
    assert response.url == reverse("admin:forum_sessions_session_change", args=[published.pk])
    assert Session.objects.count() == 1
    assert NEW in summaries(Session.objects.get())


def test_a_twin_unpublished_meanwhile_stops_the_revision(client, editor, published):
    client.force_login(editor)
    _page, payload = preview(client)
    Session.objects.filter(pk=published.pk).update(is_published=False)

    response = confirm(client, payload)

    assert "no longer published" in response.content.decode()
    assert Session.objects.count() == 1


def _form_data(response):
    """What the browser would send back from the change form, as the editor found it."""
    data = {}
    for form in [response.context["adminform"].form] + [
        inline.formset for inline in response.context["inline_admin_formsets"]
    ]:
        forms = [form] if not hasattr(form, "forms") else [form.management_form, *form.forms]
        for each in forms:
            for name, field in each.fields.items():
                value = each[name].value()
                if value is None or field.disabled:
                    continue
                key = each.add_prefix(name)
                if isinstance(value, list | tuple):
                    data[key] = [str(v) for v in value]
                elif isinstance(value, bool):
                    if value:
                        data[key] = "on"
                else:
                    data[key] = str(value)
    return data


def test_the_revisions_preview_names_the_page_it_will_replace(client, editor, published):
    client.force_login(editor)
    _page, payload = preview(client)
    confirm(client, payload)
    revision = Session.objects.get(revision_of=published)

    page = client.get(revision.get_absolute_url()).content.decode()

    assert "This draft revises the published session" in page
    assert f'href="{published.get_absolute_url()}"' in page
    assert "school canteens and hospitals" in page
