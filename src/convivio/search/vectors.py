"""Meaning-based search: vectors stored in the database, scanned in memory.

Why this design (measured in docs/search.md): it works the same on SQLite and
PostgreSQL with no extension; one web worker holds, per kind, only the sign bits
of each stored vector (48 bytes for 384 dimensions, so 1.2 million passages take
~60 MB) and scans them with numpy to pick candidates by Hamming distance; the
candidates' exact vectors (float16) are then read from the database and scored
by cosine.  A worker notices new vectors through the kind's version
(``IndexState`` "vectors:<kind>") and loads only the rows added since.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import logging
import threading
from dataclasses import dataclass, field

import numpy as np
from django.db import connection

from .embedding import Embedder
from .models import IndexState, SearchVector, VectorSpace

log = logging.getLogger(__name__)

#: Candidates read back and scored exactly, per kind and query.
CANDIDATES = 400

# Neutral sentences in several languages and fields: their mean is the centre
# around which sign bits are taken (written for this purpose).
CENTRE_TEXTS = (
    "The municipality publishes its annual budget in March.",
    "A bus line connects the station with the hospital.",
    "Volunteers organise a football tournament for young people.",
    "El ayuntamiento abre un nuevo centro de salud en el barrio.",
    "La biblioteca ofrece talleres de lectura para niños.",
    "Il comune organizza corsi serali di informatica.",
    "La regione finanzia progetti di agricoltura sostenibile.",
    "A associação apoia famílias na procura de habitação.",
    "O centro de emprego publica novas ofertas todas as semanas.",
    "Primăria anunță lucrări de reparații pe strada principală.",
    "Școala organizează o zi a porților deschise.",
    "Ο δήμος οργανώνει μαθήματα ελληνικής γλώσσας για ενήλικες.",
    "Το νοσοκομείο λειτουργεί κέντρο υγείας για όλους.",
    "Die Stadt bietet Beratung zur Anerkennung von Abschlüssen an.",
    "Der Verein sammelt Kleidung für Familien.",
    "La mairie organise une fête de quartier en juin.",
    "L'association accompagne les démarches administratives.",
    "Місто відкриває пункт безкоштовної юридичної допомоги.",
    "Школа проводить заняття з математики після уроків.",
    "تقدم البلدية دروسا مجانية في اللغة للكبار.",
    "يفتح المركز الصحي أبوابه في عطلة نهاية الأسبوع.",
    "The report counts the people who found work after training.",
    "Survey answers show the main problems of the neighbourhood.",
    "A network of organisations meets every month to plan activities.",
)


def space_for(embedder: Embedder) -> VectorSpace:
    """The stored space of this embedder; vectors of another one are dropped
    (their entries wait to be embedded again)."""
    space = VectorSpace.objects.filter(name=embedder.name).first()
    if space is not None:
        return space
    from .models import SearchEntry

    SearchVector.objects.all().delete()
    VectorSpace.objects.all().delete()
    SearchEntry.objects.filter(embedded=True).update(embedded=False)
    centre = embedder.passages(list(CENTRE_TEXTS)).mean(axis=0).astype(np.float32)
    return VectorSpace.objects.create(
        name=embedder.name, dimensions=embedder.dimensions, centre=centre.tobytes()
    )


def centre_of(space: VectorSpace) -> np.ndarray:
    return np.frombuffer(bytes(space.centre), dtype=np.float32)


def digest(embedder_name: str, passage: str) -> str:
    return hashlib.sha1(f"{embedder_name}\0{passage}".encode()).hexdigest()  # noqa: S324


def encode(vectors: np.ndarray, centre: np.ndarray) -> list[tuple[bytes, bytes]]:
    """(float16 vector, sign bits) for each row."""
    bits = np.packbits(vectors - centre > 0, axis=1)
    halves = vectors.astype(np.float16)
    return [(halves[i].tobytes(), bits[i].tobytes()) for i in range(len(vectors))]


def version_key(kind: str) -> str:
    return f"vectors:{kind}"


# ---------------------------------------------------------------- in memory


@dataclass
class KindIndex:
    version: int = -1
    last_id: int = 0
    ids: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    codes: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.uint64))


_lock = threading.Lock()
_indexes: dict[tuple[str, str], KindIndex] = {}


def forget() -> None:
    """Drop what this process holds (tests roll the database back under it)."""
    with _lock:
        _indexes.clear()


def _versions(kinds: list[str]) -> dict[str, int]:
    rows = IndexState.objects.filter(
        kind__in=[version_key(k) for k in kinds]
    ).values_list("kind", "version")
    found = {key.split(":", 1)[1]: version for key, version in rows}
    return {k: found.get(k, 0) for k in kinds}


def _load_since(kind: str, after: int) -> tuple[np.ndarray, np.ndarray]:
    """Ids and sign bits of the kind's rows added after ``after``, converted to
    arrays chunk by chunk (a million Python objects at once would leave the
    worker's memory high for good)."""
    id_chunks: list[np.ndarray] = []
    code_chunks: list[np.ndarray] = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, code FROM search_searchvector WHERE kind = %s AND id > %s "
            "ORDER BY id",
            [kind, after],
        )
        while rows := cursor.fetchmany(20000):
            id_chunks.append(np.fromiter((r[0] for r in rows), dtype=np.int64))
            raw = np.frombuffer(b"".join(bytes(r[1]) for r in rows), dtype=np.uint8)
            code_chunks.append(raw.reshape(len(rows), -1))
        if connection.vendor == "sqlite":
            # The scan filled the page cache with rows no page needs.
            cursor.execute("PRAGMA shrink_memory")
    if not id_chunks:
        return np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.uint64)
    codes_raw: np.ndarray = np.concatenate(code_chunks)
    del code_chunks
    if codes_raw.shape[-1] % 8:
        raise ValueError("Stored vector codes have an unexpected length.")
    # Word-major: codes[w] is the w-th 64-bit word of every row.
    codes = np.ascontiguousarray(codes_raw.view(np.uint64).T)
    del codes_raw
    _release_freed_memory()
    return np.concatenate(id_chunks), codes


def _release_freed_memory() -> None:
    """Hand the rows read while loading back to the system: glibc keeps freed
    small blocks for reuse, which would stay in every worker's resident size."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # another C library: nothing to do
        pass


def kind_index(kind: str, version: int) -> KindIndex:
    """This kind's sign bits, brought up to ``version`` (new rows appended;
    rows deleted since stay until the next full load but are never returned:
    candidates are read back from the database)."""
    key = (connection.alias, kind)
    with _lock:
        index = _indexes.get(key)
        if index is not None and index.version == version:
            return index
        if index is None or version < index.version:
            index = KindIndex()
        ids, codes = _load_since(kind, index.last_id)
        if len(ids):
            if index.codes.size and index.codes.shape[0] != codes.shape[0]:
                index = KindIndex()
                ids, codes = _load_since(kind, 0)
            index.ids = np.concatenate([index.ids, ids])
            index.codes = (
                codes if not index.codes.size else np.hstack([index.codes, codes])
            )
            index.last_id = int(ids[-1])
        index.version = version
        _indexes[key] = index
        return index


def _nearest_rows(index: KindIndex, query_code: np.ndarray, count: int) -> np.ndarray:
    """Ids of the rows whose sign bits are closest to the query's.  The bits
    are held one 64-bit word per row in each of a few contiguous arrays, so
    the distance is a few passes of xor and popcount over plain memory."""
    total = len(index.ids)
    if total <= count:
        return index.ids
    distances = np.zeros(total, dtype=np.uint16)
    scratch = np.empty(total, dtype=np.uint64)
    for word, bits in zip(index.codes, query_code, strict=True):
        np.bitwise_xor(word, bits, out=scratch)
        distances += np.bitwise_count(scratch)
    chosen = np.argpartition(distances, count)[:count]
    return index.ids[chosen]


def _read_vectors(kind: str, row_ids: np.ndarray) -> list[tuple[int, bytes]]:
    """(object_id, float16 vector) of these rows, if they still exist.

    Read by primary key alone: with the kind in the condition the planner
    prefers the (kind, object_id) index and walks every row of the kind."""
    if not len(row_ids):
        return []
    ids = [int(i) for i in row_ids]
    if connection.vendor == "postgresql":
        sql = (
            "SELECT kind, object_id, vector FROM search_searchvector WHERE id = ANY(%s)"
        )
        params: list = [ids]
    else:
        sql = (
            "SELECT kind, object_id, vector FROM search_searchvector "
            "WHERE id IN (SELECT value FROM json_each(%s))"
        )
        params = [json.dumps(ids)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(int(o), bytes(v)) for k, o, v in cursor.fetchall() if k == kind]


def nearest(
    query: np.ndarray,
    centre: np.ndarray,
    kinds: list[str],
    limit: int,
) -> dict[str, list[tuple[int, float]]]:
    """Per kind, the records closest to ``query``: (object_id, cosine), best
    first, one per record (its best passage)."""
    query_code = np.packbits(query - centre > 0).view(np.uint64)
    versions = _versions(kinds)
    found: dict[str, list[tuple[int, float]]] = {}
    for kind in kinds:
        index = kind_index(kind, versions[kind])
        if not len(index.ids):
            found[kind] = []
            continue
        rows = _read_vectors(kind, _nearest_rows(index, query_code, CANDIDATES))
        if not rows:
            found[kind] = []
            continue
        halves = np.frombuffer(b"".join(v for _, v in rows), dtype=np.float16)
        matrix = halves.reshape(len(rows), -1).astype(np.float32)
        scores = matrix @ query
        best: dict[int, float] = {}
        for (object_id, _), score in zip(rows, scores.tolist(), strict=True):
            if score > best.get(object_id, -2.0):
                best[object_id] = score
        found[kind] = sorted(best.items(), key=lambda p: -p[1])[:limit]
    return found
