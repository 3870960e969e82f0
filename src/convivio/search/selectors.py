"""Reads from the search index."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from django.db import connection
from django.db.models.expressions import RawSQL

from . import registry, vectors
from .backends import get_backend
from .embedding import get_embedder
from .models import IndexState, SearchVector, VectorSpace
from .registry import Hit
from .text import has_content_words, query_words

log = logging.getLogger(__name__)


def query_is_searchable(query: str) -> bool:
    """True when the query has at least one word to look for."""
    return bool(query_words(query))


def search_match(*, kind: str, query: str, limit: int | None = None):
    """Return (object_id, score) pairs for `query`, most relevant first: the
    records whose words match and those closest in meaning, in any language."""
    pairs = _hybrid({kind}, query)[kind]
    return pairs if limit is None else pairs[:limit]


def fulltext_match(*, kind: str, query: str, limit: int | None = None):
    """Words only: (object_id, score) pairs, best first."""
    return get_backend().match(kind, query, limit)


# --------------------------------------------------------------- by meaning

#: Records closest in meaning are kept when their cosine with the query is at
#: least this (e5 packs cosines into a high band: unrelated text scores ~0.75)
#: and within MEANING_MARGIN of the best one.  Calibrated on bench/relevance.
MEANING_FLOOR = 0.78
MEANING_MARGIN = 0.04
#: At most this many records per kind come from meaning alone.
MEANING_LIMIT = 50
#: Reciprocal rank fusion's constant (Cormack et al. 2009).
RRF_K = 60
#: Queries longer than this are cut before embedding (e5 reads 512 tokens).
QUERY_CHARACTERS = 1000


class VectorsUnavailable(Exception):
    """No embedder configured, or its index cannot be read."""


@lru_cache(maxsize=2048)
def _query_vector(query: str) -> np.ndarray:
    embedder = get_embedder()
    if embedder is None:
        raise VectorsUnavailable
    return embedder.query(query)


def query_vector(query: str) -> np.ndarray:
    text = " ".join(query.split())[:QUERY_CHARACTERS]
    if not text:
        raise VectorsUnavailable
    return _query_vector(text)


def _space_centre() -> np.ndarray:
    embedder = get_embedder()
    if embedder is None:
        raise VectorsUnavailable
    space = VectorSpace.objects.filter(name=embedder.name).first()
    if space is None:
        raise VectorsUnavailable
    return vectors.centre_of(space)


def meaning_match(
    kinds: set[str] | list[str],
    query: np.ndarray | str,
    limit: int = MEANING_LIMIT,
) -> dict[str, list[tuple[int, float]]]:
    """Per kind, (object_id, cosine) of the records closest to `query` (a text,
    embedded as a query, or a vector)."""
    centre = _space_centre()  # before embedding: no index, no cost
    vector = query_vector(query) if isinstance(query, str) else query
    try:
        return vectors.nearest(vector, centre, sorted(kinds), limit)
    except Exception as error:  # a damaged index must not take search down
        log.exception("The vector index could not be read")
        raise VectorsUnavailable from error


def _kept(pairs: list[tuple[int, float]]) -> list[tuple[int, float]]:
    if not pairs:
        return []
    floor = max(MEANING_FLOOR, pairs[0][1] - MEANING_MARGIN)
    return [p for p in pairs if p[1] >= floor]


def fuse(*rankings: list) -> list[tuple]:
    """Reciprocal rank fusion of several rankings of keys (ids, or (kind, id)
    pairs): (key, score), best first.  Ties keep the first ranking's order."""
    scores: dict = {}
    first: dict = {}
    for ranking in rankings:
        for rank, key in enumerate(ranking):
            scores[key] = scores.get(key, 0.0) + 1.0 / (RRF_K + rank + 1)
            first.setdefault(key, len(first))
    return sorted(scores.items(), key=lambda p: (-p[1], first[p[0]]))


@dataclass
class Signals:
    """What words and meaning say about a query, per kind: (object_id, score)
    best first.  ``meaning`` is None when vectors could not be used."""

    words: dict[str, list[tuple[int, float]]]
    meaning: dict[str, list[tuple[int, float]]] | None


def _signals(kinds: set[str], query: str, words_limit: int | None = None) -> Signals:
    words = {kind: get_backend().match(kind, query, words_limit) for kind in kinds}
    if not has_content_words(query):
        return Signals(words, {kind: [] for kind in kinds})
    try:
        meaning = meaning_match(kinds, query)
    except VectorsUnavailable:
        return Signals(words, None)
    return Signals(words, {kind: _kept(meaning.get(kind, [])) for kind in kinds})


def _hybrid(
    kinds: set[str], query: str, state: dict | None = None
) -> dict[str, list[tuple[int, float]]]:
    """Per kind, words and meaning fused: the ranking of a kind's list page."""
    signals = _signals(kinds, query)
    if state is not None:
        state["vectors_used"] = signals.meaning is not None
    if signals.meaning is None:
        return signals.words
    return {
        kind: fuse(
            [object_id for object_id, _ in signals.words[kind]],
            [object_id for object_id, _ in signals.meaning[kind]],
        )
        for kind in kinds
    }


def _across_kinds(
    per_kind: dict[str, list[tuple[int, float]]],
) -> list[tuple[str, int]]:
    """All kinds' records in one ranking by score.  Scores of one signal are
    comparable across kinds (a cosine is a cosine; bm25 is close enough)."""
    merged = [
        (score, kind, object_id)
        for kind, pairs in per_kind.items()
        for object_id, score in pairs
    ]
    merged.sort(key=lambda t: (-t[0], t[1], t[2]))
    return [(kind, object_id) for _, kind, object_id in merged]


#: On the search page of every kind, each run of WINDOW results holds at most
#: KIND_CAP of one kind while others are waiting (the first DIVERSIFIED
#: results): plans have many short measures, which would otherwise fill the
#: first page for any query about a subject plans cover.
WINDOW = 10
KIND_CAP = 3
DIVERSIFIED = 100


def diversify(ranked: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The same results, the first ones reordered so that each window shows
    several kinds: a result waits for the next window when its kind is full."""
    head, tail = ranked[:DIVERSIFIED], ranked[DIVERSIFIED:]
    out: list[tuple[str, int]] = []
    while head:
        taken: dict[str, int] = {}
        window: list[tuple[str, int]] = []
        waiting: list[tuple[str, int]] = []
        for hit in head:
            if len(window) < WINDOW and taken.get(hit[0], 0) < KIND_CAP:
                window.append(hit)
                taken[hit[0]] = taken.get(hit[0], 0) + 1
            else:
                waiting.append(hit)
        if len(window) < WINDOW:  # only one kind left: no one to make room for
            fill = WINDOW - len(window)
            window += waiting[:fill]
            waiting = waiting[fill:]
        out += window
        head = waiting
    return out + tail


def _global(signals: Signals) -> list[tuple[str, int]]:
    """One ranking over every kind: words across kinds and meaning across
    kinds, each ranked by its own comparable score, then fused and diversified."""
    words = _across_kinds(signals.words)
    if signals.meaning is None:
        return diversify(words)
    return diversify([key for key, _ in fuse(words, _across_kinds(signals.meaning))])


def rank(
    *, query: str, kinds: list[str] | None = None, mode: str = "hybrid", limit: int = 10
) -> list[tuple[str, int]]:
    """One ranked list over `kinds` by words, by meaning or both (for
    measuring relevance: bench/relevance.py); no visibility applied."""
    chosen = set(kinds or registry.names())
    if mode == "fulltext":
        ranked = diversify(
            _across_kinds({k: get_backend().match(k, query) for k in chosen})
        )
    elif mode == "vector":
        ranked = diversify(_across_kinds(meaning_match(chosen, query, limit)))
    elif mode == "hybrid":
        ranked = _global(_signals(chosen, query))
    else:
        raise ValueError(f"Unknown mode {mode!r}")
    return ranked[:limit]


def index_version(*, kind: str) -> int:
    return (
        IndexState.objects.filter(kind=kind).values_list("version", flat=True).first()
        or 0
    )


def index_versions(kinds: list[str]) -> list[int]:
    """``index_version`` of each of ``kinds``, in their order, in one query."""
    found = dict(
        IndexState.objects.filter(kind__in=kinds).values_list("kind", "version")
    )
    return [found.get(kind) or 0 for kind in kinds]


def ids_subquery(ids: list[int]) -> RawSQL:
    """SQL selecting `ids`, passed as one parameter whatever their number.

    Lets a search run once and its matches be reused by several count queries.
    """
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[]) AS id", [ids])
    return RawSQL("SELECT value AS id FROM json_each(%s)", [json.dumps(ids)])


# ------------------------------------------------------------ the one search


@dataclass(frozen=True)
class SearchResults:
    query: str
    hits: list[Hit]
    #: Visible matches per kind name, for the facets.
    counts: dict[str, int]
    kind: str | None
    page: int
    pages: int
    #: False when the vector index was missing or unreadable: full text only.
    vectors_used: bool
    #: Kinds with more matches than counted (their count is a lower bound).
    capped: frozenset[str] = frozenset()

    @property
    def total(self) -> int:
        return sum(self.counts.values())


PER_PAGE = 20
#: The search page ranks and counts at most this many word matches per kind
#: (best first): beyond, a kind's count is shown as "more than".  A common
#: word matches tens of thousands of plan measures, whose visibility would
#: otherwise be checked one by one on every search.
PAGE_WORDS_LIMIT = 1000


def search_everything(
    *,
    query: str,
    user,
    language: str,
    kinds: list[str] | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> SearchResults:
    """Every kind people look for, ranked as one list (or the chosen kinds'
    list), counted per kind for the facets (every kind, whichever are chosen);
    only records this person may open."""
    # Every kind is searched and counted (the facets show them all); only the
    # chosen kinds' records are listed.
    every = registry.kinds()
    shown_kinds = {k.name for k in every if kinds is None or k.name in kinds}
    signals = (
        _signals({k.name for k in every}, query, PAGE_WORDS_LIMIT)
        if query_is_searchable(query)
        else Signals({}, {})
    )
    capped = frozenset(
        name for name, pairs in signals.words.items() if len(pairs) >= PAGE_WORDS_LIMIT
    )
    # Only what this person may open is counted and shown.
    visible: dict[str, set[int]] = {}
    counts: dict[str, int] = {}
    for kind in every:
        found = {i for i, _ in signals.words.get(kind.name, [])}
        found |= {i for i, _ in (signals.meaning or {}).get(kind.name, [])}
        visible[kind.name] = kind.visible_ids(user, list(found)) if found else set()
        counts[kind.name] = len(visible[kind.name])
    merged = [
        (kind_name, object_id, 0.0)
        for kind_name, object_id in _global(signals)
        if kind_name in shown_kinds and object_id in visible[kind_name]
    ]
    pages = max(1, -(-len(merged) // per_page))
    page = min(max(1, page), pages)
    window = merged[(page - 1) * per_page : page * per_page]
    wanted: dict[str, list[int]] = {}
    for kind_name, object_id, _ in window:
        wanted.setdefault(kind_name, []).append(object_id)
    shown = {
        name: registry.get(name).hits(ids, language) for name, ids in wanted.items()
    }
    hits = [
        shown[kind_name][object_id]
        for kind_name, object_id, _ in window
        if object_id in shown[kind_name]
    ]
    return SearchResults(
        query=query,
        hits=hits,
        counts=counts,
        kind=kinds[0] if kinds and len(kinds) == 1 else None,
        page=page,
        pages=pages,
        vectors_used=signals.meaning is not None,
        capped=capped,
    )


def _visible_nearest(
    vector: np.ndarray | str,
    kinds: list[str],
    user,
    limit: int,
    exclude: tuple[str, int] | None = None,
) -> list[tuple[str, int, float]]:
    try:
        found = meaning_match(set(kinds), vector, limit=limit * 4 + 1)
    except VectorsUnavailable:
        return []
    results: list[tuple[str, int, float]] = []
    for kind_name, pairs in found.items():
        pairs = [p for p in pairs if (kind_name, p[0]) != exclude]
        if not pairs:
            continue
        visible = registry.get(kind_name).visible_ids(user, [i for i, _ in pairs])
        results += [(kind_name, i, score) for i, score in pairs if i in visible]
    results.sort(key=lambda t: -t[2])
    return results[:limit]


def record_vector(*, kind: str, object_id: int) -> np.ndarray | None:
    """The mean of a record's passage vectors (all its languages), or None."""
    rows = SearchVector.objects.filter(kind=kind, object_id=object_id).values_list(
        "vector", flat=True
    )
    blobs = [bytes(v) for v in rows]
    if not blobs:
        return None
    matrix = np.frombuffer(b"".join(blobs), dtype=np.float16).reshape(len(blobs), -1)
    mean = matrix.astype(np.float32).mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm else None


def similar_to_record(
    *, kind: str, object_id: int, kinds: list[str], user, limit: int = 5
) -> list[tuple[str, int, float]]:
    """Records of `kinds` closest in meaning to this record, best first (the
    record itself excluded; nothing until its vectors are computed)."""
    vector = record_vector(kind=kind, object_id=object_id)
    if vector is None:
        return []
    return _visible_nearest(vector, kinds, user, limit, exclude=(kind, object_id))


def similar_to_text(
    *, text: str, kinds: list[str], user, limit: int = 5
) -> list[tuple[str, int, float]]:
    """Records of `kinds` closest in meaning to `text`, best first."""
    if not text.strip():
        return []
    return _visible_nearest(text, kinds, user, limit)


@lru_cache(maxsize=4096)
def _label_vector(label: str) -> np.ndarray | None:
    embedder = get_embedder()
    return None if embedder is None else embedder.passages([label])[0]


def suggest_labels(
    *, text: str, candidates: dict[str, list[str]], limit: int = 3
) -> list[tuple[str, float]]:
    """The candidate keys whose labels (in any language) fit `text` best:
    (key, cosine), best first.  Suggestions for a person to confirm."""
    try:
        vector = query_vector(text)
    except VectorsUnavailable:
        return []
    scored: list[tuple[str, float]] = []
    for key, labels in candidates.items():
        best = -1.0
        for label in dict.fromkeys(labels):
            label_vector = _label_vector(label) if label else None
            if label_vector is not None:
                best = max(best, float(label_vector @ vector))
        if best > -1.0:
            scored.append((key, best))
    scored.sort(key=lambda p: -p[1])
    return scored[:limit]
