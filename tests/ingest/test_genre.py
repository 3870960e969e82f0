"""The genre comes from what the readers found (genre.decide), not from phrases."""

from __future__ import annotations

from convivio.ingest import genre
from convivio.ingest.shapes import NodeDraft, PlanDraft, PracticeDraft


def plan(measures: int, *, areas: int = 1, confidence: float = 1.0) -> PlanDraft:
    nodes = [NodeDraft(str(i + 1), "area", f"Area {i + 1}") for i in range(areas)]
    nodes += [
        NodeDraft(
            f"1.{i + 1}",
            "measure",
            f"Measure {i + 1}",
            parent="1",
            confidence=confidence,
        )
        for i in range(measures)
    ]
    return PlanDraft(title="Plan", nodes=nodes)


def practices(count: int, confidence: float = 1.0) -> list[PracticeDraft]:
    return [PracticeDraft(title=f"P{i}", confidence=confidence) for i in range(count)]


def test_three_measures_make_a_plan_and_the_evidence_counts_them():
    found = genre.decide([plan(3, areas=2)], [])
    assert found.genre == "plan"
    assert found.evidence[:2] == [
        "3 measures in a numbered outline",
        "2 areas or objectives above them",
    ]
    assert found.scores == {"plan": 3.0, "practice_collection": 0.0}


def test_two_practices_make_a_collection():
    found = genre.decide([], practices(2))
    assert found.genre == "practice_collection"
    assert found.evidence == ["2 practices set out as records of their own"]


def test_too_little_of_either_is_other():
    found = genre.decide([plan(2)], practices(1))
    assert found.genre == "other"
    assert found.evidence[1] == (
        "Too little to count: 2 measures in a numbered outline; "
        "1 practice set out as a record of its own."
    )


def test_when_both_found_something_the_weightier_structure_wins():
    # 2 sure practices weigh 2 × 3 = 6: more than 5 measures, less than 7.
    assert genre.decide([plan(5)], practices(2)).genre == "practice_collection"
    assert genre.decide([plan(7)], practices(2)).genre == "plan"
    # Doubtful measures weigh less: 7 × 0.5 = 3.5 < 6.
    assert genre.decide([plan(7, confidence=0.5)], practices(2)).genre == (
        "practice_collection"
    )


def test_a_tie_goes_to_the_plan():
    assert genre.decide([plan(6)], practices(2)).genre == "plan"


def test_records_that_are_the_plans_own_measures_do_not_make_a_collection():
    # Measure records with fields ("Lead: …", "Budget: …") can also be read as
    # practices; when those practices' titles lie inside the plan's nodes, the
    # numbered outline is the reading.
    outline = plan(4)
    for number, node in enumerate(outline.nodes):
        node.spans = {"title": (100 * number, 100 * number + 40)}
    same = [
        PracticeDraft(title=f"M{n}", spans={"title": (100 * n + 5, 100 * n + 30)})
        for n in range(1, 5)
    ]
    # Neither reading has its fields filled: the numbered outline wins the tie.
    assert genre.decide([outline], same).genre == "plan"
    # Practices with organisation, city and years whose "measures" have no lead
    # body, time frame, budget or indicator: the records are practices.
    for practice in same:
        practice.organisation, practice.city, practice.years = "Org", "Lyon", "2020"
    assert genre.decide([outline], same).genre == "practice_collection"
    # Measures with lead bodies as well: the plan reading stays.
    for node in outline.nodes:
        node.responsible = ["Town hall"]
    assert genre.decide([outline], same).genre == "plan"
    elsewhere = [
        PracticeDraft(
            title=f"P{n}", spans={"title": (10_000 + 50 * n, 10_040 + 50 * n)}
        )
        for n in range(4)
    ]
    assert genre.decide([outline], elsewhere).genre == "practice_collection"
