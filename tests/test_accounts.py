"""Login safety: lockout, a fresh session at login, logout that ends it."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from tests.factories import SessionFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

PASSWORD = "solidarity-economy-2020"


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user(username="victor", password=PASSWORD)
    user.groups.add(Group.objects.get(name="Moderators"))
    SessionFactory(moderator=SpeakerFactory(user=user))
    return user


def login(client, password, address="192.0.2.1", username="victor"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_login_works_and_lands_on_the_moderators_sessions(client, moderator):
    response = login(client, PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("sessions:moderation")


def test_wrong_password_says_so(client, moderator):
    response = login(client, "wrong")

    assert response.status_code == 200
    assert "Please enter a correct username and password." in response.content.decode()


def test_ten_failures_lock_the_account_from_that_address(client, moderator):
    for _ in range(10):
        login(client, "wrong")

    locked = login(client, PASSWORD)

    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # The same account from another address, and another account from this one, still work.
    assert login(client, PASSWORD, address="198.51.100.7").status_code == 302


def test_nine_failures_do_not_lock(client, moderator):
    for _ in range(9):
        login(client, "wrong")

    assert login(client, PASSWORD).status_code == 302


def test_the_lockout_ends_after_five_minutes(client, moderator):
    for _ in range(10):
        login(client, "wrong")
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=6))

    assert login(client, PASSWORD).status_code == 302


def test_login_starts_a_fresh_session(client, moderator):
    session = client.session
    session["before-login"] = "kept-by-an-attacker?"
    session.save()
    key_before = session.session_key
    client.cookies[settings.SESSION_COOKIE_NAME] = key_before

    login(client, PASSWORD)

    assert client.session.session_key != key_before
    assert client.session["_auth_user_id"] == str(moderator.pk)


def test_logout_ends_the_session(client, moderator):
    login(client, PASSWORD)
    key = client.session.session_key

    response = client.post(reverse("logout"))

    assert response.url == reverse("home")
    from django.contrib.sessions.models import Session as StoredSession

    assert not StoredSession.objects.filter(session_key=key).exists()
    assert client.get(reverse("sessions:moderation")).status_code == 302


def test_logout_by_get_is_refused(client, moderator):
    login(client, PASSWORD)

    assert client.get(reverse("logout")).status_code == 405
    assert "_auth_user_id" in client.session


def test_password_validators_are_on(moderator):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        validate_password("12345678", moderator)

    assert caught.value.messages == [
        "This password is too common.",
        "This password is entirely numeric.",
    ]
