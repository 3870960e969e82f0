"""The genre comes from what the readers found (genre.decide), not from phrases."""

from __future__ import annotations

from convivio.ingest import genre
from convivio.ingest.shapes import IndicatorDraft, NodeDraft, PlanDraft, PracticeDraft


def plan(
    measures: int, *, areas: int = 1, confidence: float = 1.0, described: int = 2
) -> PlanDraft:
    """A plan of `measures` measures, the first `described` of them with a lead."""
    nodes = [NodeDraft(str(i + 1), "area", f"Area {i + 1}") for i in range(areas)]
    nodes += [
        NodeDraft(
            f"1.{i + 1}",
            "measure",
            f"Measure {i + 1}",
            parent="1",
            confidence=confidence,
            responsible=["Town hall"] if i < described else [],
        )
        for i in range(measures)
    ]
    return PlanDraft(title="Plan", nodes=nodes)


def practices(count: int, *, confidence: float = 1.0, fields: int = 4):
    """`count` practices with the first `fields` of organisation, city, start
    year and people reached filled."""
    values = {
        "organisation": "Org",
        "city": "Lyon",
        "start_year": 2019,
        "beneficiaries_count": 40,
    }
    chosen = dict(list(values.items())[:fields])
    return [
        PracticeDraft(title=f"P{i}", confidence=confidence, **chosen)
        for i in range(count)
    ]


def test_three_measures_make_a_plan_and_the_evidence_counts_them():
    found = genre.decide([plan(3, areas=2)], [])
    assert found.genre == "plan"
    assert found.evidence == [
        "3 measures in a numbered outline",
        "2 of them with a lead body, a time frame, a budget or an indicator",
        "2 areas or objectives above them",
    ]
    # Two described measures count twice, the third once.
    assert found.scores == {"plan": 5.0, "practice_collection": 0.0}


def test_two_practices_make_a_collection():
    found = genre.decide([], practices(2))
    assert found.genre == "practice_collection"
    assert found.evidence == ["2 practices set out as records of their own"]
    assert found.scores["practice_collection"] == 6.0


def test_too_little_of_either_is_other():
    found = genre.decide([plan(2)], practices(1))
    assert found.genre == "other"
    assert found.evidence[1] == (
        "Too little to count: 2 measures in a numbered outline; "
        "1 practice set out as a record of its own."
    )


def test_a_measure_the_plan_describes_counts_twice():
    described = plan(4, described=3)
    described.indicators = [IndicatorDraft(measure="1.4", name="People reached")]
    # 3 with a lead body + 1 with an indicator: 4 × 2.
    assert genre.plan_score([described]) == (8.0, 4, 4, 1, 1)
    assert genre.plan_score([plan(4, confidence=0.5, described=0)])[0] == 2.0


def test_a_practice_counts_for_its_fields():
    # 0.5 for a bare title, + 2.5 × (filled of 4) / 4.
    assert genre.practice_score(practices(1, fields=0)) == 0.5
    assert genre.practice_score(practices(1, fields=2)) == 1.75
    assert genre.practice_score(practices(2, fields=4, confidence=0.5)) == 3.0


def test_the_same_records_read_both_ways_go_to_the_reading_they_fill():
    # Numbered practices read as bare measures (6 × 1) against the same
    # practices with their organisation, city and years (6 × 2.375).
    assert genre.decide([plan(6, described=2)], practices(6, fields=3)).genre == (
        "practice_collection"
    )
    # Measures with lead bodies (11 × 2) against the same records read as
    # practices with only a "organisation" (11 × 1.125).
    assert genre.decide([plan(11, described=11)], practices(11, fields=1)).genre == (
        "plan"
    )


def test_a_tie_goes_to_the_plan():
    assert genre.decide([plan(6)], practices(2)).genre == "plan"


def test_the_evidence_quotes_the_lines_where_the_first_records_start():
    text = "Plan\nMedida 1.1 Clases de lengua\nMedida 1.2 Mentoría\nMedida 1.3 Ferias\n"
    outline = plan(3)
    for node, code in zip(outline.nodes[1:], ("1.1", "1.2", "1.3"), strict=True):
        at = text.index(f"Medida {code}") + len("Medida ")
        node.spans = {"code": (at, at + len(code))}
    found = genre.decide([outline], [], text)
    assert found.evidence[0] == (
        "3 measures in a numbered outline "
        "(“Medida 1.1 Clases de lengua”, “Medida 1.2 Mentoría”)"
    )
    # Without the text, the count alone.
    assert genre.decide([outline], []).evidence[0] == "3 measures in a numbered outline"
