"""Writes to the search index.  Apps call these from their own services."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import transaction
from django.db.models import F

from . import vectors
from .backends import Document, get_backend
from .embedding import get_embedder, passages_of
from .models import IndexState, SearchEntry, SearchVector

log = logging.getLogger(__name__)


def index_version_bump(*, kind: str) -> None:
    if not IndexState.objects.filter(kind=kind).update(version=F("version") + 1):
        IndexState.objects.get_or_create(kind=kind, defaults={"version": 1})


@transaction.atomic
def index_replace(*, kind: str, object_id: int, documents: list[Document]) -> None:
    """Make the index hold exactly `documents` for this record."""
    get_backend().delete(kind, object_id)
    SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()
    # Vectors of languages the record still has are reused when their text is
    # unchanged; the others go now.
    SearchVector.objects.filter(kind=kind, object_id=object_id).exclude(
        language__in={d.language for d in documents}
    ).delete()
    index_bulk(documents=documents, bump=False)
    index_version_bump(kind=kind)


@transaction.atomic
def index_remove(*, kind: str, object_id: int, bump: bool = True) -> None:
    get_backend().delete(kind, object_id)
    SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()
    if SearchVector.objects.filter(kind=kind, object_id=object_id).delete()[0]:
        index_version_bump(kind=vectors.version_key(kind))
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
    vectors_update_later()


def index_rebuild(
    *, kind: str, batch: int = 500, progress: Callable[[int, int], None] | None = None
) -> int:
    """Index every record of a kind again from its app's documents; vectors of
    unchanged text are kept (they are matched by digest), the others computed
    by ``vectors_update``.  Returns how many records were indexed."""
    from . import registry

    searchable = registry.get(kind)
    ids = list(searchable.indexable_ids())
    with transaction.atomic():
        get_backend().clear(kind)
        SearchEntry.objects.filter(kind=kind).delete()
        for start in range(0, len(ids), batch):
            index_bulk(
                documents=searchable.documents(ids[start : start + batch]), bump=False
            )
            if progress is not None:
                progress(min(start + batch, len(ids)), len(ids))
        SearchVector.objects.filter(kind=kind).exclude(
            object_id__in=SearchEntry.objects.filter(kind=kind).values("object_id")
        ).delete()
        index_version_bump(kind=kind)
        index_version_bump(kind=vectors.version_key(kind))
    return len(ids)


# ------------------------------------------------------------------- vectors


def vectors_update_later() -> None:
    """Compute the new entries' vectors in the background once this
    transaction commits (one task per transaction, however many entries)."""
    connection = transaction.get_connection()
    if getattr(connection, "_convivio_vectors_queued", False):
        return
    if get_embedder() is None:
        return
    connection._convivio_vectors_queued = True

    def enqueue() -> None:
        connection._convivio_vectors_queued = False
        from .tasks import vectors_update_task

        try:
            vectors_update_task.enqueue()
        except Exception:  # the queue may be down: the next save or command retries
            log.exception("Could not queue the search vectors' update")

    transaction.on_commit(enqueue)


def vectors_update(
    *,
    kinds: list[str] | None = None,
    batch: int = 32,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Embed every entry still without vectors; return how many were done.

    Passages whose text is unchanged keep their vectors (a digest of the text
    is stored), so re-saving a record costs nothing here unless it changed.
    """
    embedder = get_embedder()
    if embedder is None:
        return 0
    space = vectors.space_for(embedder)
    centre = vectors.centre_of(space)
    pending = SearchEntry.objects.filter(embedded=False)
    if kinds is not None:
        pending = pending.filter(kind__in=kinds)
    total = pending.count()
    done = 0
    last_id = 0
    while True:
        entries = list(
            pending.filter(id__gt=last_id)
            .order_by("id")
            .only("id", "kind", "object_id", "language", "title", "body")[:batch]
        )
        if not entries:
            break
        last_id = entries[-1].id
        _embed_entries(embedder, centre, entries)
        done += len(entries)
        if progress is not None:
            progress(done, total)
    return done


def _embed_entries(embedder, centre, entries: list[SearchEntry]) -> None:
    wanted: dict[int, list[tuple[int, str, str]]] = {}
    for entry in entries:
        wanted[entry.id] = [
            (n, passage, vectors.digest(embedder.name, passage))
            for n, passage in enumerate(passages_of(entry.title, entry.body))
        ]
    objects = {(e.kind, e.object_id) for e in entries}
    kept: set[tuple[str, int, str, str]] = set()
    for kind in {k for k, _ in objects}:
        for row in SearchVector.objects.filter(
            kind=kind, object_id__in=[o for k, o in objects if k == kind]
        ).values("kind", "object_id", "language", "digest"):
            kept.add((row["kind"], row["object_id"], row["language"], row["digest"]))
    to_embed: list[tuple[SearchEntry, int, str, str]] = [
        (entry, n, passage, dig)
        for entry in entries
        for n, passage, dig in wanted[entry.id]
        if (entry.kind, entry.object_id, entry.language, dig) not in kept
    ]
    computed = embedder.passages([passage for _, _, passage, _ in to_embed])
    encoded = vectors.encode(computed, centre) if len(to_embed) else []
    with transaction.atomic():
        for entry in entries:
            digests = [dig for _, _, dig in wanted[entry.id]]
            SearchVector.objects.filter(
                kind=entry.kind, object_id=entry.object_id, language=entry.language
            ).exclude(digest__in=digests).delete()
        SearchVector.objects.bulk_create(
            [
                SearchVector(
                    kind=entry.kind,
                    object_id=entry.object_id,
                    language=entry.language,
                    chunk=n,
                    digest=dig,
                    vector=vector,
                    code=code,
                )
                for (entry, n, _, dig), (vector, code) in zip(
                    to_embed, encoded, strict=True
                )
            ]
        )
        # Only entries still there: one replaced meanwhile is pending again.
        SearchEntry.objects.filter(id__in=[e.id for e in entries]).update(embedded=True)
        for kind in {e.kind for e in entries}:
            index_version_bump(kind=vectors.version_key(kind))


def vectors_rebuild(
    *,
    kinds: list[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Compute every vector again (another embedder, a damaged index)."""
    entries = SearchEntry.objects.all()
    vectors_qs = SearchVector.objects.all()
    if kinds is not None:
        entries = entries.filter(kind__in=kinds)
        vectors_qs = vectors_qs.filter(kind__in=kinds)
    vectors_qs.delete()
    entries.update(embedded=False)
    return vectors_update(kinds=kinds, progress=progress)
