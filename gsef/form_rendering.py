"""The site's form renderer: Django's templates, with the commonest of them written here.

An admin change form renders hundreds of small templates: a session with ten presentations
has about 220 empty error lists, 120 labels and 150 inputs, text areas and selects, each a
trip through the template engine (a third of the page's time). The renderer below writes
those few templates' HTML directly, the same HTML, character for character, as Django's
own files (tests/test_form_rendering.py compares them). A template an app overrides,
and every other template, is rendered by the engine as usual.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

DJANGO_FORMS = "/django/forms/templates/django/forms/"


def _text(value):
    """`{{ value|stringformat:'s' }}`, autoescaped."""
    return conditional_escape(value if isinstance(value, SafeData) else str(value))


def _shown(value):
    """`{{ value }}`: localized, autoescaped."""
    return conditional_escape(localize(value))


def _attrs(attrs):
    """django/forms/widgets/attrs.html (and forms/attrs.html, the same loop)."""
    return "".join(
        f" {conditional_escape(name)}" + ("" if value is True else f'="{_text(value)}"')
        for name, value in attrs.items()
        if value is not False
    )


def _input(context):
    widget = context["widget"]
    value = widget["value"]
    shown = "" if value is None else f' value="{_text(value)}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'
    )


def _textarea(context):
    widget = context["widget"]
    value = widget["value"]
    return (
        f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{_shown(value) if value else ''}</textarea>"
    )


OPTION = "django/forms/widgets/select_option.html"


def _select(context):
    widget = context["widget"]
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            if option["template_name"] != OPTION:
                return None  # an option of its own: the whole select from the templates
            parts.append(
                f'\n  <option value="{_text(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_shown(option['label'])}</option>\n"  # the option file's own last line end
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _label(context):
    label = _shown(context["label"])
    if not context["use_tag"]:
        return label
    tag = conditional_escape(context["tag"])
    return f"<{tag}{_attrs(context['attrs'])}>{label}</{tag}>"


def _error_list(context):
    return "" if not context["errors"] else None  # errors to show: Django's template


# Each writer returns the template's HTML for a context, or None to leave it to the template.
INPUTS = [
    "checkbox", "color", "date", "datetime", "email", "hidden", "input", "number",
    "password", "search", "tel", "text", "time", "url",
]  # fmt: skip
WRITTEN = {
    **{f"django/forms/widgets/{name}.html": _input for name in INPUTS},
    "django/forms/widgets/textarea.html": _textarea,
    "django/forms/widgets/select.html": _select,
    "django/forms/label.html": _label,
    "django/forms/errors/list/ul.html": _error_list,
    "django/forms/errors/list/default.html": _error_list,
}


class FormRenderer(DjangoTemplates):
    """DjangoTemplates, with WRITTEN's templates written in Python while the template that
    Django would load for that name is still Django's own file."""

    def __init__(self):
        self._written = {}

    def _writer(self, template_name):
        try:
            return self._written[template_name]
        except KeyError:
            pass
        write = WRITTEN.get(template_name)
        if write is not None:
            origin = self.get_template(template_name).origin.name.replace("\\", "/")
            if not origin.endswith(DJANGO_FORMS + template_name.removeprefix("django/forms/")):
                write = None  # an app has a template of its own for it: that one is used
        self._written[template_name] = write
        return write

    def render(self, template_name, context, request=None):
        write = self._writer(template_name)
        html = write(context) if write is not None else None
        if html is None:
            return super().render(template_name, context, request)
        return mark_safe(html)
