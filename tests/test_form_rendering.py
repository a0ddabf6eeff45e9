"""The form renderer writes, for the templates it knows, exactly what Django's templates do."""

import pytest
from django.forms.renderers import DjangoTemplates
from django.forms.utils import ErrorList
from django.template import Engine
from django.urls import reverse
from django.utils.safestring import mark_safe

from gsef.form_rendering import WRITTEN, FormRenderer
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


OURS, DJANGOS = FormRenderer(), DjangoTemplates()


def rendered_with_both(name, context):
    return OURS.render(name, context), DJANGOS.render(name, context)


@pytest.fixture
def recorded(monkeypatch):
    """Every (template, context) the site's renderer is asked for while the test runs."""
    calls = []
    render = FormRenderer.render

    def recording(self, template_name, context, request=None):
        calls.append((template_name, context))
        return render(self, template_name, context, request)

    monkeypatch.setattr(FormRenderer, "render", recording)
    return calls


def test_a_session_change_form_and_its_errors_render_as_djangos_templates_would(
    admin_client, recorded
):
    session = SessionFactory(summary_en='Costs & "benefits" <of> the SSE')
    talk = PresentationFactory(session=session, order=1)
    talk.initiatives.add(InitiativeFactory(name_en="Fonds <régional> & co"))
    AudienceQuestionFactory(session=session, order=1, asker_country="MX")
    ClosingRemarkFactory(session=session, order=1)
    change = reverse("admin:forum_sessions_session_change", args=[session.pk])
    assert admin_client.get(change).status_code == 200
    bad = whole_session_form(
        ForumFactory(),
        SpeakerFactory(),
        SpeakerFactory.create_batch(2),
        InitiativeFactory(),
        ThemeFactory(),
    )
    bad.update({"date": "2021-01-05", "duration_minutes": "ninety", "presentations-1-order": ""})
    assert admin_client.post(reverse("admin:forum_sessions_session_add"), bad).status_code == 200

    recorded = list(recorded)  # (the comparisons below are recorded too)
    written = {name for name, _ in recorded if name in WRITTEN}
    assert written >= {
        "django/forms/widgets/text.html",
        "django/forms/widgets/textarea.html",
        "django/forms/widgets/select.html",
        "django/forms/widgets/hidden.html",
        "django/forms/widgets/checkbox.html",
        "django/forms/widgets/number.html",
        "django/forms/label.html",
        "django/forms/errors/list/ul.html",
    }
    errors_shown = 0
    for name, context in recorded:
        ours, djangos = rendered_with_both(name, context)
        assert ours == djangos, name
        errors_shown += name.startswith("django/forms/errors/") and "errorlist" in ours
    assert errors_shown >= 3  # the lists with errors were rendered, by the template


@pytest.mark.parametrize(
    ("name", "widget"),
    [
        ("text", {"type": "text", "value": None, "attrs": {"required": True, "x": False}}),
        ("text", {"type": "text", "value": "", "attrs": {"placeholder": 'a "b" <c>'}}),
        ("number", {"type": "number", "value": 1500, "attrs": {"min": 0}}),
        ("hidden", {"type": "hidden", "value": mark_safe("<kept>"), "attrs": {}}),
        ("checkbox", {"type": "checkbox", "value": None, "attrs": {"checked": True}}),
        ("textarea", {"value": "</textarea><script>&</script>", "attrs": {"rows": 3}}),
        ("textarea", {"value": "", "attrs": {}}),
    ],
)
def test_inputs_and_text_areas_escape_and_show_what_the_templates_do(name, widget):
    widget = {"name": 'field-"1"', "is_hidden": False, "required": False, **widget}
    ours, djangos = rendered_with_both(f"django/forms/widgets/{name}.html", {"widget": widget})
    assert ours == djangos


def option(value, label, selected=False):
    return {
        "name": "country",
        "value": value,
        "label": label,
        "selected": selected,
        "attrs": {"selected": True} if selected else {},
        "template_name": "django/forms/widgets/select_option.html",
    }


def test_a_select_with_groups_and_a_chosen_option_is_written_as_the_template_does():
    widget = {
        "name": "country",
        "attrs": {"id": "id_country", "multiple": False},
        "optgroups": [
            (None, [option("", "---------")], 0),
            ("Europe & <others>", [option("FR", "France", True), option(7, 'A "B"')], 1),
        ],
    }
    ours, djangos = rendered_with_both("django/forms/widgets/select.html", {"widget": widget})
    assert ours == djangos
    assert '<option value="FR" selected>France</option>' in ours


def test_labels_and_error_lists_are_written_as_the_templates_do():
    label = {"label": "Title <en>", "attrs": {"for": "id_title"}, "use_tag": True, "tag": "label"}
    assert rendered_with_both("django/forms/label.html", {"field": None, **label})[0] == (
        '<label for="id_title">Title &lt;en&gt;</label>'
    )
    bare = {**label, "use_tag": False}
    assert len(set(rendered_with_both("django/forms/label.html", bare))) == 1
    for errors in (ErrorList(), ErrorList(["Too <long>"], field_id="id_title")):
        context = {"errors": errors, "error_class": "errorlist"}
        ours, djangos = rendered_with_both("django/forms/errors/list/default.html", context)
        assert ours == djangos


def test_a_template_an_app_provides_instead_is_the_one_used(monkeypatch):
    renderer = FormRenderer()
    own = Engine().from_string('<input class="ours" name="{{ widget.name }}">')
    original = FormRenderer.get_template

    def get_template(self, name):
        if name == "django/forms/widgets/text.html":
            return type("Own", (), {"origin": own.origin, "render": staticmethod(own_render)})
        return original(self, name)

    def own_render(context, request=None):
        from django.template import Context

        return own.render(Context(context))

    monkeypatch.setattr(FormRenderer, "get_template", get_template)
    widget = {"name": "title", "type": "text", "value": None, "attrs": {}}
    assert renderer.render("django/forms/widgets/text.html", {"widget": widget}) == (
        '<input class="ours" name="title">'
    )


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize(
    "links",
    [
        {"can_change_related": True, "can_add_related": True, "can_view_related": True},
        {"can_add_related": True, "can_delete_related": True},
        {"can_view_related": True, "is_hidden": True},
        {"model_has_limit_choices_to": {"is_published": True}},
    ],
)
def test_a_related_widgets_links_are_written_as_the_admin_template_does(language, links):
    from django.utils import translation
    from django.utils.translation import gettext_lazy

    context = {
        "rendered_widget": mark_safe('<select name="speaker"></select>'),
        "is_hidden": False,
        "name": 'presentations-0-"speaker"',
        "url_params": "_to_field=id&_popup=1",
        "model": gettext_lazy("user"),  # a verbose name Django's catalogue translates
        "model_name": "speaker",
        "can_add_related": False,
        "can_change_related": False,
        "can_delete_related": False,
        "can_view_related": False,
        "model_has_limit_choices_to": None,
        "add_related_url": "/en/admin/speakers/speaker/add/",
        "delete_related_template_url": "/en/admin/speakers/speaker/__fk__/delete/",
        "view_related_url_params": "_to_field=id",
        "change_related_template_url": "/en/admin/speakers/speaker/__fk__/change/",
        **links,
    }
    with translation.override(language):
        ours, djangos = rendered_with_both("admin/widgets/related_widget_wrapper.html", context)
    assert ours == djangos
    assert ours.count("<a ") == (
        0
        if context["is_hidden"]
        else sum(context[f"can_{action}_related"] for action in ("add", "change", "delete", "view"))
    )
