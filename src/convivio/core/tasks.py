"""Background work of core (django.tasks; the database worker runs it:
``python -m convivio db_worker``)."""

from __future__ import annotations

from django.tasks import task


@task
def machine_translate(job_id: int) -> None:
    """Machine-translate a queued job's record and its parts (never raises)."""
    from .machine_translation_services import run_job

    run_job(job_id)
