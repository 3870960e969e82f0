"""The plan's data version: cached dashboards, charts and reports are keyed on it."""

from __future__ import annotations

from django.db.models import F

from .models import Plan


def plan_touch(plan_id: int) -> None:
    """Call inside the transaction of every write to a plan or anything in it."""
    Plan.objects.filter(pk=plan_id).update(data_version=F("data_version") + 1)
