"""The query language: what a visitor types, read as words (all required), "quoted phrases",
OR between alternatives and -word to exclude, within limits that keep a search cheap."""

import re

CANDIDATES = 2000  # matches ranked at most; more are counted as "2,000+"
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 12

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
