"""Words and stems: the same rules for indexed text and for queries."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

import snowballstemmer

# Content language → Snowball algorithm (PyStemmer's C code when installed).
SNOWBALL = {
    "en": "english",
    "ro": "romanian",
    "it": "italian",
    "es": "spanish",
    "pt": "portuguese",
    "fr": "french",
    "de": "german",
    "nl": "dutch",
    "el": "greek",
    "tr": "turkish",
    "sv": "swedish",
    "da": "danish",
    "fi": "finnish",
    "hu": "hungarian",
    "no": "norwegian",
    "ru": "russian",
    "ar": "arabic",
}
# Content language → PostgreSQL text search configuration: PostgreSQL ships the
# same Snowball stemmers under the same names.
POSTGRES_CONFIG = SNOWBALL
# Words too common to search for, dropped from queries in that language (as
# PostgreSQL's configurations do), so both databases answer alike.
STOPWORDS = {
    "en": frozenset(
        "a an and are as at be but by for from has have in into is it its of on or "
        "that the their there these this to was were which who will with".split()
    ),
    "es": frozenset(
        "a al con de del desde e el en entre es la las lo los o para por que se "
        "sin su sus un una unas unos y".split()
    ),
    "pt": frozenset(
        "a ao aos as com da das de do dos e em entre na nas no nos o os ou para "
        "pela pelo por que se sem seu sua um uma".split()
    ),
    "it": frozenset(
        "a ad al alla alle che con da dai dal dalla dei del della delle di e ed "
        "gli i il in la le lo nei nel nella o per su tra un una uno".split()
    ),
    "fr": frozenset(
        "a au aux avec d dans de des du en et l la le les ou par pour que qui "
        "sans se sur un une".split()
    ),
    "de": frozenset(
        "am an auf aus bei das dem den der des die ein eine einem einen einer "
        "für im in mit oder und von zu zum zur".split()
    ),
    "el": frozenset(
        "και με για από στο στη στην στον στα στους στις το τα τη την του της "
        "των ο η οι ένα μια σε ή".split()
    ),
    "ro": frozenset(
        "a ai al ale cu care ce cea cei cel de din după este fi în între la le lor "
        "mai ne nu o pe pentru prin sa să se si și sunt un una unei unui".split()
    ),
}
WORD = re.compile(r"\w+")
MAX_QUERY_WORDS = 12
MAX_WORD_LENGTH = 64


@cache
def _stemmer(language: str):
    algorithm = SNOWBALL.get(language.split("-")[0])
    return snowballstemmer.stemmer(algorithm) if algorithm else None


def words(text: str) -> list[str]:
    """Split text into lower-case words; punctuation and query syntax are dropped."""
    return [
        w
        for w in WORD.findall(text.lower().replace("_", " "))
        if len(w) <= MAX_WORD_LENGTH
    ]


def stems(tokens: list[str], language: str) -> list[str]:
    """Stems, folded: SQLite's remove_diacritics leaves Greek accents (and
    Arabic vowel marks) alone, so "αδεια" would miss "άδεια"; folding here makes
    every script alike on both sides of a match."""
    stemmer = _stemmer(language)
    return [fold_word(s) for s in (stemmer.stemWords(tokens) if stemmer else tokens)]


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """A word without accents or other combining marks, case-folded."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def has_content_words(query: str) -> bool:
    """False when every word of the query is a common word in some language
    ("the of and"): there is nothing to look for, by words or by meaning."""
    common = frozenset().union(*STOPWORDS.values())
    return any(w not in common for w in query_words(query))


def without_stopwords(tokens: list[str], language: str) -> list[str]:
    stop = STOPWORDS.get(language.split("-")[0], frozenset())
    return [t for t in tokens if t not in stop]


def stemmed_text(text: str, language: str) -> str:
    """What the index holds for a text: its words in its language without the
    common ones (so the stem of "comida" does not meet the Portuguese "com"),
    stemmed and folded."""
    return " ".join(stems(without_stopwords(words(text), language), language))


def query_words(query: str) -> list[str]:
    return words(query)[:MAX_QUERY_WORDS]
