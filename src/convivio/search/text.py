"""Words and stems: the same rules for indexed text and for queries."""

from __future__ import annotations

import re
from functools import cache

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
# Content language → PostgreSQL text search configuration.
POSTGRES_CONFIG = {
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
    stemmer = _stemmer(language)
    return stemmer.stemWords(tokens) if stemmer else tokens


def stemmed_text(text: str, language: str) -> str:
    return " ".join(stems(words(text), language))


def query_words(query: str) -> list[str]:
    return words(query)[:MAX_QUERY_WORDS]
