"""Hostile and oversized documents: extraction stays linear in the size of the file,
stops at the text limit, and never holds a huge document whole in memory."""

from __future__ import annotations

import io
import random
import zipfile

import pytest

from convivio.ingest import extract as extraction
from convivio.ingest.extract import extract

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def nested_html(depth: int, inner: str = "Ebene") -> bytes:
    return ("<div><span>" * depth + inner + "</span></div>" * depth).encode()


def test_html_nested_200_000_deep_is_read_with_work_linear_in_its_size(monkeypatch):
    """The probe's page (200,000 nested elements) once kept a worker busy for over
    seven minutes: its reading is now one pass over the parser's events."""
    seen: list = []
    original = extraction._HTMLText.feed

    def feed(self, text, chunk=1 << 16):
        seen.append(self)
        return original(self, text, chunk)

    monkeypatch.setattr(extraction._HTMLText, "feed", feed)
    result = extract(nested_html(200_000, "<p>Ebene</p><p>zwei</p>"), "deep.html")
    assert result.text == "Ebene\nzwei\n"
    # Two events (start and end) per element: nothing is walked again per level.
    assert seen[0].events == 4 * 200_000 + 4
    # The stack of open elements never grows beyond the cap.
    assert not seen[0].stack


def test_html_nesting_beyond_the_cap_keeps_blocks_lists_and_dropped_parts():
    depth = extraction.HTML_MAX_DEPTH + 50
    page = (
        "<div>" * depth
        + "<h2>Titel</h2><ol><li>eins</li><li>zwei</li></ol>"
        + "<script>alert(1)</script><table><tr><td>a</td><td>b</td></tr></table>"
        + "</div>" * depth
        + "<p>danach</p>"
    ).encode()
    assert extract(page, "deep.html").text.splitlines() == [
        "Titel",
        "1. eins",
        "2. zwei",
        "a | b",
        "danach",
    ]


def test_html_unmatched_end_tags_are_ignored_cheaply():
    page = ("<div>" * 1000 + "x" + "</span>" * 100_000 + "</div>" * 1000).encode()
    assert extract(page, "odd.html").text == "x\n"


def test_html_text_stops_at_the_limit(settings):
    settings.CONVIVIO_INGEST_MAX_TEXT_CHARS = 1000
    page = "".join(f"<p>Absatz {i} mit etwas Text</p>" for i in range(10_000)).encode()
    result = extract(page, "long.html")
    assert len(result.text) <= 1000
    assert result.cut_at == len(result.text)
    assert result.text.splitlines()[0] == "Absatz 0 mit etwas Text"
    assert any("cut at" in warning for warning in result.warnings)


def test_text_under_the_limit_is_not_cut(settings):
    settings.CONVIVIO_INGEST_MAX_TEXT_CHARS = 1000
    result = extract(b"Plan\nMeasure one\n", "plan.txt")
    assert result.cut_at is None
    assert result.warnings == []


def test_plain_text_is_cut_at_the_end_of_a_line(settings):
    settings.CONVIVIO_INGEST_MAX_TEXT_CHARS = 100
    data = "".join(f"line {i:03d} of the plan\n" for i in range(100)).encode()
    result = extract(data, "plan.txt")
    assert result.text.endswith("of the plan\n")
    assert len(result.text) <= 100
    assert "line 000 of the plan" in result.text
    assert "line 099" not in result.text
    assert f"cut at {result.cut_at:,} characters" in result.warnings[-1]


# --- A Word document that expands far beyond its size -----------------------------


def large_docx(paragraphs: int, *, seed: int = 7, marker: str = "THE END") -> bytes:
    """A .docx whose document.xml is mostly markup (as Word writes it) around
    varied words, so that it compresses about as much as a real document and
    passes the zip-bomb check."""
    rng = random.Random(seed)
    words = [
        "plano",
        "medida",
        "integração",
        "acolhimento",
        "escola",
        "saúde",
        "habitação",
        "emprego",
        "língua",
        "cidade",
    ]
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}"><w:body>'
    ).encode()
    body = io.BytesIO()
    body.write(head)
    for i in range(paragraphs):
        text = " ".join(rng.choice(words) for _ in range(12))
        body.write(
            (
                f'<w:p w:rsidR="{rng.getrandbits(32):08X}"><w:pPr>'
                '<w:spacing w:after="120"/></w:pPr><w:r><w:rPr>'
                '<w:rFonts w:ascii="Calibri"/><w:sz w:val="22"/>'
                f'</w:rPr><w:t xml:space="preserve">{i} {text}</w:t></w:r></w:p>'
            ).encode()
        )
    body.write(f"<w:p><w:r><w:t>{marker}</w:t></w:r></w:p>".encode())
    body.write(b"</w:body></w:document>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"/>',
        )
        archive.writestr("word/document.xml", body.getvalue())
    return buffer.getvalue()


@pytest.fixture(scope="module")
def big_docx() -> bytes:
    # About 60 MB of XML in a file of a few MB.
    return large_docx(200_000)


def test_large_docx_passes_the_bomb_check_and_expands_many_times(big_docx):
    extraction.precheck(big_docx, "big.docx")
    with zipfile.ZipFile(io.BytesIO(big_docx)) as archive:
        expanded = archive.getinfo("word/document.xml").file_size
    assert expanded > 50 * 1024 * 1024
    assert expanded > 10 * len(big_docx)


def test_large_docx_is_read_as_a_stream_and_cut_at_the_limit(big_docx, settings):
    settings.CONVIVIO_INGEST_MAX_TEXT_CHARS = 200_000
    result = extract(big_docx, "big.docx")
    assert len(result.text) <= 200_000
    assert result.cut_at == len(result.text)
    lines = result.text.splitlines()
    assert lines[0].startswith("0 ")
    # Reading stopped at the limit: the end of the document was never reached.
    assert "THE END" not in result.text
    assert any("cut at" in warning for warning in result.warnings)


def test_docx_under_the_limit_is_read_to_its_end():
    result = extract(large_docx(50), "small.docx")
    assert result.cut_at is None
    assert result.text.splitlines()[-1] == "THE END"
    assert len(result.text.splitlines()) == 51
