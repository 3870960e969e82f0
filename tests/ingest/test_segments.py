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


def test_chapter_of_measures_without_a_role_word_is_the_action_part() -> None:
    text = (
        "INTRODUCTION\n\nThe town wants lanterns.\n\n"
        "1. LIGHT\n\nLight matters to everyone in town.\n\n"
        "1.1.1. Repair the harbour lamps.\n\n1.1.2. Paint the lamp posts.\n\n"
        "2. CONTACTS\n\nWrite to the town hall.\n"
    )
    roles = _roles(text)
    assert roles["The town wants lanterns."] == "introduction"
    assert roles["1.1.1. Repair the harbour lamps."] == "action_plan"
    assert roles["Light matters to everyone in town."] == "action_plan"
    assert roles["Write to the town hall."] == "introduction"


def test_document_title_and_repeated_field_labels_are_not_sections() -> None:
    text = (
        "LANTERN ACTION PLAN\n\n"
        "1. Introduction\n\nWhy lanterns.\n\n"
        "2. Actions\n\n"
        "Action 1 Harbour lamps\n\nBudget\n\n900 EUR\n\n"
        "Action 2 Market lamps\n\nBudget\n\n400 EUR\n\n"
        "Action 3 Bridge lamps\n\nBudget\n\n300 EUR\n"
    )
    roles = _roles(text)
    assert roles["LANTERN ACTION PLAN"] == "front_matter"
    assert roles["Why lanterns."] == "introduction"
    # "Budget" printed in every record is a field label, not a budget chapter.
    assert roles["300 EUR"] == "action_plan"


def test_budget_rows_repeating_area_headings_are_not_headings() -> None:
    text = (
        "1. Actions\n\nArea 1 Light\n\n1.1 Repair lamps.\n\n"
        "2. Budget\n\n"
        "Area 1 Light ............................ 59.500\n"
        "Area 2 Warmth ........................... 12.000\n"
    )
    roles = _roles(text)
    assert roles["Area 2 Warmth ........................... 12.000"] == "budget"


def test_audience_sub_headings_stay_in_recommendations() -> None:
    text = (
        "5. RECOMMENDATIONS\n\n"
        "To the State\n"
        "a) Fund the lamps.\n\n"
        "To the Region\n"
        "a) Train the lamp makers.\n\n"
        "6. GLOSSARY\n\n"
        "Lamp: a light.\n"
    )
    layout = normalise(text)
    sections = assign(layout, "en")
    roles = {line.text: line.section for line in layout.lines}
    assert roles["a) Train the lamp makers."] == "recommendations"
    assert roles["Lamp: a light."] == "glossary"
    assert [s.role for s in sections] == ["recommendations", "glossary"]


def test_sections_other_languages() -> None:
    text = (
        "1. DIAGNÓSTICO\n\nDatos del padrón.\n\n"
        "2. EJES Y MEDIDAS\n\nEje 1. Acogida\n\n1.1.1. Oficina de acogida.\n\n"
        "3. SEGUIMIENTO Y EVALUACIÓN\n\nInformes anuales.\n"
    )
    roles = _roles(text, "es")
    assert roles["Datos del padrón."] == "diagnosis"
    assert roles["1.1.1. Oficina de acogida."] == "action_plan"
    assert roles["Informes anuales."] == "monitoring"
