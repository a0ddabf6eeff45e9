"""The admin's fieldsets, written in Python, are Django's own fieldset template's HTML."""

from pathlib import Path

import django.contrib.admin
import pytest
from django.contrib import admin
from django.contrib.admin import helpers
from django.template import Context, Engine
from django.test import RequestFactory
from django.test.html import parse_html
from django.urls import reverse

from gsef.templatetags.admin_fieldsets import admin_fieldset
from sessions.models import Session
from tests.factories import (
    AudienceQuestionFactory,
    ClosingRemarkFactory,
    ForumFactory,
    InitiativeFactory,
    PresentationFactory,
    SessionFactory,
    SpeakerFactory,
    ThemeFactory,
)
from tests.sessions.test_admin import whole_session_form

pytestmark = pytest.mark.django_db

DJANGOS = Path(django.contrib.admin.__file__).parent / "templates/admin/includes/fieldset.html"


def assert_as_djangos(fieldset, **variables):
    """Our tag and Django's template, for the same fieldset and include variables, give the
    same elements, attributes and texts (the whitespace between tags aside)."""
    context = {"fieldset": fieldset, **variables}
    djangos = Engine.get_default().from_string(DJANGOS.read_text()).render(Context(context))
    ours = admin_fieldset(Context(context))
    assert parse_html(ours) == parse_html(djangos)


def every_fieldset(response):
    """(fieldset, include variables) of the page, as change_form.html and stacked.html pass
    them to the fieldset template."""
    for index, fieldset in enumerate(response.context["adminform"]):
        yield (
            fieldset,
            {"heading_level": 2, "prefix": "fieldset", "id_prefix": 0, "id_suffix": index},
        )
    for formset in response.context["inline_admin_formsets"]:
        for counter, inline_form in enumerate(formset):
            for index, fieldset in enumerate(inline_form):
                yield (
                    fieldset,
                    {
                        "heading_level": 4,
                        "prefix": fieldset.formset.prefix,
                        "id_prefix": counter,
                        "id_suffix": index,
                    },
                )


def test_a_session_change_form_with_every_part_is_rendered_as_django_would(admin_client):
    session = SessionFactory(summary_en="Costs & <benefits>", source_report="A report")
    PresentationFactory(session=session, order=1).initiatives.add(InitiativeFactory())
    AudienceQuestionFactory(session=session, order=1, asker_country="MX")
    ClosingRemarkFactory(session=session, order=1)  # read-only fields: who, when
    response = admin_client.get(reverse("admin:forum_sessions_session_change", args=[session.pk]))

    fieldsets = list(every_fieldset(response))
    assert len(fieldsets) >= 9  # five of the session's, one for each part and each empty form
    for fieldset, variables in fieldsets:
        assert_as_djangos(fieldset, **variables)
    used = [t.origin.name for t in response.templates if t.name == "admin/includes/fieldset.html"]
    assert used and all(name.endswith("templates/admin/includes/fieldset.html") for name in used)
    assert all("site-packages" not in name for name in used)  # ours, not Django's


def test_fields_with_errors_are_rendered_as_django_would(admin_client):
    data = whole_session_form(
        ForumFactory(),
        SpeakerFactory(),
        SpeakerFactory.create_batch(2),
        InitiativeFactory(),
        ThemeFactory(),
    )
    data.update({"date": "2021-01-05", "title_en": "", "presentations-0-speaker": ""})
    response = admin_client.post(reverse("admin:forum_sessions_session_add"), data)

    assert response.status_code == 200
    assert 'class="form-row errors field-date"' in response.text
    for fieldset, variables in every_fieldset(response):
        assert_as_djangos(fieldset, **variables)


def test_lines_of_several_fields_and_collapsed_described_fieldsets_are_rendered_as_django_would(
    admin_user,
):
    model_admin = admin.site._registry[Session]
    request = RequestFactory().get("/")
    request.user = admin_user
    session = SessionFactory(source_report="A <report>")
    form = model_admin.get_form(request, session)(instance=session, data={"title_en": ""})
    form.is_valid()
    adminform = helpers.AdminForm(
        form,
        [
            (None, {"fields": [("title_en", "title_fr"), ("is_published", "source_report_text")]}),
            (
                "More",
                {
                    "fields": ["summary_en"],
                    "classes": ["collapse"],
                    "description": "Say <em>what</em> happened.",
                },
            ),
        ],
        prepopulated_fields={},
        readonly_fields=["source_report_text"],
        model_admin=model_admin,
    )
    for index, fieldset in enumerate(adminform):
        assert_as_djangos(
            fieldset, heading_level=2, prefix="fieldset", id_prefix=0, id_suffix=index
        )
