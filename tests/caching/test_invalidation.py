"""Any change to the content, through the ORM, the admin, in bulk or by a deploy, drops
the stored pages at once."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from gsef import cache as page_cache
from sessions.models import Forum, Initiative, Presentation, Session, Theme
from speakers.models import Organisation, Speaker
from tests.caching.helpers import SESSION_URL
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


def test_an_edit_through_the_orm_shows_at_once(client, site):
    client.get(SESSION_URL)
    client.get("/en/sessions/")

    site.session.title_en = "Financing the solidarity economy"
    site.session.save()

    for url in (SESSION_URL, "/en/sessions/"):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss"
        assert "Financing the solidarity economy" in response.text
        assert "Financing the social economy" not in response.text


def test_a_many_to_many_change_shows_at_once(client, site):
    client.get("/en/themes/theme/")
    other = SessionFactory(title_en="Cooperative housing", slug="housing")

    other.themes.add(site.theme)

    assert "Cooperative housing" in client.get("/en/themes/theme/").text


def test_a_deleted_session_is_gone_at_once(client, site):
    assert client.get(SESSION_URL).status_code == 200

    site.session.delete()

    assert client.get(SESSION_URL).status_code == 404


def test_publishing_in_the_admin_shows_at_once(client, staff, site):
    draft = SessionFactory(title_en="A draft on land trusts", slug="draft", is_published=False)
    assert "A draft on land trusts" not in client.get("/en/sessions/").text
    assert client.get("/en/sessions/")["X-Page-Cache"] == "hit"

    response = staff.post(
        reverse("admin:forum_sessions_session_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )

    assert response.status_code == 302
    assert Session.objects.get(pk=draft.pk).is_published
    listing = client.get("/en/sessions/")
    assert listing["X-Page-Cache"] == "miss"
    assert "A draft on land trusts" in listing.text
    assert client.get("/en/sessions/draft/").status_code == 200


def test_unpublishing_in_the_admin_hides_the_page_at_once(client, staff, site):
    assert client.get(SESSION_URL).status_code == 200

    staff.post(
        reverse("admin:forum_sessions_session_changelist"),
        {"action": "unpublish", "_selected_action": [site.session.pk]},
    )

    assert client.get(SESSION_URL).status_code == 404


def test_an_edit_in_the_admin_change_form_shows_at_once(client, staff, site):
    client.get(SESSION_URL)
    url = reverse("admin:forum_sessions_session_change", args=[site.session.pk])
    form = staff.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update(
        title_en="Financing the solidarity economy",
        themes=[site.theme.pk],
        is_published="on",
        date=site.session.date.isoformat(),
    )
    for prefix in ("presentations", "questions", "closing_remarks"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    # The presentation stays: send it back as it is.
    presentation = site.session.presentations.get()
    data.update(
        {
            "presentations-TOTAL_FORMS": "1",
            "presentations-INITIAL_FORMS": "1",
            "presentations-0-id": presentation.pk,
            "presentations-0-session": site.session.pk,
            "presentations-0-order": presentation.order,
            "presentations-0-speaker": presentation.speaker_id,
            "presentations-0-title_en": presentation.title_en,
            "presentations-0-initiatives": [site.initiative.pk],
        }
    )

    response = staff.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert "Financing the solidarity economy" in client.get(SESSION_URL).text


def test_a_stored_page_from_before_a_change_is_not_served(client, site):
    """The generation read before rendering is the one stored, so a page rendered while
    content changed is stale at once."""
    client.get(SESSION_URL)
    page_cache.bump()

    assert client.get(SESSION_URL)["X-Page-Cache"] == "miss"


def test_migrate_drops_every_stored_page(client, site):
    """A deploy runs migrate: pages from the old templates go."""
    client.get(SESSION_URL)

    call_command("migrate", verbosity=0)

    assert client.get(SESSION_URL)["X-Page-Cache"] == "miss"


def test_an_update_in_bulk_drops_the_cached_pages(client, site):
    client.get(SESSION_URL)
    Session.objects.filter(pk=site.session.pk).update(title_en="Financing the commons")

    assert "<h1>Financing the commons</h1>" in client.get(SESSION_URL).text


@pytest.mark.parametrize(
    "model, field, url",
    [
        (Initiative, "name_en", "/en/initiatives/initiative/"),
        (Speaker, "name", "/en/speakers/speaker/"),
        (Organisation, "name", "/en/organisations/organisation/"),
        (Theme, "name_en", "/en/themes/theme/"),
        (Forum, "name", "/en/forums/forum/"),
        (Presentation, "title_en", SESSION_URL),
    ],
)
def test_an_update_in_bulk_of_any_content_drops_the_cached_pages(client, site, model, field, url):
    assert client.get(url).status_code == 200
    assert client.get(url)["X-Page-Cache"] == "hit"

    model.objects.filter(pk__in=model.objects.values("pk")).update(**{field: "Renamed in bulk"})

    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Renamed in bulk" in response.text


def test_rows_created_in_bulk_drop_the_cached_pages(client, site):
    client.get(SESSION_URL)
    assert client.get(SESSION_URL)["X-Page-Cache"] == "hit"

    Theme.objects.bulk_create([Theme(name_en="Commons", slug="commons")])

    assert client.get(SESSION_URL)["X-Page-Cache"] == "miss"
