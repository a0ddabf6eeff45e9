from django.contrib import admin, messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries import countries
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline
from simple_history.admin import SimpleHistoryAdmin

from gsef.collation import collation_key, fold
from sessions.forms import ReportUploadForm
from sessions.importer import Importer, ReportError, parse_report, read_source
from sessions.importer.reading import Source
from sessions.models import (
    AudienceQuestion,
    ClosingRemark,
    Forum,
    Initiative,
    Language,
    Presentation,
    Session,
    Theme,
    language_names,
)
from speakers.admin import URL_FIELDS_ASSUME_HTTPS, PermanentSlugMixin
from speakers.models import Speaker


@admin.register(Theme)
class ThemeAdmin(PermanentSlugMixin, SimpleHistoryAdmin, TabbedTranslationAdmin):
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
class ForumAdmin(PermanentSlugMixin, SimpleHistoryAdmin, TabbedTranslationAdmin):
    list_display = ["name", "year", "start_date", "end_date", "city", "country", "is_virtual"]
    list_filter = ["year", "is_virtual", "country"]
    search_fields = ["name", "city", "central_theme_en", "central_theme_fr"]
    slug_from = "name"
    date_hierarchy = "start_date"
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS


@admin.register(Initiative)
class InitiativeAdmin(PermanentSlugMixin, SimpleHistoryAdmin, TabbedTranslationAdmin):
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


class SpeakerCountryFilter(admin.SimpleListFilter):
    """Sessions in which someone from the chosen country presented."""

    title = _("speaker's country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        codes = (
            Speaker.objects.exclude(country="")
            .filter(presentations__isnull=False)
            .order_by("country")  # not by name: DISTINCT would then repeat countries
            .values_list("country", flat=True)
            .distinct()
        )
        return sorted(
            ((code, countries.name(code)) for code in codes), key=lambda c: collation_key(c[1])
        )

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        presented = Presentation.objects.filter(
            session=OuterRef("pk"), speaker__country=self.value()
        )
        return queryset.filter(Exists(presented))


class PresentationInline(TranslationStackedInline):
    model = Presentation
    extra = 0
    fields = ["order", "speaker", "title", "summary", "initiatives"]
    autocomplete_fields = ["speaker", "initiatives"]


class AudienceQuestionInline(TranslationStackedInline):
    model = AudienceQuestion
    extra = 0
    fields = ["order", "asker_name", "asker_country", "question", "answer", "answered_by"]
    autocomplete_fields = ["answered_by"]


class ClosingRemarkInline(TranslationStackedInline):
    model = ClosingRemark
    extra = 0
    fields = ["order", "speaker", "text", "created_by", "created_at"]
    readonly_fields = ["created_by", "created_at"]
    autocomplete_fields = ["speaker"]


@admin.register(Session)
class SessionAdmin(PermanentSlugMixin, SimpleHistoryAdmin, TabbedTranslationAdmin):
    list_display = ["title", "forum", "session_type", "date", "is_published"]
    list_filter = ["is_published", "forum", "session_type", SpeakerCountryFilter, "themes"]
    list_select_related = ["forum"]
    search_fields = [
        "title_en",
        "title_fr",
        "slug",
        "forum__name",
        "presentations__speaker__name",
        "moderator__name",
    ]
    date_hierarchy = "date"
    slug_from = "title_en"

    def get_readonly_fields(self, request, obj=None):
        """A draft's address is not public yet: its slug stays editable (shorter, clearer)
        until the session is first published."""
        readonly = super().get_readonly_fields(request, obj)
        if obj is not None and not obj.was_ever_published():
            return [name for name in readonly if name != "slug"]
        return readonly

    autocomplete_fields = ["forum", "moderator", "themes", "languages"]
    inlines = [PresentationInline, AudienceQuestionInline, ClosingRemarkInline]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["forum", "title", "slug", "session_type", "summary", "themes"]}),
        (
            _("When and how"),
            {
                "fields": [
                    "date",
                    "start_time",
                    "duration_minutes",
                    "languages",
                    "participant_count",
                    "participation_channel",
                    "moderator",
                ]
            },
        ),
        (_("Guiding question"), {"fields": ["guiding_question", "guiding_synthesis"]}),
        (_("Publication"), {"fields": ["is_published"]}),
        (_("Source report"), {"fields": ["source_report_text"]}),
    ]
    readonly_fields = ["source_report_text"]
    change_list_template = "admin/forum_sessions/session/change_list.html"

    class Media:
        css = {"all": ["css/admin.css"]}

    @admin.display(description=_("The report as imported"))
    def source_report_text(self, session):
        if not session.source_report:
            return _("Entered by hand: no report.")
        return format_html('<pre class="source-report">{}</pre>', session.source_report)

    # Importing a report: upload, preview, confirm.

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
            parsed = parse_report(source)
            result = Importer(user=request.user).run(parsed, payload["text"], payload["name"])
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
        self.message_user(
            request,
            _("Report “%(name)s” imported as a draft: check it, then publish it.")
            % {"name": payload["name"]},
            messages.SUCCESS,
        )
        if not self.has_change_permission(request, result.session):
            return redirect("admin:index")  # may import, may not edit: not a page it may see
        return redirect(reverse("admin:forum_sessions_session_change", args=[result.session.pk]))

    def save_formset(self, request, form, formset, change):
        if formset.model is ClosingRemark:
            for remark in formset.save(commit=False):
                if remark.created_by_id is None:
                    remark.created_by = request.user
                remark.save()
            for remark in formset.deleted_objects:
                remark.delete()
            formset.save_m2m()
        else:
            super().save_formset(request, form, formset, change)

    def _set_published(self, request, queryset, published):
        count = queryset.update(is_published=published, updated_at=timezone.now())
        template = (
            ngettext("%d session published.", "%d sessions published.", count)
            if published
            else ngettext("%d session unpublished.", "%d sessions unpublished.", count)
        )
        self.message_user(request, template % count, messages.SUCCESS)

    def has_publish_permission(self, request):
        return request.user.has_perm("forum_sessions.publish_session")

    @admin.action(description=_("Publish the selected sessions"), permissions=["publish"])
    def publish(self, request, queryset):
        self._set_published(request, queryset, True)

    @admin.action(description=_("Unpublish the selected sessions"), permissions=["publish"])
    def unpublish(self, request, queryset):
        self._set_published(request, queryset, False)


@admin.register(Presentation)
class PresentationAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    list_display = ["title", "speaker", "session", "order"]
    list_filter = ["session__forum", "session__session_type"]
    list_select_related = ["speaker", "session"]
    search_fields = ["title_en", "title_fr", "speaker__name", "session__title_en"]
    autocomplete_fields = ["session", "speaker", "initiatives"]


@admin.register(AudienceQuestion)
class AudienceQuestionAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    list_display = ["__str__", "asker_name", "asker_country", "session", "order"]
    list_filter = ["session__forum", "asker_country"]
    list_select_related = ["session"]
    search_fields = ["question_en", "question_fr", "answer_en", "answer_fr", "asker_name"]
    autocomplete_fields = ["session", "answered_by"]


@admin.register(ClosingRemark)
class ClosingRemarkAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
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
