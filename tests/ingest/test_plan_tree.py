"""The plan tree built under constraints (plan_tree.build) on small invented plans."""

from __future__ import annotations

import pytest

from convivio.ingest import plan_tree
from convivio.ingest.layout import Cell, Layout, LayoutLine


def plain_layout(text: str) -> Layout:
    """One logical line per physical line: the tree is tested on its own, not
    through the layout step's heuristics."""
    lines = []
    blank = False
    offset = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = offset + raw.index(stripped)
            lines.append(
                LayoutLine(
                    text=stripped,
                    offsets=list(range(start, start + len(stripped))),
                    blank_before=blank,
                )
            )
        blank = not stripped
        offset += len(raw) + 1
    return Layout(text=text, lines=lines)


def build(text: str, language: str = "en"):
    return plan_tree.build(plain_layout(text), None, language)


def tree(plan):
    return [(n.kind, n.code, n.parent) for n in plan.nodes]


def assert_spans(text: str, plan) -> None:
    """Every field's span points at its value in the text."""
    for node in plan.nodes:
        assert text[slice(*node.spans["code"])] == node.code
        assert text[slice(*node.spans["title"])] == node.title
        if node.text:
            covered = " ".join(text[slice(*node.spans["text"])].split())
            assert covered.startswith(node.text.split()[0])
        for name in ("time_frame", "budget"):
            value = getattr(node, name)
            if value is not None and name in node.spans:
                assert " ".join(text[slice(*node.spans[name])].split()) == value
        if node.responsible:
            assert node.responsible[0] in text[slice(*node.spans["responsible"])]
    for indicator in plan.indicators:
        assert text[slice(*indicator.spans["name"])] == indicator.name
    for item in plan.recommendations:
        assert text[slice(*item.spans["audience"])] == item.audience
        assert text[slice(*item.spans["text"])].startswith(item.text[:20])


# A word that is an area in one document is an objective in another: the depth
# of its key in the document's own scheme decides.
PLAN_PRIORITY_TOP = """\
Priority 1. Housing for newcomers

1.1. A tenancy advice desk at the town hall
1.2. A guarantee fund for first rentals

Priority 2. Work and skills

2.1. Mentoring by local employers
2.2. Evening courses in the language of the town
"""

PLAN_PRIORITY_MIDDLE = """\
Pillar 1. Welcome

Priority 1.1. Information in many languages
Newcomers find what they need in a language they read.
1.1.1. A welcome guide printed in six languages
1.1.2. A telephone line for first questions

Priority 1.2. A single front desk
1.2.1. A front desk open two evenings a week

Pillar 2. Participation

Priority 2.1. Voices in the council
2.1.1. A newcomers' advisory panel meeting four times a year
2.1.2. A yearly open day at the town hall
"""


def test_the_same_word_is_an_area_in_one_document_and_an_objective_in_another():
    (top,), _, _ = build(PLAN_PRIORITY_TOP)
    assert tree(top) == [
        ("area", "1", None),
        ("measure", "1.1", "1"),
        ("measure", "1.2", "1"),
        ("area", "2", None),
        ("measure", "2.1", "2"),
        ("measure", "2.2", "2"),
    ]
    assert top.nodes[0].title == "Housing for newcomers"
    (middle,), _, _ = build(PLAN_PRIORITY_MIDDLE)
    assert tree(middle) == [
        ("area", "1", None),
        ("objective", "1.1", "1"),
        ("measure", "1.1.1", "1.1"),
        ("measure", "1.1.2", "1.1"),
        ("objective", "1.2", "1"),
        ("measure", "1.2.1", "1.2"),
        ("area", "2", None),
        ("objective", "2.1", "2"),
        ("measure", "2.1.1", "2.1"),
        ("measure", "2.1.2", "2.1"),
    ]
    assert (
        middle.nodes[1].text == "Newcomers find what they need in a language they read."
    )
    assert_spans(PLAN_PRIORITY_MIDDLE, middle)
    assert all(0 < n.confidence <= 1 for n in middle.nodes)


PLAN_WITH_DATA = """\
Axis 1. Reception

Residents registered on 1 January
38.412
Foreign residents
1.900
Share of the population
12,5 %
15.03.2024
2024
2.400 €
X – –

1.1. A reception office in the old market hall
1.2. A welcome pack for every new household

Axis 2. Language

2.1. Conversation groups in the libraries
2.2. Language courses with childcare
"""


def test_numbers_in_data_are_never_codes():
    (plan,), _, _ = build(PLAN_WITH_DATA)
    codes = [n.code for n in plan.nodes]
    assert codes == ["1", "1.1", "1.2", "2", "2.1", "2.2"]
    for data in ("38.412", "1.900", "12", "15.03", "2024", "2.400", "X"):
        assert data not in codes


def test_contents_and_budget_lines_with_leaders_are_not_nodes():
    text = (
        "Axis 1. Reception .......... 4\n"
        "Axis 2. Language .......... 7\n\n" + PLAN_WITH_DATA + "\nBudget\n"
        "Axis 1. Reception .......... 12.000\n"
        "Axis 2. Language .......... 8.500\n"
    )
    (plan,), _, _ = build(text)
    assert [n.code for n in plan.nodes if n.kind == "area"] == ["1", "2"]
    assert plan.nodes[0].title == "Reception"


def test_measures_numbered_again_in_each_chapter_differ_by_parent():
    text = """\
Axis I - Welcome

Action 1 - A reception desk in every district
Action 2 - Interpreting by telephone

Axis II - Language

Action 1 - Conversation groups for parents
Action 2 - Courses at the workplace
Action 3 - A language café on Saturdays
"""
    (plan,), _, _ = build(text)
    assert tree(plan) == [
        ("area", "I", None),
        ("measure", "1", "I"),
        ("measure", "2", "I"),
        ("area", "II", None),
        ("measure", "1", "II"),
        ("measure", "2", "II"),
        ("measure", "3", "II"),
    ]
    pairs = [(n.code, n.parent) for n in plan.nodes]
    assert len(pairs) == len(set(pairs))
    assert plan.nodes[1].title == "A reception desk in every district"


def test_a_skipped_number_is_kept_as_printed():
    text = PLAN_PRIORITY_TOP.replace("2.2. Evening", "2.4. Evening")
    (plan,), _, _ = build(text)
    assert [n.code for n in plan.nodes][-1] == "2.4"


SECOND_PLAN = """\
Area 1. Housing

1.1. A tenancy advice desk
1.2. A guarantee fund for first rentals

Area 2. Work

2.1. Mentoring by local employers
2.2. Job fairs for newcomers

Annex: Action Plan of the Youth Council

Field A. Schools

A1. Homework clubs in two neighbourhoods
A2. Holiday camps for newly arrived children

Field B. Sport

B1. Mixed football teams
B2. Swimming lessons for girls
"""


def test_a_second_numbering_after_a_finished_tree_is_a_second_plan():
    plans, _, _ = build(SECOND_PLAN)
    assert len(plans) == 2
    first, second = plans
    assert [n.code for n in first.nodes] == ["1", "1.1", "1.2", "2", "2.1", "2.2"]
    assert tree(second) == [
        ("area", "A", None),
        ("measure", "A1", "A"),
        ("measure", "A2", "A"),
        ("area", "B", None),
        ("measure", "B1", "B"),
        ("measure", "B2", "B"),
    ]
    assert first.spans["plan"][1] <= second.spans["plan"][0]


def _row(text: str, cells: list[str], start: int, table: int) -> LayoutLine:
    """A table row as the layout gives it: cells with their own offsets."""
    line = LayoutLine(
        text=text, offsets=list(range(start, start + len(text))), table=table
    )
    found = []
    at = 0
    for cell in cells:
        at = text.index(cell, at)
        found.append(Cell(cell, list(range(start + at, start + at + len(cell)))))
        at += len(cell)
    line.cells = found
    return line


def test_table_rows_are_measures_with_fields_and_a_chronogram():
    rows = [
        ("Theme 1. Welcome", None),
        ("Code | Action | Lead | 2025 | 2026 | 2027 | Budget", "header"),
        ("1.1 | A welcome desk | Social Services | X | X | | 12.000 EUR", "row"),
        ("1.2 | A city guide | Press Office | | X | X | —", "row"),
        ("Theme 2. Work", None),
        ("Code | Action | Lead | 2025 | 2026 | 2027 | Budget", "header"),
        ("2.1 | Job mentoring | Employment Agency | X | | | 8.000 EUR", "row"),
        ("2.2 | Job fairs | Chamber of Commerce | X | X | X | 3.000 EUR", "row"),
    ]
    text = ""
    lines = []
    table = 0
    for row, what in rows:
        start = len(text)
        if what is None:
            lines.append(
                LayoutLine(text=row, offsets=list(range(start, start + len(row))))
            )
        else:
            table += what == "header"
            lines.append(_row(row, [c.strip() for c in row.split("|")], start, table))
        text += row + "\n"
    plans, _, _ = plan_tree.build(Layout(text=text, lines=lines), None, "en")
    (plan,) = plans
    assert tree(plan) == [
        ("area", "1", None),
        ("measure", "1.1", "1"),
        ("measure", "1.2", "1"),
        ("area", "2", None),
        ("measure", "2.1", "2"),
        ("measure", "2.2", "2"),
    ]
    first = plan.nodes[1]
    assert first.title == "A welcome desk"
    assert first.responsible == ["Social Services"]
    assert first.time_frame == "2025, 2026"
    assert first.budget == "12.000 EUR"
    assert plan.nodes[2].budget is None  # "—" is no budget
    assert plan.nodes[5].time_frame == "2025, 2026, 2027"
    assert text[slice(*first.spans["title"])] == "A welcome desk"
    assert text[slice(*first.spans["responsible"])] == "Social Services"


def test_pipe_tables_turned_into_text_give_rows_and_an_indicator_table():
    text = """\
Axis 1. Welcome

| Code | Action | Lead | Budget |
|------|--------|------|--------|
| 1.1 | A welcome desk | Social Services | 12.000 EUR |
| 1.2 | A city guide | Press Office | 4.000 EUR |

Axis 2. Work

| Code | Action | Lead | Budget |
|------|--------|------|--------|
| 2.1 | Job mentoring | Employment Agency | 8.000 EUR |

Monitoring indicators

| Code | Indicator | Baseline | Target |
|------|-----------|----------|--------|
| 1.1 | People received at the desk | 120 | 600 |
| 1.2 | Guides handed out | n/a | 2.000 |
| 2.1 | Mentoring pairs formed | 0 | 40 |
"""
    (plan,), _, _ = build(text)
    assert [n.code for n in plan.nodes if n.kind == "measure"] == ["1.1", "1.2", "2.1"]
    assert [(i.measure, i.name, i.baseline, i.target) for i in plan.indicators] == [
        ("1.1", "People received at the desk", "120", "600"),
        ("1.2", "Guides handed out", None, "2.000"),
        ("2.1", "Mentoring pairs formed", "0", "40"),
    ]
    assert_spans(text, plan)
    # A table of baselines and targets names its indicator in its first free
    # column, whatever that column is called.
    renamed = text.replace("| Code | Indicator |", "| Ref | Output |")
    (plan,), _, _ = build(renamed)
    assert [i.name for i in plan.indicators] == [
        "People received at the desk",
        "Guides handed out",
        "Mentoring pairs formed",
    ]


INLINE = """\
Area 1. Welcome

1.1. A welcome desk open every weekday
Responsible: Social Services Department; Citizens' Advice Office
Time frame: 2025-2027
Budget: 12.000 EUR
Indicator: people received at the desk, by sex and age. Baseline 2024: 120 →
Target 2027: 600

1.2. A city guide in six languages
Responsible: Press Office
Time frame: n/a
Budget: —
Indicator: satisfaction of readers with the guide (qualitative).
Baseline: n/a → Target: good

Area 2. Work

2.1. Job mentoring
Responsible: Employment Agency
Indicator: mentoring pairs formed. Baseline 2024 = 12 % → Target 2027 = 20 %
"""


def test_fields_and_inline_indicators():
    (plan,), _, _ = build(INLINE)
    desk, guide, mentoring = (n for n in plan.nodes if n.kind == "measure")
    assert desk.responsible == ["Social Services Department", "Citizens' Advice Office"]
    assert (desk.time_frame, desk.budget) == ("2025-2027", "12.000 EUR")
    assert (guide.time_frame, guide.budget) == (None, None)
    first, second, third = plan.indicators
    assert first.measure == "1.1"
    assert first.name == "people received at the desk"
    assert first.disaggregation == ["sex", "age"]
    assert (first.baseline, first.target) == ("120", "600")
    assert second.kind == "qualitative" and second.baseline is None
    assert third.measure == "2.1" and (third.baseline, third.target) == ("12 %", "20 %")
    assert mentoring.responsible == ["Employment Agency"]
    assert_spans(INLINE, plan)


def _sheet(code: str, title: str, body: str, values_first: bool) -> str:
    pairs = [
        ("Responsible", body),
        ("Time frame", "2025-2027"),
        ("Budget", "9.000 EUR"),
    ]
    rows = [f"{v}\n{k}" if values_first else f"{k}\n{v}" for k, v in pairs]
    return f"Measure {code}\n{title}\n" + "\n".join(rows) + "\n\n"


@pytest.mark.parametrize("values_first", [False, True])
def test_labels_above_or_below_their_values(values_first):
    text = (
        "Area 1. Welcome\n\n"
        + _sheet("1.1", "A welcome desk", "Social Services", values_first)
        + _sheet("1.2", "A city guide", "Press Office", values_first)
        + "Area 2. Work\n\n"
        + _sheet("2.1", "Job mentoring", "Employment Agency", values_first)
        + _sheet("2.2", "Job fairs", "Chamber of Commerce", values_first)
    )
    (plan,), _, _ = build(text)
    measures = [n for n in plan.nodes if n.kind == "measure"]
    assert [(n.code, n.parent, n.title) for n in measures] == [
        ("1.1", "1", "A welcome desk"),
        ("1.2", "1", "A city guide"),
        ("2.1", "2", "Job mentoring"),
        ("2.2", "2", "Job fairs"),
    ]
    assert [n.responsible for n in measures] == [
        ["Social Services"],
        ["Press Office"],
        ["Employment Agency"],
        ["Chamber of Commerce"],
    ]
    assert {(n.time_frame, n.budget) for n in measures} == {("2025-2027", "9.000 EUR")}
    assert_spans(text, plan)


RECOMMENDATIONS = """\
1. Context

Some words about the town.

2. Action plan

Axis 1. Welcome

1.1. A welcome desk
1.2. A city guide

Axis 2. Work

2.1. Job mentoring
2.2. Job fairs

3. Recommendations

To the regional government
- Fund language courses for adults every year.
- Shorten the waiting time for residence permits.

To civil society organisations
- Coordinate their activities with the welcome desk.

4. Glossary

- Newcomer: a person who arrived less than three years ago.
- Mentor: a volunteer who accompanies a job seeker.
"""


def test_recommendations_under_audiences_closed_by_the_next_chapter():
    plans, loose, _ = build(RECOMMENDATIONS)
    items = [r for p in plans for r in p.recommendations] + loose
    assert [(r.audience, r.text[:20]) for r in items] == [
        ("To the regional government", "Fund language course"),
        ("To the regional government", "Shorten the waiting "),
        ("To civil society organisations", "Coordinate their act"),
    ]
    assert items[0].audience_code == "regional"
    assert not any("Newcomer" in r.text for r in items)
    for plan in plans:
        assert_spans(RECOMMENDATIONS, plan)


def test_sections_other_than_the_action_part_never_feed_the_tree():
    lay = plain_layout(RECOMMENDATIONS)
    for line in lay.lines:
        line.section = "context" if line.text.startswith("1.") else "action_plan"
    plans, _, _ = plan_tree.build(lay, None, "en")
    codes = [n.code for p in plans for n in p.nodes]
    assert "1" not in codes or all(n.title != "Context" for p in plans for n in p.nodes)


def test_lines_that_could_not_be_placed_are_returned():
    text = PLAN_PRIORITY_MIDDLE.replace(
        "Priority 1.2. A single front desk",
        "Step 7) Ask the neighbours\nPriority 1.2. A single front desk",
    ).replace("1.2.1. A front desk", "Stage 9. Printed leaflets\n1.2.1. A front desk")
    (plan,), _, unplaced = build(text)
    assert [n.code for n in plan.nodes if n.kind == "measure"] == [
        "1.1.1",
        "1.1.2",
        "1.2.1",
        "2.1.1",
        "2.1.2",
    ]
    assert "Stage 9. Printed leaflets" in [u.text for u in unplaced]
    for line in unplaced:
        assert text[slice(*line.spans["line"])] == line.text


@pytest.mark.parametrize(
    "text",
    ["", "\n\n\f", "just prose without any numbering.", "1.\n2.\n3.", "| | |\n|-|"],
)
def test_no_outline_gives_no_plan_and_no_crash(text):
    plans, loose, unplaced = build(text)
    assert plans == [] and loose == [] and unplaced == []


def test_a_numbered_report_after_a_plan_is_no_second_plan():
    text = (
        PLAN_PRIORITY_MIDDLE
        + """
Committee annual report

1. Purpose of the report

1.1. This report sums up the work of the committee.

2. Highlights

2.1. The committee met nine times.
2.2. A working group reviewed the parks.
"""
    )
    plans, _, _ = build(text)
    assert len(plans) == 1
    assert all(n.title != "Purpose of the report" for n in plans[0].nodes)


def test_records_on_semicolon_lines_keyed_by_code_are_indicators():
    text = (
        PLAN_PRIORITY_TOP
        + """
Monitoring framework

Each line gives: action; indicator; breakdown; baseline; target
1.1; Households advised at the desk; gender, nationality; 0; 300
1.2; Guarantees granted; none; n/a; 40
2.1; Mentoring pairs formed (qualitative); none; 2; 25
"""
    )
    (plan,), _, _ = build(text)
    assert [n.code for n in plan.nodes if n.kind == "measure"] == [
        "1.1",
        "1.2",
        "2.1",
        "2.2",
    ]
    assert [
        (i.measure, i.name, i.disaggregation, i.baseline, i.target, i.kind)
        for i in plan.indicators
    ] == [
        (
            "1.1",
            "Households advised at the desk",
            ["sex", "nationality"],
            "0",
            "300",
            "quantitative",
        ),
        ("1.2", "Guarantees granted", [], None, "40", "quantitative"),
        ("2.1", "Mentoring pairs formed (qualitative)", [], "2", "25", "qualitative"),
    ]
    assert_spans(text, plan)


def test_labels_from_a_labeller_are_accepted_in_their_plain_forms():
    lay = plain_layout(PLAN_PRIORITY_TOP)
    labels = [("measure", 0.9)] * len(lay.lines)
    (plan,), _, _ = plan_tree.build(lay, labels, "en")
    assert len(plan.nodes) == 6
    assert plan.nodes[1].confidence > 0.9


def test_a_short_outline_whose_levels_never_repeat_nests_by_its_codes():
    """One area, one objective, one measure: no level repeats, yet each code
    names its parent; a labeller taking the coded lines for plain headings
    lowers their confidence, not the tree."""
    text = "Local plan 2025\n\n1. Work\n1.1. Jobs for newcomers\n1.1.1. Job coaching\n"
    lay = plain_layout(text)
    for labels in (None, [("heading", 0.99)] * len(lay.lines)):
        (plan,), _, _ = plan_tree.build(lay, labels, "en")
        assert tree(plan) == [
            ("area", "1", None),
            ("objective", "1.1", "1"),
            ("measure", "1.1.1", "1.1"),
        ]
    (plan,), _, _ = plan_tree.build(lay, [("heading", 0.99)] * len(lay.lines), "en")
    assert all(n.confidence < 0.6 for n in plan.nodes)
    # Codes that do not nest (1.1.1 after 2) make no chain of three levels.
    (plan,), _, _ = build("Local plan\n\n1. Work\n2. Housing\n1.1.1. Job coaching\n")
    assert [n.kind for n in plan.nodes] == ["measure", "measure"]


@pytest.mark.parametrize("back_role", ["glossary", "legal", "annex"])
def test_back_matter_after_an_outline_with_no_action_part_is_no_node(back_role):
    """The section step found no action part holding the outline (every line
    'front_matter'): the roles before the outline are not trusted, the back
    matter after it is (an annex heading without a title of its own is no
    action part)."""
    text = (
        "Local action plan\n\n1. Work\n1.1. Job coaching\n2. Housing\n"
        "2.1. A rental fund\n\nAnnex 3\n1. Legal framework\n2. Useful addresses\n"
    )
    lay = plain_layout(text)
    back = next(i for i, line in enumerate(lay.lines) if line.text == "Annex 3")
    for i, line in enumerate(lay.lines):
        line.section = "front_matter" if i < back else "legal"
    lay.lines[back].section = back_role
    (plan,), _, _ = plan_tree.build(lay, None, "en")
    assert [n.code for n in plan.nodes] == ["1", "1.1", "2", "2.1"]


def test_a_numbering_runs_on_across_a_heading_the_section_step_misread():
    """The section step took "2. Work" for an introduction and "2.1.1" for a
    monitoring part: the numbering continues the action part before it, so its
    lines stay in the tree; back matter numbered afresh ("1. Legal framework")
    does not."""
    text = (
        "1. Housing\n1.1. Rentals\n1.1.1. A guarantee fund\n"
        "2. Work\n2.1. Jobs\n2.1.1. Job coaching\n2.1.2. Mentoring\n"
        "1. Legal framework\n2. Useful addresses\n"
    )
    lay = plain_layout(text)
    roles = ["action_plan"] * 3 + ["introduction"] * 2 + ["monitoring"] * 2
    for line, role in zip(lay.lines, [*roles, "legal", "legal"], strict=True):
        line.section = role
    (plan,), _, _ = plan_tree.build(lay, None, "en")
    assert tree(plan) == [
        ("area", "1", None),
        ("objective", "1.1", "1"),
        ("measure", "1.1.1", "1.1"),
        ("area", "2", None),
        ("objective", "2.1", "2"),
        ("measure", "2.1.1", "2.1"),
        ("measure", "2.1.2", "2.1"),
    ]


def test_fields_after_the_title_on_a_measure_line_separated_by_bars_and_wrapping():
    text = """1. HOUSING
1.1. Families find a home
1.1.1. Rent guarantee fund for newcomers | Lead: Housing Office |
Timeframe: 2026-2027 | Cost: € 40.000
1.1.2. Shared flats for young people | Lead: Youth Service of the
Town Council | Timeframe: from 2027 | Cost: n/a
1.2. Neighbours meet
1.2.1. Street dinners in summer | Lead: Welfare Desk; Parish Hall | Timeframe:
2026 | Cost: € 2.500
"""
    plans, _, _ = build(text)
    (plan,) = plans
    measures = {n.code: n for n in plan.nodes if n.kind == "measure"}
    first, second, third = measures["1.1.1"], measures["1.1.2"], measures["1.2.1"]
    assert first.title == "Rent guarantee fund for newcomers"
    assert (first.responsible, first.time_frame, first.budget) == (
        ["Housing Office"],
        "2026-2027",
        "€ 40.000",
    )
    # A value cut at the line's end (no separator) goes on below.
    assert second.responsible == ["Youth Service of the Town Council"]
    assert (second.time_frame, second.budget) == ("from 2027", None)
    # "A; B" is a joint lead, not two fields.
    assert third.responsible == ["Welfare Desk", "Parish Hall"]
    assert (third.time_frame, third.budget) == ("2026", "€ 2.500")
    # Each value's span covers it in the text, across the line break.
    for node in (first, second, third):
        assert text[slice(*node.spans["title"])] == node.title
        for name in ("time_frame", "budget"):
            if getattr(node, name) is not None:
                assert text[slice(*node.spans[name])] == getattr(node, name)
        covered = " ".join(text[slice(*node.spans["responsible"])].split())
        assert covered.startswith(node.responsible[0])


def test_fields_on_one_line_separated_by_middle_dots_semicolons_or_tabs():
    text = (
        "1. WORK\n"
        "1.1 Job coaching for refugees\n"
        "Lead: Job Centre · Timeframe: 2026 · Budget: € 9.000\n"
        "1.2 Employer network\n"
        "Lead: Chamber of Commerce; Timeframe: 2026-2028; Budget: —\n"
        "1.3 Language at work\n"
        "Lead: Adult School\tTimeframe: 2027\tBudget: € 3.000\n"
    )
    plans, _, _ = build(text)
    (plan,) = plans
    got = {
        n.code: (n.responsible, n.time_frame, n.budget)
        for n in plan.nodes
        if n.kind == "measure"
    }
    assert got == {
        "1.1": (["Job Centre"], "2026", "€ 9.000"),
        "1.2": (["Chamber of Commerce"], "2026-2028", None),
        "1.3": (["Adult School"], "2027", "€ 3.000"),
    }


def test_a_semicolon_in_prose_does_not_open_a_field():
    text = """1. HEALTH
1.1 Health mediators
The mediators meet families at home; budget questions are settled later.
Lead: Health Office
"""
    plans, _, _ = build(text)
    (node,) = [n for n in plans[0].nodes if n.kind == "measure"]
    assert node.budget is None
    assert node.responsible == ["Health Office"]


def test_a_label_whose_field_word_follows_a_qualifier_is_read():
    text = """1. SCHOOL
1.1 Homework clubs
Lead agency: Library Service
Indicative cost: €18,000
Expected timeframe: 2026 – 2028
"""
    plans, _, _ = build(text)
    (node,) = [n for n in plans[0].nodes if n.kind == "measure"]
    assert node.responsible == ["Library Service"]
    assert node.budget == "€18,000"
    assert node.time_frame == "2026 – 2028"


def test_a_table_printed_in_pieces_reuses_the_header_printed_once():
    text = (
        "1. WELCOME\n"
        "Code\tAction\tResponsible\tTimeframe\tBudget\n"
        "1.1\tWelcome desk at the town hall\tSocial Office\t2026\t€ 5.000\n"
        "2. LANGUAGE\n"
        "2.1\tEvening language classes for adults\tAdult School\t2026-2028\t€ 12.000\n"
    )
    plans, _, _ = build(text)
    got = {
        n.code: (n.responsible, n.time_frame, n.budget)
        for p in plans
        for n in p.nodes
        if n.kind == "measure"
    }
    assert got["2.1"] == (["Adult School"], "2026-2028", "€ 12.000")


def test_indicator_records_keyed_by_a_measure_code_one_field_a_line():
    text = """1. WELCOME
1.1 Welcome desk
Lead: Social Office
1.2 Interpreting by phone
Lead: Social Office
2. LANGUAGE
2.1 Evening classes
Lead: Adult School

MONITORING
Each action has one indicator.
Action: 1.1
Indicator: People served at the desk (by sex)
Baseline: 0
Target: 1.500

Action: 1.2
Indicator: Interpreting calls answered within
one working day
Baseline: n/a
Target: 700
"""
    plans, _, _ = build(text)
    (plan,) = plans
    got = {
        (i.measure, i.name, i.baseline, i.target, tuple(i.disaggregation))
        for i in plan.indicators
    }
    assert got == {
        ("1.1", "People served at the desk", "0", "1.500", ("sex",)),
        (
            "1.2",
            "Interpreting calls answered within one working day",
            None,
            "700",
            (),
        ),
    }
    # The last measure's own lines end where another measure's record begins.
    (last,) = [n for n in plan.nodes if n.code == "2.1"]
    assert "People served" not in last.text


def test_the_word_for_goal_after_an_indicator_is_its_target():
    text = """1. ΥΠΟΔΟΧΗ
1.1 Γραφείο εξυπηρέτησης
Υπεύθυνος φορέας: Κέντρο Κοινότητας
1.2 Οδηγός υπηρεσιών
Υπεύθυνος φορέας: Γραφείο Δημάρχου

Δράση: 1.1
Δείκτης: Άτομα που εξυπηρετήθηκαν
Τιμή βάσης: 0
Στόχος: 1.500
"""
    plans, _, _ = build(text, "el")
    (indicator,) = plans[0].indicators
    assert (indicator.measure, indicator.baseline, indicator.target) == (
        "1.1",
        "0",
        "1.500",
    )


def test_a_run_misread_as_front_matter_holding_measure_records_is_action_part():
    text = """1. Foreword
The council adopted this programme in 2025.
2. Programme
1. WORK
1.1 Job coaching | Lead: Job Centre | Timeframe: 2026
1.2 Employer breakfasts | Lead: Chamber of Commerce | Timeframe: 2027
2. HOUSING
2.1 Rent guarantee | Lead: Housing Office | Timeframe: 2026-2028
"""
    layout = plain_layout(text)
    for line in layout.lines:
        line.section = "front_matter"
    plans, _, _ = plan_tree.build(layout, None, "en")
    (plan,) = plans
    got = {
        n.code: (n.title, n.responsible, n.time_frame)
        for n in plan.nodes
        if n.kind == "measure"
    }
    assert got == {
        "1.1": ("Job coaching", ["Job Centre"], "2026"),
        "1.2": ("Employer breakfasts", ["Chamber of Commerce"], "2027"),
        "2.1": ("Rent guarantee", ["Housing Office"], "2026-2028"),
    }
    # The foreword's numbered paragraphs before the outline stay out of it.
    assert [n.code for n in plan.nodes if n.kind == "area"] == ["1", "2"]
    assert "Foreword" not in [n.title for n in plan.nodes]


def test_numbered_paragraphs_without_records_stay_front_matter():
    text = """1. Foreword
2. Who we are
3. What we did
"""
    layout = plain_layout(text)
    for line in layout.lines:
        line.section = "front_matter"
    layout.lines.append(
        LayoutLine(text="1.1 Welcome desk", offsets=list(range(16)), section="")
    )
    plan_tree._described_runs(layout.lines, "en")
    assert [line.section for line in layout.lines[:3]] == ["front_matter"] * 3


def test_a_second_plan_under_a_compound_plan_word_is_read():
    text = """1. WORK
1.1 Job coaching
Lead: Job Centre
1.2 Employer breakfasts
Lead: Chamber of Commerce
2. HOUSING
2.1 Rent guarantee
Lead: Housing Office

Bijlage: wijkactieplan Oostpolder
THEMA A Ontmoeten
A1 Buurtmaaltijd
Trekker: Welzijn
A2 Speelmiddagen
Trekker: Wijkteam
THEMA B Schoon en veilig
B1 Afvalcoaches
Trekker: Stadsbeheer
"""
    plans, _, _ = build(text, "nl")
    assert len(plans) == 2
    assert [(n.code, n.responsible) for n in plans[1].nodes if n.kind == "measure"] == [
        ("A1", ["Welzijn"]),
        ("A2", ["Wijkteam"]),
        ("B1", ["Stadsbeheer"]),
    ]
    # Without the compound plan word the annex is no plan of its own.
    plans, _, _ = build(text.replace("wijkactieplan", "wijkverslag"), "nl")
    assert len(plans) == 1


def test_fields_read_under_measures_support_a_reading_only_when_records_repeat():
    from convivio.ingest.shapes import NodeDraft, PlanDraft

    def reading(described: int) -> list[PlanDraft]:
        nodes = [NodeDraft(code="1", kind="area", title="Work")]
        for k in range(1, 5):
            node = NodeDraft(code=f"1.{k}", kind="measure", title="x", parent="1")
            if k <= described:
                node.responsible = ["Job Centre"]
                node.time_frame = "2026"
            nodes.append(node)
        return [PlanDraft(title="Plan", nodes=nodes)]

    bare = plan_tree.support(reading(0))
    assert plan_tree.support(reading(3)) == bare + 6
    # One stray label under one measure is no record layout.
    assert plan_tree.support(reading(1)) == bare


def test_a_dated_value_before_a_target_is_the_baseline():
    text = """1. LOGEMENT
1.1 Baux glissants
Pilote : Service habitat
Indicateur : ménages relogés — situation 2025 : 6 ; cible 2028 : 40
1.2 Colocations
Pilote : Mission locale
Indicateur : jeunes logés, par sexe — situation 2025 : n.d. ;
cible 2028 : 24
"""
    plans, _, _ = build(text, "fr")
    got = [
        (i.measure, i.name, i.baseline, i.target, i.disaggregation)
        for i in plans[0].indicators
    ]
    assert got == [
        ("1.1", "ménages relogés", "6", "40", []),
        ("1.2", "jeunes logés", None, "24", ["sex"]),
    ]


def test_label_words_of_a_script_without_case_and_its_semicolon():
    text = """المحور 1: الخدمات
الهدف 1.1: تسهيل الوصول
الإجراء 1.1.1: مكتب خدمة موحد
الجهة المسؤولة: قسم التنمية؛ مديرية العمل
الإطار الزمني: ٢٠٢٦ – ٢٠٢٨
المؤشر: عدد المراجعين – خط الأساس: ٠ – المستهدف: ٤٬٠٠٠
الإجراء 1.1.2: تطبيق إلكتروني
الجهة المسؤولة: وحدة التحول الرقمي
المؤشر: عدد الشكاوى – خط الأساس: غير متوفر – المستهدف: ٨٠٪
الهدف 1.2: تحسين الأحياء
الإجراء 1.2.1: إعادة تأهيل الحدائق
الجهة المسؤولة: قسم الأشغال العامة
"""
    plans, _, _ = build(text, "ar")
    (plan,) = plans
    measures = [n for n in plan.nodes if n.kind == "measure"]
    assert [(n.code, n.parent) for n in measures] == [
        ("1.1.1", "1.1"),
        ("1.1.2", "1.1"),
        ("1.2.1", "1.2"),
    ]
    assert measures[0].responsible == ["قسم التنمية", "مديرية العمل"]
    assert measures[0].time_frame == "٢٠٢٦ – ٢٠٢٨"
    got = [(i.measure, i.baseline, i.target) for i in plan.indicators]
    assert got == [("1.1.1", "٠", "٤٬٠٠٠"), ("1.1.2", None, "٨٠٪")]


def test_a_lower_case_word_before_a_number_is_no_label():
    text = """1. WORK
1.1 Job coaching
Lead: Job Centre
in 2026 the coaching reaches 40 people
1.2 Employer breakfasts
Lead: Chamber of Commerce
"""
    plans, _, _ = build(text)
    assert [n.code for n in plans[0].nodes if n.kind == "measure"] == ["1.1", "1.2"]


def test_a_chapter_number_before_a_level_word_and_its_code_gives_the_labelled_code():
    text = """4  Goal 1  Access to services
Action LA1.1 Welcome pack
Lead agency: Community Unit
Action LA1.2 Interpreting at the desk
Lead agency: Customer Services
5  Goal 2  Skills and work
Action LA2.1 English circles
Lead agency: Library Service
"""
    plans, _, _ = build(text)
    (plan,) = plans
    assert [(n.kind, n.code, n.parent) for n in plan.nodes] == [
        ("area", "1", None),
        ("measure", "LA1.1", "1"),
        ("measure", "LA1.2", "1"),
        ("area", "2", None),
        ("measure", "LA2.1", "2"),
    ]
    assert plan.nodes[0].title == "Access to services"


def test_a_parents_label_and_code_before_the_nodes_own_and_fields_below_labels():
    text = """Obiettivo 1 – Conoscere i servizi

Obiettivo 1 – Azione 1.1
Sportello informativo per stranieri
Responsabile
Ufficio Relazioni con il Pubblico
Tempi
da gennaio 2026
Indicatore: persone ricevute · valore iniziale: 0 · valore atteso: 500

Obiettivo 1 – Azione 1.2
Mediazione linguistica nei servizi sociali
Responsabile
Consorzio Socio-Assistenziale
Tempi
2026 – 2028
Indicatore: ore di mediazione · valore iniziale: 180 · valore atteso: 600

Obiettivo 2 – Imparare l'italiano

Obiettivo 2 – Azione 2.1
Corsi serali di italiano
Responsabile
CPIA 1 Cuneo
Tempi
2026 – 2027
"""
    plans, _, _ = build(text, "it")
    (plan,) = plans
    measures = [n for n in plan.nodes if n.kind == "measure"]
    assert [(n.code, n.parent) for n in measures] == [
        ("1.1", "1"),
        ("1.2", "1"),
        ("2.1", "2"),
    ]
    assert measures[0].title == "Sportello informativo per stranieri"
    assert measures[1].responsible == ["Consorzio Socio-Assistenziale"]
    assert measures[2].time_frame == "2026 – 2027"
    got = [(i.measure, i.baseline, i.target) for i in plan.indicators]
    assert got == [("1.1", "0", "500"), ("1.2", "180", "600")]
