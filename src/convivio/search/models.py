"""The search index: one entry per translation row of each searchable record.

The full-text structure itself belongs to the backend: an FTS5 table beside this one
on SQLite (rowid = entry id), a tsvector column with a GIN index on PostgreSQL.
"""

from __future__ import annotations

from django.db import models


class TSVectorField(models.Field):
    """A PostgreSQL tsvector column; plain text (unused) on other databases."""

    def db_type(self, connection) -> str:
        return "tsvector" if connection.vendor == "postgresql" else "text"


class SearchEntry(models.Model):
    kind = models.CharField(max_length=32)
    object_id = models.BigIntegerField()
    language = models.CharField(max_length=16)
    title = models.TextField()
    body = models.TextField()
    vector = TSVectorField(null=True, editable=False)
    #: False until its passages have vectors (the background task looks for these).
    embedded = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "language"], name="search_entry_unique"
            )
        ]
        indexes = [
            models.Index(
                fields=["id"],
                condition=models.Q(embedded=False),
                name="search_entry_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}:{self.language}"


class IndexState(models.Model):
    """A counter per kind, bumped on every index change; caches key on it."""

    kind = models.CharField(max_length=32, primary_key=True)
    version = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.kind} v{self.version}"


class SearchVector(models.Model):
    """One passage of an indexed record (a language row, a chunk of it) as a
    vector.  ``code`` holds its sign bits after centring: the in-memory index
    scans them to pick candidates, whose exact vectors are then read here."""

    kind = models.CharField(max_length=32)
    object_id = models.BigIntegerField()
    language = models.CharField(max_length=16)
    chunk = models.PositiveSmallIntegerField(default=0)
    #: Of the passage's text and the embedder's name: unchanged text keeps its vector.
    digest = models.CharField(max_length=40)
    #: float16, dimensions × 2 bytes.
    vector = models.BinaryField()
    #: Sign bits of (vector - centre), dimensions / 8 bytes.
    code = models.BinaryField()

    class Meta:
        indexes = [models.Index(fields=["kind", "object_id"], name="search_vec_object")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}:{self.language}#{self.chunk}"


class VectorSpace(models.Model):
    """The embedder the stored vectors come from, and the centre their sign
    bits are taken around (e5's vectors share a large common direction)."""

    name = models.CharField(max_length=100, primary_key=True)
    dimensions = models.PositiveSmallIntegerField()
    centre = models.BinaryField()

    def __str__(self) -> str:
        return self.name
