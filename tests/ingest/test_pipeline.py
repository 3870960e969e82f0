"""The pipeline function: language, genre (or a person's choice), parsers, problems."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import docx
import pytest

from convivio.ingest import pipeline
from convivio.ingest.extract import ExtractionError
from convivio.ingest.shapes import ParseResult

ROOT = Path(__file__).resolve().parents[2]
SEEDS = Path(os.environ.get("CONVIVIO_SEEDS_DIR", ROOT.parent / "shared" / "seeds"))


def seed_text(prefix: str) -> str:
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.fail(f"The seed documents are missing: {SEEDS} (set CONVIVIO_SEEDS_DIR)")
    return found[0].read_text(encoding="utf-8")


def _spans(value):
    """Every (start, end) span anywhere in a to_json(with_spans=True) tree."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "spans":
                yield from item.values()
            else:
                yield from _spans(item)
    elif isinstance(value, list):
        for item in value:
            yield from _spans(item)


def test_seed_000_becomes_plans_whose_spans_point_into_the_text():
    text = seed_text("000")
    result = pipeline.run(text)
    assert isinstance(result, ParseResult)
    assert (result.genre, result.language) == ("plan", "en")
    assert len(result.plans) >= 2
    assert all(plan.nodes for plan in result.plans)
    assert result.practices == []
    spans = list(_spans(result.to_json(with_spans=True)))
    assert spans
    assert all(0 <= start <= end <= len(text) for start, end in spans)


def test_seed_004_becomes_practices_in_romanian():
    result = pipeline.run(seed_text("004"))
    assert (result.genre, result.language) == ("practice_collection", "ro")
    assert result.practices
    assert result.plans == []


@pytest.mark.parametrize(
    ("prefix", "detail"), [("002", "project_description"), ("003", "method_note")]
)
def test_other_documents_get_no_drafts_and_say_so(prefix, detail):
    result = pipeline.run(seed_text(prefix))
    assert (result.genre, result.genre_detail) == ("other", detail)
    assert not (result.plans or result.practices or result.organisations)
    assert any("no drafts were made" in p for p in result.problems)


def test_a_document_with_no_structure_at_all():
    text = (
        "Liebe Kolleginnen und Kollegen, vielen Dank für das Treffen letzte Woche. "
        "Wir haben den Besuch in der Bibliothek sehr genossen. Bis bald im Frühling."
    )
    result = pipeline.run(text)
    assert (result.genre, result.language) == ("other", "de")
    assert not (result.plans or result.practices or result.organisations)
    assert any(
        "neither a plan nor a collection of practices" in p for p in result.problems
    )


def test_a_person_can_choose_the_genre_and_language():
    text = seed_text("003")
    result = pipeline.run(text, genre="plan", language="pt")
    assert (result.genre, result.language) == ("plan", "pt")
    assert result.genre_evidence[0].startswith("Chosen by a person")
    chosen_other = pipeline.run(seed_text("000"), genre="other")
    assert chosen_other.genre == "other"
    assert chosen_other.plans == []


def test_unknown_genre_is_an_error():
    with pytest.raises(ValueError, match="Unknown genre"):
        pipeline.run("text", genre="novel")


def test_undecided_language_falls_back_and_says_so():
    result = pipeline.run("1.1 2.2 3.3")
    assert result.language == "en"
    assert any("could not be told apart" in p for p in result.problems)


def test_a_missing_parser_costs_its_drafts_not_the_run(monkeypatch):
    monkeypatch.setitem(sys.modules, "convivio.ingest.parse_plan", None)
    result = pipeline.run(seed_text("000"))
    assert result.genre == "plan"
    assert result.plans == []
    assert any("plan reader is not available" in p for p in result.problems)


def test_sections_in_another_language_are_reported():
    english = (
        "The municipality publishes this plan to improve access to housing, health "
        "care and schools for people who have recently arrived in the city. "
    ) * 4
    romanian = (
        "Primăria publică acest plan pentru a îmbunătăți accesul la locuințe, "
        "sănătate și școli pentru persoanele sosite recent în oraș. "
    ) * 4
    text = f"{english}\n\n{romanian}\n"
    result = pipeline.run(text)
    assert result.language in {"en", "ro"}
    assert len(result.section_languages) == 1
    section = result.section_languages[0]
    assert section["language"] != result.language
    assert 0 <= section["start"] < section["end"] <= len(text)


def test_ingest_bytes_of_an_italian_docx_plan():
    document = docx.Document()
    document.add_heading("Piano d'azione locale per l'integrazione", 1)
    for line in (
        "Asse I – Scuola",
        "Azione 1: Laboratori di italiano per le madri",
        "Azione 2: Mediazione culturale nelle scuole primarie",
        "Asse II – Lavoro",
        "Azione 3: Sportello di orientamento al lavoro",
        "Responsabile: Ufficio Politiche Sociali del Comune",
    ):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    extracted, result = pipeline.ingest_bytes(buffer.getvalue(), "piano.docx")
    assert extracted.format == "docx"
    assert (result.genre, result.language) == ("plan", "it")


def test_ingest_bytes_puts_extraction_warnings_first():
    text = (
        "Planul local de acţiune pentru integrarea imigranţilor în oraşul nostru, "
        "cu măsuri pentru educaţie, sănătate şi locuinţe pentru toţi locuitorii."
    )
    _extracted, result = pipeline.ingest_bytes(text.encode("cp1250"), "plan.txt")
    assert result.language == "ro"
    assert "cp1250" in result.problems[0].lower()


def test_ingest_path_refuses_a_big_file_before_reading_it(tmp_path, settings):
    settings.CONVIVIO_UPLOAD_MAX_BYTES = 1024 * 1024
    big = tmp_path / "plan.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(ExtractionError, match="refused"):
        pipeline.ingest_path(big)
