"""Autocomplete widgets of inline forms that show their chosen rows without a query each.

An autocomplete widget renders only what is chosen: Django reads those rows for every widget
on its own, so a session's change form with ten presentations asked for ten speakers one by
one. The inlines below read the chosen rows of a field for all their forms at once
(KnownChoicesInlineMixin) and hand them to each form's widget, which falls back to Django's
own query for anything it was not given.

Their formsets also keep the empty form (the template that "Add another" copies) once built:
Django builds a new one each time it is asked for, and the admin asks thirteen times a page.
And their forms' labels are text (resolve_labels), not worked out for each form. Their
widgets' addresses (the autocomplete view's, the related object's change, add, delete and view
links) are reversed once per worker and language (gsef.links.fixed_url), not for each widget:
a hundred reverse() calls a change form.
"""

import functools

from django.contrib.admin.widgets import (
    AutocompleteSelect,
    AutocompleteSelectMultiple,
    RelatedFieldWidgetWrapper,
)
from django.core.exceptions import ValidationError
from django.db.models import BLANK_CHOICE_DASH
from django.utils.choices import normalize_choices
from django.utils.functional import Promise, cached_property
from django.utils.translation import get_language
from django_countries import countries
from django_countries.widgets import LazySelect

from gsef.links import fixed_url


class KnownChoicesMixin:
    known = None  # {pk as text: label}, in the model's order; set by the inline's formset

    def optgroups(self, name, value, attr=None):
        chosen = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        known = {} if not chosen else self.known  # nothing chosen (an empty form): no rows
        if known is None or not chosen <= known.keys():
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        for pk, label in known.items():
            if pk in chosen:
                options.append(self.create_option(name, pk, label, True, len(options)))
        return [(None, options, 0)]

    def get_url(self):
        return fixed_url(self.url_name % self.admin_site.name)


class KnownAutocompleteSelect(KnownChoicesMixin, AutocompleteSelect):
    pass


class KnownAutocompleteSelectMultiple(KnownChoicesMixin, AutocompleteSelectMultiple):
    pass


class KeptLinksWrapper(RelatedFieldWidgetWrapper):
    """Django's wrapper, its links' addresses kept."""

    @classmethod
    def replacing(cls, wrapper):
        return cls(
            wrapper.widget,
            wrapper.rel,
            wrapper.admin_site,
            can_add_related=wrapper.can_add_related,
            can_change_related=wrapper.can_change_related,
            can_delete_related=wrapper.can_delete_related,
            can_view_related=wrapper.can_view_related,
        )

    def get_related_url(self, info, action, *args):
        name = "admin:%s_%s_%s" % (*info, action)  # noqa: UP031 (Django's own form)
        return fixed_url(name, *args, current_app=self.admin_site.name)


class ListedCountrySelect(LazySelect):
    """The select of a question's country: a blank choice, then django_countries' whole
    list, listed once per worker and language. Django lists the 250 countries afresh for
    every select, each name translated and each pair checked: 2 ms a select, one for each
    question of a session and its empty form (a session with four questions: a fifth of its
    change form). Only for a field whose choices are that list."""

    @property
    def choices(self):
        return _listed_countries(get_language())

    @choices.setter
    def choices(self, value):
        self._choices = normalize_choices(value)  # what Django keeps; the list is above


@functools.lru_cache(maxsize=8)
def _listed_countries(language):
    return (*BLANK_CHOICE_DASH, *((code, name) for code, name in countries))


def _inner(widget):
    return getattr(widget, "widget", widget)  # inside the add/change links' wrapper


def _pks(value):
    values = value if isinstance(value, list | tuple) else [value]
    return {str(getattr(v, "pk", v)) for v in values if v not in (None, "")}


def share_known_choices(forms, names):
    """For each autocomplete field in `names`, read the rows that `forms` have chosen in one
    query and give them to every form's widget."""
    for name in names:
        widgets = [_inner(form.fields[name].widget) for form in forms if name in form.fields]
        if not widgets or not isinstance(widgets[0], KnownChoicesMixin):
            continue
        field = forms[0].fields[name]
        chosen = set().union(*(_pks(form[name].value()) for form in forms))
        try:
            rows = list(field.queryset.filter(pk__in=chosen)) if chosen else []
        except (ValueError, ValidationError):  # a submitted value that is no key at all
            continue  # each widget reads its own, as Django does
        known = {str(row.pk): field.label_from_instance(row) for row in rows}
        for widget in widgets:
            widget.known = known


def resolve_labels(form_class):
    """Each field's label as text in the request's language. modeltranslation's labels
    ("Title [en]") are lazy: each form's copy of a field worked its label out again, about
    120 times for a session's change form with ten presentations. The admin builds its
    form classes anew for each request, so the text is that of the request's language."""
    for field in form_class.base_fields.values():
        if isinstance(field.label, Promise):
            field.label = str(field.label)
    return form_class


class KnownChoicesInlineMixin:
    """An inline whose autocomplete fields read their chosen rows once for all its forms."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and type(formfield.widget) is RelatedFieldWidgetWrapper:
            formfield.widget = KeptLinksWrapper.replacing(formfield.widget)
        return formfield

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            kwargs["widget"] = KnownAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            kwargs["widget"] = KnownAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset_class = super().get_formset(request, obj, **kwargs)
        resolve_labels(formset_class.form)
        names = self.get_autocomplete_fields(request)

        class KnownChoicesFormSet(formset_class):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                share_known_choices(self.forms, names)

            @cached_property
            def empty_form(self):
                return super().empty_form

        return KnownChoicesFormSet
