"""Helpers of the library tests."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from convivio.library import services
from convivio.library.services import DocumentData


def upload(name: str = "plan.txt", content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, content if content is not None else f"Text of {name}".encode()
    )


def add_document(user=None, *, content: bytes | None = None, name="doc.txt", **data):
    """A document made through the services (by the system unless a user is given)."""
    values = {"title": "Local integration plan", "kind": "plan"}
    values.update(data)
    document, created = services.document_create(
        user=user,
        data=DocumentData(**values),
        file=upload(name, content) if not values.get("url") else None,
        by_system=user is None,
    )
    assert created
    return document
