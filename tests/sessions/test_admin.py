import datetime
import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import translation

from sessions.models import AudienceQuestion, ClosingRemark, Presentation, Session
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

pytestmark = pytest.mark.django_db

OUR_MODELS = [
    model
    for model in admin.site._registry
    if model._meta.app_label in {"forum_sessions", "speakers"}
]


def test_every_model_of_ours_has_an_admin():
    assert sorted(m._meta.model_name for m in OUR_MODELS) == [
        "audiencequestion",
        "closingremark",
        "forum",
        "initiative",
        "language",
        "organisation",
        "presentation",
        "session",
        "speaker",
        "theme",
    ]


@pytest.mark.parametrize("model", OUR_MODELS, ids=lambda m: m._meta.model_name)
@pytest.mark.parametrize("page", ["changelist", "add"])
def test_admin_pages_render_for_a_superuser(admin_client, model, page):
    SessionFactory()  # something to list, and filters with choices
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}")

    response = admin_client.get(url)

    assert response.status_code == 200
    assert response.context["opts"].model is model


@pytest.mark.parametrize("language", ["en", "fr"])
def test_admin_changelist_renders_in_both_languages(admin_client, language):
    SessionFactory(title_en="Kindred", title_fr="Kindred FR")
    with translation.override(language):
        url = reverse("admin:forum_sessions_session_changelist")
    response = admin_client.get(url)

    assert url.startswith(f"/{language}/")
    heading = {"en": "Select session to change", "fr": "Sélectionnez l’objet session à changer"}
    assert heading[language] in response.content.decode()


def test_translation_tabs_load_jquery_ui_from_our_own_static_files(admin_client):
    response = admin_client.get(reverse("admin:forum_sessions_session_add"))
    page = response.content.decode()

    assert '<script src="/static/vendor/jquery-ui/jquery-ui.min.js"></script>' in page
    assert "/static/modeltranslation/js/tabbed_translation_fields.js" in page
    assert "googleapis" not in page
    assert finders.find("vendor/jquery-ui/jquery-ui.min.js")
    assert 'name="title_en"' in page
    assert 'name="title_fr"' in page


def inline_management(prefix, total):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def whole_session_form(forum, moderator, speakers, initiative, theme):
    return {
        "forum": forum.pk,
        "title_en": "How to make SSE sustainable",
        "title_fr": "Comment pérenniser l'ESS",
        "slug": "how-to-make-sse-sustainable",
        "session_type": "workshop",
        "summary_en": "Six practitioners compared support mechanisms.",
        "summary_fr": "Six praticiens ont comparé les mécanismes d'appui.",
        "themes": [theme.pk],
        "date": "2020-10-23",
        "start_time": "10:00",
        "duration_minutes": "90",
        "languages": ["en", "fr"],
        "participant_count": "40",
        "participation_channel": "Zoom",
        "moderator": moderator.pk,
        "guiding_question_en": "How to build a better future from the SSE?",
        "guiding_question_fr": "Comment construire un avenir meilleur à partir de l'ESS ?",
        "guiding_synthesis_en": "Work with local governments.",
        "guiding_synthesis_fr": "Travailler avec les collectivités locales.",
        **inline_management("presentations", 2),
        "presentations-0-order": "1",
        "presentations-0-speaker": speakers[0].pk,
        "presentations-0-title_en": "Evaluating social impact",
        "presentations-0-title_fr": "Évaluer l'impact social",
        "presentations-0-summary_en": "The VISES method in four steps.",
        "presentations-0-summary_fr": "La méthode VISES en quatre étapes.",
        "presentations-0-initiatives": [initiative.pk],
        "presentations-1-order": "2",
        "presentations-1-speaker": speakers[1].pk,
        "presentations-1-title_en": "The Brabant Outcomes Fund",
        "presentations-1-title_fr": "Le fonds à impact du Brabant",
        **inline_management("questions", 1),
        "questions-0-order": "1",
        "questions-0-asker_name": "Abel",
        "questions-0-asker_country": "MX",
        "questions-0-question_en": "How do we get laws in favour of the SSE?",
        "questions-0-question_fr": "Comment obtenir des lois en faveur de l'ESS ?",
        **inline_management("closing_remarks", 1),
        "closing_remarks-0-order": "1",
        "closing_remarks-0-speaker": moderator.pk,
        "closing_remarks-0-text_en": "We must act collectively.",
        "closing_remarks-0-text_fr": "Nous devons agir collectivement.",
    }


def test_a_whole_session_is_created_through_the_admin_in_two_languages(admin_client, admin_user):
    forum = ForumFactory()
    moderator = SpeakerFactory(name="Víctor Meseguer")
    speakers = SpeakerFactory.create_batch(2)
    initiative = InitiativeFactory(name_en="VISES")
    theme = ThemeFactory()

    response = admin_client.post(
        reverse("admin:forum_sessions_session_add"),
        whole_session_form(forum, moderator, speakers, initiative, theme),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    session = Session.objects.get()
    assert (session.title_en, session.title_fr) == (
        "How to make SSE sustainable",
        "Comment pérenniser l'ESS",
    )
    assert session.is_published is False
    assert (session.date, session.start_time) == (datetime.date(2020, 10, 23), datetime.time(10))
    assert (session.duration_minutes, session.participant_count) == (90, 40)
    assert sorted(session.languages.values_list("code", flat=True)) == ["en", "fr"]
    assert list(session.themes.all()) == [theme]
    presentations = list(Presentation.objects.filter(session=session))
    assert [(p.order, p.speaker, p.title_fr) for p in presentations] == [
        (1, speakers[0], "Évaluer l'impact social"),
        (2, speakers[1], "Le fonds à impact du Brabant"),
    ]
    assert list(presentations[0].initiatives.all()) == [initiative]
    question = AudienceQuestion.objects.get(session=session)
    assert (question.asker_name, question.asker_country.code, question.question_fr) == (
        "Abel",
        "MX",
        "Comment obtenir des lois en faveur de l'ESS ?",
    )
    remark = ClosingRemark.objects.get(session=session)
    assert (remark.speaker, remark.text_fr, remark.created_by) == (
        moderator,
        "Nous devons agir collectivement.",
        admin_user,
    )

    # Published, the French text reads back under /fr/.
    session.is_published = True
    session.save()
    html = admin_client.get(f"/fr/sessions/{session.slug}/").content.decode()
    page = html[html.index("<main") : html.index("</main>")]
    for french in [
        "Comment pérenniser l&#x27;ESS",
        "Évaluer l&#x27;impact social",
        "Comment obtenir des lois en faveur de l&#x27;ESS\u202f?",  # French spacing
        "Nous devons agir collectivement.",
        "Travailler avec les collectivités locales.",
    ]:
        assert french in page
    assert "How to make SSE sustainable" not in page


def test_admin_rejects_a_session_outside_its_forum_and_writes_nothing(admin_client):
    forum = ForumFactory()
    moderator = SpeakerFactory()
    data = whole_session_form(
        forum, moderator, SpeakerFactory.create_batch(2), InitiativeFactory(), ThemeFactory()
    )
    data["date"] = "2021-01-05"

    response = admin_client.post(reverse("admin:forum_sessions_session_add"), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "date": [f"2021-01-05 is outside {forum.name}, which ran from 2020-10-19 to 2020-10-23."]
    }
    assert not Session.objects.exists()
    assert not Presentation.objects.exists()


def test_admin_rejects_two_presentations_with_the_same_order(admin_client):
    data = whole_session_form(
        ForumFactory(),
        SpeakerFactory(),
        SpeakerFactory.create_batch(2),
        InitiativeFactory(),
        ThemeFactory(),
    )
    data["presentations-1-order"] = "1"

    response = admin_client.post(reverse("admin:forum_sessions_session_add"), data)

    assert response.status_code == 200
    formset_errors = [
        formset.non_form_errors()
        for formset in response.context["inline_admin_formsets"]
        if formset.formset.prefix == "presentations"
    ]
    assert formset_errors == [["Please correct the duplicate data for order."]]
    assert not Session.objects.exists()


@pytest.mark.parametrize(
    ("action", "before", "after", "message"),
    [
        ("publish", False, True, "2 sessions published."),
        ("unpublish", True, False, "2 sessions unpublished."),
    ],
)
def test_publish_actions(admin_client, action, before, after, message):
    sessions = SessionFactory.create_batch(2, is_published=before)
    untouched = SessionFactory(is_published=before)

    response = admin_client.post(
        reverse("admin:forum_sessions_session_changelist"),
        {"action": action, "_selected_action": [s.pk for s in sessions]},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [message]
    assert sorted(Session.objects.filter(is_published=after).values_list("pk", flat=True)) == (
        sorted(s.pk for s in sessions)
    )
    untouched.refresh_from_db()
    assert untouched.is_published is before


def test_session_changelist_filters_by_speaker_country(admin_client):
    from tests.factories import PresentationFactory

    senegal = PresentationFactory(speaker__country="SN", speaker__name="Khady Samba").session
    PresentationFactory(speaker__country="SN", speaker__name="Aminata Diallo")
    PresentationFactory(speaker__country="NL")

    response = admin_client.get(
        reverse("admin:forum_sessions_session_changelist"), {"country": "SN"}
    )

    assert senegal in response.context["cl"].queryset
    assert response.context["cl"].queryset.count() == 2
    [country_filter] = [
        f for f in response.context["cl"].filter_specs if f.title == "speaker's country"
    ]
    assert country_filter.lookup_choices == [("NL", "Netherlands"), ("SN", "Senegal")]


def test_session_changelist_filters_by_year_and_counts_follow_an_edit(admin_client):
    import datetime

    from tests.factories import SessionFactory

    SessionFactory(title_en="In Bilbao", date=datetime.date(2018, 10, 2))
    SessionFactory(title_en="In Dakar", date=datetime.date(2023, 5, 2))
    url = reverse("admin:forum_sessions_session_changelist")

    response = admin_client.get(url, {"year": "2023"})
    assert [str(s) for s in response.context["cl"].result_list] == ["In Dakar"]
    [year_filter] = [f for f in response.context["cl"].filter_specs if f.title == "year"]
    assert year_filter.lookup_choices == [("2023", "2023"), ("2018", "2018")]
    assert "1 session" in response.text
    # Kept counts and years follow a change at once.
    SessionFactory(title_en="Also in Dakar", date=datetime.date(2023, 5, 3))
    SessionFactory(title_en="In Montreal", date=datetime.date(2016, 9, 7))
    response = admin_client.get(url, {"year": "2023"})
    assert response.context["cl"].result_count == 2
    [year_filter] = [f for f in response.context["cl"].filter_specs if f.title == "year"]
    assert [year for year, _ in year_filter.lookup_choices] == ["2023", "2018", "2016"]
    # A year that is not one is ignored, not an error.
    assert admin_client.get(url, {"year": "20x3"}).context["cl"].result_count == 4


def test_editors_group_can_edit_content_but_not_users(client, editor):
    client.force_login(editor)

    assert client.get(reverse("admin:forum_sessions_session_add")).status_code == 200
    assert client.get(reverse("admin:speakers_speaker_add")).status_code == 200
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    permissions = set(
        Group.objects.get(name="Editors").permissions.values_list("codename", flat=True)
    )
    assert {"add_session", "change_session", "delete_session", "view_session"} <= permissions
    assert {"add_speaker", "change_organisation", "change_closingremark"} <= permissions
    assert not {p for p in permissions if p.endswith("_user") or p.endswith("_group")}


@pytest.mark.parametrize("model", ["session", "initiative", "forum", "theme"], ids=lambda m: m)
def test_slugs_cannot_change_once_created(admin_client, model):
    session = SessionFactory()
    initiative = InitiativeFactory()
    obj = {
        "session": session,
        "initiative": initiative,
        "forum": session.forum,
        "theme": ThemeFactory(),
    }[model]

    page = admin_client.get(
        reverse(f"admin:forum_sessions_{model}_change", args=[obj.pk])
    ).content.decode()

    assert 'name="slug"' not in page
    assert f'<div class="readonly">{obj.slug}</div>' in page


def test_speaker_and_organisation_slugs_cannot_change_once_created(admin_client):
    speaker = SpeakerFactory()

    for url in [
        reverse("admin:speakers_speaker_change", args=[speaker.pk]),
        reverse("admin:speakers_organisation_change", args=[speaker.organisation.pk]),
    ]:
        assert 'name="slug"' not in admin_client.get(url).content.decode()
    assert 'name="slug"' in admin_client.get(reverse("admin:speakers_speaker_add")).content.decode()


def test_publishing_needs_its_own_permission(client, django_user_model, editor):
    from django.contrib.auth.models import Permission

    clerk = django_user_model.objects.create_user(username="clerk", is_staff=True)
    clerk.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_session", "change_session"])
    )
    changelist = reverse("admin:forum_sessions_session_changelist")
    SessionFactory(is_published=False)

    client.force_login(clerk)
    assert client.get(changelist).context["action_form"] is None  # no action at all
    client.force_login(editor)
    actions = [
        name
        for name, _label in client.get(changelist).context["action_form"].fields["action"].choices
    ]
    assert {"publish", "unpublish"} <= set(actions)


def test_roles_are_groups_made_by_migrations():
    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    moderators = Group.objects.get(name="Moderators")

    assert {"publish_session", "import_report", "invite_moderator"} <= editors
    assert not moderators.permissions.exists()


def change_form_queries(admin_client, presentations):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    session = SessionFactory()
    for order in range(1, presentations + 1):
        talk = PresentationFactory(session=session, order=order)
        talk.initiatives.add(InitiativeFactory(), InitiativeFactory())
        ClosingRemarkFactory(session=session, order=order)
        AudienceQuestionFactory(session=session, order=order, answered_by=talk.speaker)
    url = reverse("admin:forum_sessions_session_change", args=[session.pk])
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_each_autocomplete_shows_what_its_form_has_chosen(admin_client):
    session = SessionFactory()
    ada, ben = SpeakerFactory(name="Ada Diallo"), SpeakerFactory(name="Ben Okafor")
    bank, fund = InitiativeFactory(name_en="Community bank"), InitiativeFactory(name_en="Fund")
    PresentationFactory(session=session, order=1, speaker=ada).initiatives.add(bank)
    PresentationFactory(session=session, order=2, speaker=ben).initiatives.add(bank, fund)

    page = admin_client.get(reverse("admin:forum_sessions_session_change", args=[session.pk]))

    def chosen(field):
        select = re.search(rf'<select name="{field}"[^>]*>(.*?)</select>', page.text, re.S)
        return re.findall(r'<option value="(\d+)" selected>([^<]*)</option>', select.group(1))

    assert chosen("presentations-0-speaker") == [(str(ada.pk), "Ada Diallo")]
    assert chosen("presentations-1-speaker") == [(str(ben.pk), "Ben Okafor")]
    assert [label for _pk, label in chosen("presentations-0-initiatives")] == ["Community bank"]
    assert sorted(label for _pk, label in chosen("presentations-1-initiatives")) == [
        "Community bank",
        "Fund",
    ]
    assert chosen("presentations-__prefix__-speaker") == []  # the empty form for new ones


def test_the_session_change_form_reads_the_same_queries_for_any_number_of_parts(
    admin_client,
):
    """Each presentation's and remark's heading names its speaker, each form starts from its
    initiatives, and each autocomplete widget shows what is chosen: all read once for the
    whole inline (sessions.admin.widgets), not once per form."""
    change_form_queries(admin_client, 1)  # what any first page reads (the content types)
    two, five = change_form_queries(admin_client, 2), change_form_queries(admin_client, 5)

    assert five == two


def test_each_changelist_row_has_a_checkbox_that_selects_it_for_an_action(admin_client):
    session = SessionFactory(title_en="Cities & cooperatives", is_published=False)

    page = admin_client.get(reverse("admin:forum_sessions_session_changelist")).text

    assert (
        f'<input type="checkbox" name="_selected_action" value="{session.pk}" '
        'class="action-select" aria-label="Select this object for an action - '
        'Cities &amp; cooperatives">'
    ) in page
    admin_client.post(
        reverse("admin:forum_sessions_session_changelist"),
        {"action": "publish", "_selected_action": [str(session.pk)]},
    )
    session.refresh_from_db()
    assert session.is_published


@pytest.mark.parametrize(("language", "shown"), [("en", "May 4, 2023"), ("fr", "4 mai 2023")])
def test_changelist_rows_link_to_each_session_and_show_its_date_and_state(
    admin_client, language, shown
):
    draft = SessionFactory(date=datetime.date(2023, 5, 4), is_published=False)
    public = SessionFactory(date=datetime.date(2021, 10, 1), is_published=True)

    with translation.override(language):
        url = reverse("admin:forum_sessions_session_changelist")
        draft_link = reverse("admin:forum_sessions_session_change", args=[draft.pk])
    page = admin_client.get(url, {"o": "-4"}).text  # newest first, by the date column

    results = re.search(r'<table id="result_list">(.*?)</table>', page, re.S).group(1)
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", results, re.S)
    assert f'<a href="{draft_link}?_changelist_filters=o%3D-4">' in rows[1]
    assert f'<td class="field-held_on">{shown}</td>' in rows[1]
    assert 'icon-no.svg" alt="False">' in rows[1]
    assert 'icon-yes.svg" alt="True">' in rows[2]
    assert f"/admin/forum_sessions/session/{public.pk}/change/" in rows[2]


def test_changelist_leaves_the_imported_reports_in_the_database(admin_client):
    """A hundred rows a page, each session's report kilobytes: no column shows it, so no
    query reads it, and the rows' other cells (translation status included) need no more
    queries for it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    SessionFactory.create_batch(3, source_report="Session report\n\n" + "A paragraph. " * 800)
    url = reverse("admin:forum_sessions_session_changelist")
    admin_client.get(url)  # the counts kept for the filters

    with CaptureQueriesContext(connection) as three:
        page = admin_client.get(url)
    SessionFactory.create_batch(3, source_report="Another report")
    admin_client.get(url)
    with CaptureQueriesContext(connection) as six:
        admin_client.get(url)

    assert page.status_code == 200
    assert page.text.count('class="action-select"') == 3
    assert [q["sql"] for q in three.captured_queries if "source_report" in q["sql"]] == []
    assert len(six.captured_queries) == len(three.captured_queries)
