"""Text extraction: every format, and every bad input of issue 4 refused."""

from __future__ import annotations

import io
import os
import random
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

from convivio.ingest.extract import (
    ExtractionError,
    extract,
    normalise,
    read_file,
)

ROOT = Path(__file__).resolve().parents[2]
SEEDS = Path(os.environ.get("CONVIVIO_SEEDS_DIR", ROOT.parent / "shared" / "seeds"))


def seed_bytes(prefix: str) -> bytes:
    """A seed document's bytes; fails (never skips) when the folder is missing."""
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.fail(f"The seed documents are missing: {SEEDS} (set CONVIVIO_SEEDS_DIR)")
    return found[0].read_bytes()


def _pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


GERMAN_PLAN_HTML = """<html><body>
<h1>Integrationsplan Musterstadt</h1>
<h2>Handlungsfeld 1: Sprache und Bildung</h2>
<p>Maßnahme 1.1: Sprachkurse für Eltern in den Stadtteilzentren.</p>
<ul><li>Verantwortlich: Amt für Bildung</li><li>Zeitrahmen: 2025–2027</li></ul>
</body></html>"""


# --- Refusals -------------------------------------------------------------------------


def test_empty_file_is_refused():
    with pytest.raises(ExtractionError, match="is empty"):
        extract(b"", "leer.txt")


def test_whitespace_only_file_has_no_text():
    with pytest.raises(ExtractionError, match="no text"):
        extract(b"  \n\n\t \n", "blank.md")


def test_unknown_extension_is_refused():
    with pytest.raises(ExtractionError, match="not a format"):
        extract(b"MZ\x90\x00", "setup.exe")


def test_binary_renamed_pdf_is_refused():
    rng = random.Random(1)
    png = b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(500))
    with pytest.raises(ExtractionError, match="not a PDF"):
        extract(png, "plan.pdf")


def test_damaged_pdf_is_refused():
    with pytest.raises(ExtractionError, match="damaged PDF"):
        extract(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage", "broken.pdf")


def test_encrypted_pdf_is_refused():
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(_pdf(GERMAN_PLAN_HTML))))
    writer.encrypt(user_password="geheim", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(ExtractionError, match="protected by a password"):
        extract(buffer.getvalue(), "geschuetzt.pdf")


def test_pdf_with_an_owner_password_only_is_read_with_a_warning():
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(_pdf(GERMAN_PLAN_HTML))))
    writer.encrypt(user_password="", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    result = extract(buffer.getvalue(), "eingeschraenkt.pdf")
    assert "Handlungsfeld 1: Sprache und Bildung" in result.text
    assert result.warnings


def test_pdf_without_text_layer_and_nothing_to_recognise_is_refused():
    # A page that only draws a rectangle: OCR reads it and finds no text.
    writer = PdfWriter()
    page = writer.add_blank_page(300, 300)
    drawing = DecodedStreamObject()
    drawing.set_data(b"0 0 1 rg 20 20 200 100 re f")
    page[NameObject("/Contents")] = writer._add_object(drawing)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(ExtractionError, match=r"recognition \(OCR\) found no text"):
        extract(buffer.getvalue(), "scan.pdf")


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_docx_zip_bomb_is_refused_before_unpacking():
    # 60 MB of zeros compress to about 60 KB: a ratio no Word document has.
    bomb = _zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"\x00" * (60 * 1024 * 1024),
        }
    )
    assert len(bomb) < 1024 * 1024
    with pytest.raises(ExtractionError, match="zip bomb"):
        extract(bomb, "bomba.docx")


def test_docx_with_thousands_of_members_is_refused():
    members = {f"word/media/{n}.xml": b"<x/>" for n in range(1500)}
    members["word/document.xml"] = b"<w:document/>"
    with pytest.raises(ExtractionError, match="zip bomb"):
        extract(_zip(members), "muchos.docx")


def test_binary_renamed_docx_is_refused():
    with pytest.raises(ExtractionError, match="not a Word document"):
        extract(b"%PDF-1.4 not a zip at all", "piano.docx")
    with pytest.raises(ExtractionError, match="not a Word document"):
        extract(_zip({"hello.txt": b"hi"}), "other.docx")


def test_file_above_the_limit_is_refused_before_it_is_read(tmp_path, settings):
    settings.CONVIVIO_UPLOAD_MAX_BYTES = 20 * 1024 * 1024
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:  # sparse: 50 MB declared, nothing allocated
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(ExtractionError, match=r"is 50 MB.*above 20 MB"):
        read_file(big)


def test_the_limit_is_configurable(settings):
    settings.CONVIVIO_UPLOAD_MAX_BYTES = 1000
    with pytest.raises(ExtractionError, match="refused"):
        extract(b"a" * 1001, "plan.txt")
    assert extract(b"a" * 10, "plan.txt", max_bytes=1000).text == "a" * 10 + "\n"
    with pytest.raises(ExtractionError, match="refused"):
        extract(b"plan text", "plan.txt", max_bytes=5)


def test_unknown_encoding_is_refused():
    rng = random.Random(7)
    noise = bytes(rng.randrange(0x80, 0x100) for _ in range(400))
    with pytest.raises(ExtractionError, match="character encoding"):
        extract(noise, "mystery.txt")


def test_binary_renamed_txt_is_refused():
    with pytest.raises(ExtractionError, match="binary"):
        extract(b"\x00\x01\x02\x00" * 500, "notes.txt")


def test_hostile_html_gives_text_only():
    page = b"""<!doctype html><html><head><title>x</title>
    <script>fetch('/steal?c='+document.cookie)</script>
    <style>body{background:url(javascript:alert(1))}</style></head>
    <body onload="alert('onload')">
    <h1>Plano municipal</h1><!-- <script>alert('comment')</script> -->
    <p>Texto <img src="x" onerror="alert('img')"> com
    <a href="javascript:alert('link')">uma liga\xc3\xa7\xc3\xa3o</a>.</p>
    <iframe src="https://evil.example"></iframe><noscript>sem script</noscript>
    <svg><script>alert('svg')</script></svg>
    <![CDATA[ alert('cdata') ]]>
    <form action="https://evil.example"><input value="secret"></form>
    </body></html>"""
    text = extract(page, "pagina.html").text
    assert text == "Plano municipal\nTexto com uma ligação.\n"
    for bad in ("alert", "javascript", "onerror", "script", "evil", "secret", "cookie"):
        assert bad not in text


def test_deeply_nested_html_does_not_break():
    page = ("<div>" * 5000 + "Ebene" + "</div>" * 5000).encode()
    assert extract(page, "deep.html").text == "Ebene\n"


# --- Formats --------------------------------------------------------------------------


def test_html_keeps_headings_lists_and_table_rows_as_lines():
    page = """<html><body><h2>Asse II – Lavoro</h2>
    <p>Obiettivo:
       favorire l'inserimento lavorativo</p>
    <ol start="3"><li>Azione tre</li><li>Azione quattro</li></ol>
    <ul><li>Responsabile: Comune</li></ul>
    <table><tr><th>Azione</th><th>Budget</th></tr>
    <tr><td>Sportello</td><td>10.000 €</td></tr></table>
    <pre>riga uno
riga due</pre>fine<br>dopo</body></html>""".encode()
    assert extract(page, "piano.htm").text.splitlines() == [
        "Asse II – Lavoro",
        "Obiettivo: favorire l'inserimento lavorativo",
        "3. Azione tre",
        "4. Azione quattro",
        "- Responsabile: Comune",
        "Azione | Budget",
        "Sportello | 10.000 €",
        "riga uno",
        "riga due",
        "fine",
        "dopo",
    ]


def test_docx_paragraphs_numbering_and_tables():
    document = docx.Document()
    document.add_heading("Plano Municipal para a Integração de Migrantes", 1)
    document.add_paragraph("Eixo 1 – Acolhimento", style="List Number")
    document.add_paragraph("Eixo 2 – Educação e língua", style="List Number")
    document.add_paragraph("apoio escolar", style="List Bullet")
    table = document.add_table(rows=2, cols=3)
    for cell, value in zip(
        table.rows[0].cells, ("Medida", "Responsável", "Orçamento"), strict=True
    ):
        cell.text = value
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "Balcão único"
    table.cell(1, 2).text = "15 000 €"
    document.add_paragraph("Fim do plano.")
    buffer = io.BytesIO()
    document.save(buffer)
    result = extract(buffer.getvalue(), "plano.docx")
    assert result.format == "docx"
    lines = [line for line in result.text.splitlines() if line]
    assert lines == [
        "Plano Municipal para a Integração de Migrantes",
        "1. Eixo 1 – Acolhimento",
        "2. Eixo 2 – Educação e língua",
        "- apoio escolar",
        "Medida | Responsável | Orçamento",
        "Balcão único | 15 000 €",
        "Fim do plano.",
    ]


def test_pdf_text_layer_keeps_lines_and_lists():
    result = extract(_pdf(GERMAN_PLAN_HTML), "plan.pdf")
    assert result.format == "pdf"
    assert result.pages == 1
    lines = [line for line in result.text.splitlines() if line]
    assert "Handlungsfeld 1: Sprache und Bildung" in lines
    assert "Maßnahme 1.1: Sprachkurse für Eltern in den Stadtteilzentren." in lines
    assert "- Verantwortlich: Amt für Bildung" in lines
    assert "- Zeitrahmen: 2025–2027" in lines


def test_text_in_other_encodings():
    assert extract("Ação\n".encode("utf-16"), "a.txt").text == "Ação\n"
    assert extract(b"\xef\xbb\xbfPlan\r\n", "a.md").text == "Plan\n"
    romanian = (
        "Planul local de acţiune pentru integrarea imigranţilor în oraşul nostru, "
        "cu măsuri pentru educaţie, sănătate şi locuinţe."
    ).encode("cp1250")
    result = extract(romanian, "plan.txt")
    assert "integrarea imigranţilor" in result.text
    assert result.warnings and "cp1250" in result.warnings[0].lower()


# --- Normalisation --------------------------------------------------------------------


def test_normalise_joins_only_words_broken_at_a_line_end():
    text = "inter-\ncultural schools\nSocio-\nEconomic\n2019-\n2021\nEU-\nfunded\n"
    assert normalise(text) == (
        "intercultural schools\nSocio-\nEconomic\n2019-\n2021\nEU-\nfunded\n"
    )
    assert normalise("integra-\nção dos imigran-\ntes") == "integração dos imigrantes\n"


def test_normalise_unifies_newlines_and_drops_control_characters():
    text = "Línea uno  \r\nLínea\x00 dos\t\rtres\x0cpágina\u200b\u00ad dos\x07\n\n\n"
    # A form feed is a page break, kept on a line of its own.
    assert normalise(text) == "Línea uno\nLínea dos\ntres\n\x0c\npágina dos\n"


def test_normalise_keeps_lines_otherwise():
    text = "1.1.\nSpecific objective: to\nfacilitate schooling\n\n1.1.1.\nMeasure\n"
    assert normalise(text) == text


def test_normalise_composes_accents():
    assert normalise("Ac\u0327a\u0303o") == "Ação\n"


def test_seed_text_is_kept_line_for_line():
    raw = seed_bytes("000")
    result = extract(raw, "000.txt")
    original = raw.decode("utf-8").splitlines()
    # Only words broken at a line end join lines; everything else stays.
    assert abs(len(result.text.splitlines()) - len(original)) < 20
    assert "1.1.1." in result.text.splitlines()


# --- PDF geometry ---------------------------------------------------------------------

#: Four pages with a running header and a numbered footer (CSS @page), a ruled
#: table, and a justified, hyphenated paragraph.
GEOMETRY_HTML = """<html lang="en"><head><style>
@page { size: A5; margin: 2cm 1.5cm;
  @top-center { content: "Riverside Integration Plan 2025"; font-size: 8pt }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt }
}
body { font-family: "DejaVu Serif", serif; font-size: 10pt }
p.narrow { width: 5cm; text-align: justify; hyphens: auto }
table { border-collapse: collapse } td, th { border: 0.5pt solid black; padding: 2pt }
.page { break-before: page }
</style></head><body>
<h1>Area 1. Reception</h1>
<p>1.1 Measure: a welcome desk in the town hall.</p>
<p class="narrow">Municipalities internationally acknowledge that
interdepartmental coordination strengthens institutional accountability.</p>
<div class="page"><h2>Area 2. Budget</h2>
<table><tr><th>Measure</th><th>Responsible</th><th>Budget</th></tr>
<tr><td>2.1</td><td>Social services department</td><td>15,000 EUR</td></tr>
<tr><td>2.2</td><td>Library</td><td>3,000 EUR</td></tr></table>
<p>After the table.</p></div>
<div class="page"><h2>Area 3. Housing</h2><p>3.1 Measure: rent guarantees.</p></div>
<div class="page"><h2>Area 4. Monitoring</h2><p>Yearly report.</p></div>
</body></html>"""


@pytest.fixture(scope="module")
def geometry_pdf() -> str:
    return extract(_pdf(GEOMETRY_HTML), "plan.pdf").text


def test_pdf_pages_are_kept_apart_by_a_form_feed(geometry_pdf):
    assert geometry_pdf.count("\n\f\n") == 3
    pages = geometry_pdf.split("\f")
    assert "Area 1. Reception" in pages[0]
    assert "Area 4. Monitoring" in pages[3]


def test_pdf_running_headers_and_page_numbers_are_dropped(geometry_pdf):
    assert "Riverside Integration Plan" not in geometry_pdf
    assert "Page " not in geometry_pdf
    assert "of 4" not in geometry_pdf
    # The content of each page is all there, in order.
    lines = [line for line in geometry_pdf.splitlines() if line.strip()]
    assert lines[0] == "Area 1. Reception"
    assert lines[1] == "1.1 Measure: a welcome desk in the town hall."


def test_pdf_ruled_table_becomes_rows_of_tab_separated_cells(geometry_pdf):
    lines = geometry_pdf.splitlines()
    assert "Measure\tResponsible\tBudget" in lines
    assert "2.1\tSocial services department\t15,000 EUR" in lines
    assert "2.2\tLibrary\t3,000 EUR" in lines
    # The table sits where it is on its page: after its heading, before the text
    # below it, and its cells are not read a second time as lines.
    assert lines.index("Area 2. Budget") < lines.index("Measure\tResponsible\tBudget")
    assert lines.index("2.2\tLibrary\t3,000 EUR") < lines.index("After the table.")
    assert geometry_pdf.count("Social services department") == 1


def test_pdf_hyphenated_words_are_joined(geometry_pdf):
    flat = " ".join(geometry_pdf.split())
    for word in ("internationally", "interdepartmental", "accountability"):
        assert word in flat
    assert "\u2010" not in geometry_pdf


def test_pdf_of_one_page_keeps_its_top_and_bottom_lines():
    html = """<html><body><p>Plan of Riverside</p><p>Approved in 2025.</p>
    </body></html>"""
    text = extract(_pdf(html), "plan.pdf").text
    assert "Plan of Riverside" in text and "Approved in 2025." in text
    assert "\f" not in text


def test_pdf_letter_spaced_title_keeps_its_word_breaks():
    # Typed with a space between letters and three between words, as such
    # titles are; pdfium gives one space between all of them.
    html = """<html><body>
    <p style="white-space: pre; font-size: 14pt">P L A N   L O C A L</p>
    <p>The local plan for the integration of migrants.</p></body></html>"""
    text = extract(_pdf(html), "plan.pdf").text
    first = text.splitlines()[0]
    assert first.replace("   ", "|").replace(" ", "") == "PLAN|LOCAL"


def test_docx_explicit_page_breaks_are_kept_as_form_feeds():
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    document.add_paragraph("Introduction")
    document.add_page_break()
    paragraph = document.add_paragraph("Area 1. Housing")
    paragraph.add_run().add_break(WD_BREAK.PAGE)
    paragraph.add_run("Area 2. Work")
    document.add_paragraph("Annex").add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("Contacts")
    buffer = io.BytesIO()
    document.save(buffer)
    text = extract(buffer.getvalue(), "plan.docx").text
    pages = [page.strip() for page in text.split("\f")]
    assert pages == [
        "Introduction",
        "Area 1. Housing",
        "Area 2. Work\nAnnex",
        "Contacts",
    ]


def test_a_long_pdf_tells_how_far_its_reading_is(monkeypatch):
    from convivio.ingest import extract as extraction

    monkeypatch.setattr(extraction, "PROGRESS_EVERY", 2)
    seen: list[tuple[str, int, int]] = []
    extract(
        _pdf(GEOMETRY_HTML),
        "plan.pdf",
        progress=lambda step, page, pages: seen.append((step, page, pages)),
    )
    assert seen == [("pages", 3, 4)]


def test_pdf_in_two_columns_is_read_column_by_column():
    html = """<html><body><h1>Newsletter across the page</h1>
    <div style="columns: 2; column-gap: 1cm">
    <p>The left column starts here and talks about the language courses offered
    in the town for adults and children alike.</p>
    <p>The right column begins with news about the job fair organised by the
    council in spring, with employers from the whole region.</p></div>
    <p>A closing paragraph across the whole width of the page.</p></body></html>"""
    text = " ".join(extract(_pdf(html), "news.pdf").text.split())
    assert "offered in the town for adults and children alike." in text
    assert "organised by the council in spring, with employers" in text
    assert (
        text.index("Newsletter")
        < text.index("The left column")
        < text.index("The right column")
        < text.index("A closing paragraph")
    )


def test_pdf_table_without_rules_is_read_row_by_row():
    html = """<html><body><table style="border: none">
    <tr><td>Measure</td><td style="padding-left: 3cm">Budget</td></tr>
    <tr><td>1.1 Language courses</td><td style="padding-left: 3cm">15,000</td></tr>
    <tr><td>1.2 Job fair</td><td style="padding-left: 3cm">8,000</td></tr>
    <tr><td>1.3 Housing desk</td><td style="padding-left: 3cm">22,000</td></tr>
    </table></body></html>"""
    lines = extract(_pdf(html), "plan.pdf").text.splitlines()
    assert [line.split("\t") for line in lines[:4]] == [
        ["Measure", "Budget"],
        ["1.1 Language courses", "15,000"],
        ["1.2 Job fair", "8,000"],
        ["1.3 Housing desk", "22,000"],
    ]
