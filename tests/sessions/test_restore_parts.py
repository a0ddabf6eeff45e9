"""A part deleted by mistake comes back from the session's history, and reverting a session
brings its parts back as they were; every row written says why."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from sessions.models import AudienceQuestion, ClosingRemark, Presentation
from tests.factories import (
    AudienceQuestionFactory,
    ClosingRemarkFactory,
    InitiativeFactory,
    PresentationFactory,
    SessionFactory,
)
from tests.helpers import admin_session_form

pytestmark = pytest.mark.django_db


def change(client, session, **kwargs):
    url = reverse("admin:forum_sessions_session_change", args=[session.pk])
    response = client.post(url, admin_session_form(session, **kwargs))
    assert response.status_code == 302, response.context["errors"] if response.context else ""


def history_page(client, session):
    url = reverse("admin:forum_sessions_session_history", args=[session.pk])
    return client.get(url).content.decode()


def restore_buttons(page):
    return re.findall(r'action="([^"]*/history/restore/[^"]*)"', page)


@pytest.fixture
def session():
    session = SessionFactory(title_en="Financing the commons", is_published=True)
    PresentationFactory(session=session, order=1, title_en="A fund for care cooperatives")
    AudienceQuestionFactory(session=session, order=1, question_en="Who pays for the evaluation?")
    ClosingRemarkFactory(session=session, order=1, text_en="Keep the networks talking.")
    return session


def test_a_question_deleted_inline_is_listed_with_who_and_when(client, editor, session):
    client.force_login(editor)

    change(client, session, delete=list(session.questions.all()))

    assert not session.questions.exists()
    page = history_page(client, session)
    versions = page[: page.index("Deleted from this session")]
    # The session's row for that save is not empty: it says which part went, and only that
    # (fields the form turned from NULL into "" are no change).
    assert re.search(r"Audience question 1:</strong>\s*Who pays for the evaluation\?", versions)
    assert "Summary [en]" not in versions
    deleted = page[page.index("Deleted from this session") :]
    assert "Who pays for the evaluation?" in deleted
    assert "editor" in deleted
    assert len(restore_buttons(page)) == 1
    record = AudienceQuestion.history.latest("history_date")
    assert (record.history_type, record.history_change_reason) == ("-", "admin")


def test_restore_brings_the_question_back_where_it_was(client, editor, session):
    client.force_login(editor)
    question = session.questions.get()
    change(client, session, delete=[question])

    response = client.post(restore_buttons(history_page(client, session))[0], follow=True)

    back = AudienceQuestion.objects.get()
    assert (back.pk, back.order, back.question_en) == (question.pk, 1, question.question_en)
    assert "is back in the session, number 1" in response.content.decode()
    assert back.history.latest("history_date").history_change_reason == "restored"
    assert back.history.latest("history_date").history_user == editor
    public = client.get(session.get_absolute_url()).content.decode()
    assert "Who pays for the evaluation?" in public
    assert restore_buttons(history_page(client, session)) == []


def test_a_restored_part_whose_place_was_taken_goes_last(client, editor, session):
    client.force_login(editor)
    remark = session.closing_remarks.get()
    change(client, session, delete=[remark])
    ClosingRemarkFactory(session=session, order=1, text_en="A newer remark.")

    client.post(restore_buttons(history_page(client, session))[0])

    assert list(session.closing_remarks.values_list("text_en", "order")) == [
        ("A newer remark.", 1),
        ("Keep the networks talking.", 2),
    ]
    assert ClosingRemark.objects.get(pk=remark.pk).created_at == remark.created_at


def test_a_presentation_comes_back_with_its_initiatives(client, editor, session):
    client.force_login(editor)
    presentation = session.presentations.get()
    fund = InitiativeFactory(name_en="Care Cooperatives Fund")
    presentation.initiatives.add(fund)

    change(client, session, delete=[presentation])
    client.post(restore_buttons(history_page(client, session))[0])

    assert list(Presentation.objects.get(pk=presentation.pk).initiatives.all()) == [fund]


def test_a_part_whose_speaker_is_gone_cannot_come_back(client, editor, session):
    client.force_login(editor)
    presentation = session.presentations.get()
    change(client, session, delete=[presentation])
    presentation.speaker.delete()

    response = client.post(restore_buttons(history_page(client, session))[0], follow=True)

    assert "its speaker no longer exists" in response.content.decode()
    assert not Presentation.objects.exists()


def test_a_remark_deleted_on_the_moderators_page_is_listed(client, editor, session):
    remark = session.closing_remarks.get()
    remark._change_reason = "moderator page"
    remark.delete()
    client.force_login(editor)

    page = history_page(client, session)

    assert "Keep the networks talking." in page[page.index("Deleted from this session") :]
    assert "moderator page" in page


def test_restoring_asks_for_a_post_and_the_right_session(client, editor, session):
    client.force_login(editor)
    change(client, session, delete=list(session.questions.all()))
    url = restore_buttons(history_page(client, session))[0]
    other = SessionFactory()

    assert client.get(url).status_code == 405
    assert client.post(url.replace(f"/{session.pk}/", f"/{other.pk}/")).status_code == 404
    assert client.post(url.replace("audiencequestion", "forum")).status_code == 404
    assert not AudienceQuestion.objects.exists()


def test_someone_who_may_only_view_cannot_restore(client, django_user_model, session):
    viewer = django_user_model.objects.create_user("viewer", password="x-long-pass-1")
    viewer.is_staff = True
    viewer.save()
    viewer.user_permissions.add(
        Permission.objects.get(content_type__app_label="forum_sessions", codename="view_session")
    )
    question = session.questions.get()
    question.delete()
    record = AudienceQuestion.history.latest("history_date")
    client.force_login(viewer)
    url = reverse(
        "admin:forum_sessions_session_restore_part",
        args=[session.pk, "audiencequestion", record.history_id],
    )

    assert restore_buttons(history_page(client, session)) == []
    assert client.post(url).status_code == 403
    assert not AudienceQuestion.objects.exists()


def test_reverting_the_session_brings_its_parts_back_as_they_were(client, editor, session):
    client.force_login(editor)
    version = session.history.latest("history_date")
    presentation = session.presentations.get()
    question = session.questions.get()
    change(
        client,
        session,
        delete=[question],
        title_en="Financing the commons, edited",
        **{"closing_remarks-0-text_en": "Changed in the same save."},
    )
    assert session.closing_remarks.get().text_en == "Changed in the same save."
    added = PresentationFactory(session=session, order=2, title_en="Added afterwards")
    presentation_pk = presentation.pk
    presentation.delete()

    url = reverse(
        "admin:forum_sessions_session_simple_history", args=[session.pk, version.history_id]
    )
    form = client.get(url).context["adminform"].form
    data = admin_session_form(session, title_en=form.initial["title_en"])
    response = client.post(url, data)

    assert response.status_code == 302
    session.refresh_from_db()
    assert session.title_en == "Financing the commons"
    assert list(session.presentations.values_list("pk", "title_en")) == [
        (presentation_pk, "A fund for care cooperatives")
    ]
    assert list(session.questions.values_list("pk", flat=True)) == [question.pk]
    assert session.closing_remarks.get().text_en == "Keep the networks talking."
    reason = session.history.latest("history_date").history_change_reason
    assert reason.startswith("revert to ")
    assert Presentation.history.filter(id=added.pk).latest("history_date").history_type == "-"
    for model in (Presentation, AudienceQuestion, ClosingRemark):
        assert model.history.latest("history_date").history_change_reason == reason


def test_a_revert_that_cannot_bring_a_part_back_changes_nothing(client, editor, session):
    client.force_login(editor)
    version = session.history.latest("history_date")
    presentation = session.presentations.get()
    change(client, session, delete=[presentation], title_en="Edited")
    presentation.speaker.delete()

    url = reverse(
        "admin:forum_sessions_session_simple_history", args=[session.pk, version.history_id]
    )
    response = client.post(url, admin_session_form(session, title_en="Financing the commons"))

    assert response.status_code == 302
    session.refresh_from_db()
    assert session.title_en == "Edited"
    messages = [str(m) for m in client.get(response.url).context["messages"]]
    assert any("Nothing was reverted" in m and "speaker" in m for m in messages), messages
