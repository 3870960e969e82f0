"""The practice list's facets in memory: one bitset per facet value.

Counting facets in SQL costs a pass over the facet rows of every matching
practice, on every filter combination and search seen for the first time (most
visits). Here each process keeps, for every facet value, the set of published
practices that have it as a bitset (one bit per practice, 64 to a word), and the
published practices in the list's two orders. Filters, searches and counts are
then bitwise AND, OR and popcount over a few kilobytes, with no SQL:

- a filter is the OR of its values' bitsets, facets combine with AND, the year
  range is computed from the practices' start and end years;
- the matches of a search (any list of ids: full text, vectors or both) become a
  bitset of their own;
- each facet is counted under the other facets' filters (the panel's rule).

The index is built from the facet table (``PracticeFacet``, kept by the services)
and the practices' rows, in a few queries. It is rebuilt when the practices'
search index version moves on (every write the list shows bumps it, see
``facets.facets_sync``) or when the cache loses the token it was built under (a
cache cleared, as between tests, drops what was computed from the data).
Memory: a bit per practice and facet value (100,000 practices × 88 values: 1.1
MB), plus 12 bytes per practice for the orders and years.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

import numpy as np
from django.core.cache import cache
from django.db import connection

from convivio.core import caching

from .models import Practice, PracticeFacet

#: The facets counted, in the panel's order; "years" is counted by start year.
FACETS = (
    "themes",
    "target_groups",
    "countries",
    "languages",
    "organisation_kinds",
    "years",
)
#: The facets a filter selects values of (years are a range instead).
VALUE_FACETS = FACETS[:5]

#: The cache entry holding the token the index was built under.
INDEX_KEY_NAME = "practices:facet_index"
_lock = threading.Lock()
_current: FacetIndex | None = None


class Filters(Protocol):
    """What the index reads of a PracticeFilters."""

    @property
    def themes(self) -> tuple[str, ...]: ...
    @property
    def target_groups(self) -> tuple[str, ...]: ...
    @property
    def countries(self) -> tuple[str, ...]: ...
    @property
    def languages(self) -> tuple[str, ...]: ...
    @property
    def organisation_kinds(self) -> tuple[str, ...]: ...
    @property
    def year_from(self) -> int | None: ...
    @property
    def year_to(self) -> int | None: ...


def _selected(filters: Filters, facet: str) -> bool:
    if facet == "years":
        return filters.year_from is not None or filters.year_to is not None
    return bool(getattr(filters, facet))


def _popcount(words: np.ndarray) -> int:
    return int(np.bitwise_count(words).sum())


@dataclass(eq=False)
class FacetIndex:
    #: The cache's token it was built under, and the token's key.
    token: str
    key: str
    #: Published practice ids, ascending; a practice's *position* is its place here.
    ids: np.ndarray
    #: Position of each id (index: the id), -1 for ids that are not published.
    positions: np.ndarray
    #: One row of 64-bit words per facet value, bit i = the practice at position i.
    bits: np.ndarray
    #: facet → value → its row in ``bits``.
    rows: dict[str, dict[str, int]]
    #: Start and end years by position (0: not given).
    start_year: np.ndarray
    end_year: np.ndarray
    #: Positions in the list's orders: newest first, and by title.
    newest: np.ndarray
    by_title: np.ndarray

    @property
    def size(self) -> int:
        return len(self.ids)

    @property
    def words(self) -> int:
        return self.bits.shape[1]

    @property
    def nbytes(self) -> int:
        return sum(
            a.nbytes
            for a in (
                self.ids,
                self.positions,
                self.bits,
                self.start_year,
                self.end_year,
                self.newest,
                self.by_title,
            )
        )

    def pack(self, flags: np.ndarray) -> np.ndarray:
        """A bool array by position as a bitset (its padding bits zero)."""
        packed = np.packbits(flags, bitorder="little")
        padded = np.zeros(self.words * 8, dtype=np.uint8)
        padded[: len(packed)] = packed
        return padded.view(np.uint64)

    def unpack(self, words: np.ndarray) -> np.ndarray:
        """A bitset as a bool array by position."""
        return np.unpackbits(
            words.view(np.uint8), count=self.size, bitorder="little"
        ).view(bool)

    def everything(self) -> np.ndarray:
        return self.pack(np.ones(self.size, dtype=bool))

    def of_positions(self, positions: np.ndarray) -> np.ndarray:
        """The practices at ``positions``, as a bitset."""
        flags = np.zeros(self.size, dtype=bool)
        flags[positions] = True
        return self.pack(flags)

    def positions_of(self, ids: Sequence[int]) -> np.ndarray:
        """Positions of the published practices among ``ids``, in their order."""
        wanted = np.fromiter(ids, dtype=np.int64, count=len(ids))
        wanted = wanted[(wanted >= 0) & (wanted < len(self.positions))]
        found = self.positions[wanted]
        return found[found >= 0]

    def of_values(self, facet: str, values: Iterable[str]) -> np.ndarray:
        """The practices with any of ``values`` (none for unknown values)."""
        known = [self.rows[facet][v] for v in values if v in self.rows[facet]]
        if not known:
            return np.zeros(self.words, dtype=np.uint64)
        return np.bitwise_or.reduce(self.bits[known], axis=0)

    def of_years(self, year_from: int | None, year_to: int | None) -> np.ndarray:
        """The practices whose years overlap the range (as the list always
        filtered: a practice with one year given is that year)."""
        start, end = self.start_year, self.end_year
        flags = np.ones(self.size, dtype=bool)
        if year_from is not None:
            flags &= (end >= year_from) | ((end == 0) & (start >= year_from))
        if year_to is not None:
            flags &= ((start != 0) & (start <= year_to)) | (
                (start == 0) & (end != 0) & (end <= year_to)
            )
        return self.pack(flags)

    def values_of(self, facet: str, ids: Sequence[int]) -> dict[int, list[str]]:
        """Each published practice's values of ``facet`` (in the index's order
        of values), for a page of ``ids``."""
        values = list(self.rows[facet])
        known = [i for i in ids if 0 <= i < len(self.positions)]
        at = self.positions[np.fromiter(known, dtype=np.int64, count=len(known))]
        found: dict[int, list[str]] = {i: [] for i in ids}
        if not values or not len(at):
            return found
        at = at.astype(np.int64)
        rows = np.fromiter(self.rows[facet].values(), dtype=np.intp, count=len(values))
        words = self.bits[rows][:, np.maximum(at, 0) >> 6]
        has = (words >> (at & 63).astype(np.uint64)) & np.uint64(1)
        for column, practice_id in enumerate(known):
            if at[column] >= 0:
                found[practice_id] = [
                    values[row] for row in np.flatnonzero(has[:, column]).tolist()
                ]
        return found

    def count_rows(self, facets: Sequence[str], mask: np.ndarray) -> dict:
        """Counts of every value of ``facets`` among the practices of ``mask``
        (values counted zero left out, as a GROUP BY leaves them)."""
        counts: dict[str, dict[str, int]] = {}
        for facet in facets:
            values = self.rows[facet]
            if not values:
                counts[facet] = {}
                continue
            rows = np.fromiter(values.values(), dtype=np.intp, count=len(values))
            n = np.bitwise_count(self.bits[rows] & mask).sum(axis=1)
            counts[facet] = {
                value: int(c) for value, c in zip(values, n.tolist(), strict=True) if c
            }
        return counts

    def select(self, filters: Filters, matches: Sequence[int] | None) -> Selection:
        """The practices that ``filters`` and a search's ``matches`` (None: no
        search; any ids, best first) keep, ready to count, total and page."""
        return Selection(self, filters, matches)


@dataclass(eq=False)
class Selection:
    index: FacetIndex
    filters: Filters
    matches: Sequence[int] | None
    _masks: dict[str, np.ndarray] = field(default_factory=dict)

    @cached_property
    def matched(self) -> np.ndarray:
        """Positions of the search's published matches, best first."""
        return self.index.positions_of(self.matches or ())

    @cached_property
    def searched(self) -> np.ndarray:
        if self.matches is None:
            return self.index.everything()
        return self.index.of_positions(self.matched)

    def mask_of(self, facet: str) -> np.ndarray:
        if facet not in self._masks:
            f = self.filters
            self._masks[facet] = (
                self.index.of_years(f.year_from, f.year_to)
                if facet == "years"
                else self.index.of_values(facet, getattr(f, facet))
            )
        return self._masks[facet]

    def narrowed(self, skip: str = "") -> np.ndarray:
        """The search's matches under every selected facet but ``skip``."""
        mask = self.searched
        for facet in FACETS:
            if facet != skip and _selected(self.filters, facet):
                mask = mask & self.mask_of(facet)
        return mask

    @cached_property
    def kept(self) -> np.ndarray:
        return self.narrowed()

    @cached_property
    def narrowing(self) -> bool:
        return any(_selected(self.filters, f) for f in FACETS)

    def total(self) -> int:
        return _popcount(self.kept)

    def counts(self) -> dict[str, dict[str, int]]:
        """Counts per facet value; each facet counted under the other facets'
        filters (facets without a selection share the whole filter)."""
        selected = [f for f in FACETS if _selected(self.filters, f)]
        counts = self.index.count_rows(
            [f for f in FACETS if f not in selected], self.kept
        )
        for facet in selected:
            counts.update(self.index.count_rows([facet], self.narrowed(skip=facet)))
        return {facet: counts[facet] for facet in FACETS}

    def page(self, order: str, offset: int, limit: int) -> list[int]:
        """Ids of one page in ``order`` ("newest" or "title")."""
        positions = self.index.newest if order == "newest" else self.index.by_title
        if self.matches is not None or self.narrowing:
            positions = positions[self.index.unpack(self.kept)[positions]]
        return self.index.ids[positions[offset : offset + limit]].tolist()

    def ranked(self) -> list[int]:
        """Ids of the search's matches kept by the filters, best first."""
        positions = self.matched
        if self.narrowing:
            positions = positions[self.index.unpack(self.kept)[positions]]
        return self.index.ids[positions].tolist()


# --- Building ------------------------------------------------------------------------


def _ints(text: str | None) -> np.ndarray:
    if not text:
        return np.zeros(0, dtype=np.int64)
    return np.fromstring(text, dtype=np.int64, sep=",")


def _id_lists(cursor, published: str) -> tuple[str | None, ...]:
    """Published ids newest first and by title, and (by id) their years:
    comma-separated, one row (a hundred thousand rows through the driver cost
    more than the queries)."""
    table = Practice._meta.db_table
    orders = ("published_at DESC, id DESC", "sort_title, id")
    found: list[str | None] = []
    for order in orders:
        if connection.vendor == "postgresql":
            sql = (
                f"SELECT string_agg(id::text, ',' ORDER BY {order}) "  # noqa: S608
                f"FROM {table} WHERE status = %s"
            )
        else:
            # SQLite keeps the subquery's order in the aggregate (an aggregate over
            # a subquery with ORDER BY is never flattened).
            sql = (
                f"SELECT group_concat(id) FROM (SELECT id FROM {table} "  # noqa: S608
                f"WHERE status = %s ORDER BY {order})"
            )
        cursor.execute(sql, [published])
        found.append(cursor.fetchone()[0])
    concat = (
        "string_agg(({}::text), ',' ORDER BY id)"
        if connection.vendor == "postgresql"
        else "group_concat({})"
    )
    cursor.execute(
        f"SELECT {concat.format('id')}, "  # noqa: S608
        f"{concat.format('COALESCE(start_year, 0)')}, "
        f"{concat.format('COALESCE(end_year, 0)')} "
        f"FROM {table} WHERE status = %s",
        [published],
    )
    found.extend(cursor.fetchone())
    return tuple(found)


def build(token: str = "", key: str = "") -> FacetIndex:
    """Read the published practices and their facet rows into a new index."""
    table = PracticeFacet._meta.db_table
    concat = (
        "string_agg(practice_id::text, ',')"
        if connection.vendor == "postgresql"
        else "group_concat(practice_id)"
    )
    with connection.cursor() as cursor:
        newest_ids, title_ids, year_ids, starts, ends = _id_lists(
            cursor, Practice.Status.PUBLISHED
        )
        cursor.execute(
            f"SELECT facet, value, {concat} FROM {table} "  # noqa: S608
            "GROUP BY facet, value ORDER BY facet, value"
        )
        facet_rows = cursor.fetchall()
    newest = _ints(newest_ids)
    ids = np.sort(newest)
    top = int(ids[-1]) + 1 if len(ids) else 0
    positions = np.full(top, -1, dtype=np.int32)
    positions[ids] = np.arange(len(ids), dtype=np.int32)

    def where(of: np.ndarray) -> np.ndarray:
        # Rows read a moment apart may disagree on a practice published or
        # withdrawn meanwhile: its version bump rebuilds the index anyway.
        of = of[of < top]
        found = positions[of]
        return found[found >= 0]

    rows: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
    flags = np.zeros((len(facet_rows), len(ids)), dtype=bool)
    kept = 0
    for facet, value, practice_ids in facet_rows:
        if facet not in rows:
            continue
        flags[kept, where(_ints(practice_ids))] = True
        rows[facet][value] = kept
        kept += 1
    words = -(-len(ids) // 64)
    bits = np.zeros((kept, words * 8), dtype=np.uint8)
    if kept and len(ids):
        packed = np.packbits(flags[:kept], axis=1, bitorder="little")
        bits[:, : packed.shape[1]] = packed
    start_year = np.zeros(len(ids), dtype=np.int16)
    end_year = np.zeros(len(ids), dtype=np.int16)
    by_id, starts_by_id, ends_by_id = _ints(year_ids), _ints(starts), _ints(ends)
    known = by_id < top
    known[known] = positions[by_id[known]] >= 0
    at = positions[by_id[known]]
    start_year[at] = starts_by_id[known]
    end_year[at] = ends_by_id[known]
    return FacetIndex(
        token=token,
        key=key,
        ids=ids,
        positions=positions,
        bits=bits.view(np.uint64).reshape(kept, words),
        rows=rows,
        start_year=start_year,
        end_year=end_year,
        newest=where(newest),
        by_title=where(_ints(title_ids)),
    )


def _token_key(version: int) -> str:
    return caching.key(INDEX_KEY_NAME, versions=(version,), per_language=False)


def current(version: int) -> FacetIndex:
    """This process's index for the practices' index ``version``, rebuilt when
    the version moved on or the cache forgot the token it was built under."""
    global _current
    k = _token_key(version)
    token = cache.get(k)
    if token is None:
        cache.add(k, uuid.uuid4().hex, caching.KEEP_SECONDS)
        token = cache.get(k) or ""
    index = _current
    if index is not None and index.token == token:
        return index
    with _lock:
        index = _current
        if index is None or index.token != token:
            index = build(token, k)
            _current = index
    return index


def clear_cache_keeping_index() -> None:
    """Empty the cache as a first visit finds it, but keep this process's index,
    as a worker keeps it from one request to the next (for benchmarks)."""
    index = _current
    cache.clear()
    if index is not None:
        cache.set(index.key, index.token, caching.KEEP_SECONDS)
