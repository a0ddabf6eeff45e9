"""A changelist's rows, worked out once per column instead of once per cell.

For each cell of a page, Django's items_for_result asks again how its column is read (a field
of the model, a method of the admin or of the model: an exception raised and caught to learn
it), which classes it has, whether it links to the record and which filters that link keeps.
A hundred sessions make 700 cells with the same answers: half the changelist's time.
`rows()` asks once per column and writes each row as one string, the same HTML, cell for
cell, as Django's (tests/sessions/test_admin_rows.py compares them). A changelist with
editable columns (list_editable) is left to Django.
"""

import datetime

from django.contrib.admin.templatetags.admin_list import (
    ResultList,
    _coerce_field_name,
    results,
)
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import (
    FieldIsAForeignKeyColumnName,
    _get_non_gfk_field,
    display_for_field,
    display_for_value,
    lookup_field,
)
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe


class Column:
    """How one column of the changelist is read and shown, whatever the row."""

    def __init__(self, changelist, index, name, first):
        admin = changelist.model_admin
        self.name = name
        self.admin = admin
        self.classes = f"field-{_coerce_field_name(name, index)}"
        links = changelist.list_display_links
        self.links = links is not None and ((first and not links) or name in links)
        self.empty = admin.get_empty_value_display()
        try:
            self.field = _get_non_gfk_field(changelist.model._meta, name)
        except (FieldDoesNotExist, FieldIsAForeignKeyColumnName):
            self.field = None
        # A callable, or a method of the admin: the same function for every row.
        self.function = None
        if self.field is None:
            if callable(name):
                self.function = name
            elif hasattr(admin, name) and name != "__str__":
                self.function = getattr(admin, name)

    def lookup(self, row):
        """(field, attribute, value), as django.contrib.admin.utils.lookup_field."""
        if self.field is not None:
            return self.field, None, getattr(row, self.name)
        if self.function is not None:
            return None, self.function, self.function(row)
        return lookup_field(self.name, row, self.admin)  # a model's attribute or a path

    def cell(self, row):
        """(the cell's classes, what it shows), as items_for_result works them out."""
        classes = [self.classes]
        try:
            field, attribute, value = self.lookup(row)
        except ObjectDoesNotExist:
            return classes, self.empty
        empty = getattr(attribute, "empty_value_display", self.empty)
        if isinstance(value, str) and value.strip() == "":
            value = ""
        if field is None or field.auto_created:
            if self.name == "action_checkbox":
                classes = ["action-checkbox"]
            boolean = getattr(attribute, "boolean", False)
            if isinstance(attribute, property) and hasattr(attribute, "fget"):
                boolean = getattr(attribute.fget, "boolean", False)
            shown = display_for_value(value, empty, boolean)
            if isinstance(value, datetime.date | datetime.time):
                classes.append("nowrap")
            return classes, shown
        if isinstance(field.remote_field, models.ManyToOneRel):
            related = getattr(row, field.name)
            shown = empty if related is None else related
        else:
            shown = display_for_field(value, field, empty, avoid_link=self.links)
        if isinstance(field, models.DateField | models.TimeField | models.ForeignKey):
            classes.append("nowrap")
        return classes, shown


class RowWriter:
    def __init__(self, changelist):
        self.changelist = changelist
        self.columns = []
        first = True
        for index, name in enumerate(changelist.list_display):
            column = Column(changelist, index, name, first)
            first = first and not column.links
            self.columns.append(column)
        self.kept = {"preserved_filters": changelist.preserved_filters, "opts": changelist.opts}
        self.kept_suffix = None  # what keeping the filters adds to a record's address

    def link(self, row):
        """The record's change address with the list's filters kept, or None."""
        try:
            url = self.changelist.url_for_result(row)
        except NoReverseMatch:
            return None
        if "?" in url or self.kept_suffix is None:
            kept = add_preserved_filters(self.kept, url)
            if "?" not in url and kept.startswith(url):
                # Every row's address is the same view's, so the same filters follow it.
                self.kept_suffix = kept[len(url) :]
            return kept
        return url + self.kept_suffix

    def row(self, row):
        changelist, cells, first = self.changelist, [], True
        for column in self.columns:
            classes, shown = column.cell(row)
            attribute = f' class="{" ".join(classes)}"'  # names of columns, as Django has it
            if not column.links:
                cells.append(f"<td{attribute}>{conditional_escape(shown)}</td>")
                continue
            tag = "th" if first else "td"
            first = False
            url = self.link(row)
            if url is not None:
                name = str(changelist.to_field) if changelist.to_field else self.pk_name
                opener = (
                    format_html(' data-popup-opener="{}"', row.serializable_value(name))
                    if changelist.is_popup
                    else ""
                )
                shown = format_html('<a href="{}"{}>{}</a>', url, opener, shown)
            cells.append(f"<{tag}{attribute}>{conditional_escape(shown)}</{tag}>")
        return mark_safe("".join(cells))  # noqa: S308 (each value escaped above)

    @property
    def pk_name(self):
        return self.changelist.lookup_opts.pk.attname


def rows(changelist):
    """The page's rows for admin/change_list_results.html: each a list of one string."""
    if changelist.formset:
        return list(results(changelist))
    writer = RowWriter(changelist)
    return [ResultList(None, [writer.row(row)]) for row in changelist.result_list]
