"""An admin fieldset written in Python: the HTML of Django's admin/includes/fieldset.html.

Each field of a change form passes through that template's loops and tests: a session with
ten presentations has 160 fields. The tag below writes the same elements, classes and
attributes, in the same order; only the whitespace between tags differs
(tests/test_admin_fieldsets.py compares the two for every fieldset of a session's change
form, errors and read-only fields included). Our templates/admin/includes/fieldset.html,
which replaces Django's, calls it. With gsef.form_rendering, that change form went from
about 569,000 Python calls a request to 296,000. A form not submitted (the change form as it
opens) has no errors: their lists, empty, are not built (221 of them a page).
"""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()


def _classes(*names):
    return " ".join(name for name in names if name)


def _field_html(field, single):
    bound = field.field  # a BoundField, or a dict for a read-only field
    readonly = field.is_readonly
    name = bound["name"] if readonly else bound.name
    hidden = False if readonly else bound.is_hidden
    errors = "" if readonly or not bound.form.is_bound else field.errors()
    parts = ["<div>"]
    if not single and not readonly:
        parts.append(errors)
    box = ["flex-container"]
    if not single:
        box.append("fieldBox")
        if name:
            box.append(f"field-{name}")
        if not readonly and errors:
            box.append("errors")
        if hidden:
            box.append("hidden")
    if field.is_checkbox:
        box.append("checkbox-row")
    parts.append(f'<div class="{conditional_escape(" ".join(box))}">')
    if field.is_checkbox:
        parts.append(f"{bound}{field.label_tag()}")
    elif readonly:
        parts.append(f'{field.label_tag()}<div class="readonly">{field.contents()}</div>')
    else:
        parts.append(f"{field.label_tag()}{bound}")
    parts.append("</div>")
    help_text = bound["help_text"] if readonly else bound.help_text
    if help_text:
        id_for_label = None if readonly else bound.id_for_label
        helptext_id = format_html(' id="{}_helptext"', id_for_label) if id_for_label else ""
        parts.append(
            f'<div class="help{" hidden" if hidden else ""}"{helptext_id}>'
            f"<div>{help_text}</div></div>"  # |safe, as Django's template has it
        )
    parts.append("</div>")
    return "".join(parts)


def _line_html(line):
    fields = list(line)
    single = len(line.fields) == 1
    errors = line.errors() if single and line.form.is_bound else ""
    names = " ".join(
        f"field-{name}"
        for name in (f.field["name"] if f.is_readonly else f.field.name for f in fields)
        if name
    )
    classes = _classes(
        "form-row",
        "errors" if single and errors else "",
        "" if line.has_visible_field else "hidden",
        names,
    )
    inner = "".join(_field_html(field, single) for field in fields)
    if single:
        body = f"{errors}{inner}"
    else:
        body = f'<div class="flex-container form-multiline">{inner}</div>'
    return f'<div class="{conditional_escape(classes)}">{body}</div>'


@register.simple_tag(takes_context=True)
def admin_fieldset(context):
    """The fieldset in the context, with the variables Django's include passes: heading_level,
    prefix, id_prefix, id_suffix."""
    fieldset = context["fieldset"]
    heading_id = conditional_escape(
        "-".join(str(context.get(name, "")) for name in ("prefix", "id_prefix", "id_suffix"))
        + "-heading"
    )
    level = conditional_escape(context.get("heading_level") or 2)
    labelled = f' aria-labelledby="{heading_id}"' if fieldset.name else ""
    parts = [f'<fieldset class="module aligned {conditional_escape(fieldset.classes)}"{labelled}>']
    collapsible = fieldset.name and fieldset.is_collapsible
    if fieldset.name:
        heading = (
            f'<h{level} id="{heading_id}" class="fieldset-heading">'
            f"{conditional_escape(fieldset.name)}</h{level}>"
        )
        parts.append(f"<details><summary>{heading}</summary>" if collapsible else heading)
    if fieldset.description:
        parts.append(f'<div class="description">{fieldset.description}</div>')  # |safe
    parts.extend(_line_html(line) for line in fieldset)
    if collapsible:
        parts.append("</details>")
    parts.append("</fieldset>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above escaped or already safe)
