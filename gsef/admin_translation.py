"""The translation status of records in the admin: a column and a filter on the lists, a notice
on the change form when one language is out of date, and what the index's "Needs
translation" box lists. The statuses are gsef.translation_status's."""

from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django.utils.translation import gettext_lazy as _

from gsef.translation_status import (
    TranslationStatus,
    TranslationTimestamps,
    outdated,
    status_conditions,
    status_counts,
    status_of,
)


class TranslationStatusFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return TranslationStatus.choices

    def queryset(self, request, queryset):
        if self.value() not in TranslationStatus.values:
            return queryset
        return queryset.filter(status_conditions(queryset.model)[self.value()])


class TranslationStatusAdmin:
    """Put first in the bases of the ModelAdmin of a model with TranslationTimestamps."""

    def get_list_display(self, request):
        # Second, after the column that links to the record: a wide list scrolls sideways.
        first, *rest = super().get_list_display(request)
        return [first, "translation_status", *rest]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), TranslationStatusFilter]

    @admin.display(description=_("Translation"))
    def translation_status(self, obj):
        return status_of(obj).label

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Read by templates/admin/change_form.html.
        if obj is not None and not add:
            found = outdated(obj)
            if found:
                context["outdated_translation"] = {"language": found[0], "since": found[1]}
        return super().render_change_form(request, context, add, change, form_url, obj)


def translation_backlog(app_list, site=admin.site):
    """For the admin index: each model of `app_list` whose admin shows translation statuses
    and that has records not complete, with their number per status, each linked to the list
    of them. One query per such model."""
    rows = []
    for app in app_list:
        for entry in app["models"]:
            model, changelist = entry["model"], entry.get("admin_url")
            if not (changelist and issubclass(model, TranslationTimestamps)):
                continue
            if not isinstance(_model_admin(site, model), TranslationStatusAdmin):
                continue
            counts = status_counts(model._default_manager.all())
            statuses = [
                {
                    "label": TranslationStatus(status).label,
                    "count": count,
                    "url": f"{changelist}?{TranslationStatusFilter.parameter_name}={status}",
                }
                for status, count in counts.items()
                if count
            ]
            if statuses:
                rows.append({"name": entry["name"], "url": changelist, "statuses": statuses})
    return rows


def _model_admin(site, model):
    try:
        return site.get_model_admin(model)
    except NotRegistered:
        return None
