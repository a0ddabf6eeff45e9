"""PostgreSQL: a trigger turns each entry's texts into a weighted `tsvector` with the `gsef_en`
and `gsef_fr` configurations (both, for every text, so that either language's stemming finds
the other's words), searched with `websearch_to_tsquery`; typos are found with pg_trgm."""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import BooleanField, Case, F, Func, TextField, Value, When
from django.db.models.functions import Concat

from sessions.models import SearchWord
from sessions.search.entries import (
    COLUMNS,
    ENTRY_TABLE,
    MARK_END,
    MARK_START,
    extract_source,
    join,
)

TYPO_SIMILARITY = 0.4  # pg_trgm similarity that still catches a one-letter typo
WORDS_TABLE = SearchWord._meta.db_table


def _tsquery(query):
    text = str(query)
    return SearchQuery(text, config="gsef_en", search_type="websearch") | SearchQuery(
        text, config="gsef_fr", search_type="websearch"
    )


def matching(queryset, query):
    return queryset.filter(search_vector=_tsquery(query))


def rank(query):
    return SearchRank(F("search_vector"), _tsquery(query))


class Matches(Func):
    """vector @@ query, as a condition."""

    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


def snippet(query, language, other):
    # The texts of the first language (the page's first) whose summary or other texts have
    # a hit, after the code of where the hit is (`entries.extract_source`). Each text is
    # matched with both configurations, as the trigger indexes it.
    tsquery = _tsquery(query)
    parts = [
        (f"{part}_{code}", code, extract_source(code, part))
        for code in (language, other)
        for part in ("summary", "body")
    ]

    def headline(code, source):
        return Concat(
            Value(source),
            SearchHeadline(
                join(f"summary_{code}", f"body_{code}"),
                tsquery,
                config=f"gsef_{code}",
                start_sel=MARK_START,
                stop_sel=MARK_END,
                max_words=20,
                min_words=8,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
            output_field=TextField(),
        )

    hits = [
        When(
            Matches(
                SearchVector(column, config="gsef_en") + SearchVector(column, config="gsef_fr"),
                tsquery,
            ),
            then=headline(code, source),
        )
        for column, code, source in parts
    ]
    _column, code, source = parts[0]
    return Case(*hits, default=headline(code, source), output_field=TextField())


def upsert():
    # Two import workers may index the same speaker at once: the later one rewrites it.
    quote = connection.ops.quote_name
    updates = ", ".join(
        f"{quote(column)} = EXCLUDED.{quote(column)}"
        for column in COLUMNS
        if column not in ("kind", "object_id")
    )
    return f" ON CONFLICT (kind, object_id) DO UPDATE SET {updates}"


def add_words(entries):
    sql, params = entries.order_by().values("pk").query.sql_with_params()
    text = " || ' ' || ".join(["title_en", "title_fr", "summary_en", "summary_fr"])
    # In one order for everyone: two import workers adding the same new words wait for each
    # other instead of deadlocking.
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO {WORDS_TABLE} (word)
            SELECT DISTINCT word FROM (
                SELECT regexp_split_to_table(lower({text}), '[^[:alpha:]]+') AS word
                FROM {ENTRY_TABLE} WHERE id IN ({sql})
            ) words WHERE length(word) BETWEEN 3 AND 60
            ORDER BY word
            ON CONFLICT (word) DO NOTHING""",  # noqa: S608
            params,
        )


def similar_word(word):
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT word FROM {WORDS_TABLE}
            WHERE word %% %s AND similarity(word, %s) >= %s
            ORDER BY similarity(word, %s) DESC, word LIMIT 1""",  # noqa: S608
            [word, word, TYPO_SIMILARITY, word],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def empty():
    with connection.cursor() as cursor:
        # Check foreign keys statement by statement: no queue of a million deferred checks,
        # and none pending (TRUNCATE refuses to run with some).
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"TRUNCATE {ENTRY_TABLE}, {WORDS_TABLE}")
        cursor.execute("SET LOCAL synchronous_commit TO OFF")


def drop_vector_index():
    """Drop the GIN index of the search vectors; return how to create it again."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexdef LIKE %s",
            [ENTRY_TABLE, "%USING gin (search_vector)%"],
        )
        row = cursor.fetchone()
        if row:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(row[0])}")
    return row[1] if row else None


def analyze():
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {ENTRY_TABLE}")
        cursor.execute(f"ANALYZE {WORDS_TABLE}")
