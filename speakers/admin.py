from django.contrib import admin
from django.db import models
from modeltranslation.admin import TabbedTranslationAdmin

from speakers.models import Organisation, Speaker

# A website typed without a scheme ("gsef-net.org") is taken as https.
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}


class PermanentSlugMixin:
    """A slug is typed (or prefilled) once, when the object is added: public URLs are cited,
    so they never change afterwards."""

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return [*readonly, "slug"] if obj is not None else readonly

    def get_prepopulated_fields(self, request, obj=None):
        return super().get_prepopulated_fields(request, obj) if obj is None else {}


@admin.register(Organisation)
class OrganisationAdmin(PermanentSlugMixin, admin.ModelAdmin):
    list_display = ["name", "acronym", "kind", "country", "website"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "acronym", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS


@admin.register(Speaker)
class SpeakerAdmin(PermanentSlugMixin, TabbedTranslationAdmin):
    list_display = ["name", "role", "organisation", "country", "user"]
    list_filter = ["country", "organisation__kind"]
    list_select_related = ["organisation", "user"]
    search_fields = ["name", "slug", "organisation__name", "organisation__acronym"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisation", "user"]
