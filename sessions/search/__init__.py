"""Full-text search over every public record, in English and French at once.

The index is one table, `SearchEntry`: a row per session, presentation, initiative, speaker,
organisation, audience question and closing remark, with its texts in both languages, what
the search page filters on, and whether the public may see it. The parts, by module:

    entries     what goes into an entry, as SQL over each source table
    index       when entries are written (saves, deletes, batches) and which ones
    deferred    indexing put off to the end of a batch of imports
    rebuilding  the whole index again, from every content row
    query       the query language a visitor types (quotes, OR, minus) and its limits
    searching   matches ranked and capped, and a page of them with highlighted extracts
    typos       the typo fixer, over a lexicon of the indexed words
    backends    one module per database (PostgreSQL, SQLite FTS5) behind the same calls

The models know nothing of this package: `sessions.signals` does the wiring.
"""

from sessions.search.index import (
    add_people,
    batched_reindex,
    batching,
    merge,
    reindex,
    reindex_session_later,
    reindex_sessions,
    sessions_and_children,
    sessions_family,
    touched_by,
)
from sessions.search.query import CANDIDATES, MAX_QUERY_LENGTH, Query, clean_text
from sessions.search.rebuilding import rebuild
from sessions.search.searching import highlight, matching, page, ranked
from sessions.search.typos import correct

__all__ = [
    "CANDIDATES",
    "MAX_QUERY_LENGTH",
    "Query",
    "add_people",
    "batched_reindex",
    "batching",
    "clean_text",
    "correct",
    "highlight",
    "matching",
    "merge",
    "page",
    "ranked",
    "rebuild",
    "reindex",
    "reindex_session_later",
    "reindex_sessions",
    "sessions_and_children",
    "sessions_family",
    "touched_by",
]
