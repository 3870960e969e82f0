"""Background jobs under limits: a job that takes too long or too much memory
fails with a sentence; a job whose worker died is run again or failed, and a
person can try a failed job again."""

# ruff: noqa: F811 - fixtures imported from test_services

from __future__ import annotations

import multiprocessing
import time
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from convivio.ingest import limits, pipeline, services
from convivio.ingest.models import IngestJob

from .test_robustness import large_docx
from .test_services import (  # noqa: F401 - fixtures
    BOOKLET_TEXT,
    fake_booklet,
    fake_booklet_result,
    ingest,
)


@pytest.fixture
def limited(settings):
    """The task limits switched on (the tests' settings run jobs in-process)."""
    settings.CONVIVIO_TASK_TIME_LIMIT = 60
    settings.CONVIVIO_TASK_MEMORY_LIMIT = 256 * 1024 * 1024
    return settings


def problems_on_the_page(client, job) -> list[str]:
    page = BeautifulSoup(
        client.get(reverse("ingest:job", args=[job.pk])).content, "html.parser"
    )
    box = page.select_one(".job-problems")
    return [li.get_text(" ", strip=True) for li in box.select("li")] if box else []


# --- Time and memory limits -----------------------------------------------------------


def test_a_job_over_the_time_limit_fails_with_a_sentence(
    client, user, limited, monkeypatch, django_capture_on_commit_callbacks
):
    limited.CONVIVIO_TASK_TIME_LIMIT = 1

    def endless(text, **kwargs):
        while True:
            time.sleep(0.05)

    monkeypatch.setattr(pipeline, "run", endless)
    job = ingest(user, BOOKLET_TEXT, capture=django_capture_on_commit_callbacks)
    assert job.status == IngestJob.Status.FAILED
    assert not job.drafts.exists()
    client.force_login(user)
    [problem] = problems_on_the_page(client, job)
    assert "took longer than the 1 seconds a task may take" in problem
    assert "CONVIVIO_TASK_TIME_LIMIT" in problem


def test_a_job_over_the_memory_limit_fails_with_a_sentence(
    client, user, limited, monkeypatch, django_capture_on_commit_callbacks
):
    limited.CONVIVIO_TASK_MEMORY_LIMIT = 64 * 1024 * 1024

    def greedy(text, **kwargs):
        hoard = [bytearray(16 * 1024 * 1024) for _ in range(64)]
        return fake_booklet_result(text + str(len(hoard)))

    monkeypatch.setattr(pipeline, "run", greedy)
    job = ingest(user, BOOKLET_TEXT, capture=django_capture_on_commit_callbacks)
    assert job.status == IngestJob.Status.FAILED
    client.force_login(user)
    [problem] = problems_on_the_page(client, job)
    assert "more than the 64 MB of memory a task may use" in problem


def test_within_the_limits_the_job_is_done_and_its_stages_reported(
    user, limited, fake_booklet, django_capture_on_commit_callbacks
):
    job = ingest(user, BOOKLET_TEXT, capture=django_capture_on_commit_callbacks)
    assert job.status == IngestJob.Status.DONE
    assert job.drafts.filter(kind="practice").exists()
    assert job.attempts == 1
    assert job.heartbeat_at is not None


def test_an_extraction_error_in_the_child_is_the_jobs_sentence(
    user, limited, django_capture_on_commit_callbacks
):
    job = ingest(user, "   \n  ", capture=django_capture_on_commit_callbacks)
    assert job.status == IngestJob.Status.FAILED
    assert job.problems == ["“plan.txt” holds no text once read."]


def test_run_limited_keeps_the_heartbeat_and_passes_stages(limited, monkeypatch):
    monkeypatch.setattr(limits, "HEARTBEAT_EVERY", 0.02)
    beats, stages = [], []
    # The child works until the parent has beaten at least once (a fixed sleep
    # could end before a busy machine lets the parent run: a chance failure).
    beaten = multiprocessing.get_context("fork").Event()

    def work(report, value):
        report("half way")
        assert beaten.wait(60), "no heartbeat while the task ran"
        return value * 2

    def heartbeat():
        beats.append(1)
        beaten.set()

    result = limits.run_limited(work, 21, report=stages.append, heartbeat=heartbeat)
    assert result == 42
    assert stages == ["half way"]
    assert beats


def test_a_huge_word_document_is_read_within_the_memory_limit(
    client, user, limited, django_capture_on_commit_callbacks
):
    """About 60 MB of XML in a few MB of .docx (read whole, such a file took a
    worker to 1.5 GB): read as a stream, it stays under a 200 MB limit, and the
    pages say where the text was cut."""
    limited.CONVIVIO_TASK_MEMORY_LIMIT = 200 * 1024 * 1024
    limited.CONVIVIO_INGEST_MAX_TEXT_CHARS = 20_000
    data = large_docx(200_000)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.document_ingest(user=user, data=data, filename="huge.docx")
    job.refresh_from_db()
    assert job.status == IngestJob.Status.DONE, job.problems
    assert job.text_cut_at == len(job.document.extracted_text)
    assert job.text_cut_at <= 20_000
    client.force_login(user)
    page = BeautifulSoup(
        client.get(reverse("ingest:job", args=[job.pk])).content, "html.parser"
    )
    note = page.select_one(".job-text-cut").get_text(" ", strip=True)
    assert f"cut at {job.text_cut_at:,} characters" in note


# --- Jobs whose worker died -----------------------------------------------------------


def stuck(job: IngestJob, *, attempts: int, seconds_ago: int = 3600) -> IngestJob:
    """The job as a killed worker leaves it: running, its heartbeat old."""
    then = timezone.now() - timedelta(seconds=seconds_ago)
    IngestJob.objects.filter(pk=job.pk).update(
        status=IngestJob.Status.RUNNING,
        stage="parsing",
        progress=60,
        started_at=then,
        heartbeat_at=then,
        attempts=attempts,
        finished_at=None,
    )
    job.refresh_from_db()
    return job


@pytest.fixture
def booklet_job(user, fake_booklet, django_capture_on_commit_callbacks):
    return ingest(user, BOOKLET_TEXT, capture=django_capture_on_commit_callbacks)


def test_a_job_with_a_fresh_heartbeat_is_left_alone(booklet_job, settings):
    job = stuck(booklet_job, attempts=1, seconds_ago=settings.CONVIVIO_TASK_LEASE // 2)
    assert services.jobs_recover() == []
    job.refresh_from_db()
    assert job.status == IngestJob.Status.RUNNING


def test_a_job_whose_worker_died_is_run_again(
    client, user, booklet_job, django_capture_on_commit_callbacks
):
    job = stuck(booklet_job, attempts=1)
    client.force_login(user)
    # Opening the job page finds it stale and queues it again.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("ingest:job", args=[job.pk]))
    assert response.status_code == 200
    job.refresh_from_db()
    assert job.status == IngestJob.Status.DONE
    assert job.attempts == 2


def test_a_job_whose_worker_died_too_often_fails_and_can_be_tried_again(
    client, user, booklet_job, settings, django_capture_on_commit_callbacks
):
    job = stuck(booklet_job, attempts=settings.CONVIVIO_TASK_MAX_ATTEMPTS)
    client.force_login(user)
    url = reverse("ingest:job", args=[job.pk])
    [problem] = problems_on_the_page(client, job)
    assert "stopped before it was done" in problem
    job.refresh_from_db()
    assert job.status == IngestJob.Status.FAILED
    page = BeautifulSoup(client.get(url).content, "html.parser")
    retry = page.select_one("form.job-retry")
    assert retry["action"] == reverse("ingest:job_retry", args=[job.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(retry["action"])
    assert response.status_code == 302 and response.url == url
    job.refresh_from_db()
    assert job.status == IngestJob.Status.DONE
    assert job.attempts == 1 and job.problems == []


def test_a_moderator_can_retry_a_failed_job_and_another_member_cannot(
    client, moderator, stranger, booklet_job, django_capture_on_commit_callbacks
):
    IngestJob.objects.filter(pk=booklet_job.pk).update(
        status=IngestJob.Status.FAILED, problems=["It failed."]
    )
    url = reverse("ingest:job_retry", args=[booklet_job.pk])
    client.force_login(stranger)
    assert client.post(url).status_code == 404
    booklet_job.refresh_from_db()
    assert booklet_job.status == IngestJob.Status.FAILED
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    booklet_job.refresh_from_db()
    assert booklet_job.status == IngestJob.Status.DONE


def test_uploading_the_file_of_a_stuck_job_again_does_not_lead_to_it_stuck(
    user, booklet_job, settings, django_capture_on_commit_callbacks
):
    stuck(booklet_job, attempts=1)
    with django_capture_on_commit_callbacks(execute=True):
        again = services.document_ingest(
            user=user, data=BOOKLET_TEXT.encode(), filename="plan.txt"
        )
    assert again.pk == booklet_job.pk
    again.refresh_from_db()
    assert again.status == IngestJob.Status.DONE


def test_changing_the_genre_of_a_stuck_job_is_possible_once_it_is_recovered(
    user, booklet_job, settings, django_capture_on_commit_callbacks
):
    stuck(booklet_job, attempts=settings.CONVIVIO_TASK_MAX_ATTEMPTS)
    with django_capture_on_commit_callbacks(execute=True):
        services.job_rerun(user=user, job=booklet_job, genre="plan")
    booklet_job.refresh_from_db()
    assert booklet_job.status == IngestJob.Status.DONE
    assert booklet_job.genre_override == "plan"


def test_a_result_arriving_after_the_job_was_taken_over_is_dropped(
    user, booklet_job, monkeypatch, django_capture_on_commit_callbacks
):
    """A worker thought dead that finishes after all does not overwrite the run
    that replaced it."""

    def slow_then_superseded(text, **kwargs):
        IngestJob.objects.filter(pk=booklet_job.pk).update(attempts=5)
        return fake_booklet_result(text)

    monkeypatch.setattr(pipeline, "run", slow_then_superseded)
    booklet_job.drafts.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.job_retry(user=user, job=IngestJob.objects.get(pk=booklet_job.pk))
    booklet_job.refresh_from_db()
    assert booklet_job.status == IngestJob.Status.RUNNING
    assert not booklet_job.drafts.exists()
