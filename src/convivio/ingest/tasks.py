"""Background work of the ingestion pipeline (django.tasks; the database worker
runs it: ``python -m convivio db_worker``)."""

from __future__ import annotations

from django.tasks import task


@task
def ingest_job(job_id: int) -> None:
    """Read a queued job's document and save its drafts (never raises)."""
    from .services import job_run

    job_run(job_id)
