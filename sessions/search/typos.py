"""The typo fixer: an unknown word of a query is replaced by the most similar word of the
lexicon (the words of every entry's titles and summaries, kept by `index.reindex`)."""

from sessions.models import SearchWord
from sessions.search import backends


def correct(query):
    """The query with each unknown word replaced by the most similar known one, or None."""
    changed = False
    words = query.positive_words()[:6]
    known = set(SearchWord.objects.filter(word__in=words).values_list("word", flat=True))
    replacements = {}
    for word in words:
        if word in known or len(word) < 4 or word.isdigit():
            continue
        similar = backends.current().similar_word(word)
        if similar and similar != word:
            replacements[word] = similar
            changed = True
    return query.replace(replacements) if changed else None
