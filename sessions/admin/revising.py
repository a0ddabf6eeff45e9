"""Draft revisions of published sessions in the admin (sessions.revisions): the form says
which session a draft revises, and publishing the draft, from its form or from the list's
action, puts its content into that session."""

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sessions.revisions import publish_revision


class RevisionMixin:
    """For the sessions' ModelAdmin."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not obj.revision_of_id:
            return fieldsets
        return [(_("Revision"), {"fields": ["revises"]}), *fieldsets]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "revises"]

    @admin.display(description=gettext_lazy("Revises"))
    def revises(self, session):
        published = session.revision_of
        if published is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a> — {}',
            reverse("admin:forum_sessions_session_change", args=[published.pk]),
            published,
            _(
                "publishing this draft replaces that session's content and parts; its address "
                "stays, and this draft goes"
            ),
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        session = form.instance
        if session.revision_of_id and session.is_published:
            request.published_revision = publish_revision(session, request.user)

    def response_change(self, request, obj):
        published = getattr(request, "published_revision", None)
        if published is None:
            return super().response_change(request, obj)
        self.message_user(
            request,
            _("The revision is published: “%(session)s” now shows its content.")
            % {"session": published},
            messages.SUCCESS,
        )
        return redirect(reverse("admin:forum_sessions_session_change", args=[published.pk]))

    def publish_revisions(self, request, queryset):
        """Publish the revisions among `queryset`; how many."""
        revisions = list(queryset.filter(revision_of__isnull=False, is_published=False))
        for revision in revisions:
            publish_revision(revision, request.user)
        return len(revisions)
