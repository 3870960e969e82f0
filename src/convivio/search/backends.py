"""Full-text backends behind one interface: SQLite FTS5 and PostgreSQL tsvector.

Both stem each entry in its own language.  A query is read as plain words (quotes,
operators and brackets are never passed through): it matches an entry when all of
its words match after stemming in any of the search languages.
"""

from __future__ import annotations

import unicodedata
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

    def delete(self, kind: str, object_id: int) -> None:
        """Remove a record from the full-text structure (its entries go too)."""
        raise NotImplementedError

    def match(self, kind: str, query: str, limit: int | None = None):
        """Return (object_id, score) pairs, best first, one per object."""
        raise NotImplementedError

    def clear(self, kind: str) -> None:
        """Empty a kind's full-text structure (before a rebuild)."""

    def match_sql(self, kind: str, query: str) -> tuple[str, list]:
        """Return SQL selecting the matching object ids, and its parameters."""
        raise NotImplementedError

    def raw_sql(self, kind: str, query: str) -> tuple[str, list]:
        """The ranked query `match` runs (for benchmarks and inspection)."""
        raise NotImplementedError

    @staticmethod
    def languages() -> list[str]:
        return list(settings.CONVIVIO_SEARCH_LANGUAGES)


#: Kinds of record that are searchable; each has its own full-text table.
KINDS = (
    "practice",
    "collection",
    "document",
    "link",
    "survey",
    "plan",
    "node",
    "indicator",
    "service",
    "organisation",
    "post",
    "event",
    "network",
    "codesign",
)
#: Translations one record may have in the SQLite index (rowid = id * SLOTS + n).
SLOTS = 32
#: Above this many matching records, matches are not ranked by words (bm25).
RANK_LIMIT = 5000


def fts_table(kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"Unknown search kind: {kind!r}")
    return f"search_fts_{kind}"


class SQLiteBackend(SearchBackend):
    """FTS5, one table per kind whose rowid encodes the record's id.

    A match is then read from the full-text index alone: no stored column is
    fetched per matching row, which is most of the cost of broad queries.
    """

    vendor = "sqlite"

    def write(self, entries: list[SearchEntry]) -> None:
        slots: dict[tuple[str, int], int] = {}
        rows: dict[str, list[tuple]] = {}
        for e in sorted(entries, key=lambda e: (e.kind, e.object_id, e.language)):
            slot = slots.get((e.kind, e.object_id), 0)
            if slot >= SLOTS:
                raise ValueError(f"More than {SLOTS} languages for one record.")
            slots[(e.kind, e.object_id)] = slot + 1
            rows.setdefault(e.kind, []).append(
                (
                    e.object_id * SLOTS + slot,
                    text.stemmed_text(e.title, e.language),
                    text.stemmed_text(e.body, e.language),
                )
            )
        with connection.cursor() as cursor:
            for kind, values in rows.items():
                cursor.executemany(
                    # The table name comes from KINDS, never from a request.
                    f"INSERT OR REPLACE INTO {fts_table(kind)}(rowid, title, body) "  # noqa: S608
                    "VALUES (%s, %s, %s)",
                    values,
                )

    def delete(self, kind: str, object_id: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {fts_table(kind)} WHERE rowid BETWEEN %s AND %s",  # noqa: S608
                [object_id * SLOTS, object_id * SLOTS + SLOTS - 1],
            )

    def clear(self, kind: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {fts_table(kind)}")  # noqa: S608

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
        # Only constant fragments are formatted in; user words are parameters.
        # bm25 weights: a word in the title counts five times one in the body.
        table = fts_table(kind)
        return (
            f"SELECT rowid / {SLOTS}, bm25({table}, 5.0, 1.0) AS score "  # noqa: S608
            f"FROM {table} WHERE {table} MATCH %s ORDER BY score",
            [self.fts_query(query)],
        )

    def match(self, kind: str, query: str, limit: int | None = None):
        fts_query = self.fts_query(query)
        if not fts_query:
            return []
        table = fts_table(kind)
        # Which records match costs little; ranking them by bm25 costs a score
        # per matching row.  A query matching more than RANK_LIMIT rows (a few
        # common words in a large library) is not ranked by words: its records
        # come newest first, and the ranking by meaning, fused with this
        # order, brings the closest ones up.  One statement: SQLite evaluates
        # the uncorrelated count once and bm25 only when the CASE asks for it.
        # Only constant fragments are formatted in; user words are parameters.
        sql = (
            f"SELECT rowid / {SLOTS}, CASE WHEN (SELECT count(*) FROM {table} "  # noqa: S608
            f"WHERE {table} MATCH %s) <= {RANK_LIMIT} "
            f"THEN bm25({table}, 5.0, 1.0) ELSE 0 END AS score "
            f"FROM {table} WHERE {table} MATCH %s ORDER BY score, rowid DESC"
        )
        params: list = [fts_query, fts_query]
        if limit is not None:
            # The best rows only (a record may come once per translation).
            sql += " LIMIT %s"
            params.append(limit * 4)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            best: dict[int, float] = {}
            for object_id, score in cursor.fetchall():
                best.setdefault(int(object_id), -score)
        pairs = list(best.items())
        return pairs if limit is None else pairs[:limit]

    def match_sql(self, kind: str, query: str) -> tuple[str, list]:
        fts_query = self.fts_query(query)
        table = fts_table(kind)
        if not fts_query:  # only stopwords: nothing to look for
            return f"SELECT rowid FROM {table} WHERE 0", []  # noqa: S608
        return (
            f"SELECT rowid / {SLOTS} FROM {table} WHERE {table} MATCH %s",  # noqa: S608
            [fts_query],
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

    def delete(self, kind: str, object_id: int) -> None:
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
