"""The site's form renderer: Django's templates, with the commonest of them written here.

An admin change form renders hundreds of small templates: a session with ten presentations
has about 220 empty error lists, 120 labels, 150 inputs, text areas and selects, and 28
related-object wrappers with their links, each a trip through the template engine (a third
of the page's time). The renderer below writes those few templates' HTML directly, the same
HTML, character for character, as Django's own files (tests/test_form_rendering.py compares
them). A template an app overrides, and every other template, is rendered by the engine as
usual.
"""

import functools
import html

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.functional import Promise
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language, gettext

from gsef.links import static_address

# Where Django's own file for a template name lives, by the name's first folder.
DJANGOS_OWN = {"django": "/django/forms/templates/", "admin": "/django/contrib/admin/templates/"}


def conditional_escape(value):
    """django.utils.html.conditional_escape, without its lazy wrapper's cost (about 4,000
    calls a change form): what is already safe stays as it is, the rest is escaped."""
    if type(value) is str:  # the commonest: plain text, which has no __html__
        return html.escape(value)
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


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


# Django's own messages, translated by its catalogue (so not marked for ours).
RELATED_TITLES = {
    "change": "Change selected %(model)s",
    "add": "Add another %(model)s",
    "delete": "Delete selected %(model)s",
    "view": "View selected %(model)s",
}


def _related_link(action, name, model, attributes, indent=12):
    """One link of the related-widget wrapper, its attributes each on its own line, as the
    template has them (spaceless only joins what lies between tags)."""
    space = "\n" + " " * indent
    title = _related_title(action, get_language()) % {"model": model}
    icon = conditional_escape(static_address(f"admin/img/icon-{action}link.svg"))
    return (
        f'<a class="related-widget-wrapper-link {action}-related" id="{action}_id_{name}"'
        f'{"".join(space + attribute for attribute in attributes)}{space}title="{title}">'
        f'<img src="{icon}" alt="" width="24" height="24"></a>'
    )


@functools.lru_cache(maxsize=16)
def _related_title(action, language):
    return gettext(RELATED_TITLES[action])  # in `language`, the active one


def _related_widget_wrapper(context):
    """admin/widgets/related_widget_wrapper.html: a related field's widget, then the links
    to change, add, delete or view its object."""
    name, model = conditional_escape(context["name"]), _shown(context["model"])
    params = conditional_escape(context["url_params"])
    popup = 'data-popup="yes"'
    links = []
    if not context["is_hidden"]:
        if context["can_change_related"]:
            change = conditional_escape(context["change_related_template_url"])
            attributes = [f'data-href-template="{change}?{params}"', popup]
            links.append(_related_link("change", name, model, attributes))
        if context["can_add_related"]:
            add = conditional_escape(context["add_related_url"])
            links.append(_related_link("add", name, model, [popup, f'href="{add}?{params}"']))
        if context["can_delete_related"]:
            delete = conditional_escape(context["delete_related_template_url"])
            attributes = [f'data-href-template="{delete}?{params}"', popup]
            links.append(_related_link("delete", name, model, attributes))
        if context["can_view_related"]:
            view = conditional_escape(context["change_related_template_url"])
            view_params = conditional_escape(context["view_related_url_params"])
            attributes = [f'data-href-template="{view}?{view_params}"']
            links.append(_related_link("view", name, model, attributes, indent=13))
    reference = (
        ""
        if context["model_has_limit_choices_to"]
        else f'data-model-ref="{conditional_escape(context["model_name"])}"'
    )
    return (
        f'<div class="related-widget-wrapper" {reference}>\n'
        f"    {conditional_escape(context['rendered_widget'])}\n"
        f"    \n        {''.join(links)}\n    \n</div>"
    )


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
    "admin/widgets/related_widget_wrapper.html": _related_widget_wrapper,
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
            own = DJANGOS_OWN[template_name.split("/")[0]] + template_name
            if not origin.endswith(own):
                write = None  # an app has a template of its own for it: that one is used
        self._written[template_name] = write
        return write

    def render(self, template_name, context, request=None):
        write = self._writer(template_name)
        html = write(context) if write is not None else None
        if html is None:
            return super().render(template_name, context, request)
        return mark_safe(html)
