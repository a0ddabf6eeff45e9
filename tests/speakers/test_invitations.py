import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from sessions.models import ClosingRemark
from speakers.models import Speaker
from tests.factories import SessionFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def invite(client, speaker, email):
    return client.post(
        reverse("admin:speakers_speaker_invite", args=[speaker.pk]), {"email": email}, follow=True
    )


def test_editor_invites_a_moderator_who_sets_a_password_and_adds_remarks(client, editor):
    speaker = SpeakerFactory(name="Víctor Meseguer", slug="victor-meseguer")
    session = SessionFactory(moderator=speaker, slug="session-a")
    client.force_login(editor)

    change_page = client.get(reverse("admin:speakers_speaker_change", args=[speaker.pk]))
    assert "Invite as moderator" in change_page.content.decode()
    response = invite(client, speaker, "victor@example.org")

    assert [str(m) for m in response.context["messages"]] == [
        "Víctor Meseguer is now a moderator; an invitation was sent to victor@example.org."
    ]
    speaker.refresh_from_db()
    user = speaker.user
    assert (user.username, user.email, user.has_usable_password()) == (
        "victor-meseguer",
        "victor@example.org",
        False,
    )
    assert list(user.groups.values_list("name", flat=True)) == ["Moderators"]
    assert not user.is_staff
    [email] = mail.outbox
    assert email.to == ["victor@example.org"]
    assert email.subject == "Your moderator account on the GSEF Knowledge Base"
    link = re.search(r"http://testserver(/en/accounts/reset/\S+/)", email.body).group(1)
    assert "Your username: victor-meseguer" in email.body

    # The moderator follows the link, in a fresh browser.
    client.logout()
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"] is True
    set_password_url = form_page.redirect_chain[-1][0]
    weak = client.post(set_password_url, {"new_password1": "password", "new_password2": "password"})
    assert "This password is too common." in weak.content.decode()
    done = client.post(
        set_password_url,
        {"new_password1": "solidarity-economy-2020", "new_password2": "solidarity-economy-2020"},
        follow=True,
    )
    assert "Your password is set" in done.content.decode()
    assert client.get(link, follow=True).context["validlink"] is False  # used once

    logged_in = client.post(
        reverse("login"),
        {"username": "victor-meseguer", "password": "solidarity-economy-2020"},
        follow=True,
    )
    assert logged_in.redirect_chain[-1][0] == reverse("sessions:moderation")
    assert [s.slug for s in logged_in.context["sessions"]] == ["session-a"]
    client.post(
        reverse("sessions:closing-remarks", args=["session-a"]),
        {
            "remarks-TOTAL_FORMS": "1",
            "remarks-INITIAL_FORMS": "0",
            "remarks-0-speaker": speaker.pk,
            "remarks-0-text_en": "We must mobilise ideas, not only money.",
            "remarks-0-position": "1",
        },
    )
    remark = ClosingRemark.objects.get(session=session)

    # The editor sees who added it, in the history.
    client.force_login(editor)
    history = client.get(
        reverse("admin:forum_sessions_closingremark_history", args=[remark.pk])
    ).content.decode()
    assert "victor-meseguer" in history
    assert remark.history.get().history_user == user


def test_inviting_again_resends_to_the_same_account(client, editor):
    speaker = SpeakerFactory()
    client.force_login(editor)
    invite(client, speaker, "first@example.org")
    invite(client, speaker, "second@example.org")

    speaker.refresh_from_db()
    assert speaker.user.email == "second@example.org"
    assert [m.to for m in mail.outbox] == [["first@example.org"], ["second@example.org"]]
    assert Group.objects.get(name="Moderators").user_set.count() == 1


def test_an_address_used_by_another_account_is_refused(client, editor, django_user_model):
    django_user_model.objects.create_user(username="someone", email="taken@example.org")
    speaker = SpeakerFactory()
    client.force_login(editor)

    response = invite(client, speaker, "TAKEN@example.org")

    assert response.context["form"].errors == {
        "email": ["Another account already uses this address; ask an administrator to link it."]
    }
    assert Speaker.objects.get(pk=speaker.pk).user is None
    assert mail.outbox == []


def test_staff_without_the_permission_cannot_invite(client, django_user_model):
    clerk = django_user_model.objects.create_user(username="clerk", is_staff=True)
    speaker = SpeakerFactory()
    client.force_login(clerk)

    response = invite(client, speaker, "x@example.org")

    assert response.status_code == 403
    assert mail.outbox == []


def test_the_invitation_is_in_the_speakers_language_not_the_editors(client, editor):
    speaker = SpeakerFactory(name="Awa Diallo", slug="awa-diallo")
    client.force_login(editor)

    response = client.post(
        reverse("admin:speakers_speaker_invite", args=[speaker.pk]),
        {"email": "awa@example.org", "language": "fr"},
        follow=True,
    )  # the editor works in English

    assert response.status_code == 200
    [email] = mail.outbox
    assert email.subject == "Votre compte de modérateur sur la Base de connaissances du GSEF"
    assert re.search(r"http://testserver/fr/accounts/reset/\S+/", email.body)
    speaker.refresh_from_db()
    assert speaker.preferred_language == "fr"
    # Next time, the form starts from the speaker's language.
    form_page = client.get(reverse("admin:speakers_speaker_invite", args=[speaker.pk]))
    assert form_page.context["form"]["language"].initial == "fr"


def test_the_french_admin_is_titled_in_french(client, editor):
    client.force_login(editor)

    html = client.get("/fr/admin/").content.decode()

    title = "Contenu de la base de connaissances | Base de connaissances du GSEF"
    assert f"<title>{title}</title>" in html
