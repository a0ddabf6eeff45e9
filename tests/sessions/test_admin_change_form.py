"""A session's change form as staff open it: what it keeps once per request or per worker
(labels, widget addresses, empty forms, the list of countries) is still right for each
request's language, and what it asks the database it asks once."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from sessions.models import AudienceQuestion
from tests.factories import AudienceQuestionFactory, PresentationFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_the_change_forms_labels_are_in_the_language_of_each_request(admin_client):
    """The forms' labels are made text once per request (resolve_labels): a French page,
    then an English one, each shows its own language's labels."""
    session = SessionFactory()
    PresentationFactory(session=session, order=1)

    def labels(language):
        with translation.override(language):
            url = reverse("admin:forum_sessions_session_change", args=[session.pk])
        page = admin_client.get(url).text
        return re.findall(r'<label for="id_presentations-0-summary_fr">([^<]*)</label>', page)

    assert labels("fr") == ["Résumé [fr]\xa0:"]
    assert labels("en") == ["Summary [fr]:"]
    assert labels("fr") == ["Résumé [fr]\xa0:"]


def test_the_inlines_widget_addresses_are_in_the_language_of_each_request(admin_client):
    """The addresses of the autocomplete view and of a speaker's links are reversed once
    per language (gsef.links.fixed_url), and each page has its own language's."""
    session = SessionFactory()
    PresentationFactory(session=session, order=1)

    for language in ("fr", "en", "fr"):
        with translation.override(language):
            url = reverse("admin:forum_sessions_session_change", args=[session.pk])
            search = reverse("admin:autocomplete")
            change = reverse("admin:speakers_speaker_change", args=["__fk__"])
            add = reverse("admin:speakers_speaker_add")
        page = admin_client.get(url).text

        select = re.search(r'<select name="presentations-0-speaker"[^>]*>', page).group(0)
        assert f'data-ajax--url="{search}"' in select
        assert (
            'id="change_id_presentations-0-speaker"\n'
            f'            data-href-template="{change}?_to_field=id&amp;_popup=1"'
        ) in page
        assert f'href="{add}?_to_field=id&amp;_popup=1"' in page


def test_a_drafts_change_form_asks_its_history_once_whether_it_was_published(admin_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    draft = SessionFactory(is_published=False)
    url = reverse("admin:forum_sessions_session_change", args=[draft.pk])

    with CaptureQueriesContext(connection) as queries:
        page = admin_client.get(url).text

    asked = [q["sql"] for q in queries if "historicalsession" in q["sql"].lower()]
    assert len(asked) == 1
    assert 'name="slug"' in page  # a draft's slug stays editable


def test_a_questions_country_select_lists_what_django_countries_select_lists(admin_client):
    """The question's country select keeps its list of countries per language
    (ListedCountrySelect): the same HTML as django_countries' own select, in each language
    in turn, whatever is chosen."""
    from django_countries.widgets import LazySelect

    from gsef.form_rendering import FormRenderer
    from sessions.admin.widgets import ListedCountrySelect

    session = SessionFactory()
    AudienceQuestionFactory(session=session, order=1, asker_country="CI")
    with translation.override("fr"):
        url = reverse("admin:forum_sessions_session_change", args=[session.pk])
    page = admin_client.get(url).text
    select = re.search(r'<select name="questions-0-asker_country".*?</select>', page, re.S)
    assert '<option value="CI" selected>Côte d&#x27;Ivoire</option>' in select.group(0)

    form = admin_client.get(url).context["inline_admin_formsets"][1].formset.forms[0]
    widget = form.fields["asker_country"].widget
    assert isinstance(widget, ListedCountrySelect)
    renderer = FormRenderer()
    for language in ("en", "fr", "en"):
        with translation.override(language):
            theirs = AudienceQuestion._meta.get_field("asker_country").formfield().widget
            assert isinstance(theirs, LazySelect)
            for value in ("", "FR", "CI"):
                ours = widget.render("country", value, renderer=renderer)
                assert ours == theirs.render("country", value, renderer=renderer)
                assert ours.count("<option") > 240
    with translation.override("fr"):
        assert ">Allemagne</option>" in widget.render("country", "", renderer=renderer)


def test_each_inline_builds_its_empty_form_once_and_shows_it_once(admin_client, monkeypatch):
    """The form that "Add another" copies: Django builds it anew each time it is asked for
    (thirteen times a page); the session's inlines keep the first."""
    from django.forms.formsets import BaseFormSet

    built = []
    empty_form = BaseFormSet.empty_form

    def counted(formset):
        built.append(formset.prefix)
        return empty_form.fget(formset)

    monkeypatch.setattr(BaseFormSet, "empty_form", property(counted))
    session = SessionFactory()
    PresentationFactory(session=session, order=1)

    page = admin_client.get(reverse("admin:forum_sessions_session_change", args=[session.pk]))

    assert sorted(built) == ["closing_remarks", "presentations", "questions"]
    for prefix in built:
        assert page.text.count(f'id="{prefix}-empty"') == 1
        assert f'name="{prefix}-__prefix__-order"' in page.text
