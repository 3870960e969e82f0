"""Every chart is valid, accessible SVG without style attributes."""

from __future__ import annotations

import xml.etree.ElementTree as ET  # for the type only
from datetime import date
from decimal import Decimal

import pytest
from defusedxml.ElementTree import fromstring

from convivio.core import charts

SVG = "{http://www.w3.org/2000/svg}"
D = Decimal


def _check(svg: str) -> ET.Element:
    root = fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-label")
    assert root.find(f"{SVG}title") is not None
    assert "style=" not in svg
    return root


CHARTS = {
    "stacked": lambda: charts.stacked_bars(
        [("1 Reception <&> services", {"done": 2, "planned": 1}), ("2 Housing", {})],
        [("planned", "planned"), ("done", "done")],
        title="Measures by status",
    ),
    "progress": lambda: charts.progress_bar(
        title="Learners", baseline=D(40), latest=D(80), target=D(120), percent=50.0
    ),
    "progress-empty": lambda: charts.progress_bar(
        title="Learners", baseline=None, latest=None, target=None, percent=None
    ),
    "line": lambda: charts.line_chart(
        [("2024", D(60)), ("2025", None), ("2026", D(90))],
        title="Over time",
        target=D(120),
        baseline=D(40),
    ),
    "line-targets": lambda: charts.line_chart(
        [("2024", D(60)), ("2025", D(70))],
        title="Over time",
        targets={"2024": D(50), "2025": D(80)},
    ),
    "line-one-point": lambda: charts.line_chart([("2024", D(5))], title="One"),
    "line-empty": lambda: charts.line_chart([("2024", None)], title="None"),
    "breakdown": lambda: charts.breakdown_bars(
        [("Women", D(77), False), ("Men", None, True)], title="By sex", threshold=5
    ),
    "amounts": lambda: charts.value_bars([("AMIF", D(2500))], title="Budget"),
    "gantt": lambda: charts.gantt(
        [
            charts.GanttRow("1.1 Classes", date(2024, 3, 1), date(2025, 6, 30), "red"),
            charts.GanttRow("1.2 Later", date(2027, 1, 1), date(2027, 3, 1)),
        ],
        title="Chronogram",
        first_year=2024,
        last_year=2026,
        today=date(2025, 1, 1),
    ),
    "gantt-empty": lambda: charts.gantt(
        [], title="None", first_year=2024, last_year=2026
    ),
}


@pytest.mark.parametrize("name", CHARTS)
def test_chart_is_valid_accessible_svg(name):
    _check(CHARTS[name]())


def test_text_is_escaped_and_colours_are_attributes():
    svg = CHARTS["stacked"]()
    assert "Reception &lt;&amp;&gt; services" in svg
    root = _check(svg)
    rects = root.iter(f"{SVG}rect")
    assert all(rect.get("fill", "").startswith("#") for rect in rects)


def test_hidden_breakdown_value_says_hidden():
    svg = CHARTS["breakdown"]()
    # The labels drawn beside the bars, not any "77" in the markup (a width or
    # a coordinate could hold it).
    texts = [text.text for text in _check(svg).iter(f"{SVG}text")]
    assert "hidden" in texts
    assert "77" in texts


def test_gantt_widens_to_measures_outside_the_plan_years():
    svg = CHARTS["gantt"]()
    assert ">2027<" in svg
    assert "today" in svg


def _gantt_texts() -> list[str]:
    return [text.text for text in _check(CHARTS["gantt"]()).iter(f"{SVG}text")]


def test_gantt_quarters_are_named_through_the_catalogue(monkeypatch):
    # 2024 to 2027 (widened to the later measure), four quarters each.
    assert _gantt_texts().count("Q1") == 4
    assert {"Q2", "Q3", "Q4"} <= set(_gantt_texts())
    # A catalogue that writes quarters its own way (Spanish "T1") is used: the
    # label is the msgid "Q%(number)d" in the context "quarter of a year".
    catalogue = {("quarter of a year", "Q%(number)d"): "T%(number)d"}
    monkeypatch.setattr(
        charts, "pgettext", lambda context, text: catalogue.get((context, text), text)
    )
    texts = _gantt_texts()
    assert "Q1" not in texts
    assert texts.count("T1") == 4 and "T4" in texts


def test_series_draws_one_point_per_known_value():
    root = _check(CHARTS["line"]())
    assert len(list(root.iter(f"{SVG}circle"))) == 2
