"""The session changelist's rows (gsef.admin_rows) are Django's, cell for cell."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.admin.templatetags.admin_list import items_for_result
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from gsef.admin_rows import RowWriter, rows
from sessions.models import Session
from tests.factories import ForumFactory, SessionFactory

pytestmark = pytest.mark.django_db


def changelist(user, language, query=None):
    with translation.override(language):
        url = reverse("admin:forum_sessions_session_changelist")
    request = RequestFactory().get(url, query or {})
    request.user = user
    listed = admin.site._registry[Session].get_changelist_instance(request)
    listed.formset = None  # as the changelist view sets it when no column is editable
    return listed


@pytest.fixture
def sessions():
    forum = ForumFactory(name="Bordeaux <2025> & co")
    return [
        SessionFactory(forum=forum, title_en='Funds "for" <impact> & more', is_published=False),
        SessionFactory(forum=forum, date=datetime.date(2023, 5, 4), title_fr="Économie sociale"),
        SessionFactory(title_en="   ", title_fr="Seulement en français", is_published=True),
    ]


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize(
    "query",
    [
        {},
        {"o": "-4", "is_published__exact": "1"},  # filters that each row's link keeps
        {"_popup": "1", "_to_field": "id"},  # chosen from another form's popup
        {"q": "impact & more"},
    ],
)
def test_each_row_is_the_html_djangos_items_for_result_writes(
    admin_user, sessions, language, query
):
    with translation.override(language):
        listed = changelist(admin_user, language, query)
        listed.get_results(None)
        writer = RowWriter(listed)
        assert listed.result_list, "the list shows sessions"
        for row in listed.result_list:
            assert writer.row(row) == "".join(items_for_result(listed, row, None))
        assert [list(result) for result in rows(listed)] == [
            ["".join(items_for_result(listed, row, None))] for row in listed.result_list
        ]


def test_the_changelist_page_shows_the_written_rows(admin_client, sessions):
    page = admin_client.get(reverse("admin:forum_sessions_session_changelist")).text

    draft = reverse("admin:forum_sessions_session_change", args=[sessions[0].pk])
    assert (
        f'<th class="field-title"><a href="{draft}">Funds &quot;for&quot; &lt;impact&gt; '
        "&amp; more</a></th>"
    ) in page
    assert '<td class="field-forum nowrap">Bordeaux &lt;2025&gt; &amp; co</td>' in page
    assert page.count('class="action-select"') == 3


def test_a_list_with_editable_columns_is_left_to_django(admin_user, sessions, monkeypatch):
    session_admin = admin.site._registry[Session]
    monkeypatch.setattr(session_admin, "list_editable", ["session_type"])
    listed = changelist(admin_user, "en")
    request = RequestFactory().get("/")
    request.user = admin_user
    listed.get_results(request)
    listed.formset = session_admin.get_changelist_formset(request)(
        queryset=listed.result_list, prefix="form"
    )

    written = rows(listed)

    assert [result.form for result in written] == listed.formset.forms
    assert 'name="form-0-session_type"' in "".join(written[0])
