"""The plan dashboard: its numbers on a known plan, its query count, and what the
public and the team see."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from convivio.plans.models import Plan, PlanNode
from convivio.plans.reporting.dashboard import (
    breakdowns,
    plan_dashboard,
    progress_percent,
    traffic_light,
)
from convivio.plans.versioning import plan_touch
from tests.html import texts_of

from .factories import make_indicator, make_node, make_observation, make_plan

D = Decimal
TODAY = date.today()


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def known(plan, area, objective, measure, indicator):
    """Two areas, five measures (one per light), one disaggregated indicator with
    two validated years and a submitted third."""
    measure.budget_amount = D(1000)
    measure.funding_source = "Municipal budget"
    measure.save()
    health = make_node(plan, "Health", kind="area", code="7")
    make_node(
        plan,
        "Interpreters in the health centre",
        parent=health,
        code="7.1",
        status=PlanNode.Status.DONE,
        budget_amount=D(2500),
        funding_source="AMIF",
        needs_financing=True,
        financing_rank=1,
        start_date=date(2024, 1, 1),
        end_date=date(2024, 12, 31),
    )
    make_node(
        plan,
        "Health guide in six languages",
        parent=health,
        code="7.2",
        status=PlanNode.Status.IN_PROGRESS,
        start_date=TODAY - timedelta(days=400),
        end_date=TODAY - timedelta(days=10),
        budget_amount=D(500),
        funding_source="AMIF",
    )
    make_node(
        plan,
        "Mobile vaccination unit",
        parent=health,
        code="7.3",
        start_date=TODAY - timedelta(days=5),
        end_date=TODAY + timedelta(days=300),
        needs_financing=True,
        financing_rank=2,
    )
    make_node(
        plan,
        "Health radio slot",
        parent=health,
        code="7.4",
        status=PlanNode.Status.DROPPED,
        duration_note="up to two years",
    )
    make_observation(
        indicator,
        "2024",
        60,
        cells={
            (("sex", "F"), ("age", "18-24")): 20,
            (("sex", "F"), ("age", "25-34")): 23,
            (("sex", "M"), ("age", "18-24")): 3,
            (("sex", "M"), ("age", "25-34")): 14,
        },
    )
    make_observation(
        indicator,
        "2025",
        80,
        cells={
            (("sex", "F"), ("age", "18-24")): 40,
            (("sex", "F"), ("age", "25-34")): 37,
            (("sex", "M"), ("age", "18-24")): 1,
            (("sex", "M"), ("age", "25-34")): 2,
        },
    )
    make_observation(indicator, "2026", 100, status="submitted")
    return plan


def test_traffic_lights():
    today = date(2025, 6, 1)
    assert traffic_light("dropped", None, date(2020, 1, 1), today) == "grey"
    assert traffic_light("done", None, date(2020, 1, 1), today) == "green"
    assert traffic_light("in_progress", None, date(2025, 5, 1), today) == "red"
    assert traffic_light("planned", date(2025, 1, 1), None, today) == "amber"
    assert traffic_light("planned", date(2025, 1, 1), date(2025, 2, 1), today) == "red"
    assert traffic_light("planned", date(2026, 1, 1), None, today) == "green"
    # Planned, without dates or progress: no data, not "on track".
    assert traffic_light("", None, None, today) == "nodata"
    assert traffic_light("planned", None, None, today, progress=None) == "nodata"
    # A progress of 0 or a stated date is a report: judged as usual.
    assert traffic_light("planned", None, None, today, progress=0) == "green"
    assert traffic_light("in_progress", None, None, today) == "green"
    # Without its own end, a measure ends with its plan.
    plan_end = date(2024, 12, 31)
    assert traffic_light("in_progress", None, None, today, plan_end=plan_end) == "red"
    assert traffic_light("planned", None, None, today, plan_end=plan_end) == "nodata"
    assert traffic_light("done", None, None, today, plan_end=plan_end) == "green"


def test_progress_respects_direction():
    assert progress_percent(D(40), D(80), D(120), "increase") == 50.0
    assert progress_percent(D(100), D(70), D(40), "decrease") == 50.0
    assert progress_percent(D(100), D(110), D(40), "decrease") < 0
    assert progress_percent(None, D(30), D(60), "increase") == 50.0
    assert progress_percent(None, D(30), D(60), "decrease") is None
    assert progress_percent(D(10), D(10), D(10), "maintain") == 100.0
    assert progress_percent(D(10), None, D(10), "increase") is None


def test_numbers_of_a_known_plan(known, team):
    board = plan_dashboard(known, user=team, language="en")
    assert board.status_totals == {
        "planned": 2,
        "in_progress": 1,
        "done": 1,
        "dropped": 1,
    }
    # 4.1.1 is planned with no dates and no progress: nobody reported on it.
    assert board.light_totals == {
        "green": 1,
        "amber": 1,
        "red": 1,
        "grey": 1,
        "nodata": 1,
    }
    areas = {area.code: area for area in board.areas}
    assert areas["4"].measures == 1
    assert areas["7"].by_status == {
        "done": 1,
        "in_progress": 1,
        "planned": 1,
        "dropped": 1,
    }
    assert dict(board.budget_by_area) == {
        "4 Education and language": D(1000),
        "7 Health": D(3000),
    }
    assert dict(board.budget_by_source) == {
        "AMIF": D(3000),
        "Municipal budget": D(1000),
    }
    assert [m.code for m in board.financing] == ["7.1", "7.3"]
    # The Gantt lists measures with both dates; the others are listed apart.
    assert {m.code for m in board.undated} == {"4.1.1", "7.4"}
    assert "7.1 Interpreters" in board.gantt_svg
    (row,) = board.indicators
    assert row.name == "Learners enrolled"
    assert [p.period for p in row.series] == ["2024", "2025"]
    assert row.latest.value == D(80)
    assert row.percent == 50.0
    sexes = {b.slug: {i.code: i.value for i in b.items} for b in row.breakdowns}
    assert sexes == {
        "sex": {"F": D(77), "M": D(3)},
        "age": {"18-24": D(41), "25-34": D(39)},
    }


def test_the_public_sees_small_cells_hidden(known, user):
    board = plan_dashboard(known, user=user, language="en")
    (row,) = board.indicators
    assert row.suppressed
    sex = next(b for b in row.breakdowns if b.slug == "sex")
    # M=3 is small; F is then hidden too, or 80 − F would give M away.
    assert [(i.code, i.value, i.hidden, i.shown) for i in sex.items] == [
        ("F", None, True, "hidden"),
        ("M", None, True, "hidden"),
    ]
    age = next(b for b in row.breakdowns if b.slug == "age")
    assert [i.value for i in age.items] == [D(41), D(39)]


def test_only_the_team_may_include_submitted_values(known, team, user):
    board = plan_dashboard(known, user=team, language="en", include_submitted=True)
    (row,) = board.indicators
    assert row.latest.period == "2026"
    assert row.percent == 75.0
    public = plan_dashboard(known, user=user, language="en", include_submitted=True)
    assert public.indicators[0].latest.period == "2025"
    assert not public.include_submitted


def test_year_picks_that_years_value(known, team):
    board = plan_dashboard(known, user=team, language="en", year=2024)
    assert board.indicators[0].latest.value == D(60)
    assert board.indicators[0].percent == 25.0


def test_deleted_nodes_and_their_indicators_are_left_out(known, team, objective):
    from django.utils import timezone

    objective.deleted_at = timezone.now()
    objective.save()
    board = plan_dashboard(known, user=team, language="en")
    assert board.indicators == []
    assert "4.1.1" not in {m.code for m in board.measures}


def test_cached_until_the_data_changes(known, team):
    first = plan_dashboard(known, user=team, language="en")
    with CaptureQueriesContext(connection) as ctx:
        again = plan_dashboard(known, user=team, language="en")
    assert again.indicators[0].latest.value == first.indicators[0].latest.value
    assert len(ctx.captured_queries) <= 2  # the team check only
    make_observation(known.indicators.get(), "2024-Q1", 1)  # outside the series
    plan_touch(known.pk)
    known.refresh_from_db()
    with CaptureQueriesContext(connection) as ctx:
        plan_dashboard(known, user=team, language="en")
    assert len(ctx.captured_queries) > 5


def _plan_with(territory, n: int) -> Plan:
    plan = make_plan(territory, title=f"Plan with {n}")
    area = make_node(plan, "Area", kind="area", code="1")
    for i in range(n):
        node = make_node(plan, f"Measure {i}", parent=area, code=f"1.{i}")
        indicator = make_indicator(
            node, f"Indicator {i}", dimensions={"sex": ["F", "M"]}, target_value=10
        )
        for year in (2024, 2025):
            make_observation(
                indicator,
                str(year),
                9,
                cells={(("sex", "F"),): 5, (("sex", "M"),): 4},
            )
    return plan


def test_query_count_does_not_grow_with_the_plan(territory, user):
    small, large = _plan_with(territory, 3), _plan_with(territory, 30)
    counts = []
    for plan in (small, large):
        cache.clear()
        plan = Plan.objects.get(pk=plan.pk)
        visitor = type(user).objects.get(pk=user.pk)  # nothing cached on it
        with CaptureQueriesContext(connection) as ctx:
            board = plan_dashboard(plan, user=visitor, language="en")
        counts.append(len(ctx.captured_queries))
        assert all(row.breakdowns for row in board.indicators)
    assert counts[0] == counts[1]
    assert counts[1] <= 12


def test_breakdowns_sum_cells_per_dimension():
    result = breakdowns(
        [
            ("age=18-24|sex=F", D(2)),
            ("age=25-34|sex=F", D(8)),
            ("age=18-24|sex=M", D(9)),
        ],
        [("sex", "Sex", True), ("age", "Age band", True)],
        hide=False,
        threshold=5,
    )
    assert {b.slug: [(i.code, i.value) for i in b.items] for b in result} == {
        "sex": [("F", D(10)), ("M", D(9))],
        "age": [("18-24", D(11)), ("25-34", D(8))],
    }


# Pages


def test_dashboard_page_for_the_public(client, known):
    response = client.get(reverse("plans:dashboard", args=[known.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Learners enrolled" in body
    cells = texts_of(response, ".breakdowns table.data td")
    assert "hidden" in cells
    # "hidden", never "< 5": F (77) is hidden so that 80 − F cannot give M away.
    assert not any("<" in cell for cell in cells)
    assert "<svg" in body and 'role="img"' in body
    assert "include submitted" not in body.lower()
    assert 'style="' not in body


def test_dashboard_page_for_the_team_shows_small_cells(client, known, team):
    client.force_login(team)
    response = client.get(reverse("plans:dashboard", args=[known.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    cells = texts_of(response, ".breakdowns table.data td")
    assert cells and "hidden" not in cells
    assert "submitted" in body.lower()
    response = client.get(reverse("plans:dashboard", args=[known.pk]) + "?submitted=1")
    assert response.status_code == 200
    # The submitted 2026 value, 100: (100 − 40) / (120 − 40).
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".latest-value").get_text(strip=True) == "100"
    assert " ".join(soup.select_one(".progress-final").get_text(" ").split()) == (
        "75 % of the way to the final target of 120 people"
    )


def test_draft_plan_dashboard_is_refused_to_the_public(client, plan, team):
    plan.status = Plan.Status.DRAFT
    plan.save()
    response = client.get(reverse("plans:dashboard", args=[plan.pk]))
    assert response.status_code in (403, 404)
    client.force_login(team)
    assert client.get(reverse("plans:dashboard", args=[plan.pk])).status_code == 200


def test_dashboard_of_an_empty_plan(client, plan):
    response = client.get(reverse("plans:dashboard", args=[plan.pk]))
    assert response.status_code == 200


def test_unknown_plan_is_404(client, db):
    assert client.get(reverse("plans:dashboard", args=[999999])).status_code == 404
