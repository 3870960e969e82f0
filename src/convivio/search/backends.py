"""Full-text backends behind one interface: SQLite FTS5 and PostgreSQL tsvector.

Both stem each entry in its own language.  A query is read as plain words (quotes,
operators and brackets are never passed through): it matches an entry when all of
its words match after stemming in any of the search languages.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection

from . import text
from .models import SearchEntry


@dataclass(frozen=True)
class Document:
    """What one translation row of a record contributes to the index."""

    kind: str
    object_id: int
    language: str
    title: str
    body: str


class SearchBackend:
    vendor = ""

    def write(self, entries: list[SearchEntry]) -> None:
        """Index entries that were just saved (they have ids)."""
        raise NotImplementedError

    def delete(self, entry_ids: list[int]) -> None:
        raise NotImplementedError

    def match(self, kind: str, query: str, limit: int | None = None):
        """Return (object_id, score) pairs, best first, one per object."""
        raise NotImplementedError

    def match_sql(self, kind: str, query: str) -> tuple[str, list]:
        """Return SQL selecting the matching object ids, and its parameters."""
        raise NotImplementedError

    def raw_sql(self, kind: str, query: str) -> tuple[str, list]:
        """The ranked query `match` runs (for benchmarks and inspection)."""
        raise NotImplementedError

    @staticmethod
    def languages() -> list[str]:
        return list(settings.CONVIVIO_SEARCH_LANGUAGES)


class SQLiteBackend(SearchBackend):
    vendor = "sqlite"
    table = "search_fts"
    # bm25 weights: a word in the title counts five times one in the body.
    rank = "bm25(search_fts, 5.0, 1.0)"

    def write(self, entries: list[SearchEntry]) -> None:
        rows = [
            (
                e.id,
                text.stemmed_text(e.title, e.language),
                text.stemmed_text(e.body, e.language),
                e.kind,
                e.object_id,
            )
            for e in entries
        ]
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT OR REPLACE INTO search_fts"
                "(rowid, title, body, kind, object_id) VALUES (%s, %s, %s, %s, %s)",
                rows,
            )

    def delete(self, entry_ids: list[int]) -> None:
        if not entry_ids:
            return
        with connection.cursor() as cursor:
            cursor.executemany(
                "DELETE FROM search_fts WHERE rowid = %s", [(i,) for i in entry_ids]
            )

    def fts_query(self, query: str) -> str:
        tokens = text.query_words(query)
        if not tokens:
            return ""
        clauses: list[str] = []
        for language in self.languages():
            words = text.without_stopwords(tokens, language)
            clause = " AND ".join(f'"{s}"' for s in text.stems(words, language))
            if clause and clause not in clauses:
                clauses.append(clause)
        return " OR ".join(f"({c})" for c in clauses)

    def raw_sql(self, kind: str, query: str) -> tuple[str, list]:
        # bm25() cannot sit under an aggregate, so an object with several
        # translations comes once per matching translation; match() keeps the best.
        return (
            # Only constant fragments are formatted in; user words are parameters.
            f"SELECT object_id, {self.rank} AS score FROM search_fts "  # noqa: S608
            "WHERE search_fts MATCH %s AND kind = %s ORDER BY score",
            [self.fts_query(query), kind],
        )

    def match(self, kind: str, query: str, limit: int | None = None):
        if not self.fts_query(query):
            return []
        sql, params = self.raw_sql(kind, query)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            best: dict[int, float] = {}
            for object_id, score in cursor.fetchall():
                best.setdefault(int(object_id), -score)
        pairs = list(best.items())
        return pairs if limit is None else pairs[:limit]

    def match_sql(self, kind: str, query: str) -> tuple[str, list]:
        fts_query = self.fts_query(query)
        if not fts_query:  # only stopwords: nothing to look for
            return "SELECT object_id FROM search_fts WHERE 0", []
        return (
            "SELECT object_id FROM search_fts WHERE search_fts MATCH %s AND kind = %s",
            [fts_query, kind],
        )


def _folding_table() -> tuple[str, str]:
    """Letters with diacritics and their bare letters ("ș" → "s", "ά" → "α")."""
    source, target = [], []
    for code in [*range(0xC0, 0x250), *range(0x370, 0x400)]:
        letter = chr(code)
        bare = "".join(
            c
            for c in unicodedata.normalize("NFKD", letter)
            if not unicodedata.combining(c)
        )
        if len(bare) == 1 and bare != letter:
            source.append(letter)
            target.append(bare)
    return "".join(source), "".join(target)


class PostgresBackend(SearchBackend):
    vendor = "postgresql"
    #: Like FTS5's remove_diacritics on SQLite: each text is also indexed with its
    #: diacritics removed, so "locuinte" typed on any keyboard finds "locuințe".
    FOLD_FROM, FOLD_TO = _folding_table()
    WRITE_SQL = (
        "UPDATE search_searchentry SET vector = setweight("
        "to_tsvector(%(config)s::regconfig, title) || "
        "to_tsvector(%(config)s::regconfig, COALESCE("
        "NULLIF(translate(title, %(from)s, %(to)s), title), '')), 'A') || setweight("
        "to_tsvector(%(config)s::regconfig, body) || "
        "to_tsvector(%(config)s::regconfig, COALESCE("
        "NULLIF(translate(body, %(from)s, %(to)s), body), '')), 'B') "
        "WHERE id = ANY(%(ids)s)"
    )

    def write(self, entries: list[SearchEntry]) -> None:
        by_config: dict[str, list[int]] = {}
        for e in entries:
            config = text.POSTGRES_CONFIG.get(e.language.split("-")[0], "simple")
            by_config.setdefault(config, []).append(e.id)
        with connection.cursor() as cursor:
            for config, ids in by_config.items():
                cursor.execute(
                    self.WRITE_SQL,
                    {
                        "config": config,
                        "from": self.FOLD_FROM,
                        "to": self.FOLD_TO,
                        "ids": ids,
                    },
                )

    def delete(self, entry_ids: list[int]) -> None:
        """Nothing to do: the vector lives on the entry row itself."""

    def _tsquery(self, query: str) -> tuple[str, list]:
        plain = " ".join(text.query_words(query))
        configs = dict.fromkeys(
            text.POSTGRES_CONFIG.get(lang, "simple") for lang in self.languages()
        )
        sql = " || ".join("plainto_tsquery(%s::regconfig, %s)" for _ in configs)
        params: list = []
        for config in configs:
            params += [config, plain]
        return sql, params

    def raw_sql(self, kind: str, query: str) -> tuple[str, list]:
        tsquery, params = self._tsquery(query)
        # Only constant fragments are formatted in; user words are parameters.
        source = f"search_searchentry e, (SELECT {tsquery} AS q) q"
        return (
            "SELECT e.object_id, MAX(ts_rank(e.vector, q.q)) AS score "  # noqa: S608
            f"FROM {source} WHERE e.vector @@ q.q AND e.kind = %s "
            "GROUP BY e.object_id ORDER BY score DESC, e.object_id",
            [*params, kind],
        )

    def match(self, kind: str, query: str, limit: int | None = None):
        if not text.query_words(query):
            return []
        sql, params = self.raw_sql(kind, query)
        if limit is not None:
            sql += " LIMIT %s"
            params.append(limit)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [(int(object_id), float(score)) for object_id, score in cursor]

    def match_sql(self, kind: str, query: str) -> tuple[str, list]:
        tsquery, params = self._tsquery(query)
        return (
            "SELECT e.object_id FROM search_searchentry e "  # noqa: S608
            f"WHERE e.kind = %s AND e.vector @@ ({tsquery})",
            [kind, *params],
        )


_BACKENDS = {b.vendor: b for b in (SQLiteBackend(), PostgresBackend())}


def get_backend() -> SearchBackend:
    try:
        return _BACKENDS[connection.vendor]
    except KeyError:
        raise NotImplementedError(
            f"Full-text search is not available on {connection.vendor}."
        ) from None


def documents_by_language(
    kind: str, object_id: int, rows: Iterable[tuple[str, str, str]]
) -> list[Document]:
    return [Document(kind, object_id, lang, title, body) for lang, title, body in rows]
