"""What ingestion adds to pages and rules of lower apps (registered in
``IngestConfig.ready`` with core.hooks): a library document's imports, the
recommendations they read and where its text was cut; and who may open a draft
plan or practice read from a document (whoever added the document)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from convivio.core import hooks
from convivio.library.models import Document

from . import selectors


def document(request: HttpRequest, document: Document) -> dict[str, Any] | None:
    jobs = selectors.document_jobs(document)
    if not jobs:
        return None
    return {
        "jobs": jobs,
        "recommendations": selectors.document_recommendations(jobs),
        "text_cut_at": next(
            (job.text_cut_at for job in jobs if job.status == "done"), None
        ),
    }


def register() -> None:
    hooks.register_section(
        "library.document",
        "ingest",
        templates={
            "text": "ingest/_document_text_cut.html",
            "found": "ingest/_document_recommendations.html",
            "end": "ingest/_document_imports.html",
        },
        context=document,
    )
    hooks.register_draft_source(
        "ingest", makers=selectors.draft_makers, made_by=selectors.drafts_made_by
    )
