"""Ingestion jobs and the drafts they make, waiting for a person's review."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from convivio.library.models import Document


class Genre(models.TextChoices):
    PLAN = "plan", _("plan")
    PRACTICE_COLLECTION = "practice_collection", _("practice collection")
    OTHER = "other", _("other")


class IngestJob(models.Model):
    if TYPE_CHECKING:
        # Set by document_ingest: the same file was read before (that job is shown).
        already_ingested: bool

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("running")
        DONE = "done", pgettext_lazy("job status", "done")
        FAILED = "failed", _("failed")

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="ingest_jobs"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    #: 0–100, with the stage being worked on ("extracting text", "parsing"…).
    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=100, blank=True)
    language = models.CharField(_("detected language"), max_length=16, blank=True)
    #: [{"start": 0, "end": 1200, "language": "en"}, …]
    section_languages = models.JSONField(default=list, blank=True)
    genre = models.CharField(
        _("genre"), max_length=32, choices=Genre.choices, blank=True
    )
    #: The detail for "other": "method_note", "project_description", …
    genre_detail = models.CharField(max_length=64, blank=True)
    #: Sentences saying why: ["14 numbered measures", "'Specific objective' ×39"].
    genre_evidence = models.JSONField(default=list, blank=True)
    #: The genre a person chose instead of the detected one.
    genre_override = models.CharField(
        _("genre chosen"), max_length=32, choices=Genre.choices, blank=True
    )
    #: What went wrong or deserves a look, in sentences people understand.
    problems = models.JSONField(default=list, blank=True)
    #: Recommendations of a booklet (not of a plan), with their audience and
    #: spans: [{"audience", "audience_code", "text", "spans"}]; they go into the
    #: collection made when its practices are accepted.
    recommendations = models.JSONField(default=list, blank=True)
    #: Lines the parser could not place (``ParseResult.unplaced``):
    #: [{"text", "guess", "spans": {"line": [start, end]}}], listed on the review
    #: page; a line a reviewer added to a draft gets "placed": the draft's id.
    unplaced = models.JSONField(default=list, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ingest_jobs",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    #: Set when a worker takes the job and every few seconds while it works: a
    #: running job whose heartbeat is older than CONVIVIO_TASK_LEASE lost its
    #: worker (killed, restarted) and is run again or failed.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    #: Runs started since the job was queued by a person (bounded by
    #: CONVIVIO_TASK_MAX_ATTEMPTS when workers die).
    attempts = models.PositiveSmallIntegerField(default=0)
    #: Where the text read was cut (CONVIVIO_INGEST_MAX_TEXT_CHARS), if it was.
    text_cut_at = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("ingestion job")
        verbose_name_plural = _("ingestion jobs")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "heartbeat_at"], name="ingestjob_lease"),
        ]

    def __str__(self) -> str:
        return f"{self.document} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("ingest:job", args=[self.pk])

    @property
    def effective_genre(self) -> str:
        return self.genre_override or self.genre


class Draft(models.Model):
    """One record the pipeline proposes: a plan (with its tree), a practice or an
    organisation, with the spans of source text each field came from."""

    class Kind(models.TextChoices):
        PLAN = "plan", _("plan")
        PRACTICE = "practice", _("practice")
        ORGANISATION = "organisation", _("organisation")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for review")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    job = models.ForeignKey(IngestJob, on_delete=models.CASCADE, related_name="drafts")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("title"), max_length=500)
    #: The parsed record (the shape of `ingest.shapes`), spans included.
    data = models.JSONField()
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    #: What accepting made: "plans.plan:12", "practices.practice:40", …
    created_object = models.CharField(max_length=64, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("record read from a document", "draft")
        verbose_name_plural = _("drafts")
        ordering = ["job", "kind", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["job", "kind", "position"], name="draft_unique"
            )
        ]

    def __str__(self) -> str:
        return self.title
