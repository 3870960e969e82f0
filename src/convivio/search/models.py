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

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "language"], name="search_entry_unique"
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
