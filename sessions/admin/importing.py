"""Importing a report in the admin: upload, preview, confirm."""

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from sessions.forms import ReportUploadForm
from sessions.importer import Importer, ReportError, parse_report, read_source
from sessions.importer.reading import Source
from sessions.models import Session


class ImportReportMixin:
    """For the sessions' ModelAdmin: an "Import a report" page beside the list."""

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        return [
            path("import/", view, name="forum_sessions_session_import"),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not request.user.has_perm("forum_sessions.import_report"):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import a report"),
        }
        if request.method == "POST" and "payload" in request.POST:
            return self._confirm_import(request, context)
        form = ReportUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["report"]
            try:
                source = read_source(upload.read(), upload.name)
                parsed = parse_report(source)
                parsed.warnings[:0] = source.warnings
                preview = Importer(user=request.user, dry_run=True).run(
                    parsed, source.text, upload.name
                )
            except ReportError as error:
                form.add_error("report", str(error))
            else:
                # The confirmation imports the text the preview read (a Word file's rendering,
                # with where each line was in the document), not a second upload.
                payload = {
                    "text": source.text,
                    "name": upload.name,
                    "kind": source.kind,
                    "places": {str(line): place for line, place in source.places.items()},
                    "twin": preview.twin.pk if preview.twin else None,
                }
                context.update(result=preview, payload=signing.dumps(payload, compress=True))
                return TemplateResponse(
                    request, "admin/forum_sessions/session/import_preview.html", context
                )
        context["form"] = form
        return TemplateResponse(request, "admin/forum_sessions/session/import_form.html", context)

    def _confirm_import(self, request, context):
        try:
            payload = signing.loads(request.POST["payload"], max_age=3600)
            places = {int(line): place for line, place in payload.get("places", {}).items()}
            source = Source(payload["text"], payload.get("kind", "text"), places=places)
            revised = self._revised(request, payload)
            parsed = parse_report(source)
            result = Importer(user=request.user, revision_of=revised).run(
                parsed, payload["text"], payload["name"]
            )
        except signing.BadSignature:
            self.message_user(
                request,
                _("The preview expired or was altered; upload the file again."),
                messages.ERROR,
            )
            return redirect("admin:forum_sessions_session_import")
        except ReportError as error:
            self.message_user(request, str(error), messages.ERROR)
            return redirect("admin:forum_sessions_session_import")
        if revised is not None:
            message = _(
                "Report “%(name)s” imported as a draft revision of “%(session)s”: check it, then "
                "publish it to replace the published session's content (its address stays)."
            )
        else:
            message = _("Report “%(name)s” imported as a draft: check it, then publish it.")
        self.message_user(
            request, message % {"name": payload["name"], "session": revised}, messages.SUCCESS
        )
        if not self.has_change_permission(request, result.session):
            return redirect("admin:index")  # may import, may not edit: not a page it may see
        return redirect(reverse("admin:forum_sessions_session_change", args=[result.session.pk]))

    def _revised(self, request, payload):
        """The published session the editor chose to revise with this report, or None."""
        if "as_revision" not in request.POST or not payload.get("twin"):
            return None
        revised = Session.objects.filter(pk=payload["twin"], is_published=True).first()
        if revised is None:
            raise ReportError(
                _(
                    "The published session this report would revise is no longer published: "
                    "upload the report again."
                )
            )
        return revised
