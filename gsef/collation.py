"""Names compared and sorted as a reader expects, in English and in French: accents and
capitals are not letters of their own, so "Bénin" comes before "Brésil", "Écosse" among the E,
and "anglais" finds "Anglais"."""

import unicodedata


def fold(text):
    """The text without accents, in lower case."""
    letters = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in letters if not unicodedata.combining(c)).casefold()


def collation_key(text):
    return fold(text), str(text)  # a tie (e, é) puts the plain letter first, always the same
