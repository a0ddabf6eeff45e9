"""What goes into a search entry: for each kind of record, its texts in both languages
(titles, summaries, the rest), what the search page filters on and links to, and whether the
public may see it, all as SQL expressions over the source table (`source(kind)`), so that
entries are built by `INSERT ... SELECT`, a few or a million at a time."""

from functools import lru_cache

from django.db.models import (
    Aggregate,
    BigIntegerField,
    BooleanField,
    ExpressionWrapper,
    F,
    Func,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import translation
from django_countries import countries

from sessions.models import (
    AudienceQuestion,
    ClosingRemark,
    Initiative,
    Presentation,
    SearchEntry,
    SearchKind,
    Session,
)
from speakers.models import Organisation, Speaker

# Snippets come back with these around each hit; they are stripped from the indexed text, so
# once the snippet is escaped they are the only place <mark> can come from.
MARK_START, MARK_END = "\x02", "\x03"
ENTRY_TABLE = SearchEntry._meta.db_table
COLUMNS = [
    "kind",
    "object_id",
    "title_en",
    "title_fr",
    "summary_en",
    "summary_fr",
    "body_en",
    "body_fr",
    "country",
    "forum_id",
    "session_id",
    "initiative_id",
    "session_type",
    "themes",
    "published",
    "slug",
    "order",
]


def extract_source(language, part):
    """The code a search extract starts with, saying which text it was taken from: its
    language and part, "ens" for the English summary, "frb" for the other French texts."""
    return f"{language}{part[0]}"


# Building entries


class Clean(Func):
    """Text without the snippet markers (and never NULL)."""

    output_field = TextField()

    def __init__(self, expression):
        super().__init__(Coalesce(expression, Value(""), output_field=TextField()))

    def as_sql(self, compiler, connection, **extra_context):
        template = "translate(%(expressions)s, chr(2) || chr(3), '')"
        return super().as_sql(compiler, connection, template=template, **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        template = "replace(replace(%(expressions)s, char(2), ''), char(3), '')"
        return super().as_sql(compiler, connection, template=template, **extra_context)


class Words(Aggregate):
    """Texts of related rows joined by spaces (STRING_AGG, GROUP_CONCAT on SQLite)."""

    function = "STRING_AGG"
    template = "%(function)s(%(expressions)s, ' ')"
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="GROUP_CONCAT", **extra_context)


def join(*parts):
    """Texts separated by spaces, empty ones and NULLs allowed."""
    expressions = []
    for part in parts:
        expression = F(part) if isinstance(part, str) else part
        expressions += [Coalesce(expression, Value(""), output_field=TextField()), Value(" ")]
    return Concat(*expressions[:-1], output_field=TextField())


@lru_cache
def _country_names():
    names = {}
    for language in ("en", "fr"):
        with translation.override(language):
            for code, name in countries:
                names.setdefault(code, []).append(str(name))
    return {code: " ".join(dict.fromkeys(pair)) for code, pair in names.items()}


@lru_cache
def _country_case():
    # Written once: a Case() of 250 When()s is resolved again for every query, which made
    # each save (and its reindex) cost a tenth of a second. The names are django-countries'
    # own, never a visitor's; quotes are doubled and % escaped for the driver's formatting.
    def literal(text):
        return "'" + text.replace("'", "''").replace("%", "%%") + "'"

    whens = " ".join(
        f"WHEN {literal(code)} THEN {literal(names)}" for code, names in _country_names().items()
    )
    return f"{whens} ELSE ''"


class CountryNames(Func):
    """The country's English and French names, so that "Senegal" and "Sénégal" find it."""

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(CASE {sql} {_country_case()} END)", params


def country_name(field):
    return CountryNames(F(field))


def related_words(through_filter, field):
    """A subquery: `field` of the rows related through `through_filter`, joined."""
    through, lookups = through_filter
    return Subquery(
        through.objects.filter(**lookups)
        .order_by()
        .values(next(iter(lookups)))
        .annotate(words=Words(field))
        .values("words"),
        output_field=TextField(),
    )


def theme_slugs(through, **lookups):
    """The slugs of the themes linked through `through`, as " slug1 slug2 "."""
    return Concat(
        Value(" "),
        Coalesce(
            related_words((through, lookups), "theme__slug"), Value(""), output_field=TextField()
        ),
        Value(" "),
        output_field=TextField(),
    )


def _published(model):
    return ExpressionWrapper(
        Q(pk__in=model.objects.published().values("pk")), output_field=BooleanField()
    )


NULL_ID = Cast(Value(None), output_field=BigIntegerField())
NO_TEXT = Value("")


def _part_of_a_session():
    """The columns a presentation, question or remark takes from its session."""
    return {
        "x_forum": F("session__forum_id"),
        "x_session": F("session_id"),
        "x_initiative": NULL_ID,
        "x_session_type": F("session__session_type"),
        "x_themes": theme_slugs(Session.themes.through, session_id=OuterRef("session_id")),
        "x_published": F("session__is_published"),
        "x_slug": F("session__slug"),
        "x_order": F("order"),
    }


def source(kind):
    """The source rows of one kind, as entry columns (in `COLUMNS` order)."""
    initiatives_of = (
        Presentation.initiatives.through,
        {"presentation_id": OuterRef("pk")},
    )
    if kind == SearchKind.SESSION:
        queryset = Session.objects.annotate(
            x_title_en=Clean(F("title_en")),
            x_title_fr=Clean(F("title_fr")),
            x_summary_en=Clean(F("summary_en")),
            x_summary_fr=Clean(F("summary_fr")),
            x_body_en=Clean(
                join(
                    "guiding_question_en", "guiding_synthesis_en", "forum__name", "moderator__name"
                )
            ),
            x_body_fr=Clean(join("guiding_question_fr", "guiding_synthesis_fr")),
            x_country=F("forum__country"),
            x_forum=F("forum_id"),
            x_session=F("pk"),
            x_initiative=NULL_ID,
            x_session_type=F("session_type"),
            x_themes=theme_slugs(Session.themes.through, session_id=OuterRef("pk")),
            x_published=F("is_published"),
            x_slug=F("slug"),
            x_order=NULL_ID,
        )
    elif kind == SearchKind.PRESENTATION:
        queryset = Presentation.objects.annotate(
            x_title_en=Clean(F("title_en")),
            x_title_fr=Clean(F("title_fr")),
            x_summary_en=Clean(F("summary_en")),
            x_summary_fr=Clean(F("summary_fr")),
            x_body_en=Clean(
                join(
                    "speaker__name",
                    "speaker__organisation__name",
                    "speaker__organisation__acronym",
                    related_words(initiatives_of, "initiative__name_en"),
                )
            ),
            x_body_fr=Clean(related_words(initiatives_of, "initiative__name_fr")),
            x_country=F("speaker__country"),
            **_part_of_a_session(),
        )
    elif kind == SearchKind.QUESTION:
        queryset = AudienceQuestion.objects.annotate(
            x_title_en=NO_TEXT,
            x_title_fr=NO_TEXT,
            x_summary_en=Clean(F("question_en")),
            x_summary_fr=Clean(F("question_fr")),
            x_body_en=Clean(join("answer_en", "asker_name", "answered_by__name")),
            x_body_fr=Clean(F("answer_fr")),
            x_country=F("asker_country"),
            **_part_of_a_session(),
        )
    elif kind == SearchKind.REMARK:
        queryset = ClosingRemark.objects.annotate(
            x_title_en=NO_TEXT,
            x_title_fr=NO_TEXT,
            x_summary_en=Clean(F("text_en")),
            x_summary_fr=Clean(F("text_fr")),
            x_body_en=Clean(F("speaker__name")),
            x_body_fr=NO_TEXT,
            x_country=F("speaker__country"),
            **_part_of_a_session(),
        )
    elif kind == SearchKind.INITIATIVE:
        queryset = Initiative.objects.annotate(
            x_title_en=Clean(F("name_en")),
            x_title_fr=Clean(F("name_fr")),
            x_summary_en=Clean(F("summary_en")),
            x_summary_fr=Clean(F("summary_fr")),
            x_body_en=Clean(
                join(
                    "steps_en",
                    "results_en",
                    "region",
                    "organisation__name",
                    "organisation__acronym",
                    country_name("country"),
                )
            ),
            x_body_fr=Clean(join("steps_fr", "results_fr")),
            x_country=F("country"),
            x_forum=NULL_ID,
            x_session=NULL_ID,
            x_initiative=F("pk"),
            x_session_type=NO_TEXT,
            x_themes=theme_slugs(Initiative.themes.through, initiative_id=OuterRef("pk")),
            x_published=_published(Initiative),
            x_slug=F("slug"),
            x_order=NULL_ID,
        )
    elif kind == SearchKind.SPEAKER:
        queryset = Speaker.objects.annotate(
            x_title_en=Clean(F("name")),
            x_title_fr=NO_TEXT,
            x_summary_en=Clean(F("role_en")),
            x_summary_fr=Clean(F("role_fr")),
            x_body_en=Clean(
                join(
                    "bio_en",
                    "organisation__name",
                    "organisation__acronym",
                    country_name("country"),
                )
            ),
            x_body_fr=Clean(F("bio_fr")),
            x_country=F("country"),
            x_forum=NULL_ID,
            x_session=NULL_ID,
            x_initiative=NULL_ID,
            x_session_type=NO_TEXT,
            x_themes=NO_TEXT,
            x_published=_published(Speaker),
            x_slug=F("slug"),
            x_order=NULL_ID,
        )
    elif kind == SearchKind.ORGANISATION:
        queryset = Organisation.objects.annotate(
            x_title_en=Clean(F("name")),
            x_title_fr=NO_TEXT,
            x_summary_en=Clean(F("acronym")),
            x_summary_fr=NO_TEXT,
            x_body_en=Clean(country_name("country")),
            x_body_fr=NO_TEXT,
            x_country=F("country"),
            x_forum=NULL_ID,
            x_session=NULL_ID,
            x_initiative=NULL_ID,
            x_session_type=NO_TEXT,
            x_themes=NO_TEXT,
            x_published=_published(Organisation),
            x_slug=F("slug"),
            x_order=NULL_ID,
        )
    else:
        raise ValueError(kind)
    return queryset.annotate(x_kind=Value(str(kind)), x_object=F("pk")).order_by()
