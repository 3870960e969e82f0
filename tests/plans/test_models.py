from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from convivio.plans import permissions
from convivio.plans.cells import all_cells, cell_key, cell_values
from convivio.plans.models import Dimension
from convivio.plans.periods import PeriodError, parse_period, periods_between


def test_reference_dimensions_loaded(db):
    slugs = set(Dimension.objects.filter(territory=None).values_list("slug", flat=True))
    assert {"sex", "age", "nationality", "province", "municipality"} <= slugs
    nationality = Dimension.objects.get(slug="nationality")
    assert nationality.values.filter(code="MA", label="Morocco").exists()


def test_periods():
    assert parse_period("2025-q2").start.isoformat() == "2025-04-01"
    assert parse_period("2024-02").end.isoformat() == "2024-02-29"
    assert len(periods_between(2024, 2026, "quarterly")) == 12
    with pytest.raises(PeriodError, match="not a period"):
        parse_period("2025-13")


def test_cells():
    assert cell_key({"sex": "F", "age": "18-24"}) == "age=18-24|sex=F"
    assert cell_values("age=18-24|sex=F") == {"age": "18-24", "sex": "F"}
    assert len(all_cells([("sex", ["F", "M"]), ("age", ["a", "b", "c"])])) == 6


def test_permissions(
    plan, other_plan, team, other_team, reporter, other_reporter, indicator
):
    assert permissions.can_edit_plan(team, plan)
    assert not permissions.can_edit_plan(other_team, plan)
    assert permissions.can_report(reporter, indicator)
    assert not permissions.can_report(other_reporter, indicator)
    with pytest.raises(PermissionDenied, match="territory team"):
        permissions.require_edit_plan(reporter, plan)
