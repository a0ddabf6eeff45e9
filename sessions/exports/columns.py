"""What each export holds: its columns, in a fixed order, with stable English names.

A column is a name, a line of description (for the open-data README) and how to read its
value from a row. Texts that are translated come as two columns, `_en` and `_fr`; names of
themes, languages and countries are given in the language of the page the export was asked
from (English in the open-data archive). Several values in one cell are joined with "; ".

Each table also says which rows it reads and what they need loaded beforehand, so that an
export iterated by chunks makes the same queries for every chunk, however many rows it has.
"""

import datetime

from django.db.models import Prefetch

from sessions.models import Initiative, Presentation, SearchEntry, Session
from speakers.models import Speaker

JOIN = "; "


class Column:
    def __init__(self, name, description, value):
        self.name = name
        self.description = description
        self.value = value  # row, site -> str, int, bool or None


class Table:
    """Rows of one kind and their columns. `rows(site)` is what the archive reads; the list
    exports hand the same queryset to the list's FilterSet first."""

    def __init__(self, name, columns, queryset=None):
        self.name = name
        self.columns = columns
        self._queryset = queryset

    def queryset(self):
        return self._queryset()

    @property
    def names(self):
        return [column.name for column in self.columns]

    def values(self, row, site):
        return [column.value(row, site) for column in self.columns]


def joined(values):
    return JOIN.join(str(value) for value in values if value not in (None, ""))


def url(row, site):
    return site.url(row.get_absolute_url())


def field(name):
    return lambda row, site: getattr(row, name)


def iso(name):
    """A date as YYYY-MM-DD, a time as HH:MM."""

    def value(row, site):
        found = getattr(row, name)
        if found is None:
            return None
        if isinstance(found, datetime.time):
            return found.strftime("%H:%M")
        return found.isoformat()

    return value


def translated(name, description):
    """The two columns of a translated text."""
    return [
        Column(f"{name}_en", f"{description} (English)", field(f"{name}_en")),
        Column(f"{name}_fr", f"{description} (French)", field(f"{name}_fr")),
    ]


def country_columns(name="country", description="Country"):
    return [
        Column(name, f"{description}: ISO 3166 code", lambda row, site: getattr(row, name).code),
        Column(
            f"{name}_name",
            f"{description}: its name",
            lambda row, site: str(getattr(row, name).name),
        ),
    ]


def theme_columns():
    return [
        Column(
            "themes",
            "Its themes, by name",
            lambda row, site: joined(theme.name for theme in row.themes.all()),
        ),
        Column(
            "theme_slugs",
            "Its themes, by slug",
            lambda row, site: joined(theme.slug for theme in row.themes.all()),
        ),
    ]


def record_columns():
    return [
        Column("id", "Number of the record (stable)", field("pk")),
        Column("slug", "Its name in the address (permanent)", field("slug")),
        Column("url", "Its page", url),
    ]


def _sessions():
    presentations = Presentation.objects.select_related("speaker").only(
        "session_id", "order", "speaker__name", "speaker__country"
    )
    return (
        Session.objects.published()
        .select_related("forum", "moderator")
        .defer("source_report", "guiding_synthesis_en", "guiding_synthesis_fr")
        .prefetch_related(
            "themes",
            "languages",
            Prefetch("presentations", presentations.order_by("order"), to_attr="export_talks"),
        )
    )


def _speakers_of(session):
    names = []
    for presentation in session.export_talks:
        if presentation.speaker.name not in names:
            names.append(presentation.speaker.name)
    return names


SESSIONS = Table(
    "sessions",
    [
        *record_columns(),
        *translated("title", "Title"),
        Column("forum", "The forum edition it was part of", lambda row, site: row.forum.name),
        Column("forum_slug", "The forum's slug", lambda row, site: row.forum.slug),
        Column("date", "Day it was held (YYYY-MM-DD)", iso("date")),
        Column("start_time", "Time it started (HH:MM), if known", iso("start_time")),
        Column("duration_minutes", "How long it lasted, in minutes", field("duration_minutes")),
        Column("type", "Kind of session (plenary, workshop, ...)", field("session_type")),
        Column(
            "languages",
            "Languages it was held in",
            lambda row, site: joined(str(language) for language in row.languages.all()),
        ),
        *theme_columns(),
        Column(
            "moderator",
            "Who moderated it",
            lambda row, site: row.moderator.name if row.moderator else None,
        ),
        Column(
            "speakers",
            "Who presented, in the order of the programme",
            lambda r, s: joined(_speakers_of(r)),
        ),
        Column(
            "speaker_countries",
            "The presenters' countries (ISO 3166 codes)",
            lambda row, site: joined(
                sorted({p.speaker.country.code for p in row.export_talks} - {""})
            ),
        ),
        Column("participant_count", "How many took part, if known", field("participant_count")),
        Column(
            "participation_channel",
            "How they took part (Zoom, ...)",
            field("participation_channel"),
        ),
        *translated("summary", "Summary"),
        *translated("guiding_question", "The question it set out to answer"),
    ],
    _sessions,
)


def _initiatives():
    return Initiative.objects.published().select_related("organisation").prefetch_related("themes")


INITIATIVES = Table(
    "initiatives",
    [
        *record_columns(),
        *translated("name", "Name"),
        *country_columns(description="Country where it works"),
        Column("region", "Region or city where it works", field("region")),
        Column(
            "organisation",
            "The organisation behind it",
            lambda row, site: row.organisation.name if row.organisation else None,
        ),
        *theme_columns(),
        Column("website", "Its website", field("website")),
        *translated("summary", "Summary"),
        *translated("steps", "What it does (steps)"),
        *translated("results", "Results or evidence"),
    ],
    _initiatives,
)


def _speakers():
    return Speaker.objects.published().select_related("organisation").defer("user")


SPEAKERS = Table(
    "speakers",
    [
        *record_columns(),
        Column("name", "Name", field("name")),
        *translated("role", "Role or title"),
        Column(
            "organisation",
            "Their organisation",
            lambda row, site: row.organisation.name if row.organisation else None,
        ),
        Column(
            "organisation_slug",
            "Their organisation's slug",
            lambda row, site: row.organisation.slug if row.organisation else None,
        ),
        *country_columns(),
        *translated("bio", "Short biography"),
    ],
    _speakers,
)


SEARCH_RESULTS = Table(
    "search",
    [
        Column("position", "Rank among the results (1 is the best match)", field("position")),
        Column("kind", "Kind of record (session, presentation, initiative, ...)", field("kind")),
        Column("url", "Its page", url),
        *translated("title", "Title or name"),
        *translated("summary", "Summary"),
        Column("country", "Country: ISO 3166 code", lambda row, site: row.country.code),
        Column(
            "forum_slug",
            "The forum of its session, if any",
            lambda row, site: row.forum.slug if row.forum_id else None,
        ),
    ],
    lambda: SearchEntry.objects.filter(published=True),
)
