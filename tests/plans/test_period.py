"""A plan may not state its period: every page, form, export and the API accept it
and say "period not stated"; reporting waits until the team gives the years."""

from __future__ import annotations

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from convivio.plans.models import Plan
from convivio.plans.monitoring import services as monitoring

from .factories import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def unstated(plan):
    """The conftest plan (with its measure and indicator) without stated years."""
    Plan.objects.filter(pk=plan.pk).update(start_year=None, end_year=None)
    plan.refresh_from_db()
    return plan


def _dd(page, term: str) -> str:
    soup = BeautifulSoup(page.content, "html.parser")
    for dt in soup.select("dt"):
        if dt.get_text(strip=True) == term:
            return dt.find_next_sibling("dd").get_text(strip=True)
    raise AssertionError(f"no {term!r} in the page")


def test_the_model_says_period_not_stated_and_takes_both_years_or_neither(territory):
    plan = make_plan(territory, start_year=None, end_year=None)
    assert plan.period == "period not stated"
    assert list(plan.years) == [] and not plan.covers_year(2025)
    plan.start_year = 2025
    with pytest.raises(ValidationError) as caught:
        plan.full_clean()
    assert "or neither" in str(caught.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.filter(pk=plan.pk).update(start_year=2025)


def test_plan_pages_show_period_not_stated(client, unstated, indicator, team):
    page = client.get(reverse("plans:detail", args=[unstated.pk]))
    assert page.status_code == 200
    assert _dd(page, "Period") == "period not stated"
    listing = BeautifulSoup(client.get(reverse("plans:list")).content, "html.parser")
    cells = [td.get_text(strip=True) for td in listing.select("table td")]
    assert "period not stated" in cells
    client.force_login(team)
    monitoring = BeautifulSoup(
        client.get(reverse("plans:monitoring", args=[unstated.pk])).content,
        "html.parser",
    )
    banner = monitoring.find(id="period-not-stated")
    assert banner.a["href"] == reverse("plans:edit_meta", args=[unstated.pk])
    for name in ("dashboard", "monitoring", "editor", "duplicate", "print"):
        response = client.get(reverse(f"plans:{name}", args=[unstated.pk]))
        assert response.status_code == 200, name
    for name in ("report_pdf", "plan_xlsx", "results_json"):
        response = client.get(reverse(f"plans:{name}", args=[unstated.pk]))
        assert response.status_code == 200, name
    # No yearly monitoring report for a plan without years.
    response = client.get(
        reverse("plans:monitoring_report_pdf", args=[unstated.pk, 2025])
    )
    assert response.status_code == 404


def test_the_api_gives_null_years(client, unstated, other_plan):
    body = client.get("/api/plans").json()
    years = {
        item["id"]: (item["start_year"], item["end_year"]) for item in body["items"]
    }
    assert years[unstated.pk] == (None, None)
    # Plans without years come after those with years.
    assert [item["id"] for item in body["items"]][-1] == unstated.pk


def test_values_wait_for_the_plans_years(unstated, indicator, reporter):
    with pytest.raises(ValidationError) as caught:
        monitoring.observation_submit(
            user=reporter, indicator=indicator, period="2025", value=Decimal(3)
        )
    assert "does not state its period" in str(caught.value)
    assert not indicator.observations.exists()


def test_the_edit_form_takes_both_years_empty_or_neither(client, team, plan):
    client.force_login(team)
    url = reverse("plans:edit_meta", args=[plan.pk])
    data = {
        "title": "Plano",
        "territory": plan.territory.pk,
        "language": "en",
        "start_year": "2025",
        "end_year": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "or neither" in response.content.decode()
    plan.refresh_from_db()
    assert plan.start_year == 2024
    response = client.post(url, {**data, "start_year": ""})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.start_year, plan.end_year, plan.period) == (
        None,
        None,
        "period not stated",
    )
