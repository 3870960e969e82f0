"""Reads from the search index."""

from __future__ import annotations

import json

from django.db import connection
from django.db.models.expressions import RawSQL

from .backends import get_backend
from .models import IndexState
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
