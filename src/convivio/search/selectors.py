"""Reads from the search index."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.db import connection
from django.db.models.expressions import RawSQL

from . import registry
from .backends import get_backend
from .models import IndexState
from .registry import Hit
from .text import query_words


def query_is_searchable(query: str) -> bool:
    """True when the query has at least one word to look for."""
    return bool(query_words(query))


def search_match(*, kind: str, query: str, limit: int | None = None):
    """Return (object_id, score) pairs for `query`, most relevant first."""
    return get_backend().match(kind, query, limit)


def index_version(*, kind: str) -> int:
    return (
        IndexState.objects.filter(kind=kind).values_list("version", flat=True).first()
        or 0
    )


def ids_subquery(ids: list[int]) -> RawSQL:
    """SQL selecting `ids`, passed as one parameter whatever their number.

    Lets a search run once and its matches be reused by several count queries.
    """
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[]) AS id", [ids])
    return RawSQL("SELECT value AS id FROM json_each(%s)", [json.dumps(ids)])


# ------------------------------------------------------------ the one search
# (Interface first: full text only until vectors land; the signatures stay.)


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

    @property
    def total(self) -> int:
        return sum(self.counts.values())


PER_PAGE = 20


def search_everything(
    *,
    query: str,
    user,
    language: str,
    kinds: list[str] | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> SearchResults:
    """Every kind people look for, ranked as one list (or one kind's list)."""
    chosen = [k for k in registry.kinds() if kinds is None or k.name in kinds]
    ranked: dict[str, list[int]] = {}
    counts: dict[str, int] = {}
    for kind in chosen:
        ids = [object_id for object_id, _ in search_match(kind=kind.name, query=query)]
        visible = kind.visible_ids(user, ids) if ids else set()
        ranked[kind.name] = [i for i in ids if i in visible]
        counts[kind.name] = len(ranked[kind.name])
    merged = sorted(
        (
            (1.0 / (60 + rank), kind, object_id)
            for kind, ids in ranked.items()
            for rank, object_id in enumerate(ids)
        ),
        key=lambda t: -t[0],
    )
    total = len(merged)
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    window = merged[(page - 1) * per_page : page * per_page]
    hits: list[Hit] = []
    wanted: dict[str, list[int]] = {}
    for _, kind_name, object_id in window:
        wanted.setdefault(kind_name, []).append(object_id)
    shown = {
        name: registry.get(name).hits(ids, language) for name, ids in wanted.items()
    }
    for _, kind_name, object_id in window:
        hit = shown[kind_name].get(object_id)
        if hit is not None:
            hits.append(hit)
    return SearchResults(
        query=query,
        hits=hits,
        counts=counts,
        kind=kinds[0] if kinds and len(kinds) == 1 else None,
        page=page,
        pages=pages,
        vectors_used=False,
    )


def similar_to_record(
    *, kind: str, object_id: int, kinds: list[str], user, limit: int = 5
) -> list[tuple[str, int, float]]:
    """Records of `kinds` closest in meaning to this record, best first."""
    return []


def similar_to_text(
    *, text: str, kinds: list[str], user, limit: int = 5
) -> list[tuple[str, int, float]]:
    """Records of `kinds` closest in meaning to `text`, best first."""
    return []


def suggest_labels(
    *, text: str, candidates: dict[str, list[str]], limit: int = 3
) -> list[tuple[str, float]]:
    """The candidate keys whose labels (in any language) fit `text` best."""
    return []
