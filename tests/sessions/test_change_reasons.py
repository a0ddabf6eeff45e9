"""The history says why each change was made: by an import, or on the moderator's page."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from sessions.importer import import_many, import_report
from sessions.models import ClosingRemark, Presentation, Session
from speakers.models import Speaker
from tests.factories import ClosingRemarkFactory, SessionFactory, SpeakerFactory
from tests.sessions.test_import import REPORT
from tests.sessions.test_moderation import remarks_post

pytestmark = pytest.mark.django_db


def reasons(model):
    return set(model.history.values_list("history_change_reason", flat=True))


def test_an_imported_report_writes_import_as_the_reason_of_every_row():
    import_report(REPORT.encode(), "one.md")

    for model in (Session, Presentation, ClosingRemark, Speaker):
        assert reasons(model) == {"import"}, model


def test_a_batch_does_too():
    items = [(f"{n}.md", REPORT.replace("Public", f"Public {n}").encode()) for n in range(3)]

    list(import_many(items, jobs=1))

    for model in (Session, Presentation, ClosingRemark, Speaker):
        assert reasons(model) == {"import"}, model


def test_a_moderators_remarks_say_they_come_from_the_moderator_page(client, django_user_model):
    user = django_user_model.objects.create_user(username="mod", password="x-long-pass-1")
    user.groups.add(Group.objects.get(name="Moderators"))
    moderator = SpeakerFactory(user=user)
    session = SessionFactory(moderator=moderator, slug="s")
    ClosingRemarkFactory(session=session, speaker=moderator, order=1, text_en="Old.")
    client.force_login(user)
    url = reverse("sessions:closing-remarks", args=["s"])
    data = remarks_post(session, new_text="New.", **{"remarks-0-DELETE": "on"})

    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    history = ClosingRemark.history.order_by("history_date")
    assert [(h.history_type, h.history_change_reason) for h in history][1:] == [
        ("-", "moderator page"),
        ("+", "moderator page"),
    ]


def test_publishing_from_the_list_is_on_record_and_freezes_the_address(client, editor):
    session = SessionFactory(is_published=False, slug="draft-address")
    client.force_login(editor)
    changelist = reverse("admin:forum_sessions_session_changelist")

    client.post(changelist, {"action": "publish", "_selected_action": [session.pk]})
    client.post(changelist, {"action": "unpublish", "_selected_action": [session.pk]})

    history = session.history.order_by("-history_date", "-history_id")
    assert [(h.is_published, h.history_change_reason, h.history_user) for h in history[:2]] == [
        (False, "unpublished", editor),
        (True, "published", editor),
    ]
    # Once published, its address may have been cited: the slug is no longer editable.
    form = client.get(reverse("admin:forum_sessions_session_change", args=[session.pk]))
    assert "slug" not in form.context["adminform"].form.fields
