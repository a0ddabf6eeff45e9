"""Full-text search over every public record, in English and French at once.

The index is one table, `SearchEntry`: a row per session, presentation, initiative, speaker,
organisation, audience question and closing remark, with its texts in both languages
(titles, summaries, the rest), what the search page filters on, and whether the public may
see it. Rows are built in SQL (`INSERT ... SELECT`), a few thousand or a million at a time.

PostgreSQL: a trigger turns the texts into a weighted `tsvector` with the `gsef_en` and
`gsef_fr` configurations (both, for every text, so that either language's stemming finds the
other's words), searched with `websearch_to_tsquery`. SQLite: an FTS5 table mirrors the texts.

A search never ranks more than `CANDIDATES` matches: a word found everywhere would otherwise
rank a million rows. The page then says "2,000+".
"""

import difflib
import re
import threading
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import lru_cache

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection, transaction
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
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django_countries import countries

from sessions.models import (
    AudienceQuestion,
    ClosingRemark,
    Initiative,
    Presentation,
    SearchEntry,
    SearchKind,
    SearchWord,
    Session,
)
from speakers.models import Organisation, Speaker

CANDIDATES = 2000  # matches ranked at most; more are counted as "2,000+"
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 12
TYPO_SIMILARITY = 0.4  # pg_trgm similarity that still catches a one-letter typo
# Snippets come back with these around each hit; they are stripped from the indexed text, so
# once the snippet is escaped they are the only place <mark> can come from.
MARK_START, MARK_END = "\x02", "\x03"
FTS_TABLE = "forum_sessions_searchentry_fts"
FTS_COLUMNS = ["title_en", "title_fr", "summary_en", "summary_fr", "body_en", "body_fr"]
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


def _source(kind):
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


def _insert(kind, condition=None):
    """INSERT ... SELECT the entries of `kind` whose source rows match `condition` (a Q)."""
    queryset = _source(kind)
    if condition is not None:
        queryset = queryset.filter(condition)
    names = ["x_" + column.removesuffix("_id") for column in COLUMNS]
    sql, params = queryset.values_list(*names).query.sql_with_params()
    # Django may order the selected annotations its own way: name them in ours.
    columns = ", ".join(connection.ops.quote_name(column) for column in COLUMNS)
    selected = ", ".join(connection.ops.quote_name(name) for name in names)
    conflict = ""
    if connection.vendor == "postgresql":
        # Two import workers may index the same speaker at once: the later one rewrites it.
        updates = ", ".join(
            f"{connection.ops.quote_name(column)} = EXCLUDED.{connection.ops.quote_name(column)}"
            for column in COLUMNS
            if column not in ("kind", "object_id")
        )
        conflict = f" ON CONFLICT (kind, object_id) DO UPDATE SET {updates}"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {ENTRY_TABLE} ({columns}) SELECT {selected} FROM ({sql}) source"  # noqa: S608
            + conflict,
            params,
        )
        return cursor.rowcount


_batch = threading.local()


@contextmanager
def batched_reindex():
    """Inside this block, saves and deletes only note which entries they alter; each of those
    is rewritten once, when the block ends. For commands that save many related rows in one
    go (load_demo): a session's entry is otherwise rebuilt for each of its children. A block
    inside another one adds to the outer one. An exception inside it reindexes nothing: the
    transaction around it is rolled back anyway."""
    if batching():
        yield
        return
    _batch.touched, _batch.sessions = defaultdict(set), set()
    try:
        yield
        touched, sessions = _batch.touched, _batch.sessions
    finally:
        _batch.touched = _batch.sessions = None
    reindex(merge(touched, sessions_family(sessions)))


def batching():
    return getattr(_batch, "touched", None) is not None


def reindex_session_later(pk):
    """A session saved in a transaction: index it and all it holds again at the end of the
    batch or, outside one, when the transaction commits (its children may be added in bulk,
    which sends no signal)."""
    if batching():
        _batch.sessions.add(pk)
    else:
        transaction.on_commit(lambda: reindex_sessions([pk]))


def reindex(touched):
    """Rewrite the entries of `touched` (kind → iterable of ids): gone rows lose theirs."""
    if batching():
        for kind, ids in touched.items():
            _batch.touched[kind].update(ids)
        return
    with transaction.atomic():
        for kind, ids in touched.items():
            ids = list(ids)
            if not ids:
                continue
            SearchEntry.objects.filter(kind=kind, object_id__in=ids).delete()
            _insert(kind, Q(pk__in=ids))
            add_words(SearchEntry.objects.filter(kind=kind, object_id__in=ids))


def sessions_family(session_ids):
    """Every entry a change to these sessions can alter: theirs, their presentations',
    questions' and remarks', and the people, initiatives and organisations they involve
    (whose visibility follows the sessions')."""
    session_ids = list(session_ids)
    touched = defaultdict(set)
    if not session_ids:
        return touched
    touched[SearchKind.SESSION].update(session_ids)
    speakers = set()
    for pk, speaker in Presentation.objects.filter(session_id__in=session_ids).values_list(
        "pk", "speaker_id"
    ):
        touched[SearchKind.PRESENTATION].add(pk)
        speakers.add(speaker)
    for pk, speaker in AudienceQuestion.objects.filter(session_id__in=session_ids).values_list(
        "pk", "answered_by_id"
    ):
        touched[SearchKind.QUESTION].add(pk)
        speakers.add(speaker)
    for pk, speaker in ClosingRemark.objects.filter(session_id__in=session_ids).values_list(
        "pk", "speaker_id"
    ):
        touched[SearchKind.REMARK].add(pk)
        speakers.add(speaker)
    speakers.update(
        Session.objects.filter(pk__in=session_ids).values_list("moderator_id", flat=True)
    )
    initiatives = set(
        Presentation.initiatives.through.objects.filter(
            presentation__session_id__in=session_ids
        ).values_list("initiative_id", flat=True)
    )
    touched[SearchKind.INITIATIVE].update(initiatives)
    _add_people(touched, speakers - {None}, initiatives)
    return touched


def _add_people(touched, speakers, initiatives=()):
    touched[SearchKind.SPEAKER].update(speakers)
    organisations = set(
        Speaker.objects.filter(pk__in=speakers).values_list("organisation_id", flat=True)
    )
    if initiatives:
        organisations.update(
            Initiative.objects.filter(pk__in=initiatives).values_list("organisation_id", flat=True)
        )
    touched[SearchKind.ORGANISATION].update(organisations - {None})


def sessions_and_children(session_ids):
    """The entries that carry these sessions' themes."""
    session_ids = list(session_ids)
    return {
        SearchKind.SESSION: session_ids,
        SearchKind.PRESENTATION: Presentation.objects.filter(
            session_id__in=session_ids
        ).values_list("pk", flat=True),
        SearchKind.QUESTION: AudienceQuestion.objects.filter(
            session_id__in=session_ids
        ).values_list("pk", flat=True),
        SearchKind.REMARK: ClosingRemark.objects.filter(session_id__in=session_ids).values_list(
            "pk", flat=True
        ),
    }


def reindex_sessions(session_ids):
    reindex(sessions_family(session_ids))


def touched_by(instance):
    """The entries a change to `instance` (a content row) can alter, read from the database
    as it is now."""
    touched = defaultdict(set)
    pk = instance.pk
    if isinstance(instance, Session):
        return sessions_family([pk])
    if isinstance(instance, Presentation):
        touched[SearchKind.PRESENTATION].add(pk)
        row = Presentation.objects.filter(pk=pk).values_list("speaker_id").first()
        initiatives = set(
            Presentation.initiatives.through.objects.filter(presentation_id=pk).values_list(
                "initiative_id", flat=True
            )
        )
        touched[SearchKind.INITIATIVE].update(initiatives)
        _add_people(touched, {row[0]} if row else set(), initiatives)
    elif isinstance(instance, AudienceQuestion):
        touched[SearchKind.QUESTION].add(pk)
    elif isinstance(instance, ClosingRemark):
        touched[SearchKind.REMARK].add(pk)
        row = ClosingRemark.objects.filter(pk=pk).values_list("speaker_id").first()
        _add_people(touched, {row[0]} if row else set())
    elif isinstance(instance, Initiative):
        touched[SearchKind.INITIATIVE].add(pk)
        touched[SearchKind.PRESENTATION].update(
            Presentation.objects.filter(initiatives=pk).values_list("pk", flat=True)
        )
        _add_people(touched, set(), {pk})
    elif isinstance(instance, Speaker):
        _add_people(touched, {pk})
        touched[SearchKind.PRESENTATION].update(
            Presentation.objects.filter(speaker=pk).values_list("pk", flat=True)
        )
        touched[SearchKind.REMARK].update(
            ClosingRemark.objects.filter(speaker=pk).values_list("pk", flat=True)
        )
        touched[SearchKind.QUESTION].update(
            AudienceQuestion.objects.filter(answered_by=pk).values_list("pk", flat=True)
        )
        touched[SearchKind.SESSION].update(
            Session.objects.filter(moderator=pk).values_list("pk", flat=True)
        )
    elif isinstance(instance, Organisation):
        touched[SearchKind.ORGANISATION].add(pk)
        speakers = set(Speaker.objects.filter(organisation=pk).values_list("pk", flat=True))
        touched[SearchKind.SPEAKER].update(speakers)
        touched[SearchKind.INITIATIVE].update(
            Initiative.objects.filter(organisation=pk).values_list("pk", flat=True)
        )
        touched[SearchKind.PRESENTATION].update(
            Presentation.objects.filter(speaker__in=speakers).values_list("pk", flat=True)
        )
    return touched


def merge(*touched):
    merged = defaultdict(set)
    for one in touched:
        for kind, ids in one.items():
            merged[kind].update(ids)
    return merged


# The lexicon, for typos

WORD = re.compile(r"[^\W\d_]{3,60}")


def add_words(entries):
    """Add the words of these entries' titles and summaries to the lexicon."""
    fields = ["title_en", "title_fr", "summary_en", "summary_fr"]
    if connection.vendor == "postgresql":
        sql, params = entries.order_by().values("pk").query.sql_with_params()
        text = " || ' ' || ".join(fields)
        with connection.cursor() as cursor:
            cursor.execute(
                f"""INSERT INTO {SearchWord._meta.db_table} (word)
                SELECT DISTINCT word FROM (
                    SELECT regexp_split_to_table(lower({text}), '[^[:alpha:]]+') AS word
                    FROM {ENTRY_TABLE} WHERE id IN ({sql})
                ) words WHERE length(word) BETWEEN 3 AND 60
                ON CONFLICT (word) DO NOTHING""",  # noqa: S608
                params,
            )
        return
    words = set()
    for texts in entries.values_list(*fields).iterator(chunk_size=2000):
        for text in texts:
            words.update(WORD.findall(text.lower()))
    SearchWord.objects.bulk_create(
        [SearchWord(word=word) for word in words], ignore_conflicts=True, batch_size=1000
    )


def _similar_word(word):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"""SELECT word FROM {SearchWord._meta.db_table}
                WHERE word %% %s AND similarity(word, %s) >= %s
                ORDER BY similarity(word, %s) DESC, word LIMIT 1""",  # noqa: S608
                [word, word, TYPO_SIMILARITY, word],
            )
            row = cursor.fetchone()
        return row[0] if row else None
    # SQLite has no trigrams: compare with the words of about the same length and first letter.
    candidates = SearchWord.objects.filter(
        word__startswith=word[0], word__regex=rf"^.{{{max(1, len(word) - 2)},{len(word) + 2}}}$"
    ).values_list("word", flat=True)[:5000]
    found = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.8)
    return found[0] if found else None


def correct(query):
    """The query with each unknown word replaced by the most similar known one, or None."""
    changed = False
    words = query.positive_words()[:6]
    known = set(SearchWord.objects.filter(word__in=words).values_list("word", flat=True))
    replacements = {}
    for word in words:
        if word in known or len(word) < 4 or word.isdigit():
            continue
        similar = _similar_word(word)
        if similar and similar != word:
            replacements[word] = similar
            changed = True
    return query.replace(replacements) if changed else None


# Reading a visitor's query

TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
TERM_WORD = re.compile(r"\w+")
# Typographic quotes (a phone types them for you) mark a phrase too.
QUOTES = str.maketrans(dict.fromkeys("“”„«»", '"'))
# Capitals only: "or" is also a French word (gold).
OPERATOR_OR = {"OR", "OU"}
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Query:
    """A visitor's search, read the way `websearch_to_tsquery` reads it: words (all
    required), "quoted phrases", OR between alternatives, -word to exclude. Anything else
    (operators, brackets, stray quotes) is only a word separator."""

    def __init__(self, groups, excluded):
        self.groups = groups  # [[term, ...], ...], each term a tuple of words (a phrase)
        self.excluded = excluded

    @classmethod
    def parse(cls, text):
        groups, excluded = [[]], []
        for match in TOKEN.finditer(text.translate(QUOTES)):
            minus, phrase, bare = match.groups()
            if bare in OPERATOR_OR:
                if groups[-1]:
                    groups.append([])
                continue
            if bare is not None and bare.startswith("-"):
                minus, bare = "-", bare[1:]
            words = tuple(w.lower() for w in TERM_WORD.findall(phrase if bare is None else bare))
            if words:
                (excluded if minus else groups[-1]).append(words)
        terms = 0
        kept = []
        for group in groups:
            group = group[: max(0, MAX_QUERY_WORDS - terms)]
            terms += len(group)
            if group:
                kept.append(group)
        return cls(kept, excluded[:MAX_QUERY_WORDS])

    def __bool__(self):
        return bool(self.groups)

    def positive_words(self):
        return list(dict.fromkeys(w for group in self.groups for term in group for w in term))

    def replace(self, replacements):
        def swap(term):
            return tuple(replacements.get(w, w) for w in term)

        return Query([[swap(t) for t in group] for group in self.groups], self.excluded)

    @staticmethod
    def _term(words, quote):
        return f'"{" ".join(words)}"' if len(words) > 1 or quote else words[0]

    def __str__(self):
        """The query as a visitor would type it (and as `websearch_to_tsquery` reads it)."""
        text = " or ".join(" ".join(self._term(t, False) for t in group) for group in self.groups)
        return " ".join([text, *("-" + self._term(t, False) for t in self.excluded)])

    def fts5(self):
        """The same query in FTS5 syntax, every word quoted."""
        alternatives = " OR ".join(
            "(" + " AND ".join(self._term(t, True) for t in group) + ")" for group in self.groups
        )
        if not self.excluded:
            return alternatives
        excluded = " OR ".join(self._term(t, True) for t in self.excluded)
        return f"({alternatives}) NOT ({excluded})"


def clean_text(text):
    """The visitor's text without control characters (PostgreSQL refuses NUL), and whether
    it had to be shortened."""
    text = " ".join(CONTROL.sub(" ", text or "").split())
    if len(text) <= MAX_QUERY_LENGTH:
        return text, False
    return text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0] or text[:MAX_QUERY_LENGTH], True


# Searching


def _tsquery(query):
    text = str(query)
    return SearchQuery(text, config="gsef_en", search_type="websearch") | SearchQuery(
        text, config="gsef_fr", search_type="websearch"
    )


def matching(queryset, query):
    """`queryset` (of entries) narrowed to those matching `query`, unranked and uncapped."""
    if connection.vendor == "postgresql":
        return queryset.filter(search_vector=_tsquery(query))
    fts = RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [query.fts5()])  # noqa: S608
    return queryset.filter(pk__in=fts)


def ranked(queryset, query):
    """At most CANDIDATES + 1 of the matches in `queryset` (already narrowed by `matching`),
    best first, with what the facets count. One query, which stops at the cap and ranks only
    what it keeps; the sorting is done here."""
    matches = list(
        queryset.order_by()
        .annotate(rank=rank(query))
        .values_list(
            "pk",
            "kind",
            "country",
            "forum__slug",
            "session_id",
            "themes",
            "rank",
            named=True,
        )[: CANDIDATES + 1]
    )
    matches.sort(key=lambda match: (-match.rank, match.pk))
    return matches


def rank(query):
    """An expression: higher for better matches (title, then summary, then the rest)."""
    if connection.vendor == "postgresql":
        return SearchRank(F("search_vector"), _tsquery(query))
    return RawSQL(
        f"SELECT -bm25({FTS_TABLE}, 10.0, 10.0, 4.0, 4.0, 1.0, 1.0) FROM {FTS_TABLE} "  # noqa: S608
        f"WHERE {FTS_TABLE} MATCH %s AND {FTS_TABLE}.rowid = {ENTRY_TABLE}.id",
        [query.fts5()],
    )


def page(ids, query):
    """The entries `ids`, in that order, each with its highlighted `snippet`: one query."""
    if not ids:
        return []
    entries = (
        SearchEntry.objects.filter(pk__in=ids)
        .select_related("session")
        .defer("search_vector", "session__source_report")
        .annotate(extract=_snippet(query))
    )
    found = {entry.pk: entry for entry in entries}
    for entry in found.values():
        entry.snippet = highlight(entry.extract or "")
    return [found[pk] for pk in ids if pk in found]


def _snippet(query):
    language = translation.get_language() or "en"
    other = "fr" if language == "en" else "en"
    if connection.vendor == "postgresql":
        text = join(f"summary_{language}", f"body_{language}", f"summary_{other}", f"body_{other}")
        return SearchHeadline(
            text,
            _tsquery(query),
            config=f"gsef_{language}",
            start_sel=MARK_START,
            stop_sel=MARK_END,
            max_words=20,
            min_words=8,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
    # The first of the summaries and other texts (page language first) with a hit.
    columns = [
        FTS_COLUMNS.index(f"{part}_{code}")
        for code in (language, other)
        for part in ("summary", "body")
    ]
    extracts = ", ".join(
        f"snippet({FTS_TABLE}, {column}, char(2), char(3), ' … ', 24) AS s{column}"
        for column in columns
    )
    choice = " ".join(f"WHEN instr(s{column}, char(2)) THEN s{column}" for column in columns)
    return RawSQL(
        f"SELECT CASE {choice} ELSE s{columns[0]} END FROM (SELECT {extracts} "  # noqa: S608
        f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND {FTS_TABLE}.rowid = {ENTRY_TABLE}.id)",
        [query.fts5()],
        output_field=TextField(),
    )


def highlight(text):
    """Escape a snippet, then turn its markers into <mark>."""
    html = escape(text.strip())
    html = html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(html)  # noqa: S308 (escaped above; the markers are ours)


# Rebuilding everything

BATCH = 50_000


def _drop_vector_index():
    """Drop the GIN index of the search vectors (PostgreSQL); return how to create it again."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexdef LIKE %s",
            [ENTRY_TABLE, "%USING gin (search_vector)%"],
        )
        row = cursor.fetchone()
        if row:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(row[0])}")
    return row[1] if row else None


def _chunks():
    """(kind, first id, last id) slices of every source table, BATCH ids each."""
    for kind in SearchKind:
        model = _source(kind).model
        last = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        for start in range(0, last, BATCH):
            yield kind, start, min(start + BATCH, last)


def _fill(chunk):
    kind, start, end = chunk
    return _insert(kind, Q(pk__gt=start, pk__lte=end))


def _fill_alone(chunk):
    """Fill one slice in this thread's own connection and transaction (see `rebuild`)."""
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
            return _fill(chunk)
    finally:
        connection.close()


def _empty():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Check foreign keys statement by statement: no queue of a million deferred
            # checks, and none pending (TRUNCATE refuses to run with some).
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {ENTRY_TABLE}, {SearchWord._meta.db_table}")
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
        else:
            SearchEntry.objects.all().delete()
            SearchWord.objects.all().delete()


def _finish(total, index_definition, write):
    if index_definition:
        write("Indexing the search vectors")
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem TO '256MB'")
            cursor.execute(index_definition)
    write(f"Lexicon: reading the words of {total} entries")
    add_words(SearchEntry.objects.all())
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {ENTRY_TABLE}")
            cursor.execute(f"ANALYZE {SearchWord._meta.db_table}")


def rebuild(write=print, jobs=1):
    """Empty the index and build it again from every content row, in batches.

    With one job it is one transaction: searches see the old index until the new one is
    complete. With several (PostgreSQL, outside a transaction), the slices are filled at
    once by that many connections, each committing its own: about `jobs` times faster on as
    many cores, but searches made meanwhile see a partial index. For a new or offline
    database.
    """
    # Other connections could not see (nor wait out) the rows of a transaction already open.
    parallel = jobs > 1 and connection.vendor == "postgresql" and not connection.in_atomic_block
    done = defaultdict(int)

    def progress(chunk, count):
        kind, _, end = chunk
        done[kind] += count
        write(f"{kind.label}: {done[kind]} entries (up to id {end})")

    # Filling a GIN index row by row costs more than building it once at the end.
    if parallel:
        with transaction.atomic():
            _empty()
            index_definition = _drop_vector_index()
        chunks = list(_chunks())
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            for chunk, count in zip(chunks, pool.map(_fill_alone, chunks), strict=True):
                progress(chunk, count)
        with transaction.atomic():
            _finish(sum(done.values()), index_definition, write)
        return sum(done.values())

    with transaction.atomic():
        _empty()
        index_definition = _drop_vector_index()
        for chunk in _chunks():
            progress(chunk, _fill(chunk))
        _finish(sum(done.values()), index_definition, write)
    return sum(done.values())
