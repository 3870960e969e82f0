"""The plan parser on the real seed 000 (a collection of local action plans).

The seeds are read from ../shared/seeds beside the checkout (CONVIVIO_SEEDS_DIR
overrides); a missing folder fails the tests.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from convivio.ingest.parse_plan import parse_plan_document, parse_plans

ROOT = Path(__file__).resolve().parents[2]
SEEDS = Path(os.environ.get("CONVIVIO_SEEDS_DIR") or ROOT.parent / "shared" / "seeds")


def seed_text(prefix: str) -> str:
    assert SEEDS.is_dir(), f"The seed documents are missing: {SEEDS}"
    (path,) = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed000():
    text = seed_text("000")
    return text, parse_plans(text, "en")


def expected_codes(text: str, pattern: str) -> set[str]:
    """Codes as numbered in the Andalusian part of the text (before the annexes)."""
    andalusia = text[: text.index("OF INTEREST")]
    return {m.group(1) for m in re.finditer(pattern, andalusia, re.MULTILINE)}


def precision_recall(found: list[str], expected: set[str]) -> tuple[float, float]:
    hits = len(set(found) & expected)
    return hits / max(len(found), 1), hits / len(expected)


def by_title(plans, needle):
    matches = [
        p
        for p in plans
        if needle.lower() in (p.title + " " + (p.territory or "")).lower()
    ]
    assert len(matches) == 1, [p.title for p in plans]
    return matches[0]


def test_andalusian_plan_counts_and_precision(seed000):
    text, plans = seed000
    plan = plans[0]
    assert "Andalusia" in plan.title
    assert plan.territory == "Andalusia"
    measures = [n.code for n in plan.nodes if n.kind == "measure"]
    objectives = [n.code for n in plan.nodes if n.kind == "objective"]
    areas = [(n.code, n.title) for n in plan.nodes if n.kind == "area"]
    expected_measures = expected_codes(text, r"^\s*([1-5]\.\d+\.\d+)\.?\s")
    expected_objectives = expected_codes(
        text, r"^\s*([1-5]\.\d+)\.?\s*(?:\n\s*)?Specific"
    )
    assert len(expected_measures) == 100
    assert len(expected_objectives) == 39
    assert "4.9.2" not in expected_measures
    p, r = precision_recall(measures, expected_measures)
    assert p >= 0.95 and r >= 0.95, (p, r)
    p, r = precision_recall(objectives, expected_objectives)
    assert p >= 0.95 and r >= 0.95, (p, r)
    # Exactly as numbered in the text: no invented 4.9.2.
    assert len(measures) == 100 and "4.9.2" not in measures
    assert len(objectives) == 39
    assert areas == [
        ("1", "EDUCATION"),
        ("2", "SOCIO-LABOUR"),
        ("3", "SOCIO-SANITARY"),
        ("4", "INCLUSION AND SOCIAL WELFARE"),
        ("5", "SOCIAL AWARENESS"),
    ]
    parents = {n.code: n.parent for n in plan.nodes}
    assert parents["1.1.1"] == "1.1" and parents["1.1"] == "1"
    assert parents["4.10.1"] == "4.10"
    assert len(plan.general_objectives) == 5
    assert len(plan.transversal_axes) == 3


def test_andalusian_indicators_with_disaggregation(seed000):
    _, plans = seed000
    indicators = plans[0].indicators
    measures = {i.measure for i in indicators}
    assert measures == {"4.8.1", "4.8.2", "4.9.1", "4.9.3", "4.9.4", "4.9.5", "4.10.1"}
    kinds = {i.kind for i in indicators}
    assert kinds == {"quantitative", "qualitative"}
    full = [
        i for i in indicators if i.disaggregation == ["province", "age", "nationality"]
    ]
    assert len(full) >= 12
    assert {i.measure for i in full} >= {"4.8.1", "4.9.1", "4.9.3", "4.9.4", "4.10.1"}
    for i in indicators:
        if "Distribution of data" not in i.name:
            continue
        raise AssertionError(f"the distribution note stays in the name: {i.name}")


@pytest.mark.parametrize(
    ("needle", "min_areas", "min_measures"),
    [
        ("Lecce", 3, 9),
        ("Pisa", 5, 10),
        ("Hamburg", 7, 5),
        ("Maribor", 4, 0),
        ("Alianza", 5, 0),
        ("Pluralis", 1, 0),
        ("Molenbeek", 6, 10),
    ],
)
def test_local_plans_are_separate_plans(seed000, needle, min_areas, min_measures):
    _, plans = seed000
    plan = by_title(plans, needle)
    areas = [n for n in plan.nodes if n.kind == "area"]
    measures = [n for n in plan.nodes if n.kind == "measure"]
    assert len(areas) >= min_areas
    assert len(measures) >= min_measures


def test_lecce_axes_and_actions(seed000):
    _, plans = seed000
    plan = by_title(plans, "Lecce")
    assert plan.territory == "Lecce"
    areas = [(n.code, n.title) for n in plan.nodes if n.kind == "area"]
    assert [code for code, _ in areas] == ["1", "2", "3"]
    assert areas[0][1] == "PROFESSIONAL TRAINING AND WORK"
    assert areas[2][1].startswith("INTERCULTURE AND ANTIDISCRIMINATION")
    actions = [(n.parent, n.code) for n in plan.nodes if n.kind == "measure"]
    assert actions == [(a, c) for a in "123" for c in "123"]


def test_hamburg_measure_sheets(seed000):
    _, plans = seed000
    plan = by_title(plans, "Hamburg")
    assert [n.code for n in plan.nodes if n.kind == "area"] == [
        "I",
        "II",
        "III",
        "IV",
        "V",
        "VI",
        "VII",
    ]
    sheets = {n.title: n for n in plan.nodes if n.kind == "measure" and not n.code}
    assert set(sheets) == {
        "Fostering the self-confidence",
        "Supporting the language skills",
        "Social Integration",
        "Integration into the labour-market",
        "Supporting the child-care",
    }
    assert (
        sheets["Fostering the self-confidence"].time_frame
        == "Up to one year per person"
    )
    assert sheets["Social Integration"].time_frame == "Without a time-wise restriction"
    assert "District Administrations" in sheets["Social Integration"].responsible
    assert all(s.responsible and s.time_frame and s.budget for s in sheets.values())


def test_alianza_recommendations_with_six_audiences(seed000):
    text, plans = seed000
    plan = by_title(plans, "Alianza")
    assert plan.organisation == "ALIANZA POR LA SOLIDARIDAD"
    audiences = list(dict.fromkeys(r.audience for r in plan.recommendations))
    assert audiences == [
        "To the State administration",
        "Autonomic Administration",
        "Local authorities",
        "To the Civil Society Organizations",
        "To population in general",
        "To the Media",
    ]
    codes = list(dict.fromkeys(r.audience_code for r in plan.recommendations))
    assert codes == [
        "state",
        "regional",
        "local",
        "civil_society",
        "population",
        "media",
    ]
    counts = {a: sum(r.audience == a for r in plan.recommendations) for a in audiences}
    assert counts == {
        "To the State administration": 11,
        "Autonomic Administration": 5,
        "Local authorities": 22,
        "To the Civil Society Organizations": 8,
        "To population in general": 3,
        "To the Media": 3,
    }
    for rec in plan.recommendations:
        a, b = rec.spans["text"]
        assert text[a:b] == rec.text


def test_annex_general_recommendations_by_area():
    """The annex of general recommendations is no plan: its recommendations,
    grouped by area, belong to the document (issue 9 changed this from a ninth
    "plan" titled ANEX: GENERAL RECOMMENDATIONS)."""
    plans, general = parse_plan_document(seed_text("000"), "en")
    assert not [p for p in plans if "RECOMMENDATIONS" in p.title.upper()]
    groups = list(dict.fromkeys(r.audience for r in general))
    assert groups == [
        "EDUCATION",
        "SOCIO-LABOUR",
        "SOCIO-SANITARY",
        "INCLUSION AND SOCIAL WELFARE",
        "SOCIAL AWARENESS",
    ]
    assert len(general) >= 28


def test_the_eight_plans_of_seed_000_and_no_appendix(seed000):
    """Andalusia and the seven local plans; "OF INTEREST" (the Andalusian plan's
    legal framework and subsidies) is back matter, not a plan."""
    _, plans = seed000
    assert len(plans) == 8
    assert [p.territory for p in plans] == [
        "Andalusia",
        "Lecce",
        "Pisa",
        "Hamburg",
        "Maribor",
        "Spain",
        "Wallonia",
        "Brussels",
    ]
    assert not [p for p in plans if "INTEREST" in p.title.upper()]


def test_plans_do_not_overlap_and_cover_the_text(seed000):
    text, plans = seed000
    assert len(plans) == 8
    previous_end = 0
    for plan in plans:
        start, end = plan.spans["plan"]
        assert start >= previous_end
        previous_end = end
    assert previous_end <= len(text)


def test_other_seeds_make_no_plan_of_practices():
    """The practice booklets have no plan outline of areas and measures."""
    for prefix in ("001", "004"):
        plans = parse_plans(seed_text(prefix), "en")
        measures = sum(
            n.kind == "measure" and bool(n.code) for p in plans for n in p.nodes
        )
        assert measures < 40


@pytest.mark.parametrize("prefix", ["001", "004"])
def test_practice_booklets_give_no_real_plan(prefix):
    """A practice booklet fed to the plan parser: no recommendations without a plan,
    and no plan with more than a handful of items."""
    plans = parse_plans(seed_text(prefix), "en")
    for plan in plans:
        assert not plan.recommendations
        assert len(plan.nodes) + len(plan.indicators) <= 6, plan.title
    assert len(plans) <= 2
