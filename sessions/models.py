from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Prefetch, Q
from django.dispatch import Signal
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modeltranslation.utils import resolution_order

from gsef.cache import ContentQuerySet
from gsef.links import slug_url
from gsef.translation_status import TranslationTimestamps
from sessions.language_names import language_name
from speakers.models import Organisation, Speaker, has_related

# Sent with `pks`, the sessions published or unpublished by an update in bulk (which sends no
# post_save); `sessions.signals` brings the search index up to date.
publication_changed = Signal()


class SessionType(models.TextChoices):
    PLENARY = "plenary", _("Plenary")
    WORKSHOP = "workshop", _("Workshop")
    SELF_ORGANISED = "self_organised", _("Self-organised session")
    ROUNDTABLE = "roundtable", _("Roundtable")
    SIDE_EVENT = "side_event", _("Side event")


SESSION_TYPE_LABELS = dict(SessionType.choices)


class Theme(TranslationTimestamps):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("sessions:theme-detail", self.slug)


class Language(models.Model):
    """A language a session was held in (data about the session, not the site's language).
    Names come translated from Django's own list of languages."""

    code = models.CharField(_("code"), max_length=10, primary_key=True)

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self):
        return language_name(self.code, get_language())

    def clean(self):
        try:
            get_language_info(self.code)
        except KeyError:
            raise ValidationError(
                {
                    "code": _("“%(code)s” is not a language code Django knows (try en, fr, es).")
                    % {"code": self.code}
                }
            ) from None


class ForumQuerySet(ContentQuerySet):
    def published(self):
        return self.filter(has_related(self, sessions__is_published=True))


class Forum(TranslationTimestamps):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = CountryField(_("country"), blank=True)
    is_virtual = models.BooleanField(_("held online"), default=False)
    central_theme = models.CharField(_("central theme"), max_length=300, blank=True)
    website = models.URLField(_("website"), blank=True)

    objects = ForumQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="forum_ends_after_it_starts",
                violation_error_message=_("A forum cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("sessions:forum-detail", self.slug)

    def clean(self):
        if self.start_date and self.year and self.start_date.year != self.year:
            raise ValidationError(
                {
                    "year": _("The year must be the year of the first day (%(year)s).")
                    % {"year": self.start_date.year}
                }
            )


class InitiativeQuerySet(ContentQuerySet):
    def published(self):
        """Initiatives presented at a published session."""
        return self.filter(has_related(self, presentations__session__is_published=True))


class Initiative(TranslationTimestamps):
    """A best practice presented at one or more sessions."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    country = CountryField(_("country"), blank=True)
    region = models.CharField(
        _("region or city"), max_length=200, blank=True, help_text=_("Where it works.")
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="initiatives"
    )
    steps = models.TextField(_("what it does (steps)"), blank=True)
    results = models.TextField(_("results or evidence"), blank=True)
    website = models.URLField(_("website"), blank=True)
    is_featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown on the home page.")
    )

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("sessions:initiative-detail", self.slug)


class SessionQuerySet(ContentQuerySet):
    def published(self):
        # The rapporteur's report (kilobytes a session) is for the admin: public pages skip it.
        return self.filter(is_published=True).defer("source_report")

    def update(self, **kwargs):
        """An update in bulk (the admin's publish actions) sends no signal: on publishing or
        unpublishing, `publication_changed` is sent so that the search index follows (and the
        cached pages are dropped by ContentQuerySet)."""
        if "is_published" not in kwargs:
            return super().update(**kwargs)
        pks = list(self.values_list("pk", flat=True))
        count = super().update(**kwargs)
        publication_changed.send(sender=Session, pks=pks)
        return count

    def for_listing(self):
        """A list's sessions with their forum, themes and languages (the API's lists)."""
        return self.select_related("forum").prefetch_related("themes", "languages")

    def for_cards(self):
        """Only what a card shows (a session's long texts took most of a list's query): its
        forum's name, and its themes and languages as plain lists (no QuerySet per card)."""
        return self.card_fields().prefetch_related(
            Prefetch("themes", Theme.objects.all(), to_attr="card_themes"),
            Prefetch("languages", Language.objects.all(), to_attr="card_languages"),
        )

    def card_fields(self):
        """A card's own columns, and its forum's name."""
        shown = ("slug", "title", "title_en", "title_fr", "date", "session_type", "forum__name")
        return self.only(*shown).select_related("forum")


class Session(TranslationTimestamps):
    forum = models.ForeignKey(
        Forum, verbose_name=_("forum"), on_delete=models.PROTECT, related_name="sessions"
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    session_type = models.CharField(_("type"), max_length=20, choices=SessionType)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), null=True, blank=True
    )
    languages = models.ManyToManyField(
        Language, verbose_name=_("held in"), blank=True, related_name="sessions"
    )
    participant_count = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    participation_channel = models.CharField(
        _("participation channel"), max_length=80, blank=True, help_text=_("For example: Zoom.")
    )
    moderator = models.ForeignKey(
        Speaker,
        verbose_name=_("moderator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderated_sessions",
    )
    guiding_question = models.CharField(_("guiding question"), max_length=500, blank=True)
    guiding_synthesis = models.TextField(_("answers to the guiding question"), blank=True)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="sessions"
    )
    is_published = models.BooleanField(_("published"), default=False, db_index=True)
    revision_of = models.ForeignKey(
        "self",
        verbose_name=_("revision of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="revisions",
    )  # a draft revising a published session: sessions.revisions
    source_report = models.TextField(
        _("source report"), blank=True, help_text=_("The rapporteur's report, as imported.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "start_time", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        # The lists sort newest first and filter by year (a date range): one index serves both.
        indexes = [models.Index(fields=["-date", "start_time", "id"], name="session_date")]
        permissions = [
            ("publish_session", _("Can publish and unpublish sessions")),
            ("import_report", _("Can import a rapporteur's report")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__isnull=True) | Q(duration_minutes__gt=0),
                name="session_duration_positive",
                violation_error_message=_("A session's duration must be at least one minute."),
            ),
            models.CheckConstraint(
                condition=Q(participant_count__isnull=True) | Q(participant_count__gt=0),
                name="session_participant_count_positive",
                violation_error_message=_(
                    "The participant count must be at least one; leave it empty if unknown."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_session_type_display(self):
        # Django's own builds a dictionary of every choice at each call (50 µs, on every card).
        return str(SESSION_TYPE_LABELS.get(self.session_type, self.session_type))

    def get_absolute_url(self):
        return slug_url("sessions:session-detail", self.slug)

    def was_ever_published(self):
        """Published now or once (its history says): its address may have been cited."""
        return self.is_published or self.history.filter(is_published=True).exists()

    def clean(self):
        forum = self.forum if self.forum_id else None
        if forum and self.date and not forum.start_date <= self.date <= forum.end_date:
            raise ValidationError(
                {
                    "date": _("%(date)s is outside %(forum)s, which ran from %(start)s to %(end)s.")
                    % {
                        "date": self.date.isoformat(),
                        "forum": forum.name,
                        "start": forum.start_date.isoformat(),
                        "end": forum.end_date.isoformat(),
                    }
                }
            )


def _one_order_per_session(model_name, message):
    return models.UniqueConstraint(
        fields=["session", "order"],
        name=f"{model_name}_one_order_per_session",
        violation_error_message=message,
    )


class SessionPartQuerySet(ContentQuerySet):
    def of_published_sessions(self, *related):
        """The parts of published sessions, each with its session (and `related`) read in the
        same query, without the session's imported report (the admin's, kilobytes each)."""
        return (
            self.filter(session__is_published=True)
            .select_related("session", *related)
            .defer("session__source_report")
        )


class Presentation(TranslationTimestamps):
    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="presentations"
    )
    speaker = models.ForeignKey(
        Speaker, verbose_name=_("speaker"), on_delete=models.PROTECT, related_name="presentations"
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"))
    initiatives = models.ManyToManyField(
        Initiative,
        verbose_name=_("initiatives presented"),
        blank=True,
        related_name="presentations",
    )

    objects = SessionPartQuerySet.as_manager()

    class Meta:
        ordering = ["session", "order"]
        verbose_name = _("presentation")
        verbose_name_plural = _("presentations")
        constraints = [
            _one_order_per_session(
                "presentation", _("Another presentation of this session has this order.")
            )
        ]

    def __str__(self):
        return f"{self.speaker}: {self.title}"

    def get_absolute_url(self):
        return f"{self.session.get_absolute_url()}#presentation-{self.order}"


class AudienceQuestion(TranslationTimestamps):
    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="questions"
    )
    asker_name = models.CharField(_("asked by"), max_length=200, blank=True)
    asker_country = CountryField(_("from"), blank=True)
    question = models.TextField(_("question"))
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        Speaker,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answers",
    )
    order = models.PositiveSmallIntegerField(_("order"))

    objects = SessionPartQuerySet.as_manager()

    class Meta:
        ordering = ["session", "order"]
        verbose_name = _("audience question")
        verbose_name_plural = _("audience questions")
        constraints = [
            _one_order_per_session(
                "audiencequestion", _("Another question of this session has this order.")
            )
        ]

    def __str__(self):
        return self.question[:80]

    def get_absolute_url(self):
        return f"{self.session.get_absolute_url()}#question-{self.order}"


class ClosingRemark(TranslationTimestamps):
    session = models.ForeignKey(
        Session,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="closing_remarks",
    )
    speaker = models.ForeignKey(
        Speaker,
        verbose_name=_("speaker"),
        on_delete=models.PROTECT,
        related_name="closing_remarks",
    )
    text = models.TextField(_("remark"))
    order = models.PositiveSmallIntegerField(_("order"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SessionPartQuerySet.as_manager()

    class Meta:
        ordering = ["session", "order"]
        verbose_name = _("closing remark")
        verbose_name_plural = _("closing remarks")
        constraints = [
            _one_order_per_session(
                "closingremark", _("Another closing remark of this session has this order.")
            )
        ]

    def __str__(self):
        return f"{self.speaker}: {self.text[:60]}"

    def get_absolute_url(self):
        return f"{self.session.get_absolute_url()}#remark-{self.order}"


class SearchKind(models.TextChoices):
    SESSION = "session", _("Session")
    PRESENTATION = "presentation", _("Presentation")
    INITIATIVE = "initiative", _("Best practice")
    SPEAKER = "speaker", _("Speaker")
    ORGANISATION = "organisation", _("Organisation")
    QUESTION = "question", _("Audience question")
    REMARK = "remark", _("Closing remark")


class SearchEntry(models.Model):
    """One searchable record, denormalised: its texts in both languages (weighted: titles,
    then summaries, then the rest) and what the search page filters on and links to.

    Rows are written only by `sessions.search` (signals, bulk paths, `rebuild_search_index`).
    On PostgreSQL a trigger fills `search_vector`; on SQLite an FTS5 table mirrors the texts.
    """

    kind = models.CharField(max_length=20, choices=SearchKind)
    object_id = models.BigIntegerField()
    title_en = models.TextField(blank=True)
    title_fr = models.TextField(blank=True)
    summary_en = models.TextField(blank=True)
    summary_fr = models.TextField(blank=True)
    body_en = models.TextField(blank=True)
    body_fr = models.TextField(blank=True)
    country = CountryField(blank=True)
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, null=True, related_name="+")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, null=True, related_name="+")
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, null=True, related_name="+"
    )
    session_type = models.CharField(max_length=20, blank=True)
    # The slugs of its (or its session's) themes, space-separated with a space at each end, so
    # that the theme facet needs no join. Nullable: SQLite adds such a column in place.
    themes = models.TextField(null=True, editable=False)  # noqa: DJ001 (see above)
    published = models.BooleanField(default=False)
    slug = models.CharField(max_length=120)  # the record's, or its session's for a child
    order = models.PositiveSmallIntegerField(null=True)  # a child's anchor on its session
    # Filled by a PostgreSQL trigger (unused on SQLite, where an FTS5 table does the work).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique")
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}"

    def get_absolute_url(self):
        if self.kind in ANCHORED_KINDS:
            session = slug_url("sessions:session-detail", self.slug)
            return f"{session}#{ANCHORED_KINDS[self.kind]}-{self.order}"
        name = {
            SearchKind.SESSION: "sessions:session-detail",
            SearchKind.INITIATIVE: "sessions:initiative-detail",
            SearchKind.SPEAKER: "speakers:speaker-detail",
            SearchKind.ORGANISATION: "speakers:organisation-detail",
        }[self.kind]
        return slug_url(name, self.slug)

    @property
    def title(self):
        """The title in the page's language, else the other (for the `translated` tag)."""
        for code in resolution_order(get_language() or "en"):
            value = getattr(self, f"title_{code}", "")
            if value:
                return value
        return ""

    @property
    def summary(self):
        for code in resolution_order(get_language() or "en"):
            value = getattr(self, f"summary_{code}", "")
            if value:
                return value
        return ""


ANCHORED_KINDS = {
    SearchKind.PRESENTATION: "presentation",
    SearchKind.QUESTION: "question",
    SearchKind.REMARK: "remark",
}


class SearchWord(models.Model):
    """A word of the indexed titles and summaries, to correct a visitor's typo."""

    word = models.CharField(max_length=60, unique=True)

    def __str__(self):
        return self.word
