"""The session changelist's cells, written for its hundred rows a page.

Django reverses the change view's address for each row, asks the static files storage for the
same two icons, and formats each date through the language's formats: about a seventh of the
page. Here the address comes from one reversed pattern per language (gsef.links), and the
icons and dates are kept by each worker (they depend on the static files' names and the
language only).
"""

import functools

from django.contrib.admin.utils import quote
from django.contrib.admin.views.main import ChangeList
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import get_language

from gsef.links import record_url, static_address

ICONS = {True: "yes", False: "no", None: "unknown"}


class RowLinksChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        # The fields the rows leave in the database (ModelAdmin.changelist_defer): a session's
        # imported report is kilobytes, a hundred of them a page, and no column shows it.
        queryset = super().get_queryset(request, exclude_parameters)
        return queryset.defer(*getattr(self.model_admin, "changelist_defer", ()))

    def url_for_result(self, result):
        return record_url(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
            "object_id",
            quote(getattr(result, self.pk_attname)),
            current_app=self.model_admin.admin_site.name,
        )


def boolean_icon(value):
    """The admin's yes/no icon, as its changelist shows a boolean field."""
    return _icon(value, static_address(f"admin/img/icon-{ICONS[value]}.svg"))


@functools.lru_cache(maxsize=16)
def _icon(value, address):
    return format_html('<img src="{}" alt="{}">', address, value)


def local_date(value):
    """A date as the changelist shows a date field, in the active language's format."""
    return _local_date(value, get_language())


@functools.lru_cache(maxsize=4096)
def _local_date(value, language):
    return formats.date_format(value)
