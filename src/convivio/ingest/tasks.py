"""Background work of the ingestion pipeline (django.tasks; the database worker
runs it: ``python -m convivio db_worker``): queueing a job, running it, and
taking back the jobs whose worker died.  The services queue jobs (``enqueue``);
nothing here imports the services, so the dependency goes one way.
"""

from __future__ import annotations

import logging
import re
from dataclasses import asdict
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.db import models, transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from convivio.core.models import Language
from convivio.library.models import Document, DocumentKind
from convivio.library.services import document_index, document_text_read

from . import extract as extraction
from . import pipeline
from .extract import ExtractionError
from .limits import LimitExceeded, run_limited, upload_limit
from .models import Draft, Genre, IngestJob
from .shapes import ParseResult

logger = logging.getLogger(__name__)

#: (stage, progress) of a running job, in the order they happen.  Stored in
#: English; pages translate them.
STAGE_WAITING = gettext_noop("waiting for a worker")
STAGE_EXTRACTING = (gettext_noop("extracting text"), 10)
#: A long PDF's pages, and scanned pages read one by one by OCR, between
#: extracting (10) and detecting (30).
STAGE_PAGES = gettext_noop("reading page %(page)s of %(pages)s")
STAGE_OCR = gettext_noop("OCR page %(page)s of %(pages)s")
STAGE_DETECTING = (gettext_noop("detecting the language"), 30)
STAGE_CLASSIFYING = (gettext_noop("classifying the document"), 40)
STAGE_PARSING = (gettext_noop("parsing"), 60)
STAGE_SAVING = (gettext_noop("saving drafts"), 90)

GENRE_TO_KIND: dict[str, str] = {
    Genre.PLAN: DocumentKind.PLAN,
    Genre.PRACTICE_COLLECTION: DocumentKind.BOOKLET,
}


@task
def ingest_job(job_id: int) -> None:
    """Read a queued job's document and save its drafts (never raises)."""
    job_run(job_id)


def enqueue(job_id: int) -> None:
    """Queue a job for the worker (a failure to queue fails the job, saying so)."""
    try:
        result = ingest_job.enqueue(job_id)
    except Exception:
        logger.exception("Could not queue ingestion job %s", job_id)
        IngestJob.objects.filter(pk=job_id).update(
            status=IngestJob.Status.FAILED,
            problems=[_("The job could not be queued; try again later.")],
            finished_at=timezone.now(),
        )
        return
    IngestJob.objects.filter(pk=job_id).update(task_id=str(result.id)[:64])


def jobs_recover(*, now: datetime | None = None) -> list[int]:
    """Jobs whose worker died while running them (no heartbeat for
    CONVIVIO_TASK_LEASE seconds): queued again while they have attempts left
    (CONVIVIO_TASK_MAX_ATTEMPTS), else failed with a sentence.  Returns the ids
    of the jobs found; cheap enough to call before any page shows a job."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=int(settings.CONVIVIO_TASK_LEASE))
    stale = IngestJob.objects.filter(status=IngestJob.Status.RUNNING).filter(
        models.Q(heartbeat_at__lt=cutoff)
        | models.Q(heartbeat_at__isnull=True, started_at__lt=cutoff)
    )
    found: list[int] = []
    for pk in stale.values_list("pk", flat=True)[:100]:
        with transaction.atomic():
            job = (
                IngestJob.objects.select_for_update()
                .filter(pk=pk, status=IngestJob.Status.RUNNING)
                .first()
            )
            if job is None or (job.heartbeat_at or job.started_at or now) >= cutoff:
                continue
            found.append(job.pk)
            logger.warning("Ingestion job %s lost its worker", job.pk)
            if job.attempts < int(settings.CONVIVIO_TASK_MAX_ATTEMPTS):
                job.status = IngestJob.Status.QUEUED
                job.stage = STAGE_WAITING
                job.progress = 0
                job.heartbeat_at = None
                job.save(update_fields=["status", "stage", "progress", "heartbeat_at"])
                transaction.on_commit(partial(enqueue, job.pk))
            else:
                job.status = IngestJob.Status.FAILED
                job.problems = [
                    ngettext(
                        "The worker reading this document stopped before it was "
                        "done (it may have run out of memory or been restarted), "
                        "%(count)d time. Nothing was saved: try again, or upload a "
                        "smaller copy.",
                        "The worker reading this document stopped before it was "
                        "done (it may have run out of memory or been restarted), "
                        "%(count)d times. Nothing was saved: try again, or upload a "
                        "smaller copy.",
                        job.attempts,
                    )
                    % {"count": job.attempts}
                ]
                job.finished_at = now
                job.save(update_fields=["status", "problems", "finished_at"])
    return found


def _progress(job: IngestJob, stage: tuple[str, int]) -> None:
    job.stage, job.progress = stage
    IngestJob.objects.filter(pk=job.pk, status=IngestJob.Status.RUNNING).update(
        stage=job.stage, progress=job.progress, heartbeat_at=timezone.now()
    )


def _heartbeat(job: IngestJob) -> None:
    IngestJob.objects.filter(pk=job.pk, status=IngestJob.Status.RUNNING).update(
        heartbeat_at=timezone.now()
    )


def _fail(job_id: int, problems: list[str]) -> None:
    IngestJob.objects.filter(pk=job_id).update(
        status=IngestJob.Status.FAILED,
        problems=problems,
        finished_at=timezone.now(),
    )


def job_run(job_id: int) -> None:
    """Read a queued job's file and save the drafts; never raises.

    Progress is saved as the work goes on; every other write (the document's text,
    the job's findings, the drafts) happens at the end in one transaction, so a
    failure leaves no half-made records.  The reading and parsing run under the
    task limits (``limits.run_limited``), while the worker keeps the job's
    heartbeat.
    """
    jobs_recover()
    with transaction.atomic():
        job = (
            IngestJob.objects.select_for_update()
            .select_related("document")
            .filter(pk=job_id, status=IngestJob.Status.QUEUED)
            .first()
        )
        if job is None:
            return
        job.status = IngestJob.Status.RUNNING
        job.started_at = job.heartbeat_at = timezone.now()
        job.attempts += 1
        job.stage, job.progress = STAGE_EXTRACTING
        job.save(
            update_fields=[
                "status",
                "started_at",
                "heartbeat_at",
                "attempts",
                "stage",
                "progress",
            ]
        )
    try:
        _job_work(job)
    except ExtractionError as error:
        _fail(job.pk, [str(error)])
    except LimitExceeded as error:
        logger.warning("Ingestion job %s stopped: %s", job.pk, error.message)
        _fail(job.pk, [error.message])
    except Exception:
        logger.exception("Ingestion job %s failed", job.pk)
        _fail(
            job.pk,
            [
                _(
                    "Something went wrong while reading this document. Nothing was "
                    "saved; the error was recorded for the administrators."
                )
            ],
        )


def page_stage(step: str, page: int, pages: int) -> tuple[str, int]:
    """(stage, progress) while page ``page`` of ``pages`` is read (step "pages")
    or read by OCR (step "ocr"): stored in English like the other stages
    (``stage_display`` translates it).  OCR, the slow part, moves the bar."""
    if step != "ocr":
        return STAGE_PAGES % {"page": page, "pages": pages}, STAGE_EXTRACTING[1]
    start, end = STAGE_EXTRACTING[1], STAGE_DETECTING[1]
    progress = start + (end - start) * (page - 1) // max(pages, 1)
    return STAGE_OCR % {"page": page, "pages": pages}, progress


_PAGE_STAGES = {
    re.compile(r"^OCR page (\d+) of (\d+)$"): STAGE_OCR,
    re.compile(r"^reading page (\d+) of (\d+)$"): STAGE_PAGES,
}


def stage_display(stage: str) -> str:
    """A job's stage in the reader's language (stages are stored in English)."""
    for pattern, message in _PAGE_STAGES.items():
        match = pattern.match(stage or "")
        if match:
            return _(message) % {"page": match.group(1), "pages": match.group(2)}
    return _(stage) if stage else ""


def _read_and_parse(report, data: bytes, filename: str, language, genre):
    """What a job computes, without the database: runs in the limited child."""
    extracted = extraction.extract(
        data,
        filename,
        max_bytes=upload_limit(),
        language=language,
        progress=lambda step, page, pages: report(page_stage(step, page, pages)),
    )
    report(STAGE_DETECTING)
    result: ParseResult = pipeline.run(extracted.text, language=language, genre=genre)
    return extracted, result


def _job_work(job: IngestJob) -> None:
    document = job.document
    if not document.file:
        raise extraction.ExtractionError(_("This document has no file to read."))
    with document.file.open("rb") as handle:
        # Never more than the upload limit, even if the file grew on disk.
        data = handle.read(upload_limit() + 1)
    extracted, result = run_limited(
        _read_and_parse,
        data,
        document.original_filename or document.file.name,
        job.language or None,
        job.genre_override or None,
        report=lambda stage: _progress(job, stage),
        heartbeat=lambda: _heartbeat(job),
    )
    del data
    _progress(job, STAGE_SAVING)
    problems = [*map(str, extracted.warnings or []), *result.problems]
    records = _records(result)
    if not any(records.values()) and not problems:
        problems.append(
            _(
                "No plan, practice or organisation was found in this document. It "
                "is kept in the library with its text, without drafts."
            )
        )
    language = (result.language or "").split("-")[0][:16]
    with transaction.atomic():
        still_mine = (
            IngestJob.objects.select_for_update()
            .filter(pk=job.pk, status=IngestJob.Status.RUNNING, attempts=job.attempts)
            .exists()
        )
        if not still_mine:
            # Taken as dead meanwhile and run again (or failed): that run decides.
            logger.warning("Ingestion job %s was taken over; result dropped", job.pk)
            return
        document_text_read(
            document=document,
            text=extracted.text,
            language=Language.objects.filter(pk=language).first(),
            kind=GENRE_TO_KIND.get(job.genre_override or result.genre),
        )
        _drafts_replace(job, records)
        job.language = language
        job.section_languages = result.section_languages
        job.genre = result.genre if result.genre in Genre.values else Genre.OTHER
        job.genre_detail = result.genre_detail[:64]
        job.genre_evidence = list(result.genre_evidence)
        job.problems = problems
        job.recommendations = [asdict(item) for item in result.recommendations]
        job.unplaced = [asdict(item) for item in result.unplaced]
        job.text_cut_at = extracted.cut_at
        job.status = IngestJob.Status.DONE
        job.stage = ""
        job.progress = 100
        job.finished_at = timezone.now()
        job.save()
    _index(document)


def _index(document: Document) -> None:
    """Let the library's search find the document by its text (a failure there
    is logged and does not undo the job)."""
    try:
        with transaction.atomic():
            document_index(document=document)
    except Exception:
        logger.exception("Could not index document %s", document.pk)


def _records(result: ParseResult) -> dict[str, list[tuple[str, dict]]]:
    """(title, data with spans) of every record, by draft kind."""
    return {
        Draft.Kind.PLAN: [(p.title, asdict(p)) for p in result.plans],
        Draft.Kind.PRACTICE: [(p.title, asdict(p)) for p in result.practices],
        Draft.Kind.ORGANISATION: [(o.name, asdict(o)) for o in result.organisations],
    }


def _drafts_replace(job: IngestJob, records: dict[str, list[tuple[str, dict]]]) -> None:
    """Replace the job's pending drafts; a reviewed position keeps its draft."""
    job.drafts.filter(status=Draft.Status.PENDING).delete()
    reviewed = set(job.drafts.values_list("kind", "position"))
    rows = [
        Draft(
            job=job,
            kind=kind,
            position=position,
            title=(title or "").strip()[:500] or _("Untitled"),
            data=data,
        )
        for kind, items in records.items()
        for position, (title, data) in enumerate(items)
        if (kind, position) not in reviewed
    ]
    Draft.objects.bulk_create(rows)
