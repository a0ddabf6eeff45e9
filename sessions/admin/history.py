"""A session's history in the admin that can undo: parts deleted from the session are listed
with who deleted them and when, each with a "Restore" button, and reverting the session to a
version brings its parts back as they were (sessions.restoring). Every write says why."""

import dataclasses

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from sessions import restoring

EDITED_IN_ADMIN = "admin"


class BlanksAlike(HistoricalRecordContextHelper):
    """A change from no text (NULL) to an empty text is no change to a reader."""

    def context_for_delta_changes(self, delta):
        changes = [change for change in delta.changes if change.old or change.new]
        return super().context_for_delta_changes(dataclasses.replace(delta, changes=changes))


class ReasonedHistoryAdmin(SimpleHistoryAdmin):
    """History rows written through the admin say so, instead of having no reason; their
    changes leave out blanks that became blanks."""

    def get_historical_record_context_helper(self, request, historical_record):
        return BlanksAlike(self.model, historical_record)

    def save_model(self, request, obj, form, change):
        obj._change_reason = getattr(request, "change_reason", EDITED_IN_ADMIN)
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        obj._change_reason = EDITED_IN_ADMIN
        obj._history_user = request.user
        super().delete_model(request, obj)


class PartHistoryMixin(ReasonedHistoryAdmin):
    """For the sessions' ModelAdmin."""

    object_history_template = "admin/forum_sessions/session/object_history.html"

    def get_urls(self):
        view = self.admin_site.admin_view(self.restore_part_view)
        return [
            path(
                "<path:object_id>/history/restore/<str:model_name>/<int:history_id>/",
                view,
                name="forum_sessions_session_restore_part",
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        session = self.get_object(request, unquote(object_id))
        deleted = restoring.deletions(session) if session else []
        for record in deleted:
            record.label = restoring.label(record)
        context = {
            "deleted_parts": deleted,
            "can_restore": session is not None and self.has_change_permission(request, session),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, extra_context=context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "POST":
            return super().history_form_view(request, object_id, version_id, extra_context)
        version = get_object_or_404(
            self.model.history, id=unquote(object_id), history_id=_whole(version_id)
        )
        request.change_reason = restoring.revert_reason(version)
        request.reverting_to = version
        try:
            with transaction.atomic():
                return super().history_form_view(request, object_id, version_id, extra_context)
        except restoring.RestoreError as error:
            message = _("Nothing was reverted: a part of the session cannot come back. %s")
            self.message_user(request, message % error, messages.ERROR)
            return redirect(self._history_url(version.id))

    def save_model(self, request, obj, form, change):
        version = getattr(request, "reverting_to", None)
        if version is None:
            return super().save_model(request, obj, form, change)
        # The version stood until the session's next one: its parts as they were just before.
        newer = obj.history.filter(history_date__gt=version.history_date).order_by("history_date")
        until = newer.values_list("history_date", flat=True).first()
        super().save_model(request, obj, form, change)
        if until is not None:
            restoring.revert_parts(obj, until, request.user, request.change_reason)

    def set_history_delta_changes(self, request, historical_records, **kwargs):
        """Beside each version's own changes, what happened to its parts while it stood (the
        parts an inline form changed are written just after the session)."""
        super().set_history_delta_changes(request, historical_records, **kwargs)
        records = list(historical_records)
        if not records:
            return
        newest = records[0]
        after = newest.instance_type.history.filter(
            id=newest.id, history_date__gt=newest.history_date
        )
        stood_until = [
            after.order_by("history_date").values_list("history_date", flat=True).first()
        ]
        stood_until += [record.history_date for record in records[:-1]]
        events = restoring.part_events(
            newest.id, since=records[-1].history_date, until=stood_until[0]
        )
        for record, until in zip(records, stood_until, strict=True):
            mine = [
                event
                for event in events
                if event["date"] >= record.history_date and (until is None or event["date"] < until)
            ]
            record.history_delta_changes = [*getattr(record, "history_delta_changes", []), *mine]

    def save_formset(self, request, form, formset, change):
        """Parts written or deleted inline say why, and who; a remark records who entered it."""
        reason = getattr(request, "change_reason", EDITED_IN_ADMIN)
        for part in formset.save(commit=False):
            if hasattr(part, "created_by_id") and part.created_by_id is None:
                part.created_by = request.user
            part._change_reason = reason
            part._history_user = request.user
            part.save()
        for part in formset.deleted_objects:
            part._change_reason = reason
            part._history_user = request.user
            part.delete()
        formset.save_m2m()

    def restore_part_view(self, request, object_id, model_name, history_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        session = self.get_object(request, unquote(object_id))
        model = restoring.PARTS_BY_NAME.get(model_name)
        if session is None or model is None:
            raise Http404
        if not self.has_change_permission(request, session):
            raise PermissionDenied
        record = get_object_or_404(
            model.history, history_id=history_id, session_id=session.pk, history_type="-"
        )
        try:
            part = restoring.restore(record, request.user)
        except restoring.RestoreError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(
                request,
                _("The %(part)s “%(label)s” is back in the session, number %(order)d.")
                % {
                    "part": model._meta.verbose_name,
                    "label": restoring.label(part),
                    "order": part.order,
                },
                messages.SUCCESS,
            )
        return redirect(self._history_url(session.pk))

    def _history_url(self, pk):
        return reverse("admin:forum_sessions_session_history", args=[pk])


def _whole(text):
    try:
        return int(text)
    except ValueError:
        raise Http404 from None
