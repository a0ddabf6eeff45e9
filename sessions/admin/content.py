"""The admin of everything but sessions themselves: themes, languages, forums, initiatives
and the parts of a session, each also on its own list."""

from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from gsef.admin_translation import TranslationStatusAdmin
from gsef.collation import fold
from sessions.admin.history import ReasonedHistoryAdmin
from sessions.language_names import language_names
from sessions.models import (
    AudienceQuestion,
    ClosingRemark,
    Forum,
    Initiative,
    Language,
    Presentation,
    Theme,
)
from speakers.admin import URL_FIELDS_ASSUME_HTTPS, PermanentSlugMixin


@admin.register(Theme)
class ThemeAdmin(
    TranslationStatusAdmin, PermanentSlugMixin, ReasonedHistoryAdmin, TabbedTranslationAdmin
):
    list_display = ["name", "slug"]
    search_fields = ["name_en", "name_fr", "slug"]
    slug_from = "name_en"


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["code", "__str__"]
    search_fields = ["code"]

    def get_search_results(self, request, queryset, search_term):
        """By code, or by name in English, in French or in the language itself: "English",
        "anglais" and "en" all find English (the sessions' "Held in" box asks here)."""
        found, duplicates = super().get_search_results(request, queryset, search_term)
        term = fold(search_term)
        if term:
            named = [
                code
                for code in queryset.values_list("code", flat=True)
                if any(term in fold(name) for name in language_names(code))
            ]
            found |= queryset.filter(code__in=named)
        return found, duplicates


@admin.register(Forum)
class ForumAdmin(
    TranslationStatusAdmin, PermanentSlugMixin, ReasonedHistoryAdmin, TabbedTranslationAdmin
):
    list_display = ["name", "year", "start_date", "end_date", "city", "country", "is_virtual"]
    list_filter = ["year", "is_virtual", "country"]
    search_fields = ["name", "city", "central_theme_en", "central_theme_fr"]
    slug_from = "name"
    date_hierarchy = "start_date"
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS


@admin.register(Initiative)
class InitiativeAdmin(
    TranslationStatusAdmin, PermanentSlugMixin, ReasonedHistoryAdmin, TabbedTranslationAdmin
):
    list_display = ["name", "country", "region", "organisation", "is_featured"]
    list_filter = ["is_featured", "country", "themes"]
    list_select_related = ["organisation"]
    search_fields = [
        "name_en",
        "name_fr",
        "slug",
        "region",
        "organisation__name",
        "organisation__acronym",
    ]
    slug_from = "name_en"
    autocomplete_fields = ["organisation", "themes"]
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS


@admin.register(Presentation)
class PresentationAdmin(TranslationStatusAdmin, ReasonedHistoryAdmin, TabbedTranslationAdmin):
    list_display = ["title", "speaker", "session", "order"]
    list_filter = ["session__forum", "session__session_type"]
    list_select_related = ["speaker", "session"]
    search_fields = ["title_en", "title_fr", "speaker__name", "session__title_en"]
    autocomplete_fields = ["session", "speaker", "initiatives"]


@admin.register(AudienceQuestion)
class AudienceQuestionAdmin(TranslationStatusAdmin, ReasonedHistoryAdmin, TabbedTranslationAdmin):
    list_display = ["__str__", "asker_name", "asker_country", "session", "order"]
    list_filter = ["session__forum", "asker_country"]
    list_select_related = ["session"]
    search_fields = ["question_en", "question_fr", "answer_en", "answer_fr", "asker_name"]
    autocomplete_fields = ["session", "answered_by"]


@admin.register(ClosingRemark)
class ClosingRemarkAdmin(TranslationStatusAdmin, ReasonedHistoryAdmin, TabbedTranslationAdmin):
    list_display = ["__str__", "session", "order", "created_by", "created_at"]
    list_filter = ["session__forum"]
    list_select_related = ["speaker", "session", "created_by"]
    search_fields = ["text_en", "text_fr", "speaker__name", "session__title_en"]
    autocomplete_fields = ["session", "speaker"]
    readonly_fields = ["created_by", "created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        if obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
