"""OCR of scanned PDF pages and page images (Tesseract), and what happens when
Tesseract is not installed."""

from __future__ import annotations

import io

import pytest

from convivio.ingest import ocr, tasks
from convivio.ingest.extract import ExtractionError, extract

#: A short text in a large font on a small page: quick to recognise.
SCAN_HTML = """<html><head><style>
@page {{ size: 150mm 70mm; margin: 8mm }}
body {{ font-family: "DejaVu Sans", sans-serif; font-size: 24pt }}
</style></head><body>{body}</body></html>"""
WORDS = ("Integration", "Language", "Housing")


def _text_pdf(body: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=SCAN_HTML.format(body=body)).write_pdf()


def _images(pdf: bytes, scale: float = 200 / 72) -> list:
    """Each page of ``pdf`` as a Pillow image, as a scanner would give it."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    document = pdfium.PdfDocument(pdf)
    try:
        return [
            document[i].render(scale=scale, grayscale=True).to_pil()
            for i in range(len(document))
        ]
    finally:
        document.close()


def _scanned_pdf(*pages: str) -> bytes:
    """A PDF whose pages are images only (no text layer): the pages of a PDF
    made from ``pages`` (one HTML body each), rasterised."""
    body = "".join(
        f'<p style="break-before: page">{page}</p>' if i else f"<p>{page}</p>"
        for i, page in enumerate(pages)
    )
    images = _images(_text_pdf(body))
    buffer = io.BytesIO()
    images[0].save(
        buffer, format="PDF", save_all=True, append_images=images[1:], resolution=200
    )
    return buffer.getvalue()


SCAN_TEXT = "Integration plan: Language courses and Housing support for families."


def test_a_scanned_pdf_is_read_by_ocr_with_progress():
    seen: list[tuple[str, int, int]] = []
    result = extract(
        _scanned_pdf(SCAN_TEXT, "Second page: Language and Housing again."),
        "scan.pdf",
        language="en",
        progress=lambda step, page, pages: seen.append((step, page, pages)),
    )
    for word in WORDS:
        assert word in result.text
    assert "Second page" in result.text
    assert result.ocr_pages == 2
    assert seen == [("ocr", 1, 2), ("ocr", 2, 2)]
    # Pages stay apart, and the person reviewing is told the text came from OCR.
    assert result.text.count("\f") == 1
    assert any("OCR" in warning for warning in result.warnings)


def test_a_page_image_is_read_by_ocr():
    image = _images(_text_pdf(f"<p>{SCAN_TEXT}</p>"))[0]
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    result = extract(buffer.getvalue(), "photo.png", language="en")
    assert result.format == "image"
    for word in WORDS:
        assert word in result.text


def test_unknown_language_reads_with_the_usual_languages():
    result = extract(_scanned_pdf(SCAN_TEXT), "scan.pdf")
    for word in WORDS:
        assert word in result.text
    assert ocr.languages(None).startswith("eng+")
    assert ocr.languages("it") == "ita"
    assert ocr.languages("xx") == "+".join(ocr.DEFAULT_LANGUAGES)


def _png(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


LONGER_TEXT = (
    "The municipal plan for the integration of migrants sets out language courses, "
    "housing support for families, and a welcome desk in the town hall."
)


def test_a_page_scanned_sideways_is_turned_before_it_is_read():
    image = _images(_text_pdf(f"<p>{LONGER_TEXT}</p>"))[0].rotate(90, expand=True)
    text = extract(_png(image), "sideways.png", language="en").text
    assert "language courses" in " ".join(text.split())


def test_a_scan_in_another_script_is_read_with_its_languages():
    # Unknown language: Tesseract's script detection picks the Greek pack.
    greek = (
        "Το δημοτικό σχέδιο για την ένταξη των μεταναστών προβλέπει μαθήματα "
        "ελληνικών, στήριξη για τη στέγαση των οικογενειών και γραφείο υποδοχής."
    )
    text = " ".join(
        extract(_png(_images(_text_pdf(f"<p>{greek}</p>"))[0]), "s.png").text.split()
    )
    for word in ("δημοτικό", "σχέδιο", "μεταναστών", "μαθήματα"):
        assert word in text


def test_ocr_stops_at_the_page_limit(settings):
    settings.CONVIVIO_OCR_MAX_PAGES = 1
    result = extract(
        _scanned_pdf(SCAN_TEXT, "Another page that is not read."),
        "scan.pdf",
        language="en",
    )
    assert "Housing" in result.text
    assert "Another" not in result.text
    assert any("CONVIVIO_OCR_MAX_PAGES" in warning for warning in result.warnings)


def test_ocr_stops_taking_pages_when_the_tasks_time_is_running_out(monkeypatch):
    from types import SimpleNamespace

    from convivio.ingest import extract as extraction

    # A clock that passes the deadline once the first page is read.
    ticks = iter([0.0, 10.0, 10.0])
    monkeypatch.setattr(
        extraction, "time", SimpleNamespace(monotonic=lambda: next(ticks))
    )
    monkeypatch.setattr(ocr, "deadline", lambda: 5.0)
    result = extract(
        _scanned_pdf(SCAN_TEXT, "Another page that is not read."),
        "scan.pdf",
        language="en",
    )
    assert "Housing" in result.text
    assert "Another" not in result.text
    assert result.ocr_pages == 1
    assert any("Only 1 of the 2 scanned pages" in w for w in result.warnings)


def test_the_ocr_deadline_follows_the_tasks_time_limit(settings):
    settings.CONVIVIO_TASK_TIME_LIMIT = 0
    assert ocr.deadline() is None
    settings.CONVIVIO_TASK_TIME_LIMIT = 300
    assert ocr.deadline() is not None


@pytest.fixture
def no_tesseract(monkeypatch):
    monkeypatch.setattr(ocr, "TESSERACT", "convivio-no-such-tesseract")
    assert ocr.binary() is None


def test_without_tesseract_a_scan_is_refused_saying_why(no_tesseract):
    with pytest.raises(ExtractionError) as raised:
        extract(_scanned_pdf(SCAN_TEXT), "scan.pdf")
    message = raised.value.message
    assert "“scan.pdf” has no text layer" in message
    assert "needs OCR" in message
    assert "Tesseract is not installed" in message


def test_without_tesseract_an_image_is_refused_saying_why(no_tesseract):
    buffer = io.BytesIO()
    _images(_text_pdf("<p>Plan</p>"), scale=1)[0].save(buffer, format="PNG")
    with pytest.raises(ExtractionError, match="Tesseract is not installed"):
        extract(buffer.getvalue(), "photo.png")


def test_without_tesseract_the_text_pages_are_kept(no_tesseract):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(_text_pdf(f"<p>{SCAN_TEXT}</p>"))))
    writer.append(PdfReader(io.BytesIO(_scanned_pdf("A scanned annex."))))
    buffer = io.BytesIO()
    writer.write(buffer)
    result = extract(buffer.getvalue(), "mixed.pdf")
    assert "Housing support" in result.text
    assert "annex" not in result.text
    assert any("1 page is an image" in w and "Tesseract" in w for w in result.warnings)


def test_a_damaged_image_is_refused():
    with pytest.raises(ExtractionError, match="not an image"):
        extract(b"\x89PNG\r\n\x1a\nnot really", "photo.png")


def test_the_job_stage_names_the_page_being_read():
    assert tasks.page_stage("ocr", 1, 4) == ("OCR page 1 of 4", 10)
    stage, progress = tasks.page_stage("ocr", 4, 4)
    assert stage == "OCR page 4 of 4" and 10 < progress < 30
    assert tasks.page_stage("pages", 26, 200) == ("reading page 26 of 200", 10)
    assert tasks.stage_display("OCR page 3 of 12") == "OCR page 3 of 12"
    assert tasks.stage_display("parsing") == "parsing"


def test_an_uploaded_scan_is_read_by_its_job_page_by_page(
    user, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from convivio.ingest import services
    from convivio.ingest.models import IngestJob

    # Under the task limits, as a worker runs it (a child process).
    settings.CONVIVIO_TASK_TIME_LIMIT = 120
    settings.CONVIVIO_TASK_MEMORY_LIMIT = 512 * 1024 * 1024
    stages: list[tuple[str, int]] = []
    real = tasks._progress

    def progress(job, stage) -> None:
        stages.append(stage)
        real(job, stage)

    monkeypatch.setattr(tasks, "_progress", progress)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.document_ingest(
            user=user, data=_scanned_pdf(SCAN_TEXT), filename="scan.pdf"
        )
    job.refresh_from_db()
    assert job.status == IngestJob.Status.DONE
    assert ("OCR page 1 of 1", 10) in stages
    assert "Housing support" in job.document.extracted_text
    assert any("OCR" in problem for problem in job.problems)


def test_a_limited_task_reports_what_it_cost(settings, caplog):
    import logging

    from convivio.ingest import limits

    caplog.set_level(logging.INFO, logger="convivio.ingest.limits")
    assert limits.run_limited(lambda report, x: x + 1, 1, seconds=30, memory=0) == 2
    assert "peak_rss_mb" in caplog.text
    usage = limits.usage()
    assert usage["peak_rss_mb"] > 0
