"""Staff check a draft on its public page before publishing it; nobody else sees it, and
nothing of it is kept in a cache."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import override_settings
from django.urls import reverse

from sessions.models import Session
from tests.factories import PresentationFactory, SessionFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

BANNER = "Draft: not public."


@pytest.fixture
def draft():
    session = SessionFactory(
        title_en="Pricing care work",
        slug="pricing-care",
        is_published=False,
        moderator=SpeakerFactory(name="Hyejin Park"),
    )
    PresentationFactory(session=session, order=1, title_en="Time banks in Seoul")
    return session


def address(session, language="en"):
    return f"/{language}/sessions/{session.slug}/"


def test_an_editor_sees_a_draft_marked_as_such(client, editor, draft):
    client.force_login(editor)

    response = client.get(address(draft))

    assert response.status_code == 200
    html = response.content.decode()
    assert BANNER in html
    assert "Time banks in Seoul" in html
    assert '<meta name="robots" content="noindex">' in html
    assert "no-store" in response["Cache-Control"]


def test_the_french_banner_is_french(client, editor, draft):
    client.force_login(editor)

    html = client.get(address(draft, "fr")).content.decode()

    assert "Brouillon\u00a0: non public." in html


def test_a_published_session_has_no_banner_even_for_an_editor(client, editor, draft):
    Session.objects.filter(pk=draft.pk).update(is_published=True)
    client.force_login(editor)

    html = client.get(address(draft)).content.decode()

    assert BANNER not in html
    assert 'content="noindex"' not in html


@pytest.mark.parametrize("who", ["anonymous", "plain", "moderator"])
def test_nobody_else_sees_a_draft(client, django_user_model, draft, who):
    from django.contrib.auth.models import Group

    if who != "anonymous":
        user = django_user_model.objects.create_user(username=who, password="x-long-pass-1")
        if who == "moderator":
            user.groups.add(Group.objects.get(name="Moderators"))
            draft.moderator.user = user
            draft.moderator.save()
        client.force_login(user)

    assert client.get(address(draft)).status_code == 404


@override_settings(PAGE_CACHE=True)
def test_a_visitor_after_an_editors_preview_still_gets_a_404(client, editor, draft):
    from django.test import Client

    client.force_login(editor)
    assert client.get(address(draft)).status_code == 200

    visitor = Client()
    assert visitor.get(address(draft)).status_code == 404
    assert visitor.get(address(draft, "fr")).status_code == 404


def test_view_on_site_in_the_admin_opens_the_preview(client, editor, draft):
    client.force_login(editor)
    content_type = ContentType.objects.get_for_model(Session)
    shortcut = reverse("admin:view_on_site", args=[content_type.pk, draft.pk])

    response = client.get(shortcut, follow=True)

    assert response.status_code == 200
    assert BANNER in response.content.decode()
