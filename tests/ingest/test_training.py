"""Training data for the line labeller: gold annotations aligned with the lines of
their documents (training.gold_lines), the corpus folders, the train command."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from convivio.ingest import training

PLAN = """\
Municipal Plan for Living Together 2025-2028

Contents
1. EMPLOYMENT AND TRAINING ........ 4
2. HOUSING ........ 9

1. Introduction
The council adopted this plan after two years of meetings with residents.

1. EMPLOYMENT AND TRAINING

1.1. Job counselling for newcomers in the municipal employment office
Responsible: Employment Office
Budget: 12,000 EUR
Indicator: people counselled per year, baseline 40, target 120

1.2. Language courses linked to work placements
Responsible: Adult School

2. HOUSING

2.1. A housing desk that helps families find a rented home
Responsible: Housing Department

Recommendations

To the regional government:
- Fund interpreters for every public housing office in the region.
"""

GOLD = {
    "genre": "plan",
    "language": "en",
    "areas": [
        {"code": "1", "title": "EMPLOYMENT AND TRAINING"},
        {"code": "2", "title": "HOUSING"},
    ],
    "objectives": [],
    "measures": [
        {
            "code": "1.1",
            "title": "Job counselling for newcomers in the municipal employment office",
            "parent": "1",
            "responsible": ["Employment Office"],
            "time_frame": None,
            "budget": "12,000 EUR",
        },
        {
            "code": "1.2",
            "title": "Language courses linked to work placements",
            "parent": "1",
            "responsible": ["Adult School"],
            "time_frame": None,
            "budget": None,
        },
        {
            "code": "2.1",
            "title": "A housing desk that helps families find a rented home",
            "parent": "2",
            "responsible": ["Housing Department"],
            "time_frame": None,
            "budget": None,
        },
    ],
    "indicators": [
        {
            "measure": "1.1",
            "name": "people counselled per year",
            "baseline": "40",
            "target": "120",
            "disaggregation": [],
            "kind": "quantitative",
        }
    ],
    "recommendations": [
        {
            "audience": "To the regional government",
            "text_start": "Fund interpreters for every public",
        }
    ],
}


def write(folder: Path, stem: str, text: str, gold: dict) -> tuple[Path, Path]:
    document = folder / f"{stem}.txt"
    document.write_text(text, encoding="utf-8")
    gold_path = folder / f"{stem}.gold.json"
    gold_path.write_text(json.dumps(gold), encoding="utf-8")
    return document, gold_path


def labelled(tmp_path: Path, text: str, gold: dict) -> dict[str, list[str]]:
    """Each label with the texts of the lines that got it."""
    layout, labels = training.gold_lines(*write(tmp_path, "01_en_plan", text, gold))
    assert len(labels) == len(layout.lines)
    assert set(labels) <= set(training.LABELS)
    found: dict[str, list[str]] = {}
    for line, label in zip(layout.lines, labels, strict=True):
        found.setdefault(label, []).append(line.text)
    return found


def test_nodes_are_the_body_lines_not_the_contents_nor_the_chapters(tmp_path):
    found = labelled(tmp_path, PLAN, GOLD)
    assert found["area"] == ["1. EMPLOYMENT AND TRAINING", "2. HOUSING"]
    assert [t[:4] for t in found["measure"]] == ["1.1.", "1.2.", "2.1."]
    # The contents entries repeat the area headings; the chapter "1. Introduction"
    # has the area's code but not its title.
    everything_else = [t for label, ts in found.items() if label != "area" for t in ts]
    assert "1. Introduction" in everything_else
    assert not any("...." in t for t in found["area"])


def test_fields_indicators_and_recommendations(tmp_path):
    found = labelled(tmp_path, PLAN, GOLD)
    assert "Responsible: Employment Office" in found["field"]
    assert "Budget: 12,000 EUR" in found["field"]
    assert "Responsible: Housing Department" in found["field"]
    assert found["indicator"] == [
        "Indicator: people counselled per year, baseline 40, target 120"
    ]
    assert found["audience"] == ["To the regional government:"]
    assert [t.lstrip("- ")[:4] for t in found["recommendation"]] == ["Fund"]
    assert (
        "The council adopted this plan after two years of meetings with residents."
        in (found["text"])
    )


def test_a_code_alone_on_its_line_takes_the_title_below(tmp_path):
    text = (
        "Action plan\n\nMeasure 1.1.1\n\nWelcome desk for families arriving in the "
        "town\n\nLead: Social Services\n"
    )
    gold = {
        "genre": "plan",
        "language": "en",
        "areas": [],
        "objectives": [],
        "measures": [
            {
                "code": "1.1.1",
                "title": "Welcome desk for families arriving in the town",
                "parent": "1.1",
            }
        ],
    }
    found = labelled(tmp_path, text, gold)
    assert found["measure"] == ["Measure 1.1.1"]


def test_two_plans_in_one_file(tmp_path):
    text = (
        "1. WORK\n\n1.1 Job fairs with local employers\n\n"
        "Annex: the city plan\n\nA. SCHOOLS\n\nA1 Homework clubs in every district\n"
    )
    gold = {
        "genre": "plan",
        "language": "en",
        "plans": [
            {
                "areas": [{"code": "1", "title": "WORK"}],
                "measures": [
                    {
                        "code": "1.1",
                        "title": "Job fairs with local employers",
                        "parent": "1",
                    }
                ],
            },
            {
                "areas": [{"code": "A", "title": "SCHOOLS"}],
                "measures": [
                    {
                        "code": "A1",
                        "title": "Homework clubs in every district",
                        "parent": "A",
                    }
                ],
            },
        ],
    }
    found = labelled(tmp_path, text, gold)
    assert found["area"] == ["1. WORK", "A. SCHOOLS"]
    assert found["measure"] == [
        "1.1 Job fairs with local employers",
        "A1 Homework clubs in every district",
    ]


def test_practice_titles_are_the_records_not_the_contents(tmp_path):
    text = (
        "Good practices\n\nContents\nKitchen Table English .... 3\n\n"
        "Kitchen Table English\nOrganisation: Family Hub\nCity: Cork\n"
        "Years: since 2017\n\n"
        "Women meet weekly to practise English over tea.\n"
    )
    gold = {
        "genre": "practice_collection",
        "language": "en",
        "practices": [
            {
                "title": "Kitchen Table English",
                "organisation": "Family Hub",
                "country": "Ireland",
                "city": "Cork",
                "years": "2017-",
                "beneficiaries": None,
            }
        ],
    }
    layout, labels = training.gold_lines(*write(tmp_path, "20_en_x", text, gold))
    by_text = {
        line.text: label for line, label in zip(layout.lines, labels, strict=True)
    }
    assert by_text["Kitchen Table English"] == "practice"
    assert by_text["Organisation: Family Hub"] == "field"
    assert by_text["City: Cork"] == "field"
    assert labels.count("practice") == 1


def test_corpus_documents_pairs_gold_with_documents(tmp_path, monkeypatch):
    write(tmp_path, "01_en_a", PLAN, GOLD)
    (tmp_path / "02_en_b.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "000_x.txt").write_text(PLAN, encoding="utf-8")
    (tmp_path / "03_seed.gold.json").write_text(
        json.dumps({**GOLD, "source": "000_x.txt"}), encoding="utf-8"
    )
    monkeypatch.setenv("CONVIVIO_SEEDS_DIR", str(seeds))
    pairs = training.corpus_documents([tmp_path])
    assert [(d.name, g.name) for d, g in pairs] == [
        ("01_en_a.txt", "01_en_a.gold.json"),
        ("000_x.txt", "03_seed.gold.json"),
    ]


def test_the_seed_gold_files_name_seed_documents():
    golds = sorted(training.SEED_GOLD.glob("*.gold.json"))
    assert len(golds) == 5
    for gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        assert (training.seeds_dir() / gold["source"]).is_file()
        assert gold["genre"] in ("plan", "practice_collection", "other")


def test_train_command_writes_a_model(tmp_path):
    write(tmp_path, "01_en_a", PLAN, GOLD)
    write(
        tmp_path,
        "02_en_b",
        PLAN.replace("HOUSING", "HEALTH"),
        {
            **GOLD,
            "areas": [GOLD["areas"][0], {"code": "2", "title": "HEALTH"}],
        },
    )
    out = tmp_path / "model.crfsuite"
    stdout = io.StringIO()
    call_command(
        "train_labeller", "--corpus", str(tmp_path), "--out", str(out), stdout=stdout
    )
    assert out.is_file() and out.stat().st_size > 0
    assert "2 documents" in stdout.getvalue()


def test_train_command_refuses_a_missing_or_empty_folder(tmp_path):
    with pytest.raises(CommandError, match="No such folder"):
        call_command("train_labeller", "--corpus", str(tmp_path / "nowhere"))
    with pytest.raises(CommandError, match="No annotated documents"):
        call_command("train_labeller", "--corpus", str(tmp_path))
