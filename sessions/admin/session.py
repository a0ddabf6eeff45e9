"""A session's admin: its list, its form with the parts inline, publication, the import of a
report (sessions.admin.importing) and a history that restores parts (sessions.admin.history)."""

import datetime
import hashlib

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from gsef import cache as page_cache
from gsef.admin_translation import TranslationStatusAdmin
from gsef.collation import collation_key
from sessions.admin.changelist import RowLinksChangeList, boolean_icon, local_date
from sessions.admin.history import PartHistoryMixin
from sessions.admin.importing import ImportReportMixin
from sessions.admin.revising import RevisionMixin
from sessions.admin.widgets import (
    KnownChoicesInlineMixin,
    ListedCountrySelect,
    resolve_labels,
)
from sessions.models import AudienceQuestion, ClosingRemark, Presentation, Session
from speakers.admin import PermanentSlugMixin
from speakers.models import Speaker


class YearFilter(admin.SimpleListFilter):
    """The year of the session, chosen from the years that have sessions (kept until content
    changes: the date hierarchy read them with a DISTINCT over every session each time)."""

    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = page_cache.remember(
            "admin:session-years",
            lambda: sorted(
                {date.year for date in Session.objects.order_by().dates("date", "year")},
                reverse=True,
            ),
        )
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        try:
            year = int(self.value() or "")
        except ValueError:
            return queryset
        return queryset.filter(
            date__gte=datetime.date(year, 1, 1), date__lt=datetime.date(year + 1, 1, 1)
        )


class CountedOncePaginator(Paginator):
    """The changelist's paginator, its count kept until content changes for each filtered
    list (a COUNT(*) over 100,000 sessions took 50 ms a page)."""

    @cached_property
    def count(self):
        query = self.object_list.query
        sql, params = query.sql_with_params()
        key = hashlib.sha256(repr((sql, params)).encode()).hexdigest()
        return page_cache.remember(f"admin:count:{key}", lambda: Paginator.count.func(self))


class SpeakerCountryFilter(admin.SimpleListFilter):
    """Sessions in which someone from the chosen country presented."""

    title = _("speaker's country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        # Kept until content changes: a DISTINCT over every presentation's speaker (0.2 s at
        # 100,000 sessions) on each view of the list.
        codes = page_cache.remember(
            "admin:speaker-countries",
            lambda: list(
                Speaker.objects.exclude(country="")
                .filter(presentations__isnull=False)
                .order_by("country")  # not by name: DISTINCT would then repeat countries
                .values_list("country", flat=True)
                .distinct()
            ),
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


class PresentationInline(KnownChoicesInlineMixin, TranslationStackedInline):
    model = Presentation
    extra = 0
    fields = ["order", "speaker", "title", "summary", "initiatives"]
    autocomplete_fields = ["speaker", "initiatives"]

    def get_queryset(self, request):
        # Each form's heading is the presentation's name, which names its speaker; each form
        # starts from the presentation's initiatives.
        return (
            super().get_queryset(request).select_related("speaker").prefetch_related("initiatives")
        )


class AudienceQuestionInline(KnownChoicesInlineMixin, TranslationStackedInline):
    model = AudienceQuestion
    extra = 0
    fields = ["order", "asker_name", "asker_country", "question", "answer", "answered_by"]
    autocomplete_fields = ["answered_by"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "asker_country":
            kwargs["widget"] = ListedCountrySelect
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class ClosingRemarkInline(KnownChoicesInlineMixin, TranslationStackedInline):
    model = ClosingRemark
    extra = 0
    fields = ["order", "speaker", "text", "created_by", "created_at"]
    readonly_fields = ["created_by", "created_at"]
    autocomplete_fields = ["speaker"]

    def get_queryset(self, request):
        # The heading names the speaker, and the read-only field who entered the remark.
        return super().get_queryset(request).select_related("speaker", "created_by")


@admin.register(Session)
class SessionAdmin(
    TranslationStatusAdmin,
    ImportReportMixin,
    RevisionMixin,
    PermanentSlugMixin,
    PartHistoryMixin,
    TabbedTranslationAdmin,
):
    # The date and the published flag as Django shows them, written by
    # sessions.admin.changelist for the page's hundred rows.
    list_display = ["title", "forum", "session_type", "held_on", "published"]
    list_filter = [
        "is_published",
        "forum",
        YearFilter,
        "session_type",
        SpeakerCountryFilter,
        "themes",
    ]
    list_select_related = ["forum"]
    # Not its translated texts: the translation column reads them (translation_status).
    changelist_defer = ["source_report"]
    paginator = CountedOncePaginator
    show_full_result_count = False  # a second COUNT(*) over every session, for "(n total)"
    # The site's is a lazy "-" translated anew for each cell (700 times a page): the same
    # dash in both languages, as plain text.
    empty_value_display = "-"

    def get_changelist(self, request, **kwargs):
        return RowLinksChangeList

    @admin.display(description=_("date"), ordering="date")
    def held_on(self, obj):
        return local_date(obj.date)

    @admin.display(description=_("published"), ordering="is_published")
    def published(self, obj):
        return boolean_icon(obj.is_published)

    def action_checkbox(self, obj):
        # Django builds a checkbox widget for each of the page's hundred rows: even with its
        # template written by gsef.form_rendering, 10,000 more calls a page (4%), for the
        # same input, written here.
        label = format_html(gettext("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            label,
        )

    search_fields = [
        "title_en",
        "title_fr",
        "slug",
        "forum__name",
        "presentations__speaker__name",
        "moderator__name",
    ]
    slug_from = "title_en"

    def get_form(self, request, obj=None, **kwargs):
        return resolve_labels(super().get_form(request, obj, **kwargs))

    def get_readonly_fields(self, request, obj=None):
        """A draft's address is not public yet: its slug stays editable (shorter, clearer)
        until the session is first published."""
        readonly = super().get_readonly_fields(request, obj)
        if obj is not None and not self._was_ever_published(request, obj):
            return [name for name in readonly if name != "slug"]
        return readonly

    def _was_ever_published(self, request, obj):
        # Asked three times for a page (its form, that form's fields, the page itself); a
        # draft's answer is a query on its history: read once per request.
        answers = request.__dict__.setdefault("_gsef_ever_published", {})
        if obj.pk not in answers:
            answers[obj.pk] = obj.was_ever_published()
        return answers[obj.pk]

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

    def _set_published(self, request, queryset, published):
        with transaction.atomic():
            count = self.publish_revisions(request, queryset) if published else 0
            # The revisions published are gone: what is left is updated, and on record (an
            # update in bulk writes no history of its own).
            changing = queryset.exclude(is_published=published)
            pks = list(changing.values_list("pk", flat=True))
            changing.update(is_published=published, updated_at=timezone.now())
            Session.history.bulk_history_create(
                Session.objects.filter(pk__in=pks),
                update=True,
                default_user=request.user,
                default_change_reason="published" if published else "unpublished",
            )
        count += len(pks)
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
