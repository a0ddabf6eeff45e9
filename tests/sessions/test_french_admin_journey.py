"""An editor's whole week in the French admin: import a report, preview the draft, translate
it, publish it, delete a question by mistake and bring it back, without leaving /fr/admin/
or publishing blind."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from sessions.models import Session
from tests.helpers import admin_session_form
from tests.sessions.test_import import REPORT

pytestmark = pytest.mark.django_db


def fr(name, *args):
    with translation.override("fr"):
        return reverse(name, args=args)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_import_preview_translate_publish_and_undo_in_french(client, editor):
    client.force_login(editor)

    # Import: the preview, then the draft.
    upload = SimpleUploadedFile("bordeaux.md", REPORT.encode(), "text/markdown")
    preview = client.post(fr("admin:forum_sessions_session_import"), {"report": upload})
    page = preview.content.decode()
    assert "Rien n’a encore été enregistré" in page  # the preview, in French
    assert "Importer comme brouillon" in page
    payload = re.search(r'name="payload" value="([^"]+)"', page).group(1)
    response = client.post(fr("admin:forum_sessions_session_import"), {"payload": payload})
    session = Session.objects.get()
    change = fr("admin:forum_sessions_session_change", session.pk)
    assert response.url == change
    form = client.get(change)
    assert any("importé comme brouillon" in m for m in messages_of(form))

    # Preview the draft as visitors will see it: marked, and still hidden from them.
    with translation.override("fr"):
        draft_url = session.get_absolute_url()
    assert re.search(r"Brouillon\s:\snon public", client.get(draft_url).content.decode())

    # What lacks French shows in the list; translating the title and publishing clear it.
    changelist = client.get(fr("admin:forum_sessions_session_changelist")).content.decode()
    assert "Français manquant" in changelist
    data = admin_session_form(
        session, title_fr="Des achats publics favorables à l’économie sociale", is_published="on"
    )
    response = client.post(change, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    session.refresh_from_db()
    assert session.is_published and session.title_fr.startswith("Des achats publics")
    client.logout()
    assert client.get(draft_url).status_code == 200  # public now
    client.force_login(editor)

    # A question deleted by mistake comes back from the history.
    question = session.questions.order_by("order").first()
    client.post(change, admin_session_form(session, delete=[question]))
    assert not session.questions.filter(pk=question.pk).exists()
    history = client.get(fr("admin:forum_sessions_session_history", session.pk)).content.decode()
    assert "Supprimé de cette session" in history
    restore = re.findall(r'action="([^"]*/history/restore/[^"]*)"', history)
    assert len(restore) == 1 and restore[0].startswith("/fr/admin/")
    response = client.post(restore[0], follow=True)
    assert any("est de retour dans la session" in m for m in messages_of(response))
    assert session.questions.filter(pk=question.pk).exists()
