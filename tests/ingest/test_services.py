"""Ingestion services: taking a file in, the background job, re-running it."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from convivio.core.models import Territory
from convivio.ingest import pipeline, services, tasks
from convivio.ingest.models import Draft, IngestJob
from convivio.ingest.shapes import (
    IndicatorDraft,
    NodeDraft,
    OrganisationDraft,
    ParseResult,
    PlanDraft,
    PracticeDraft,
    RecommendationDraft,
)
from convivio.library.models import Document

# A small plan of an imaginary town, written for these tests.
PLAN_TEXT = """Valdoria Local Integration Plan 2021-2024

Issued by the Valdoria Town Council.

1. Welcome and first steps
1.1. Make the first months easier
1.1.1. Open a one-stop desk for newcomers
Indicator: people served at the desk (by sex, age and province)
1.1.2. Train the staff of public counters
2. Work and training
2.1. Open the door to employment
2.1.1. Career guidance for migrant women

To the Media:
Report on newcomers without stigmatising headlines.
"""

BOOKLET_TEXT = """Good practices in Southern Europe

PRACTICE 1 - SPAIN
Cooking together
Asociación Puentes del Sur | Sevilla
2018-2020
Shared kitchens where newcomers and neighbours cook once a week.
Beneficiaries: more than 300 families.

Partner: Puentes del Sur, contact hola@puentes.example
"""


def _span(text: str, value: str, start: int = 0) -> tuple[int, int]:
    at = text.index(value, start)
    return (at, at + len(value))


def fake_plan_result(text: str, **_kwargs) -> ParseResult:
    """What the plan parser would make of PLAN_TEXT, with its spans."""
    nodes = []
    for code, kind, title, parent in [
        ("1", "area", "Welcome and first steps", None),
        ("1.1", "objective", "Make the first months easier", "1"),
        ("1.1.1", "measure", "Open a one-stop desk for newcomers", "1.1"),
        ("1.1.2", "measure", "Train the staff of public counters", "1.1"),
        ("2", "area", "Work and training", None),
        ("2.1", "objective", "Open the door to employment", "2"),
        ("2.1.1", "measure", "Career guidance for migrant women", "2.1"),
    ]:
        nodes.append(
            NodeDraft(
                code=code,
                kind=kind,
                title=title,
                parent=parent,
                responsible=["Valdoria Town Council"] if kind == "measure" else [],
                spans={"title": _span(text, title), "code": _span(text, f"{code}. ")},
            )
        )
    indicator_name = "people served at the desk"
    plan = PlanDraft(
        title="Valdoria Local Integration Plan 2021-2024",
        territory="Valdoria",
        organisation="Valdoria Town Council",
        nodes=nodes,
        indicators=[
            IndicatorDraft(
                measure="1.1.1",
                name=indicator_name,
                disaggregation=["sex", "age", "province"],
                spans={"name": _span(text, indicator_name)},
            )
        ],
        recommendations=[
            RecommendationDraft(
                audience="To the Media",
                text="Report on newcomers without stigmatising headlines.",
                audience_code="media",
                spans={
                    "audience": _span(text, "To the Media"),
                    "text": _span(text, "Report on newcomers"),
                },
            )
        ],
        spans={
            "title": _span(text, "Valdoria Local Integration Plan 2021-2024"),
            "plan": (0, len(text)),
        },
    )
    return ParseResult(
        genre="plan",
        language="en",
        genre_evidence=["7 numbered parts", "1 indicator"],
        plans=[plan],
    )


def fake_booklet_result(text: str, **_kwargs) -> ParseResult:
    practice = PracticeDraft(
        title="Cooking together",
        organisation="ASOCIACION PUENTES DEL SUR",
        country="ES",
        city="Sevilla",
        years="2018-2020",
        start_year=2018,
        end_year=2020,
        beneficiaries="more than 300 families",
        beneficiaries_count=300,
        summary="Shared kitchens where newcomers and neighbours cook once a week.",
        links=["https://puentes.example/cocina", "not a link"],
        emails=["hola@puentes.example"],
        spans={
            "title": _span(text, "Cooking together"),
            "organisation": _span(text, "Asociación Puentes del Sur"),
            "city": _span(text, "Sevilla"),
            "beneficiaries": _span(text, "more than 300 families"),
        },
    )
    organisation = OrganisationDraft(
        name="Puentes del Sur",
        country="ES",
        email="hola@puentes.example",
        spans={"name": _span(text, "Puentes del Sur", text.index("Partner"))},
    )
    return ParseResult(
        genre="practice_collection",
        language="en",
        practices=[practice],
        organisations=[organisation],
    )


def ingest(
    user, text: str, *, filename: str = "plan.txt", capture=None, **kwargs
) -> IngestJob:
    """document_ingest with the job run at commit (the tests' backend is immediate)."""
    with capture(execute=True):
        job = services.document_ingest(
            user=user, data=text.encode(), filename=filename, **kwargs
        )
    job.refresh_from_db()
    return job


@pytest.fixture
def fake_plan(monkeypatch):
    monkeypatch.setattr(pipeline, "run", fake_plan_result)


@pytest.fixture
def fake_booklet(monkeypatch):
    monkeypatch.setattr(pipeline, "run", fake_booklet_result)


@pytest.fixture
def valdoria(db):
    spain = Territory.objects.get(iso_code="ES")
    return Territory.objects.create(
        name="Valdoria",
        kind=Territory.Kind.MUNICIPALITY,
        country_code="ES",
        parent=spain,
    )


# --------------------------------------------------------------------------- tests


def test_ingest_plan_makes_drafts_whose_spans_point_at_the_text(
    user, fake_plan, django_capture_on_commit_callbacks
):
    job = ingest(user, PLAN_TEXT, capture=django_capture_on_commit_callbacks)

    assert job.status == IngestJob.Status.DONE
    assert job.progress == 100
    assert job.genre == "plan"
    assert job.genre_evidence == ["7 numbered parts", "1 indicator"]
    assert job.language == "en"
    assert job.task_id
    document = job.document
    assert document.checksum and document.file.name.endswith("plan.txt")
    assert document.kind == "plan"
    assert document.text_language_id == "en"
    assert document.uploaded_by == user
    text = document.extracted_text
    assert "Valdoria Local Integration Plan" in text

    draft = job.drafts.get()
    assert draft.kind == Draft.Kind.PLAN
    assert draft.title == "Valdoria Local Integration Plan 2021-2024"
    assert draft.status == Draft.Status.PENDING
    node = draft.data["nodes"][2]
    start, end = node["spans"]["title"]
    assert text[start:end] == "Open a one-stop desk for newcomers"
    start, end = draft.data["indicators"][0]["spans"]["name"]
    assert text[start:end] == "people served at the desk"


def test_the_real_pipeline_runs_end_to_end(user, django_capture_on_commit_callbacks):
    job = ingest(
        user,
        BOOKLET_TEXT,
        filename="booklet.md",
        capture=django_capture_on_commit_callbacks,
    )
    assert job.status == IngestJob.Status.DONE, job.problems
    assert job.genre in {"plan", "practice_collection", "other"}
    assert job.document.extracted_text.startswith("Good practices")


def test_same_file_twice_gives_the_same_job_and_changes_nothing(
    user, fake_plan, django_capture_on_commit_callbacks
):
    first = ingest(user, PLAN_TEXT, capture=django_capture_on_commit_callbacks)
    counts = (
        Document.objects.count(),
        IngestJob.objects.count(),
        Draft.objects.count(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        same = services.document_ingest(
            user=user, data=PLAN_TEXT.encode(), filename="copy.txt"
        )
    assert same.pk == first.pk
    assert same.already_ingested is True
    assert (
        Document.objects.count(),
        IngestJob.objects.count(),
        Draft.objects.count(),
    ) == counts


def test_a_copy_of_someone_elses_private_file_gets_its_own_document_and_job(
    user, editor, fake_plan, valdoria, django_capture_on_commit_callbacks
):
    """Until issue 9 the other member was led to the first member's job (and got
    a 403 there), which told them the private document existed."""
    first = ingest(user, PLAN_TEXT, capture=django_capture_on_commit_callbacks)
    services.drafts_accept_all(user=user, job=first)
    copy = ingest(
        editor,
        PLAN_TEXT,
        filename="copy.txt",
        capture=django_capture_on_commit_callbacks,
    )
    assert copy.pk != first.pk and copy.document_id != first.document_id
    assert copy.created_by == editor and copy.document.uploaded_by == editor
    assert str(copy.document) == "copy"
    assert copy.status == IngestJob.Status.DONE
    # Accepting the copy's drafts makes records of its own, never the first's.
    plan_draft = copy.drafts.get(kind="plan")
    record = services.draft_accept(user=editor, draft=plan_draft)
    first_plan = first.drafts.get(kind="plan").created_object
    assert f"plans.plan:{record.pk}" != first_plan
    assert services.source_key(copy, plan_draft) != services.source_key(
        first, first.drafts.get(kind="plan")
    )


def test_a_file_that_is_not_what_its_name_says_is_refused_before_it_is_kept(
    user, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError, match="not a PDF file"),
    ):
        services.document_ingest(
            user=user, data=b"\x00\x01\x02binary\xff" * 200, filename="report.pdf"
        )
    assert not Document.objects.exists()
    assert not IngestJob.objects.exists()


def test_a_pdf_without_text_fails_its_job_with_a_sentence_and_no_drafts(
    user, django_capture_on_commit_callbacks
):
    # A real PDF with one empty page: kept, then found to need OCR.
    from pypdf import PdfWriter

    buffer = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.write(buffer)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.document_ingest(
            user=user, data=buffer.getvalue(), filename="scan.pdf"
        )
    job.refresh_from_db()
    assert job.status == IngestJob.Status.FAILED
    assert job.problems and all(isinstance(p, str) and p for p in job.problems)
    assert "OCR" in " ".join(job.problems)
    assert "Traceback" not in " ".join(job.problems)
    assert not job.drafts.exists()
    assert job.document.extracted_text == ""


def test_an_exception_in_the_parser_fails_the_job_without_showing_it(
    user, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    def broken(text, **kwargs):
        raise RuntimeError("internal detail 42")

    monkeypatch.setattr(pipeline, "run", broken)
    job = ingest(user, PLAN_TEXT, capture=django_capture_on_commit_callbacks)
    assert job.status == IngestJob.Status.FAILED
    shown = " ".join(job.problems)
    assert "internal detail" not in shown and "Traceback" not in shown
    assert "Nothing was saved" in shown
    assert not job.drafts.exists()
    # Logged for the administrators.
    assert "internal detail 42" in caplog.text


def test_a_failure_while_saving_drafts_leaves_nothing_half_made(
    user, fake_plan, monkeypatch, django_capture_on_commit_callbacks
):
    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Draft.objects, "bulk_create", explode)
    job = ingest(user, PLAN_TEXT, capture=django_capture_on_commit_callbacks)
    assert job.status == IngestJob.Status.FAILED
    assert not Draft.objects.exists()
    document = Document.objects.get(pk=job.document_id)
    assert document.extracted_text == ""
    assert job.genre == ""


def test_a_job_runs_once(user, fake_plan, django_capture_on_commit_callbacks):
    job = ingest(user, PLAN_TEXT, capture=django_capture_on_commit_callbacks)
    tasks.job_run(job.pk)  # done already: nothing happens
    assert Draft.objects.filter(job=job).count() == 1
    tasks.job_run(999_999)  # no such job: no error


def test_empty_and_oversized_files_are_refused_before_anything_is_saved(user, settings):
    with pytest.raises(ValidationError, match="empty"):
        services.document_ingest(user=user, data=b"", filename="empty.txt")
    settings.CONVIVIO_UPLOAD_MAX_BYTES = 1024
    with pytest.raises(ValidationError, match="up to 0"):
        services.document_ingest(user=user, data=b"x" * 5000, filename="big.txt")
    assert not Document.objects.exists()
    assert not IngestJob.objects.exists()


def test_only_signed_in_people_ingest(db):
    with pytest.raises(PermissionDenied):
        services.document_ingest(user=AnonymousUser(), data=b"text", filename="a.txt")
    with pytest.raises(PermissionDenied):
        services.document_ingest(user=None, data=b"text", filename="a.txt")


def test_a_document_with_no_structure_is_kept_without_drafts(
    user, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(
        pipeline, "run", lambda text, **kw: ParseResult(genre="other", language="it")
    )
    job = ingest(
        user,
        "Una lettera semplice, senza piano né pratiche.",
        filename="lettera.txt",
        capture=django_capture_on_commit_callbacks,
    )
    assert job.status == IngestJob.Status.DONE
    assert not job.drafts.exists()
    assert any("No plan, practice or organisation" in p for p in job.problems)
    assert job.document.text_language_id == "it"


def test_rerun_with_another_genre_replaces_only_pending_drafts(
    user, stranger, monkeypatch, django_capture_on_commit_callbacks
):
    calls = []

    def run(text, *, language=None, genre=None):
        calls.append((language, genre))
        result = fake_booklet_result(text)
        result.language = language or "en"  # a person's choice wins, as in pipeline
        result.practices.append(PracticeDraft(title="Second practice", country="PT"))
        return result

    monkeypatch.setattr(pipeline, "run", run)
    job = ingest(
        user, BOOKLET_TEXT, filename="b.txt", capture=django_capture_on_commit_callbacks
    )
    first, second = job.drafts.filter(kind="practice").order_by("position")
    services.draft_reject(user=user, draft=first)
    with pytest.raises(PermissionDenied):
        services.job_rerun(user=stranger, job=job, genre="plan")
    with django_capture_on_commit_callbacks(execute=True):
        services.job_rerun(
            user=user, job=job, genre="practice_collection", language="es"
        )
    job.refresh_from_db()
    assert calls[-1] == ("es", None)  # same as detected: no override kept
    assert job.status == IngestJob.Status.DONE
    drafts = job.drafts.filter(kind="practice").order_by("position")
    assert [d.status for d in drafts] == ["rejected", "pending"]
    assert drafts[0].pk == first.pk and drafts[1].pk != second.pk
    assert job.document.text_language_id == "es"
    with django_capture_on_commit_callbacks(execute=True):
        services.job_rerun(user=user, job=job, genre="plan")
    assert calls[-1] == ("es", "plan")
    with pytest.raises(ValidationError):
        services.job_rerun(user=user, job=job, genre="poem")


def test_years_guess():
    assert services.years_guess("Plan 2021-2024") == (2021, 2024)
    assert services.years_guess("Piano 2019 – 21") == (2019, 2021)
    assert services.years_guess("Plan 2018", "adopted in 2017") == (2018, 2018)
    assert services.years_guess("Plan", "adopted in 2017") == (None, None)
    assert services.years_guess("no years") == (None, None)
