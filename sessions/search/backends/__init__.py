"""One module per database, each answering the same few calls.

    matching(queryset, query)      the entries of `queryset` that match `query`
    rank(query)                    an expression: higher for better matches
    snippet(query, language, other)  an expression: the best extract, hits between markers,
                                   after the code of its source (entries.extract_source)
    upsert()                       what an INSERT of entries adds so that it may rewrite one
    add_words(entries)             the words of these entries into the typo lexicon
    similar_word(word)             the known word most like `word`, or None
    empty()                        empty the index and the lexicon (for a rebuild)
    drop_vector_index()            before a rebuild: how to build the index again, or None
    analyze()                      after a rebuild: fresh planner statistics

`current()` is the module of the connection in use.
"""

from django.db import connection

from sessions.search.backends import postgresql, sqlite


def current():
    return postgresql if connection.vendor == "postgresql" else sqlite
