"""Writes to the search index.  Apps call these from their own services."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from .backends import Document, get_backend
from .models import IndexState, SearchEntry


def index_version_bump(*, kind: str) -> None:
    if not IndexState.objects.filter(kind=kind).update(version=F("version") + 1):
        IndexState.objects.get_or_create(kind=kind, defaults={"version": 1})


@transaction.atomic
def index_replace(*, kind: str, object_id: int, documents: list[Document]) -> None:
    """Make the index hold exactly `documents` for this record."""
    index_remove(kind=kind, object_id=object_id, bump=False)
    index_bulk(documents=documents, bump=False)
    index_version_bump(kind=kind)


@transaction.atomic
def index_remove(*, kind: str, object_id: int, bump: bool = True) -> None:
    get_backend().delete(kind, object_id)
    SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()
    if bump:
        index_version_bump(kind=kind)


@transaction.atomic
def index_bulk(*, documents: list[Document], bump: bool = True) -> None:
    """Add entries for records that have none yet (bulk loads, benchmarks)."""
    if not documents:
        return
    entries = SearchEntry.objects.bulk_create(
        [
            SearchEntry(
                kind=d.kind,
                object_id=d.object_id,
                language=d.language,
                title=d.title,
                body=d.body,
            )
            for d in documents
        ]
    )
    if any(e.id is None for e in entries):
        # Backends that cannot return ids from a bulk insert: read them back.
        lookup = {
            (e.kind, e.object_id, e.language): e.id
            for e in SearchEntry.objects.filter(
                object_id__in={d.object_id for d in documents}
            )
        }
        for e in entries:
            e.id = lookup[(e.kind, e.object_id, e.language)]
    get_backend().write(entries)
    if bump:
        for kind in {d.kind for d in documents}:
            index_version_bump(kind=kind)
