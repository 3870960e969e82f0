"""Progress of indicators, as docs/monitoring.md ("How progress is computed")
defines it, against cases computed by hand: the final target and the period's
milestone apart, both directions, baseline = target, per-cell targets, and only
the values that count."""

from __future__ import annotations

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.urls import reverse

from convivio.plans.models import Indicator, Target
from convivio.plans.reporting.dashboard import (
    plan_dashboard,
    progress_percent,
    target_reached,
)

from .factories import date, make_indicator, make_observation

D = Decimal


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _row(plan, user, code, **view):
    board = plan_dashboard(plan, user=user, language="en", **view)
    return next(row for row in board.indicators if row.code == code)


def _card(client, plan, code) -> BeautifulSoup:
    page = client.get(reverse("plans:dashboard", args=[plan.pk]))
    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    return next(
        card
        for card in soup.select("article.indicator")
        if card.h3.get_text(strip=True).startswith(code)
    )


def _text(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


@pytest.fixture
def desk(plan, measure):
    """Like Vale Novo's 1.1.1-a: 0 → 140 people by the end of 2026, quarterly,
    with a milestone of 116 for 2026-Q2 that the latest value meets."""
    indicator = make_indicator(
        measure,
        "People served at the welcome desk",
        code="1.1.1-a",
        baseline_value=0,
        target_value=140,
        target_date=date(2026, 12, 31),
        frequency="quarterly",
    )
    Target.objects.create(indicator=indicator, period="2026-Q1", value=D(105))
    Target.objects.create(indicator=indicator, period="2026-Q2", value=D(116))
    make_observation(indicator, "2026-Q1", 100)
    make_observation(indicator, "2026-Q2", 116)
    return indicator


@pytest.fixture
def share(plan, measure):
    """Like 1.1.1-b: 40 → 80 %, milestone 73.3 for 2026-Q2, latest 70."""
    indicator = make_indicator(
        measure,
        "Visits held in the visitor's language",
        code="1.1.1-b",
        unit="%",
        baseline_value=40,
        target_value=80,
        target_date=date(2026, 12, 31),
        frequency="quarterly",
    )
    Target.objects.create(indicator=indicator, period="2026-Q2", value=D("73.3"))
    make_observation(indicator, "2026-Q2", 70)
    return indicator


def test_formula_by_hand():
    # (latest − baseline) / (target − baseline) × 100
    assert progress_percent(D(0), D(116), D(140), "increase") == 82.9  # 82.857…
    assert progress_percent(D(40), D(70), D("73.3"), "increase") == 90.1  # 30/33.3
    # Lower is better: 100 → 60 towards 40 is (60−100)/(40−100) = 66.7 %.
    assert progress_percent(D(100), D(60), D(40), "decrease") == 66.7
    # Passing the target is above 100 %, moving away is below 0.
    assert progress_percent(D(100), D(30), D(40), "decrease") == 116.7
    assert progress_percent(D(40), D(30), D(80), "increase") == -25.0
    # Baseline = target: met or not.
    assert progress_percent(D(10), D(9), D(10), "increase") == 0.0
    assert progress_percent(D(10), D(10), D(10), "increase") == 100.0
    assert progress_percent(D(10), D(11), D(10), "decrease") == 0.0
    assert progress_percent(D(10), D(8), D(10), "decrease") == 100.0
    # Keep at the target: every 1 % off costs 1 %.
    assert progress_percent(None, D(45), D(50), "maintain") == 90.0
    # No baseline: an increase starts from 0, a decrease cannot be measured.
    assert progress_percent(None, D(30), D(120), "increase") == 25.0
    assert progress_percent(None, D(30), D(20), "decrease") is None
    assert target_reached(D(45), D(50), "maintain") is False
    assert target_reached(D(40), D(40), "decrease") is True
    assert target_reached(None, D(40), "increase") is None


def test_milestone_met_is_not_the_final_target_met(desk, team):
    row = _row(desk.plan, team, "1.1.1-a")
    assert row.latest.period == "2026-Q2" and row.latest.value == D(116)
    assert row.percent == 82.9  # 116 / 140
    assert row.reached is False
    assert row.milestone == D(116)
    assert row.milestone_percent == 100.0
    assert row.milestone_reached is True


def test_the_page_names_each_progress(client, desk, share):
    card = _card(client, desk.plan, "1.1.1-a")
    assert _text(card.select_one(".progress-final")) == (
        "82.9 % of the way to the final target of 140 people by Dec. 31, 2026"
    )
    assert _text(card.select_one(".progress-milestone")) == (
        "Milestone for 2026-Q2: 116 people, reached"
    )
    card = _card(client, desk.plan, "1.1.1-b")
    assert _text(card.select_one(".progress-final")) == (
        "75 % of the way to the final target of 80 % by Dec. 31, 2026"
    )
    assert _text(card.select_one(".progress-milestone")) == (
        "Milestone for 2026-Q2: 73.3 %, not reached (90.1 % of the way)"
    )
    # The bar runs from the baseline to the final target, the milestone marked.
    chart = card.select_one("svg.progress")
    assert "final target 80 %" in chart.get_text(" ")
    assert "milestone 2026-Q2: 73.3" in chart.get_text(" ")


def test_decreasing_indicator_with_a_milestone(plan, measure, team):
    indicator = make_indicator(
        measure,
        "Days to the first appointment",
        code="D",
        unit="days",
        baseline_value=100,
        target_value=40,
        direction=Indicator.Direction.DECREASE,
    )
    Target.objects.create(indicator=indicator, period="2025", value=D(70))
    make_observation(indicator, "2024", 90)
    make_observation(indicator, "2025", 60)
    row = _row(plan, team, "D")
    assert row.percent == 66.7  # (60 − 100) / (40 − 100)
    assert row.reached is False
    assert row.milestone_percent == 133.3  # (60 − 100) / (70 − 100)
    assert row.milestone_reached is True
    # A yearly report of 2024 takes that year's value; 2024 has no milestone.
    row = _row(plan, team, "D", year=2024)
    assert row.latest.value == D(90) and row.percent == 16.7  # −10 / −60
    assert row.milestone is None and row.milestone_reached is None


def test_baseline_equal_to_target(plan, measure, team):
    indicator = make_indicator(
        measure, "Kept at ten", code="B", baseline_value=10, target_value=10
    )
    make_observation(indicator, "2024", 9)
    assert _row(plan, team, "B").percent == 0.0
    make_observation(indicator, "2025", 10)
    cache.clear()
    assert _row(plan, team, "B").percent == 100.0


def test_only_validated_values_count(client, plan, measure, team, user):
    indicator = make_indicator(
        measure, "Learners", code="V", baseline_value=0, target_value=200
    )
    make_observation(indicator, "2024", 50)
    make_observation(indicator, "2025", 90, status="submitted")
    make_observation(indicator, "2026", 180, status="returned")
    public = _row(plan, user, "V")
    assert public.latest.period == "2024" and public.percent == 25.0
    # The team may include the submitted value; a returned one never counts.
    team_row = _row(plan, team, "V", include_submitted=True)
    assert team_row.latest.period == "2025" and team_row.percent == 45.0


def test_no_validated_value(client, plan, measure, team):
    indicator = make_indicator(
        measure, "Learners", code="N", baseline_value=0, target_value=200
    )
    Target.objects.create(indicator=indicator, period="2024", value=D(50))
    make_observation(indicator, "2024", 60, status="submitted")
    row = _row(plan, team, "N")
    assert row.latest is None
    assert row.percent is None and row.milestone is None and row.reached is None


@pytest.fixture
def mentors(plan, measure):
    """By sex and age band; 2025 targets: 35 women, 40 men, 25 women of 18–24."""
    indicator = make_indicator(
        measure,
        "Pupils with a mentor",
        code="C",
        dimensions={"sex": ["F", "M"], "age": ["18-24", "25-34"]},
        baseline_value=10,
        target_value=90,
    )
    Target.objects.create(indicator=indicator, period="2025", value=D(70))
    Target.objects.create(indicator=indicator, period="2025", cell="sex=F", value=35)
    Target.objects.create(indicator=indicator, period="2025", cell="sex=M", value=40)
    Target.objects.create(
        indicator=indicator, period="2025", cell="age=18-24|sex=F", value=25
    )
    make_observation(
        indicator,
        "2025",
        73,
        cells={
            (("sex", "F"), ("age", "18-24")): 20,
            (("sex", "F"), ("age", "25-34")): 17,
            (("sex", "M"), ("age", "18-24")): 30,
            (("sex", "M"), ("age", "25-34")): 6,
        },
    )
    return indicator


def test_targets_per_cell(mentors, team):
    row = _row(mentors.plan, team, "C")
    assert row.percent == 78.8  # (73 − 10) / (90 − 10)
    assert row.milestone == D(70) and row.milestone_reached is True
    cells = {c.key: c for c in row.cell_targets}
    # Women: 20 + 17 = 37 of 35; men: 30 + 6 = 36 of 40; cells have no baseline.
    assert (cells["sex=F"].value, cells["sex=F"].percent) == (D(37), 105.7)
    assert cells["sex=F"].reached is True
    assert (cells["sex=M"].value, cells["sex=M"].percent) == (D(36), 90.0)
    assert cells["sex=M"].reached is False
    crossed = cells["age=18-24|sex=F"]
    assert (crossed.value, crossed.percent, crossed.reached) == (D(20), 80.0, False)
    assert crossed.label == "18 to 24 · Women"


def test_the_public_never_sees_a_crossed_cell(client, mentors):
    card = _card(client, mentors.plan, "C")
    rows = {tr["data-cell"]: tr for tr in card.select("table.cell-targets tbody tr")}
    assert _text(rows["sex=F"].select_one(".cell-value")) == "37"
    assert _text(rows["sex=F"].select_one(".cell-progress")) == "reached"
    assert _text(rows["sex=M"].select_one(".cell-progress")) == "90 % of the way"
    crossed = rows["age=18-24|sex=F"]
    assert _text(crossed.select_one(".cell-target")) == "25"
    assert _text(crossed.select_one(".cell-value")) == "–"
    assert _text(crossed.select_one(".cell-progress")) == "not published"


def test_a_small_cell_target_is_hidden_as_its_breakdown(plan, measure, user):
    indicator = make_indicator(
        measure, "Mentors", code="S", dimensions={"sex": ["F", "M"]}
    )
    Target.objects.create(indicator=indicator, period="2025", cell="sex=M", value=5)
    make_observation(
        indicator, "2025", 23, cells={(("sex", "F"),): 20, (("sex", "M"),): 3}
    )
    row = _row(plan, user, "S")
    (cell,) = row.cell_targets
    assert cell.hidden and cell.value is None and cell.reached is None


def test_dashboard_page_queries_are_bounded(
    client, mentors, desk, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        page = client.get(reverse("plans:dashboard", args=[desk.plan.pk]))
    assert page.status_code == 200


def test_the_milestone_is_marked_where_it_lies_on_the_way(desk, team):
    row = _row(desk.plan, team, "1.1.1-a")
    svg = BeautifulSoup(row.progress_svg, "html.parser")
    # The track is 460 wide from baseline 0 to final target 140: the milestone
    # 116 lies at 82.9 % of it (116 / 140), 460 × 0.829 = 381.3; its tick is 3
    # wide, so it starts at 379.8.
    tick = svg.select_one("rect.c-accent")
    assert tick["x"] == "379.8"
    # The filled part is the latest value, 116 as well.
    assert svg.select_one("rect.c-brand")["width"] == "381.3"
