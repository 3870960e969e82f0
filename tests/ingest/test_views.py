"""Ingestion pages: upload, job progress, review."""

# ruff: noqa: F811 - fixtures imported from test_services

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from convivio.core.translation import save_original
from convivio.ingest import pipeline
from convivio.ingest.models import Draft, IngestJob
from convivio.ingest.shapes import ParseResult, PracticeDraft
from convivio.library.models import Document
from convivio.plans.models import Plan
from convivio.practices.models import Practice
from tests.html import texts_of

from .test_services import (  # noqa: F401 - fixtures
    BOOKLET_TEXT,
    PLAN_TEXT,
    fake_booklet,
    fake_plan,
    ingest,
    valdoria,
)


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


def test_upload_page_needs_sign_in_and_offers_a_multi_file_input(client, user):
    url = reverse("ingest:upload")
    assert client.get(url).status_code == 302
    client.force_login(user)
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'type="file"' in html and "multiple" in html
    assert "convivio/ingest.js" in html and "nonce=" in html
    assert "style=" not in html


def test_upload_one_file_goes_to_its_job(
    signed_in, fake_plan, valdoria, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("valdoria.txt", PLAN_TEXT.encode(), "text/plain")
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(reverse("ingest:upload"), {"files": [upload]})
    job = IngestJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("ingest:job", args=[job.pk])
    page = signed_in.get(response.url).content.decode()
    assert "Review the drafts" in page
    assert "hx-trigger" not in page  # done: no more polling


def test_upload_several_files(
    signed_in, fake_booklet, django_capture_on_commit_callbacks
):
    files = [
        SimpleUploadedFile("a.txt", BOOKLET_TEXT.encode()),
        SimpleUploadedFile("b.md", (BOOKLET_TEXT + "\nMore.").encode()),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(
            reverse("ingest:upload"), {"files": files, "genre": "practice_collection"}
        )
    assert response.status_code == 302 and response.url == reverse("ingest:upload")
    assert Document.objects.count() == 2
    assert set(IngestJob.objects.values_list("genre_override", flat=True)) == {
        "practice_collection"
    }
    page = signed_in.get(reverse("ingest:upload"))
    assert "2 files are being read" in page.content.decode()
    # Both documents are listed (a bare "a" is in any page).
    listed = texts_of(page, ".ingest-jobs tbody tr td:first-child")
    assert sorted(listed) == sorted(str(d) for d in Document.objects.all())


def test_same_file_again_says_it_was_already_ingested(
    signed_in, fake_booklet, django_capture_on_commit_callbacks
):
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = signed_in.post(
                reverse("ingest:upload"),
                {"files": [SimpleUploadedFile("a.txt", BOOKLET_TEXT.encode())]},
                follow=True,
            )
    assert "already ingested" in response.content.decode()
    assert IngestJob.objects.count() == 1


def test_an_oversized_file_is_refused_with_a_message(signed_in, settings):
    settings.CONVIVIO_UPLOAD_MAX_BYTES = 2 * 1024 * 1024
    big = SimpleUploadedFile("huge.pdf", b"%PDF" + b"0" * (3 * 1024 * 1024))
    response = signed_in.post(reverse("ingest:upload"), {"files": [big]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "huge.pdf" in html and "files up to 2 MB" in html
    assert not Document.objects.exists()


def test_job_page_polls_while_the_job_runs(signed_in, user):
    document = Document.objects.create(file="library/x/y.txt", checksum="a" * 64)
    save_original(document, {"title": "Waiting"})
    job = IngestJob.objects.create(
        document=document,
        created_by=user,
        status="running",
        progress=60,
        stage="parsing",
    )
    url = reverse("ingest:job", args=[job.pk])
    html = signed_in.get(url).content.decode()
    assert 'hx-trigger="every 1s"' in html and f'hx-get="{url}"' in html
    assert 'value="60"' in html and "parsing" in html
    fragment = signed_in.get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<section id="job-status"')
    assert "<html" not in fragment
    IngestJob.objects.filter(pk=job.pk).update(
        status="failed", problems=["The PDF has no text layer: it needs OCR."]
    )
    fragment = signed_in.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in fragment
    assert "needs OCR" in fragment and "What went wrong" in fragment


def test_strangers_get_404_as_for_a_job_that_does_not_exist(
    client, stranger, user, fake_booklet, django_capture_on_commit_callbacks
):
    """Someone else's job is not disclosed (it once answered 403, which told a
    member that a private document with the same bytes existed)."""
    job = ingest(user, BOOKLET_TEXT, capture=django_capture_on_commit_callbacks)
    draft = job.drafts.first()
    client.force_login(stranger)
    missing = IngestJob.objects.order_by("-pk").first().pk + 1
    assert client.get(reverse("ingest:job", args=[missing])).status_code == 404
    for name, args in [
        ("ingest:job", [job.pk]),
        ("ingest:review", [job.pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 404
    for name, args in [
        ("ingest:draft_accept", [job.pk, draft.pk]),
        ("ingest:draft_reject", [job.pk, draft.pk]),
        ("ingest:accept_all", [job.pk]),
        ("ingest:job_genre", [job.pk]),
        ("ingest:job_retry", [job.pk]),
    ]:
        assert client.post(reverse(name, args=args)).status_code == 404
    assert not Practice.objects.exists()
    assert Draft.objects.filter(status="pending").count() == job.drafts.count()


HOSTILE = """Plan <script>alert("x")</script> & co

1. Area <img src=x onerror=alert(1)>
"""


def test_review_page_highlights_spans_and_escapes_the_text(
    signed_in, user, monkeypatch, django_capture_on_commit_callbacks
):
    def run(text, **kwargs):
        title = 'Plan <script>alert("x")</script> & co'
        start = text.index(title)
        return ParseResult(
            genre="practice_collection",
            language="en",
            practices=[
                PracticeDraft(
                    title=title,
                    country="IT",
                    summary="s",
                    spans={"title": (start, start + len(title))},
                )
            ],
        )

    monkeypatch.setattr(pipeline, "run", run)
    job = ingest(
        user, HOSTILE, filename="h.html.txt", capture=django_capture_on_commit_callbacks
    )
    draft = job.drafts.get()
    html = signed_in.get(reverse("ingest:review", args=[job.pk])).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in html
    assert f'id="d{draft.pk}-title"' in html
    assert 'class="hl-practice hl-title">Plan &lt;script&gt;' in html
    assert f'href="#d{draft.pk}-title"' in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_accept_and_reject_from_the_review_page(
    signed_in, user, valdoria, fake_plan, django_capture_on_commit_callbacks
):
    job = ingest(user, PLAN_TEXT, capture=django_capture_on_commit_callbacks)
    draft = job.drafts.get()
    url = reverse("ingest:review", args=[job.pk])
    page = signed_in.get(url).content.decode()
    # The place read is proposed in the territory picker, by its label.
    assert f'name="d{draft.pk}-territory" value="Valdoria (Spain)"' in page
    assert f'name="d{draft.pk}-start_year" value="2021"' in page
    # A missing year: the form comes back with the error, nothing saved.
    data = {
        f"d{draft.pk}-title": "Valdoria plan",
        f"d{draft.pk}-territory": valdoria.pk,
        f"d{draft.pk}-organisation": "new",
        f"d{draft.pk}-organisation_name": "Valdoria Town Council",
        f"d{draft.pk}-start_year": "",
        f"d{draft.pk}-end_year": "2024",
    }
    accept = reverse("ingest:draft_accept", args=[job.pk, draft.pk])
    response = signed_in.post(accept, data)
    assert response.status_code == 400
    assert not Plan.objects.exists()
    data[f"d{draft.pk}-start_year"] = "2021"
    response = signed_in.post(accept, data)
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert str(plan) == "Valdoria plan"
    assert plan.organisation.name == "Valdoria Town Council"
    page = signed_in.get(url).content.decode()
    assert reverse("plans:detail", args=[plan.pk]) in page


def test_reject_and_accept_all_views(
    signed_in, user, fake_booklet, django_capture_on_commit_callbacks
):
    job = ingest(user, BOOKLET_TEXT, capture=django_capture_on_commit_callbacks)
    organisation = job.drafts.get(kind="organisation")
    response = signed_in.post(
        reverse("ingest:draft_reject", args=[job.pk, organisation.pk])
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.status == "rejected"
    response = signed_in.post(reverse("ingest:accept_all", args=[job.pk]), follow=True)
    assert "Every draft was accepted" in response.content.decode()
    assert Practice.objects.count() == 1
    organisation.refresh_from_db()
    assert organisation.status == "rejected"


def _review_queries(client, job) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("ingest:review", args=[job.pk]))
    assert response.status_code == 200
    return len(queries)


def test_review_page_queries_do_not_grow_with_the_drafts(
    signed_in, user, fake_booklet, django_capture_on_commit_callbacks
):
    job = ingest(user, BOOKLET_TEXT, capture=django_capture_on_commit_callbacks)
    # A first visit fills what every page keeps (the code lists' names in each
    # language, for the suggested themes): not a cost of the drafts.
    _review_queries(signed_in, job)
    few = _review_queries(signed_in, job)
    for position in range(1, 30):
        Draft.objects.create(
            job=job,
            kind="practice",
            position=position,
            title=f"Pratica {position}",
            data={
                "title": f"Pratica {position}",
                "organisation": "Asociación Puentes del Sur",
                "country": "IT",
                "spans": {"title": [0, 5]},
            },
        )
    many = _review_queries(signed_in, job)
    assert many == few
    assert many <= 15


def test_a_page_stage_shows_its_numbers_in_the_readers_language(signed_in, user):
    document = Document.objects.create(file="library/x/scan.pdf", checksum="b" * 64)
    save_original(document, {"title": "A scan"})
    job = IngestJob.objects.create(
        document=document,
        created_by=user,
        status="running",
        progress=20,
        stage="OCR page 3 of 12",
    )
    html = signed_in.get(reverse("ingest:job", args=[job.pk])).content.decode()
    assert "— OCR page 3 of 12" in html
    with translation.override("es"):
        url = reverse("ingest:job", args=[job.pk])
    html = signed_in.get(url).content.decode()
    assert "— OCR de la página 3 de 12" in html
