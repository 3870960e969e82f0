"""Section roles (ingest/segments.py) over small synthetic documents."""

from __future__ import annotations

from convivio.ingest.layout import normalise
from convivio.ingest.segments import assign


def _roles(text: str, language: str = "en") -> dict[str, str]:
    layout = normalise(text)
    assign(layout, language)
    return {line.text: line.section for line in layout.lines}


DOC = """Town of Brindle

Lantern Plan 2026-2029

Contents
1. Introduction ............ 2
2. Actions ................. 3
Annex 1. Costs ............. 9

1. Introduction

Brindle wants lanterns in every street and a warm welcome for everyone.

2. Actions

Axis 1. Light

1.1 Repair the lamps of the harbour.

3. Recommendations

To the regional government:
- Fund the lamp makers of the valley.

4. Glossary

Lantern: a lamp carried on a stick.

Annex 1. Costs

Lamps cost money.
"""


def test_roles_from_headings_and_lexicon() -> None:
    roles = _roles(DOC)
    assert roles["Town of Brindle"] == "front_matter"
    assert roles["Contents"] == "contents"
    assert roles["Annex 1. Costs ............. 9"] == "contents"
    assert roles["1. Introduction"] == "introduction"
    assert (
        roles["Brindle wants lanterns in every street and a warm welcome for everyone."]
        == "introduction"
    )
    assert roles["Axis 1. Light"] == "action_plan"
    assert roles["1.1 Repair the lamps of the harbour."] == "action_plan"
    assert roles["- Fund the lamp makers of the valley."] == "recommendations"
    assert roles["To the regional government:"] == "recommendations"
    # A glossary is never a recommendation.
    assert roles["Lantern: a lamp carried on a stick."] == "glossary"
    assert roles["Lamps cost money."] == "annex"


def test_sections_list_heading_and_extent() -> None:
    layout = normalise(DOC)
    sections = assign(layout, "en")
    by_role = {s.role: s for s in sections}
    rec = by_role["recommendations"]
    assert layout.lines[rec.heading].text == "3. Recommendations"
    assert layout.lines[rec.last].text == "- Fund the lamp makers of the valley."
    assert [s.role for s in sections] == [
        "front_matter",
        "contents",
        "introduction",
        "action_plan",
        "recommendations",
        "glossary",
        "annex",
    ]


def test_recommendations_closed_by_next_heading_of_same_level() -> None:
    text = (
        "1. RECOMMENDATIONS\n\nTo the city:\n- Open the library on Sundays.\n\n"
        "2. NEXT STEPS OF THE COUNCIL\n\nThe council meets in May.\n"
    )
    roles = _roles(text)
    assert roles["- Open the library on Sundays."] == "recommendations"
    assert roles["The council meets in May."] != "recommendations"


def test_annex_heading_in_contents_opens_nothing() -> None:
    text = (
        "Índice\nAnexo I. Presupuesto ........ 9\n\n"
        "1. Medidas\n\n1.1. Reparar las farolas del puerto.\n"
    )
    roles = _roles(text, "es")
    assert roles["1.1. Reparar las farolas del puerto."] == "action_plan"
