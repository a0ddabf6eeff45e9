"""Every create, change and delete of content is on record, with who and when."""

import pytest
from django.urls import reverse

from sessions.models import ClosingRemark, Session
from tests.factories import ClosingRemarkFactory, SessionFactory, SpeakerFactory
from tests.helpers import admin_session_form

pytestmark = pytest.mark.django_db


def test_admin_change_is_recorded_with_who_and_when(client, editor):
    session = SessionFactory(title_en="Kindred")
    client.force_login(editor)

    client.post(
        reverse("admin:forum_sessions_session_change", args=[session.pk]),
        admin_session_form(session, title_en="Kindred, revised"),
    )

    latest, created = session.history.all()[:2]
    assert (latest.history_type, latest.history_user, latest.title_en) == (
        "~",
        editor,
        "Kindred, revised",
    )
    assert (created.history_type, created.title_en) == ("+", "Kindred")
    assert latest.history_date >= created.history_date
    page = client.get(
        reverse("admin:forum_sessions_session_history", args=[session.pk])
    ).content.decode()
    assert "editor" in page
    assert "Title [en]" in page  # the history lists what changed


def test_delete_is_recorded_with_who(client, editor):
    remark = ClosingRemarkFactory()
    client.force_login(editor)

    client.post(
        reverse("admin:forum_sessions_closingremark_delete", args=[remark.pk]), {"post": "yes"}
    )

    assert not ClosingRemark.objects.filter(pk=remark.pk).exists()
    deleted = ClosingRemark.history.filter(id=remark.pk).first()
    assert (deleted.history_type, deleted.history_user) == ("-", editor)


def test_editor_reverts_a_change_from_the_history(client, editor):
    session = SessionFactory(title_en="Kindred", title_fr="Kindred (FR)")
    client.force_login(editor)
    change_url = reverse("admin:forum_sessions_session_change", args=[session.pk])
    client.post(change_url, admin_session_form(session, title_en="Wrong", title_fr="Faux"))
    original = session.history.earliest("history_date")

    revert_url = reverse(
        "admin:forum_sessions_session_simple_history", args=[session.pk, original.history_id]
    )
    response = client.get(revert_url)
    initial = response.context["adminform"].form.initial
    assert (initial["title_en"], initial["title_fr"]) == ("Kindred", "Kindred (FR)")
    client.post(
        revert_url,
        admin_session_form(session, title_en=initial["title_en"], title_fr=initial["title_fr"]),
    )

    session.refresh_from_db()
    assert (session.title_en, session.title_fr) == ("Kindred", "Kindred (FR)")
    assert [h.title_en for h in session.history.all()] == ["Kindred", "Wrong", "Kindred"]
    assert session.history.first().history_user == editor


def test_moderator_changes_are_recorded_under_their_name(client, django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(username="victor", password="x-long-pass-1")
    user.groups.add(Group.objects.get(name="Moderators"))
    session = SessionFactory(moderator=SpeakerFactory(user=user))
    client.force_login(user)

    client.post(
        reverse("sessions:closing-remarks", args=[session.slug]),
        {
            "remarks-TOTAL_FORMS": "1",
            "remarks-INITIAL_FORMS": "0",
            "remarks-0-speaker": session.moderator_id,
            "remarks-0-text_en": "Act collectively.",
            "remarks-0-position": "1",
        },
    )

    remark = session.closing_remarks.get()
    assert remark.created_by == user
    assert [(h.history_type, h.history_user) for h in remark.history.all()] == [("+", user)]
    assert Session.history.filter(id=session.pk).count() == 1  # the session itself untouched


def test_closing_remarks_show_staff_who_entered_them(admin_client, django_user_model):
    author = django_user_model.objects.create_user(username="victor")
    remark = ClosingRemarkFactory(created_by=author)

    page = admin_client.get(
        reverse("admin:forum_sessions_session_change", args=[remark.session_id])
    ).content.decode()
    listing = admin_client.get(reverse("admin:forum_sessions_closingremark_changelist"))

    assert "<label>Entered by:</label>" in page
    assert f'<a href="/en/admin/auth/user/{author.pk}/change/">victor</a></div>' in page
    assert author in [r.created_by for r in listing.context["cl"].result_list]
