"""Moderators add closing remarks to their own sessions, and nothing else."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from sessions.models import ClosingRemark, Session
from tests.factories import (
    ClosingRemarkFactory,
    PresentationFactory,
    SessionFactory,
    SpeakerFactory,
)
from tests.helpers import admin_session_form

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "plain", "moderator_a", "moderator_b", "editor", "superuser"]


@pytest.fixture
def world(django_user_model, editor):
    def moderator(username, session):
        user = django_user_model.objects.create_user(username=username, password="x-long-pass-1")
        user.groups.add(Group.objects.get(name="Moderators"))
        session.moderator.user = user
        session.moderator.save()
        return user

    session_a = SessionFactory(slug="session-a", title_en="Session A", moderator=SpeakerFactory())
    session_b = SessionFactory(slug="session-b", title_en="Session B", moderator=SpeakerFactory())
    users = {
        "anonymous": None,
        "plain": django_user_model.objects.create_user(username="plain", password="x-long-pass-1"),
        "moderator_a": moderator("mod-a", session_a),
        "moderator_b": moderator("mod-b", session_b),
        "editor": editor,
        "superuser": django_user_model.objects.create_superuser(
            username="root", password="x-long-pass-1"
        ),
    }
    remark_b = ClosingRemarkFactory(
        session=session_b,
        speaker=session_b.moderator,
        order=1,
        text_en="Remark by B",
        created_by=users["moderator_b"],
    )
    return {"a": session_a, "b": session_b, "users": users, "remark_b": remark_b}


def remarks_post(session, new_text=None, edit=None, **extra):
    """The moderation form's POST: every existing remark as it is (or edited), plus a new one."""
    remarks = list(session.closing_remarks.order_by("order"))
    data = {
        "remarks-TOTAL_FORMS": str(len(remarks) + 1),
        "remarks-INITIAL_FORMS": str(len(remarks)),
        "remarks-MIN_NUM_FORMS": "0",
        "remarks-MAX_NUM_FORMS": "1000",
        **extra,
    }
    for i, remark in enumerate(remarks):
        data.update(
            {
                f"remarks-{i}-id": remark.pk,
                f"remarks-{i}-session": session.pk,
                f"remarks-{i}-speaker": remark.speaker_id,
                f"remarks-{i}-text_en": (edit or {}).get(remark.pk, remark.text_en),
                f"remarks-{i}-text_fr": remark.text_fr or "",
                f"remarks-{i}-position": remark.order,
            }
        )
    n = len(remarks)
    # The empty block, as a browser sends it: its position is prefilled.
    data.update({f"remarks-{n}-session": session.pk, f"remarks-{n}-position": n + 1})
    if new_text:
        data.update(
            {f"remarks-{n}-speaker": session.moderator_id, f"remarks-{n}-text_en": new_text}
        )
    return data


def as_role(client, world, role):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    return client


def view_public_session(client, world):
    return client.get(world["a"].get_absolute_url()).status_code == 200


def open_admin_index(client, world):
    return client.get(reverse("admin:index")).status_code == 200


def change_session_a(client, world):
    session = world["a"]
    client.post(
        reverse("admin:forum_sessions_session_change", args=[session.pk]),
        admin_session_form(session, title_en="Changed"),
    )
    client.post(
        reverse("sessions:closing-remarks", args=[session.slug]),
        remarks_post(session, title_en="Changed", title="Changed"),
    )
    return Session.objects.get(pk=session.pk).title_en == "Changed"


def add_remark(session_key):
    def action(client, world):
        session = world[session_key]
        client.post(
            reverse("sessions:closing-remarks", args=[session.slug]),
            remarks_post(session, new_text="Added through the moderation page"),
        )
        client.post(
            reverse("admin:forum_sessions_closingremark_add"),
            {
                "session": session.pk,
                "speaker": session.moderator_id,
                "text_en": "Added through the admin",
                "order": "7",
            },
        )
        return session.closing_remarks.exclude(pk=world["remark_b"].pk).exists()

    return action


def edit_other_moderators_remark(client, world):
    remark = world["remark_b"]
    client.post(
        reverse("sessions:closing-remarks", args=[world["b"].slug]),
        remarks_post(world["b"], edit={remark.pk: "Edited"}),
    )
    client.post(
        reverse("admin:forum_sessions_closingremark_change", args=[remark.pk]),
        {
            "session": remark.session_id,
            "speaker": remark.speaker_id,
            "text_en": "Edited",
            "order": remark.order,
        },
    )
    return ClosingRemark.objects.get(pk=remark.pk).text_en == "Edited"


def delete_session_a(client, world):
    client.post(
        reverse("admin:forum_sessions_session_delete", args=[world["a"].pk]), {"post": "yes"}
    )
    return not Session.objects.filter(pk=world["a"].pk).exists()


def import_a_report(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.sessions.test_import import REPORT

    url = reverse("admin:forum_sessions_session_import")
    preview = client.post(url, {"report": SimpleUploadedFile("r.md", REPORT.encode())})
    payload = preview.context.get("payload") if preview.context else None
    if payload:
        client.post(url, {"payload": payload})
    return Session.objects.filter(title_en__startswith="Public procurement").exists()


def open_user_admin(client, world):
    return client.get(reverse("admin:auth_user_changelist")).status_code == 200


MATRIX = {
    view_public_session: {
        "anonymous",
        "plain",
        "moderator_a",
        "moderator_b",
        "editor",
        "superuser",
    },
    open_admin_index: {"editor", "superuser"},
    change_session_a: {"editor", "superuser"},
    add_remark("a"): {"moderator_a", "editor", "superuser"},
    add_remark("b"): {"moderator_b", "editor", "superuser"},
    edit_other_moderators_remark: {"moderator_b", "editor", "superuser"},
    delete_session_a: {"editor", "superuser"},
    open_user_admin: {"superuser"},
    import_a_report: {"editor", "superuser"},
}
ACTION_NAMES = {
    view_public_session: "view-public-session",
    open_admin_index: "open-admin-index",
    change_session_a: "change-session-a",
    delete_session_a: "delete-session-a",
    edit_other_moderators_remark: "edit-moderator-b-remark",
    open_user_admin: "open-user-admin",
    import_a_report: "import-a-report",
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("action", "allowed"),
    list(MATRIX.items()),
    ids=lambda v: ACTION_NAMES.get(v, getattr(v, "__qualname__", str(v))) if callable(v) else "",
)
def test_permission_matrix(client, world, role, action, allowed):
    assert action(as_role(client, world, role), world) is (role in allowed)


def test_moderator_sees_only_their_own_sessions(client, world):
    client.force_login(world["users"]["moderator_a"])

    response = client.get(reverse("sessions:moderation"))

    assert [s.slug for s in response.context["sessions"]] == ["session-a"]
    assert client.get(reverse("sessions:closing-remarks", args=["session-b"])).status_code == 404


def test_plain_user_is_refused_and_anonymous_is_sent_to_login(client, world):
    url = reverse("sessions:moderation")
    assert client.get(url).url == f"/en/accounts/login/?next={url}"
    client.force_login(world["users"]["plain"])
    assert client.get(url).status_code == 403


def test_tampered_post_changes_nothing_but_the_remarks(client, world):
    session = world["a"]
    before = Session.objects.filter(pk=session.pk).values().get()
    themes_before = list(session.themes.all())
    client.force_login(world["users"]["moderator_a"])

    response = client.post(
        reverse("sessions:closing-remarks", args=[session.slug]),
        remarks_post(
            session,
            new_text="We must act collectively.",
            title="Hacked",
            title_en="Hacked",
            date="1999-01-01",
            is_published="",
            published="false",
            themes="1",
            slug="hacked",
            forum="999",
        ),
    )

    assert response.status_code == 302
    after = Session.objects.filter(pk=session.pk).values().get()
    assert {k: v for k, v in after.items() if k != "updated_at"} == {
        k: v for k, v in before.items() if k != "updated_at"
    }
    assert list(session.themes.all()) == themes_before
    [remark] = session.closing_remarks.all()
    assert (remark.text_en, remark.order, remark.created_by) == (
        "We must act collectively.",
        1,
        world["users"]["moderator_a"],
    )


def test_moderator_cannot_move_a_remark_to_another_session(client, world):
    client.force_login(world["users"]["moderator_a"])
    data = remarks_post(world["a"], new_text="Mine")
    data["remarks-0-session"] = world["b"].pk

    response = client.post(reverse("sessions:closing-remarks", args=["session-a"]), data)

    assert response.status_code == 200
    assert not world["a"].closing_remarks.exists()
    assert list(world["b"].closing_remarks.all()) == [world["remark_b"]]


def test_moderator_may_write_on_behalf_of_the_sessions_speakers_only(client, world):
    session = world["a"]
    presenter = PresentationFactory(session=session, order=1).speaker
    client.force_login(world["users"]["moderator_a"])
    url = reverse("sessions:closing-remarks", args=[session.slug])
    data = remarks_post(session, new_text="On behalf of a presenter")
    data["remarks-0-speaker"] = presenter.pk
    client.post(url, data)
    data = remarks_post(session, new_text="On behalf of a stranger")
    data["remarks-1-speaker"] = world["b"].moderator_id
    response = client.post(url, data)

    assert [r.speaker for r in session.closing_remarks.all()] == [presenter]
    assert response.context["formset"].forms[1].errors == {
        "speaker": ["Select a valid choice. That choice is not one of the available choices."]
    }


def test_moderator_reorders_and_deletes_remarks(client, world):
    session = world["b"]
    second = ClosingRemarkFactory(
        session=session, speaker=session.moderator, order=2, text_en="Second"
    )
    third = ClosingRemarkFactory(
        session=session, speaker=session.moderator, order=3, text_en="Third"
    )
    client.force_login(world["users"]["moderator_b"])
    data = remarks_post(session)
    # Swap the first two, delete the third.
    data["remarks-0-position"] = "2"
    data["remarks-1-position"] = "1"
    data["remarks-2-DELETE"] = "on"

    response = client.post(reverse("sessions:closing-remarks", args=[session.slug]), data)

    assert response.status_code == 302
    assert [(r.order, r.text_en) for r in session.closing_remarks.order_by("order")] == [
        (1, "Second"),
        (2, "Remark by B"),
    ]
    assert not ClosingRemark.objects.filter(pk=third.pk).exists()
    assert second.history.count() == 2


def test_remark_without_english_text_is_refused_with_a_message(client, world):
    client.force_login(world["users"]["moderator_a"])
    data = remarks_post(world["a"], new_text="x")
    data["remarks-0-text_en"] = ""
    data["remarks-0-text_fr"] = "Seulement en français"

    response = client.post(reverse("sessions:closing-remarks", args=["session-a"]), data)

    assert response.context["formset"].forms[0].errors == {"text_en": ["This field is required."]}
    assert not world["a"].closing_remarks.exists()


def test_session_page_offers_the_form_only_to_its_moderator(client, world):
    link = reverse("sessions:closing-remarks", args=["session-a"])

    assert link not in client.get("/en/sessions/session-a/").content.decode()
    client.force_login(world["users"]["moderator_b"])
    assert link not in client.get("/en/sessions/session-a/").content.decode()
    client.force_login(world["users"]["moderator_a"])
    assert link in client.get("/en/sessions/session-a/").content.decode()
