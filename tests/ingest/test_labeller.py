"""The learned line labeller: its features, a CRF trained here on a handful of
synthetic lines, and the shipped model on a synthetic plan."""

from __future__ import annotations

import pytest

from convivio.ingest import labeller, segments
from convivio.ingest.layout import Cell, LayoutLine, normalise
from convivio.ingest.training import LABELS


def line(text: str, **kwargs) -> LayoutLine:
    return LayoutLine(text=text, offsets=list(range(len(text))), **kwargs)


@pytest.mark.parametrize(
    ("text", "shape", "parts", "skipped"),
    [
        ("1.1.1. Welcome desk", "dotted", ("1", "1", "1"), 0),
        ("Medida 2.3: Job fairs", "dotted", ("2", "3"), 1),
        ("Cel operacyjny I.1. Szkolenia", "roman_dotted", ("1", "1"), 2),
        ("IV. HEALTH", "roman", ("4",), 0),
        ("1.a Sprachkurse", "suffix", ("1", "a"), 0),
        ("3b Huiswerkklas", "suffix", ("3", "b"), 0),
        ("M1.1 | Balcão único", "glued", ("m", "1", "1"), 0),
        ("OE2 Empleo", "glued", ("oe", "2"), 0),
        ("b) to the media", "letter", ("b",), 0),
        ("• Outcome O2.1: Fewer households", "glued", ("o", "2", "1"), 1),
        ("The council met in 2019 to agree it.", "", (), 0),
        ("I think so.", "", (), 0),
    ],
)
def test_code_shape(text, shape, parts, skipped):
    assert labeller.code_shape(text) == (shape, parts, skipped)


def test_features_of_a_numbered_outline():
    lines = [
        line("1. EMPLOYMENT"),
        line("1.1 Job counselling for newcomers"),
        line("1.2 Language courses at work"),
        line("1.4 Mentoring by retired workers"),
        line("3.1 Orphan action"),
    ]
    found = labeller.features(lines, "en")
    assert [f["shape_depth"] for f in found] == [
        "dotted1",
        "dotted2",
        "dotted2",
        "dotted2",
        "dotted2",
    ]
    assert [f["seq"] for f in found] == ["first", "first", "next", "jump", "first"]
    # 1.1 has its parent 1 above it; 3.1 has none.
    assert found[1]["parent"] == "open"
    assert found[4]["parent"] == "none"
    assert found[0]["caps"] == "4" and found[1]["caps"] == "0"
    # The deepest codes of the document are its leaves.
    assert found[0]["from_deepest"] == "1" and found[1]["from_deepest"] == "0"
    # Neighbours' features, and the document's edges.
    assert found[1]["-1:shape"] == "dotted" and found[1]["+1:depth"] == "2"
    assert found[0]["-1:edge"] == 1.0 and found[4]["+2:edge"] == 1.0


def test_features_of_layout_marks():
    cells = [Cell("A3", [0, 1]), Cell("Interpreting contract", list(range(2, 23)))]
    lines = [
        line("Plan 2025 | Page 3", furniture="header", page=1),
        line(
            "A3 Interpreting contract", cells=cells, table=1, page=1, blank_before=True
        ),
        line("Responsible: Customer Services", page=1, indent=4),
        line("Plan 2025 | Page 4", furniture="header", page=2),
    ]
    found = labeller.features(lines, "en")
    assert found[0]["furniture"] == "header" and found[0]["repeat"] == "1"
    assert found[1]["table"] == "row" and found[1]["cells"] == "1"  # 2 cells
    assert found[1]["cell_shape"] == "glued2"
    assert found[1]["blank"] == "1"
    assert found[2]["colon"] == "early" and found[2]["indent"] == "2"
    assert found[2]["page_last"] == 1.0 and found[3]["page_first"] == 1.0


def test_features_never_fail_on_odd_lines():
    odd = ["", " ", "|||", "\t\t", "…" * 500, "١٫٢ عنوان", "Ⅳ. ✓✓", "1." * 300, "\x00"]
    found = labeller.features([line(t) for t in odd], None)
    assert len(found) == len(odd)
    labels = labeller.label([line(t) for t in odd], "xx")
    assert len(labels) == len(odd)
    assert all(tag in LABELS and 0.0 <= p <= 1.0 for tag, p in labels)


SYNTHETIC = [
    [
        ("1. HOUSING", "area"),
        ("1.1 A housing desk for families", "measure"),
        ("Lead: Housing Department", "field"),
        ("1.2 Rent deposits for refugees", "measure"),
        ("Lead: Housing Department", "field"),
        ("The desk opens in spring.", "text"),
    ],
    [
        ("2. WORK", "area"),
        ("2.1 Job fairs with employers", "measure"),
        ("Lead: Employment Office", "field"),
        ("2.2 Mentoring by retired workers", "measure"),
        ("Lead: Chamber of Commerce", "field"),
        ("Employers joined the fairs.", "text"),
    ],
    [
        ("3. SCHOOLS", "area"),
        ("3.1 Homework clubs in districts", "measure"),
        ("Lead: Education Office", "field"),
        ("Parents asked for more clubs.", "text"),
    ],
]


def test_a_crf_trained_on_synthetic_lines_labels_a_new_document(tmp_path, monkeypatch):
    sequences = [
        (labeller.features([line(t) for t, _ in doc], "en"), [y for _, y in doc])
        for doc in SYNTHETIC
    ]
    model = labeller.train(sequences, tmp_path / "m.crfsuite", iterations=50)
    monkeypatch.setenv(labeller.ENV_MODEL, str(model))
    new = [
        "4. HEALTH",
        "4.1 Interpreters in clinics",
        "Lead: Health Board",
        "4.2 Health mediators",
        "Lead: Health Board",
    ]
    found = labeller.label([line(t) for t in new], "en")
    assert [tag for tag, _ in found] == ["area", "measure", "field", "measure", "field"]
    assert all(0.0 < p <= 1.0 for _, p in found)


def test_without_a_model_every_line_is_text_with_no_confidence(tmp_path, monkeypatch):
    monkeypatch.setenv(labeller.ENV_MODEL, str(tmp_path / "missing.crfsuite"))
    assert labeller.label([line("1. HOUSING"), line("text")], "en") == [
        ("text", 0.0),
        ("text", 0.0),
    ]
    assert labeller.label([], "en") == []


PLAN = """\
Integration Plan of the Town of Riverton 2026-2029

1. INTRODUCTION

The town council adopted this plan after a year of meetings with residents and
associations. It sets out what the town will do for newcomers.

2. ACTION PLAN

AREA 1. RECEPTION AND INFORMATION

Objective 1.1. Newcomers know where to find help.

Measure 1.1.1. A welcome desk at the town hall, open every weekday.
Responsible: Social Services Department
Timeframe: 2026-2027
Budget: 20,000 EUR

Measure 1.1.2. A welcome guide translated into six languages.
Responsible: Communication Office
Timeframe: 2026
Budget: 5,000 EUR

AREA 2. EMPLOYMENT

Objective 2.1. More newcomers find work that matches their skills.

Measure 2.1.1. Recognition of diplomas with the help of a mentor.
Responsible: Employment Office
Timeframe: 2026-2029
Budget: 15,000 EUR

Measure 2.1.2. Job fairs with local employers twice a year.
Responsible: Chamber of Commerce
Timeframe: 2027-2029
Budget: 8,000 EUR
"""


@pytest.mark.parametrize("with_sections", [True, False])
def test_the_shipped_model_reads_a_synthetic_plan(monkeypatch, with_sections):
    monkeypatch.delenv(labeller.ENV_MODEL, raising=False)
    assert labeller.model_path() == labeller.MODEL and labeller.MODEL.is_file()
    layout = normalise(PLAN)
    if with_sections:  # as the plan reader does
        segments.assign(layout, "en")
    found = labeller.label(layout.lines, "en")
    tags = [
        (ln.text.split()[0], tag)
        for ln, (tag, _) in zip(layout.lines, found, strict=True)
        if ln.text.startswith(("AREA", "Measure"))
    ]
    assert (
        tags
        == [("AREA", "area")]
        + [("Measure", "measure")] * 2
        + [("AREA", "area")]
        + [("Measure", "measure")] * 2
    )
    assert all(0.0 < p <= 1.0 for _, p in found)
