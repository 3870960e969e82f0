"""What a plan's headline says when measures were never reported, when the plan
has ended, and when its indicators have no values; which monitoring reports are
offered (hand-computed counts)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.urls import reverse

from convivio.plans.models import PlanNode
from convivio.plans.reporting.dashboard import plan_dashboard

from .factories import make_indicator, make_node, make_observation, make_plan

TODAY = date.today()


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _soup(client, url) -> BeautifulSoup:
    page = client.get(url)
    assert page.status_code == 200
    return BeautifulSoup(page.content, "html.parser")


def _lights(soup) -> dict[str, str]:
    """light → its list item's text, from the measures' headline."""
    return {
        li["data-light"]: " ".join(li.get_text(" ", strip=True).split())
        for li in soup.select("ul.lights li")
    }


@pytest.fixture
def ended(territory):
    """Like the Andalusian plan: 2018–2022, written from a document, never
    reported: four measures just "planned", one done, one in progress without
    dates, one dropped, one planned with dates that passed; three indicators
    without a value."""
    plan = make_plan(territory, title="Plan 2018-2022", start_year=2018, end_year=2022)
    area = make_node(plan, "Education", kind="area", code="1")
    for i in range(4):
        measure = make_node(plan, f"Written only {i}", parent=area, code=f"1.{i}")
    make_node(plan, "Done", parent=area, code="1.5", status=PlanNode.Status.DONE)
    make_node(
        plan, "Running", parent=area, code="1.6", status=PlanNode.Status.IN_PROGRESS
    )
    make_node(plan, "Dropped", parent=area, code="1.7", status=PlanNode.Status.DROPPED)
    make_node(
        plan,
        "Dated",
        parent=area,
        code="1.8",
        start_date=date(2019, 1, 1),
        end_date=date(2020, 12, 31),
    )
    for i in range(3):
        make_indicator(measure, f"Women served {i}", code=f"I{i}", target_value=10)
    return plan


def test_an_ended_plan_shows_its_final_state(ended, user):
    board = plan_dashboard(ended, user=user, language="en")
    assert board.ended
    # 4 never reported; done; in progress and planned-with-dates not finished.
    assert board.light_totals == {
        "green": 1,
        "amber": 0,
        "red": 2,
        "grey": 1,
        "nodata": 4,
    }
    assert dict(board.lights) == {
        "green": "done",
        "red": "not finished",
        "grey": "dropped",
        "nodata": "no data",
    }


def test_the_page_of_an_ended_plan_without_values(client, ended):
    soup = _soup(client, reverse("plans:dashboard", args=[ended.pk]))
    state = soup.select_one(".plan-state")
    assert state.get_text(" ", strip=True) == (
        "This plan ended in 2022. Final state of its measures:"
    )
    assert _lights(soup) == {
        "green": "done: 1",
        "red": "not finished: 2",
        "grey": "dropped: 1",
        "nodata": "no data: 4",
    }
    # One sentence, not a card per indicator.
    assert soup.select("article.indicator") == []
    sentence = soup.select_one("#indicators-heading ~ p.no-values")
    assert sentence.get_text(" ", strip=True) == (
        "No value has been validated for any of this plan's 3 indicators."
    )
    assert len(soup.select(".indicator-list li")) == 3
    # No monitoring report is offered.
    years = soup.select_one(".report-years")
    assert years.select("a") == []
    assert "none yet" in years.get_text()


def test_never_reported_measures_are_no_data_not_on_track(territory, user):
    plan = make_plan(territory, title="Running plan", start_year=2024, end_year=2030)
    area = make_node(plan, "Area", kind="area", code="1")
    make_node(plan, "Written only", parent=area, code="1.1")
    make_node(plan, "Written only too", parent=area, code="1.2")
    make_node(plan, "Progress 0", parent=area, code="1.3", progress=0)
    make_node(
        plan,
        "Starts later",
        parent=area,
        code="1.4",
        start_date=TODAY + timedelta(days=30),
    )
    make_node(
        plan,
        "Should have started",
        parent=area,
        code="1.5",
        start_date=TODAY - timedelta(days=30),
    )
    board = plan_dashboard(plan, user=user, language="en")
    assert not board.ended
    assert board.light_totals == {
        "green": 2,
        "amber": 1,
        "red": 0,
        "grey": 0,
        "nodata": 2,
    }


def test_the_headline_of_a_plan_nobody_reported_on(client, territory):
    plan = make_plan(territory, title="Only written", start_year=2024, end_year=2030)
    area = make_node(plan, "Area", kind="area", code="1")
    for i in range(3):
        make_node(plan, f"Measure {i}", parent=area, code=f"1.{i}")
    soup = _soup(client, reverse("plans:dashboard", args=[plan.pk]))
    assert _lights(soup)["green"] == "on track: 0"
    assert _lights(soup)["nodata"] == "no data: 3"
    assert soup.select_one(".plan-state") is None
    assert "No measure of this plan has a reported state" in (
        soup.select_one("#measures-heading ~ p.no-values").get_text()
    )


@pytest.fixture
def partly_reported(plan, measure):
    """2024–2026: a validated value in 2025 only, a submitted one in 2026."""
    indicator = make_indicator(measure, "Learners", code="L", target_value=100)
    make_observation(indicator, "2025", 40)
    make_observation(indicator, "2026", 60, status="submitted")
    make_indicator(measure, "Teachers", code="T", target_value=8)
    return plan


def test_reports_only_for_years_with_values(client, partly_reported, team):
    url = reverse("plans:dashboard", args=[partly_reported.pk])
    for who in (None, team):
        if who:
            client.force_login(who)
        years = _soup(client, url).select_one(".report-years")
        links = [a["href"] for a in years.select("a")]
        assert links == [
            reverse("plans:monitoring_report_pdf", args=[partly_reported.pk, 2025]),
            reverse("plans:monitoring_report_docx", args=[partly_reported.pk, 2025]),
        ]
    # The indicator without a value shows its target, and no empty charts.
    soup = _soup(client, url)
    card = next(
        c for c in soup.select("article.indicator") if c.h3.get_text().startswith("T")
    )
    assert card.select("svg") == []
    assert (
        card.select_one(".final-target").get_text(strip=True) == "final target 8 people"
    )


@pytest.mark.parametrize("name", ["monitoring_report_pdf", "monitoring_report_docx"])
def test_the_report_of_a_year_without_values_says_why(client, partly_reported, name):
    response = client.get(reverse(f"plans:{name}", args=[partly_reported.pk, 2024]))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".no-report").get_text(" ", strip=True) == (
        "No value of “Municipal plan for the integration of migrants” has been "
        "validated for 2024, so there is nothing to report for that year."
    )
    assert [a.get_text() for a in soup.select(".report-years a")] == [
        "2025 (PDF)",
        "(DOCX)",
    ]
    # 2026 has a submitted value only: no report either.
    response = client.get(reverse(f"plans:{name}", args=[partly_reported.pk, 2026]))
    assert response.status_code == 404
    ok = client.get(reverse(f"plans:{name}", args=[partly_reported.pk, 2025]))
    assert ok.status_code == 200
    assert not ok["Content-Type"].startswith("text/html")


def test_ended_plan_page_queries_are_bounded(
    client, ended, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        response = client.get(reverse("plans:dashboard", args=[ended.pk]))
    assert response.status_code == 200
