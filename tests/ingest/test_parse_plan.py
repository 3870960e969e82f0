"""The plan parser on small documents written for these tests, in six languages."""

from __future__ import annotations

import importlib
import random
import re
import sys
from pathlib import Path

import pytest

from convivio.ingest.outline import (
    disaggregation_keys,
    is_heading_like,
    parse_marker,
    roman_to_int,
    split_lines,
)
from convivio.ingest.parse_plan import audience_code, parse_plans

DOCUMENTS = Path(__file__).parent / "documents" / "plans"


def parse(name: str, language: str):
    text = (DOCUMENTS / name).read_text(encoding="utf-8")
    return text, parse_plans(text, language)


def tree(plan) -> list[tuple[str, str, str | None, str]]:
    return [(n.kind, n.code, n.parent, n.title) for n in plan.nodes]


def assert_spans(text: str, plan) -> None:
    """Every span points at the text of its field."""
    start, end = plan.spans["plan"]
    assert 0 <= start < end <= len(text)
    for node in plan.nodes:
        a, b = node.spans["title"]
        assert text[a:b] == node.title
        if node.code:
            a, b = node.spans["code"]
            assert text[a:b] == node.code
    for indicator in plan.indicators:
        a, b = indicator.spans["name"]
        assert text[a:b] == indicator.name
    for rec in plan.recommendations:
        a, b = rec.spans["text"]
        assert text[a:b] == rec.text
        a, b = rec.spans["audience"]
        assert text[a:b] == rec.audience


def test_spanish_labels_on_their_own_lines_indicators_and_sheet():
    text, plans = parse("es_plan_municipal.txt", "es")
    assert len(plans) == 1
    plan = plans[0]
    assert plan.title == "PLAN MUNICIPAL DE CONVIVENCIA DE VALDEMORA 2024-2027"
    assert plan.territory == "Valdemora"
    assert plan.organisation == "Ayuntamiento de Valdemora"
    assert len(plan.general_objectives) == 2
    assert tree(plan) == [
        ("area", "1", None, "Acogida e información"),
        (
            "objective",
            "1.1",
            "1",
            "Mejorar la primera acogida en los servicios sociales",
        ),
        (
            "measure",
            "1.1.1",
            "1.1",
            "Abrir una oficina de acogida con atención en árabe, francés y rumano",
        ),
        ("measure", "1.1.2", "1.1", "Editar una guía de recursos en seis idiomas"),
        ("objective", "1.2", "1", "Reducir los tiempos de empadronamiento"),
        ("measure", "1.2.1", "1.2", "Cita previa en línea para el padrón"),
        ("area", "2", None, "Empleo"),
        ("objective", "2.1", "2", "Facilitar el acceso al empleo local"),
        (
            "measure",
            "2.1.1",
            "2.1",
            "Itinerarios de inserción laboral con empresas de la comarca",
        ),
        # 2.1.2 is not in the text: kept as written, never invented.
        (
            "measure",
            "2.1.3",
            "2.1",
            "Reconocimiento de títulos obtenidos en el extranjero",
        ),
    ]
    sheet = plan.nodes[2]
    assert sheet.responsible == ["Concejalía de Servicios Sociales"]
    assert sheet.time_frame == "2024-2025"
    assert sheet.budget == "45.000 euros"
    a, b = sheet.spans["budget"]
    assert text[a:b] == "45.000 euros"
    assert [(i.measure, i.kind, i.disaggregation) for i in plan.indicators] == [
        ("1.1.1", "quantitative", ["sex", "age"]),
        ("1.1.1", "quantitative", ["nationality"]),
    ]
    assert [(r.audience, r.audience_code) for r in plan.recommendations] == [
        ("A la Administración local", "local"),
        ("A los medios de comunicación", "media"),
    ]
    assert_spans(text, plan)


def test_italian_roman_numerals_and_numbered_actions():
    text, plans = parse("it_piano_locale.txt", "it")
    assert len(plans) == 1
    plan = plans[0]
    assert plan.title == "Piano d'azione locale del Comune di Borgoverde"
    assert plan.territory == "Borgoverde"
    assert tree(plan) == [
        ("area", "I", None, "Lavoro e formazione"),
        ("measure", "1", "I", "sportello di orientamento al lavoro per donne migranti"),
        ("measure", "2", "I", "corsi di italiano con servizio di baby-sitting"),
        ("area", "II", None, "Salute"),
        ("measure", "1", "II", "mediazione culturale nei consultori"),
        ("measure", "2", "II", "campagna di prevenzione in cinque lingue"),
        ("area", "III", None, "Intercultura"),
        ("measure", "1", "III", "festa di quartiere annuale"),
    ]
    assert [(i.measure, i.kind, i.name, i.disaggregation) for i in plan.indicators] == [
        (
            "2",
            "quantitative",
            "Numero di partecipanti ai corsi",
            ["sex", "nationality"],
        ),
        ("2", "qualitative", "Soddisfazione delle partecipanti", []),
    ]
    assert_spans(text, plan)


def test_portuguese_label_and_number_on_separate_lines():
    text, plans = parse("pt_plano_municipal.txt", "pt")
    plan = plans[0]
    assert plan.title.startswith("Plano Municipal para a Integração de Migrantes")
    assert plan.territory == "Vila Serena"
    assert [(n.kind, n.code, n.parent) for n in plan.nodes] == [
        ("area", "1", None),
        ("objective", "1.1", "1"),
        ("measure", "1.1.1", "1.1"),
        ("measure", "1.1.2", "1.1"),
        ("area", "2", None),
        ("objective", "2.1", "2"),
        ("measure", "2.1.1", "2.1"),
        ("objective", "2.2", "2"),
        ("measure", "2.2.1", "2.2"),
    ]
    assert plan.nodes[0].title == "Acolhimento"
    assert plan.nodes[2].title == "Balcão único de atendimento a migrantes"
    assert_spans(text, plan)


def test_german_handlungsfeld_ziel_massnahme_with_attributes():
    text, plans = parse("de_aktionsplan.txt", "de")
    plan = plans[0]
    assert plan.territory == "Lindenfeld"
    assert [(n.kind, n.code, n.parent) for n in plan.nodes] == [
        ("area", "1", None),
        ("objective", "1.1", "1"),
        ("measure", "1.1.1", "1.1"),
        ("measure", "1.1.2", "1.1"),
        ("area", "2", None),
        ("objective", "2.1", "2"),
        ("measure", "2.1.1", "2.1"),
        ("measure", "2.1.2", "2.1"),
    ]
    assert plan.nodes[0].title == "Sprache und Bildung"
    first = plan.nodes[2]
    assert (first.responsible, first.time_frame, first.budget) == (
        ["Amt für Bildung"],
        "2025 bis 2026",
        "40.000 Euro",
    )
    assert plan.indicators[0].measure == "1.1.1"
    assert plan.indicators[0].disaggregation == ["sex", "age"]
    assert_spans(text, plan)


def test_french_numbers_without_dots_and_lettered_items():
    text, plans = parse("fr_plan_local.txt", "fr")
    plan = plans[0]
    assert plan.territory == "Saint-Armel"
    assert tree(plan) == [
        ("area", "1", None, "Logement"),
        ("objective", "1.1", "1", "Accès au logement social"),
        (
            "measure",
            "a",
            "1.1",
            "Permanence d'information sur les demandes de logement",
        ),
        ("measure", "b", "1.1", "Accompagnement des familles lors des visites"),
        ("objective", "1.2", "1", "Lutte contre l'habitat indigne"),
        ("measure", "a", "1.2", "Visites conjointes avec le service d'hygiène"),
        ("area", "2", None, "Santé"),
        ("objective", "2.1", "2", "Accès aux droits"),
        ("measure", "a", "2.1", "Ateliers sur l'assurance maladie"),
    ]
    assert [(r.audience, r.audience_code) for r in plan.recommendations] == [
        ("Aux collectivités locales", "local"),
        ("À la société civile", "civil_society"),
    ]
    assert_spans(text, plan)


def test_english_two_plans_axes_actions_and_a_table_turned_into_text():
    text, plans = parse("en_two_plans.txt", "en")
    assert len(plans) == 2
    city, network = plans
    assert city.title == "LOCAL ACTION PLAN OF THE CITY OF NORTHWICK"
    assert city.territory == "Northwick"
    assert city.general_objectives == [
        "Equal access to services for newcomers.",
        "A welcoming city.",
    ]
    assert tree(city) == [
        ("area", "1", None, "Housing"),
        ("measure", "1", "1", "A tenancy advice desk"),
        ("measure", "2", "1", "Guarantee fund for first rentals"),
        ("area", "2", None, "Work"),
        ("measure", "1", "2", "Mentoring by local employers"),
    ]
    assert network.organisation == "HARBOUR WOMEN NETWORK"
    assert network.territory == "Portmere"
    assert [
        (n.kind, n.title, n.responsible, n.time_frame, n.budget) for n in network.nodes
    ] == [
        (
            "measure",
            "Language confidence",
            ["County Library Service"],
            "Six months",
            "5,000 EUR",
        ),
        (
            "measure",
            "Employment",
            ["Local Enterprise Office"],
            "One year",
            "12,000 EUR",
        ),
    ]
    assert [(r.audience_code, r.text) for r in network.recommendations] == [
        ("media", "Report on women's achievements, not only on problems."),
        ("local", "Fund childcare during courses."),
    ]
    assert city.spans["plan"][1] <= network.spans["plan"][0]
    for plan in plans:
        assert_spans(text, plan)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n",
        "We met on Tuesday and talked about the neighbourhood.\nIt was a good day.",
        "Some prose.\n- a bullet\n- another bullet\n",
    ],
)
def test_no_structure_gives_no_plan(text):
    assert parse_plans(text, "en") == []


def test_json_shape_of_a_plan():
    from convivio.ingest.shapes import ParseResult

    _, plans = parse("es_plan_municipal.txt", "es")
    data = ParseResult(genre="plan", language="es", plans=plans).to_json()
    node = data["plans"][0]["nodes"][2]
    assert set(node) >= {"code", "kind", "title", "parent", "responsible", "time_frame"}
    assert "spans" not in node


def test_outline_helpers():
    assert roman_to_int("VII") == 7
    assert roman_to_int("IIII") is None
    marker = parse_marker("Medida 1.1.1. Abrir una oficina")
    assert (marker.style, marker.code, marker.kind) == ("label", "1.1.1", "measure")
    marker = parse_marker("Asse II - Salute")
    assert (marker.code, marker.kind) == ("II", "area")
    marker = parse_marker("Άξονας 2: Υγεία")
    assert (marker.code, marker.kind) == ("2", "area")
    assert parse_marker("2018 was a good year") is None
    assert parse_marker("2.-Health.").code == "2"
    assert parse_marker("b) Dual training").code == "b"
    assert parse_marker("· item").style == "bullet"
    lines = split_lines("1.1.\nSpecific objective: To help.\n")
    assert len(lines) == 1
    assert lines[0].text == "1.1. Specific objective: To help."
    assert is_heading_like("EDUCATION")
    assert not is_heading_like("This is a sentence. And another one follows it here.")
    assert disaggregation_keys(
        "Number served (Distribution of data by province, age and nationality)."
    ) == ["province", "age", "nationality"]
    assert disaggregation_keys("Personas atendidas por sexo y edad") == ["sex", "age"]
    assert disaggregation_keys("Women served by gender-based violence services") == []
    assert audience_code("To the State administration") == "state"
    assert audience_code("Autonomic Administration") == "regional"
    assert audience_code("To the European Commission") == "european_commission"


def python_calls(function, *args) -> int:
    """The Python function calls ``function(*args)`` makes: a measure of its work
    that a busy machine cannot change (speed itself is measured by make bench)."""
    count = 0

    def profile(_frame, event, _arg):
        nonlocal count
        count += event == "call"

    sys.setprofile(profile)
    try:
        function(*args)
    finally:
        sys.setprofile(None)
    return count


def test_parsing_work_is_linear():
    """Four times the text costs about four times the work (make bench measures
    the speed on 20 MB)."""
    block = (DOCUMENTS / "es_plan_municipal.txt").read_text(encoding="utf-8")
    small = "\n".join(block for _ in range(10))
    large = "\n".join(block for _ in range(40))
    assert len(parse_plans(large, "es")) >= 1
    ratio = python_calls(parse_plans, large, "es") / python_calls(
        parse_plans, small, "es"
    )
    assert ratio < 4.5


# ---------------------------------------------------------------- plan boundaries

MENTIONS = {
    "en_plan_mentions.txt": (
        "en",
        "Local Action Plan of the Town of Eastbridge 2025-2028",
        {
            "1.1.1": ["Municipal Strategy Office"],
            "1.1.2": ["Youth Programme Team", "Regional Strategy Unit"],
            "1.2.1": ["Education Programme Board"],
            "2.1.1": ["Local Employment Plan Office"],
            "2.1.2": ["Plan and Programme Department"],
        },
    ),
    "es_plan_menciones.txt": (
        "es",
        "Plan Municipal de Inclusión de Riberalta 2025-2028",
        {
            "1.1.1": ["Oficina del Plan Municipal"],
            "1.1.2": [
                "Programa de Mediación Intercultural",
                "Estrategia Local de Empleo",
            ],
            "1.2.1": ["Programa de Educación Compensatoria"],
            "2.1.1": ["Plan Local de Empleo"],
            "2.1.2": ["Programa Municipal de Emprendimiento"],
        },
    ),
}


@pytest.mark.parametrize("name", sorted(MENTIONS))
def test_plan_words_in_measures_and_fields_do_not_start_plans(name):
    """ "the municipal plan", "strategy", "programme" in measures, in "Responsible:"
    lines and in a short unnumbered line between measures: still one plan."""
    language, title, responsible = MENTIONS[name]
    text, plans = parse(name, language)
    assert len(plans) == 1
    plan = plans[0]
    assert plan.title == title
    measures = {n.code: n.responsible for n in plan.nodes if n.kind == "measure"}
    assert measures == responsible
    assert [n.code for n in plan.nodes if n.kind == "area"] == ["1", "2"]
    # The line after the blank line is the measure's text, not its budget or dates.
    second = next(n for n in plan.nodes if n.code == "1.1.2")
    assert second.time_frame == "2025-2026"
    assert second.budget in (None, "12,000 euros")
    assert_spans(text, plan)


def synthetic_plan(size: int, seed: int = 7) -> str:
    """Like bench/ingest_bench.py's synthetic plan: areas → objectives → measures
    with Responsible / Time frame / Budget lines and indicator blocks, from a
    vocabulary full of plan words."""
    rng = random.Random(seed)
    words = (
        "plan strategy programme Plan Strategy Programme municipal regional local "
        "integration women language housing training support network office team "
        "service community health employment school families newcomers rights"
    ).split()

    def phrase(low: int, high: int) -> str:
        text = " ".join(rng.choice(words) for _ in range(rng.randint(low, high)))
        return text[:1].upper() + text[1:]

    parts = ["Comprehensive Action Plan for the Integration of Migrants\n\n"]
    total = len(parts[0])
    area = 0
    while total < size:
        area += 1
        block = [f"{area}. {phrase(2, 4).upper()}\n\n"]
        for objective in range(1, rng.randint(4, 12)):
            block.append(
                f"{area}.{objective}. Specific objective: {phrase(8, 20)}.\n\n"
            )
            for measure in range(1, rng.randint(2, 10)):
                block.append(f"{area}.{objective}.{measure}.\n{phrase(10, 40)}.\n")
                block.append(f"Responsible: {phrase(2, 5)}\n")
                block.append(f"Time frame: {rng.randint(2024, 2027)}\n")
                block.append(f"Budget: {rng.randint(5, 900) * 1000} euros\n\n")
                if measure % 4 == 0:
                    block.append("Quantitative indicators\n")
                    block.append(f"- Number of {phrase(2, 6).lower()} (by age)\n")
                    block.append("Qualitative indicators\n")
                    block.append(f"- {phrase(5, 12)}\n\n")
        chunk = "".join(block)
        parts.append(chunk)
        total += len(chunk)
    return "".join(parts)


def test_synthetic_plan_is_one_plan_with_every_measure():
    text = synthetic_plan(500_000)
    written = {
        m.group(1) for m in re.finditer(r"^(\d+\.\d+\.\d+)\.$", text, re.MULTILINE)
    }
    plans = parse_plans(text, "en")
    assert len(plans) == 1
    measures = [n for n in plans[0].nodes if n.kind == "measure"]
    assert {n.code for n in measures} == written
    assert len(measures) == len(written)
    assert all(n.responsible and n.time_frame and n.budget for n in measures)


def test_bench_generator_gives_one_plan():
    """The generator of `make bench` itself, at about 0.5 MB."""
    root = Path(__file__).resolve().parents[2]
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    bench = importlib.import_module("bench.ingest_bench")
    text = bench.synthetic_plan(0.5)
    written = sum(1 for line in text.splitlines() if bench._is_measure_code(line))
    plans = parse_plans(text, "en")
    assert len(plans) == 1
    assert sum(n.kind == "measure" for n in plans[0].nodes) == written


# ---------------------------------------------------------------- field labels


@pytest.mark.parametrize(
    ("label", "language"),
    [
        ("Calendario", "es"),
        ("Cronograma", "pt"),
        ("Zeitplan", "de"),
        ("Calendrier", "fr"),
        ("Tempistica", "it"),
        ("Calendar", "en"),
    ],
)
def test_time_frame_labels_match_whole_words(label, language):
    text = (
        "Plan local 2025\n\n1. Area\n1.1. Objective: x\n1.1.1. Measure\n"
        f"{label}: 2025\n"
    )
    (plan,) = parse_plans(text, language)
    measure = next(n for n in plan.nodes if n.code == "1.1.1")
    assert measure.time_frame == "2025"
    a, b = measure.spans["time_frame"]
    assert text[a:b] == "2025"


def test_labels_are_not_prefixes_of_longer_words():
    from convivio.ingest.parse_plan import _Parser

    assert _Parser._attribute("Calendario: 2025") == ("time_frame", "2025")
    assert _Parser._attribute("Costes: 5.000 euros") == ("budget", "5.000 euros")
    assert _Parser._attribute("Zielgruppe: Frauen") is None
    assert _Parser._attribute("Responsibilities of the town") is None


# ---------------------------------------------------------------- conservative


def test_recommendations_need_an_audience_and_a_plan():
    text = (
        "Recommendations\n"
        "Lessons from the project\n"
        "- Listen to the families.\n"
        "- Meet in the evening.\n"
    )
    assert parse_plans(text, "en") == []
    text = "Recommendations\nTo the Media:\n- Report fairly.\n"
    assert parse_plans(text, "en") == []  # no plan title, no outline


# ------------------------------------------------------- annexes and back matter

from convivio.ingest.parse_plan import parse_plan_document  # noqa: E402

TWO_PLANS = """LOCAL ACTION PLAN OF NORTHTOWN

1. EMPLOYMENT
1.1. Job coaching for newcomers
1.2. Language at work

2. HOUSING
2.1. A rental guarantee fund

LOCAL ACTION PLAN OF SOUTHTOWN

1. HEALTH
1.1. Health mediators

{back}
1. LEGAL FRAMEWORK
2. SUBSIDIES OF THE REGION
3. USEFUL ADDRESSES
"""


@pytest.mark.parametrize(
    "heading",
    [
        "OF INTEREST…..",
        "De interés",
        "Informazioni utili",
        "Bibliographie",
        "Glossar",
        "Begrippenlijst",
        "Bijlage 3",
        "Załącznik nr 2",
        "Anexo II",
        "Priloga",
    ],
)
def test_back_matter_after_the_plans_is_not_a_plan(heading):
    plans, general = parse_plan_document(TWO_PLANS.format(back=heading), "en")
    assert [p.title for p in plans] == [
        "LOCAL ACTION PLAN OF NORTHTOWN",
        "LOCAL ACTION PLAN OF SOUTHTOWN",
    ]
    assert [n.code for n in plans[1].nodes] == ["1", "1.1"]
    assert general == []


ANNEX_OF_RECOMMENDATIONS = """
ANEX: GENERAL RECOMMENDATIONS

1. EDUCATION.
To the local administration:
- Open schools to the families in the afternoons.
To civil society:
- Offer homework clubs run by volunteers.
"""


def test_an_annex_of_recommendations_to_several_plans_stays_with_the_document():
    text = TWO_PLANS.split("{back}")[0] + ANNEX_OF_RECOMMENDATIONS
    plans, general = parse_plan_document(text, "en")
    assert len(plans) == 2
    assert not [p for p in plans if "RECOMMENDATION" in p.title.upper()]
    assert [r.audience_code for r in general] == ["local", "civil_society"]
    assert not plans[0].recommendations and not plans[1].recommendations
    result = pipeline_run(text)
    assert len(result.plans) == 2 and len(result.recommendations) == 2


def test_an_annex_of_recommendations_to_one_plan_is_that_plans():
    text = TWO_PLANS.split("LOCAL ACTION PLAN OF SOUTHTOWN")[0]
    plans, general = parse_plan_document(text + ANNEX_OF_RECOMMENDATIONS, "en")
    (plan,) = plans
    assert [r.audience_code for r in plan.recommendations] == ["local", "civil_society"]
    assert general == []


def test_an_annex_of_the_plans_indicators_goes_on_with_the_plan():
    text = (
        TWO_PLANS.split("LOCAL ACTION PLAN OF SOUTHTOWN")[0]
        + "\nAnexa 2. Indicatori de monitorizare\n\n"
        "Indicators:\n- people coached into work (by sex)\n"
    )
    (plan,) = parse_plans(text, "ro")
    assert [n.code for n in plan.nodes] == ["1", "1.1", "1.2", "2", "2.1"]


def test_back_matter_words_before_any_plan_do_not_cut_it():
    text = "Glossary\n\nLOCAL ACTION PLAN OF NORTHTOWN\n\n1. EMPLOYMENT\n1.1. Jobs\n"
    (plan,) = parse_plans(text, "en")
    assert [n.code for n in plan.nodes] == ["1", "1.1"]


def test_a_plan_naming_no_town_takes_the_country_it_names_most():
    text = (
        "LOCAL ACTION PLAN. SOLIDARITY ALLIANCE\n\nMigration in Spain and in "
        "Europe: Spain receives many newcomers.\n\n1. WORK\n1.1. Job coaching\n"
    )
    (plan,) = parse_plans(text, "en")
    assert plan.territory == "Spain"


def pipeline_run(text: str):
    from convivio.ingest import pipeline

    return pipeline.run(text, language="en", genre="plan")
