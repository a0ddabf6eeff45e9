from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from gsef.admin_translation import TranslationStatusAdmin
from speakers.invitations import InvitationForm, make_moderator, send_invitation
from speakers.models import Organisation, Speaker

# A website typed without a scheme ("gsef-net.org") is taken as https.
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}


class PermanentSlugMixin:
    """A slug is typed (or prefilled) once, when the object is added: public URLs are cited,
    so they never change afterwards."""

    slug_from = None  # the field the add page prefills the slug from

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return [*readonly, "slug"] if obj is not None else readonly

    def get_prepopulated_fields(self, request, obj=None):
        return {"slug": [self.slug_from]} if obj is None else {}


@admin.register(Organisation)
class OrganisationAdmin(PermanentSlugMixin, SimpleHistoryAdmin):
    list_display = ["name", "acronym", "kind", "country", "website"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "acronym", "slug"]
    slug_from = "name"
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS


@admin.register(Speaker)
class SpeakerAdmin(
    TranslationStatusAdmin, PermanentSlugMixin, SimpleHistoryAdmin, TabbedTranslationAdmin
):
    list_display = ["name", "role", "organisation", "country", "user"]
    list_filter = ["country", "organisation__kind"]
    list_select_related = ["organisation", "user"]
    search_fields = ["name", "slug", "organisation__name", "organisation__acronym"]
    slug_from = "name"
    autocomplete_fields = ["organisation", "user"]

    change_form_template = "admin/speakers/speaker/change_form.html"

    def get_urls(self):
        invite = self.admin_site.admin_view(self.invite_view)
        return [
            path("<int:pk>/invite/", invite, name="speakers_speaker_invite"),
            *super().get_urls(),
        ]

    def invite_view(self, request, pk):
        """Turn this speaker into a moderator account and email them a link to set a password."""
        if not request.user.has_perm("speakers.invite_moderator"):
            raise PermissionDenied
        speaker = get_object_or_404(Speaker, pk=pk)
        form = InvitationForm(request.POST or None, speaker=speaker)
        if request.method == "POST" and form.is_valid():
            user = make_moderator(
                speaker, form.cleaned_data["email"], form.cleaned_data["language"]
            )
            send_invitation(user, request)
            self.message_user(
                request,
                _("%(name)s is now a moderator; an invitation was sent to %(email)s.")
                % {"name": speaker.name, "email": user.email},
                messages.SUCCESS,
            )
            return redirect(reverse("admin:speakers_speaker_change", args=[speaker.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Invite %(name)s as a moderator") % {"name": speaker.name},
            "opts": self.opts,
            "original": speaker,
            "form": form,
        }
        return TemplateResponse(request, "admin/speakers/speaker/invite.html", context)
