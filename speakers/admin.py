from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from speakers.models import Organisation, Speaker


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind", "country", "website"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "acronym", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Speaker)
class SpeakerAdmin(TabbedTranslationAdmin):
    list_display = ["name", "role", "organisation", "country", "user"]
    list_filter = ["country", "organisation__kind"]
    list_select_related = ["organisation", "user"]
    search_fields = ["name", "slug", "organisation__name", "organisation__acronym"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisation", "user"]
