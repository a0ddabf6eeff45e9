"""SQLite: an FTS5 table mirrors the entries' texts (kept in step by triggers, see migration
0007), ranked by bm25; typos are found among the known words of about the same length."""

import difflib
import re

from django.db.models import TextField
from django.db.models.expressions import RawSQL

from sessions.models import SearchEntry, SearchWord
from sessions.search.entries import ENTRY_TABLE, extract_source

FTS_TABLE = "forum_sessions_searchentry_fts"
FTS_COLUMNS = ["title_en", "title_fr", "summary_en", "summary_fr", "body_en", "body_fr"]
WORD = re.compile(r"[^\W\d_]{3,60}")


def matching(queryset, query):
    fts = RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [query.fts5()])  # noqa: S608
    return queryset.filter(pk__in=fts)


def rank(query):
    return RawSQL(
        f"SELECT -bm25({FTS_TABLE}, 10.0, 10.0, 4.0, 4.0, 1.0, 1.0) FROM {FTS_TABLE} "  # noqa: S608
        f"WHERE {FTS_TABLE} MATCH %s AND {FTS_TABLE}.rowid = {ENTRY_TABLE}.id",
        [query.fts5()],
    )


def snippet(query, language, other):
    # The first of the summaries and other texts (page language first) with a hit, after
    # the code of where it comes from (`entries.extract_source`).
    columns = {
        extract_source(code, part): FTS_COLUMNS.index(f"{part}_{code}")
        for code in (language, other)
        for part in ("summary", "body")
    }
    extracts = ", ".join(
        f"snippet({FTS_TABLE}, {column}, char(2), char(3), ' … ', 24) AS s{column}"
        for column in columns.values()
    )
    choice = " ".join(
        f"WHEN instr(s{column}, char(2)) THEN '{source}' || s{column}"
        for source, column in columns.items()
    )
    first_source, first = next(iter(columns.items()))
    return RawSQL(
        f"SELECT CASE {choice} ELSE '{first_source}' || s{first} END "  # noqa: S608
        f"FROM (SELECT {extracts} "
        f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND {FTS_TABLE}.rowid = {ENTRY_TABLE}.id)",
        [query.fts5()],
        output_field=TextField(),
    )


def upsert():
    return ""  # one writer at a time: a conflict cannot happen


def add_words(entries):
    words = set()
    fields = ["title_en", "title_fr", "summary_en", "summary_fr"]
    for texts in entries.values_list(*fields).iterator(chunk_size=2000):
        for text in texts:
            words.update(WORD.findall(text.lower()))
    SearchWord.objects.bulk_create(
        [SearchWord(word=word) for word in words], ignore_conflicts=True, batch_size=1000
    )


def similar_word(word):
    # No trigrams: compare with the words of about the same length and first letter.
    candidates = SearchWord.objects.filter(
        word__startswith=word[0], word__regex=rf"^.{{{max(1, len(word) - 2)},{len(word) + 2}}}$"
    ).values_list("word", flat=True)[:5000]
    found = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.8)
    return found[0] if found else None


def empty():
    SearchEntry.objects.all().delete()
    SearchWord.objects.all().delete()


def drop_vector_index():
    return None  # the FTS5 table is its own index


def analyze():
    pass
