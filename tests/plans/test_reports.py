"""Reports: the plan and monitoring report as PDF and DOCX, the XLSX workbook and
the IATI-shaped JSON, with small cells hidden from the public."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from convivio.plans.models import (
    Plan,
    PlanNode,
    Recommendation,
    RecommendationTranslation,
)

from .factories import make_indicator, make_node, make_observation, make_plan


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reported(plan, area, objective, measure, indicator, partner):
    measure.status = PlanNode.Status.IN_PROGRESS
    measure.budget_amount = Decimal(12000)
    measure.funding_source = '=HYPERLINK("http://evil")'
    measure.start_date = date(2024, 1, 1)
    measure.end_date = date(2026, 6, 30)
    measure.save()
    make_observation(
        indicator,
        "2025",
        83,
        cells={
            (("sex", "F"), ("age", "18-24")): 40,
            (("sex", "F"), ("age", "25-34")): 40,
            (("sex", "M"), ("age", "18-24")): 1,
            (("sex", "M"), ("age", "25-34")): 2,
        },
    )
    make_observation(
        indicator, "2024", 61, cells={(("sex", "F"), ("age", "18-24")): 61}
    )
    qualitative = make_indicator(
        measure, "How the classes are received", kind="qualitative"
    )
    make_observation(
        qualitative, "2025", None, narrative="Learners ask for more groups."
    )
    recommendation = Recommendation.objects.create(
        plan=plan, audience="local", original_language_id="en"
    )
    RecommendationTranslation.objects.create(
        recommendation=recommendation,
        language_id="en",
        text="Open a weekend group in every parish.",
    )
    return plan


def _pdf_text(content: bytes) -> str:
    return "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(content)).pages
    )


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_plan_pdf(client, reported):
    response = client.get(reverse("plans:report_pdf", args=[reported.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert "Municipal plan for the integration of migrants" in text
    assert "4.1.1 Evening language classes" in text
    assert "Learners enrolled" in text
    assert "83" in text
    assert "Casa das Línguas" in text
    assert "Open a weekend group in every parish." in text


def test_monitoring_pdf_hides_small_cells_from_the_public(client, reported, team):
    url = reverse("plans:monitoring_report_pdf", args=[reported.pk, 2025])
    response = client.get(url)
    assert response.status_code == 200
    text = _pdf_text(response.content)
    assert "Monitoring report 2025" in text
    assert "Learners enrolled" in text
    assert "83" in text
    assert "Women hidden\nMen hidden" in text
    assert "Learners ask for more groups." in text
    client.force_login(team)
    text = _pdf_text(client.get(url).content)
    assert "Women hidden" not in text and "Men hidden" not in text
    assert "Team edition" in text


def test_monitoring_report_of_a_year_outside_the_plan_is_404(client, reported):
    url = reverse("plans:monitoring_report_pdf", args=[reported.pk, 2031])
    assert client.get(url).status_code == 404
    url = reverse("plans:monitoring_report_docx", args=[reported.pk, 1999])
    assert client.get(url).status_code == 404


def test_plan_docx(client, reported):
    response = client.get(reverse("plans:report_docx", args=[reported.pk]))
    assert response.status_code == 200
    text = _docx_text(response.content)
    assert "Evening language classes" in text
    assert "Learners enrolled" in text
    assert "baseline 40" in text and "target 120" in text
    assert "Open a weekend group in every parish." in text


def test_monitoring_docx(client, reported, team):
    url = reverse("plans:monitoring_report_docx", args=[reported.pk, 2025])
    text = _docx_text(client.get(url).content)
    assert "Learners enrolled" in text
    assert "83" in text
    assert "Women\nhidden\nMen\nhidden" in text
    client.force_login(team)
    text = _docx_text(client.get(url).content)
    assert "Women\nhidden" not in text and "Men\nhidden" not in text


def test_plan_xlsx(client, reported):
    response = client.get(reverse("plans:plan_xlsx", args=[reported.pk]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Plan", "Indicators", "Results", "Breakdowns"]
    tree = list(book["Plan"].iter_rows(values_only=True))
    assert tree[1][:4] == ("4", 1, "area or axis", "Education and language")
    measure = next(row for row in tree if row[0] == "4.1.1")
    assert measure[9] == 12000
    # Text that looks like a formula stays text.
    cell = next(c for c in book["Plan"]["L"] if c.value and "HYPERLINK" in c.value)
    assert cell.data_type == "s"
    indicators = list(book["Indicators"].iter_rows(values_only=True))
    assert ("Learners enrolled", 40, 120) == (
        indicators[1][1],
        indicators[1][5],
        indicators[1][7],
    )
    results = list(book["Results"].iter_rows(values_only=True))
    assert ("Learners enrolled", "2025", 83) in {(r[1], r[2], r[5]) for r in results}
    breakdowns = list(book["Breakdowns"].iter_rows(values_only=True))
    assert ("Sex", "Men", "hidden") in {(r[3], r[4], r[5]) for r in breakdowns}


def test_results_json_shape(client, reported):
    response = client.get(reverse("plans:results_json", args=[reported.pk]))
    assert response.status_code == 200
    data = response.json()
    assert data["plan"]["title"] == "Municipal plan for the integration of migrants"
    assert data["small_cell_threshold"] == 5
    (result,) = data["results"]
    assert result["type"] == "output" and result["node"] == "4.1.1"
    first, second = result["indicators"]
    assert first["title"] == "Learners enrolled"
    assert first["measure"] == "unit" and first["ascending"] is True
    assert first["baseline"]["value"] == 40
    periods = {p["period_start"]: p for p in first["periods"]}
    actual = periods["2025-01-01"]["actual"]
    assert periods["2025-01-01"]["period_end"] == "2025-12-31"
    assert actual["value"] == 83
    dims = {(d["name"], d["value"]): d for d in actual["dimensions"]}
    assert dims["sex", "M"]["count"] is None and dims["sex", "M"]["suppressed"]
    assert dims["sex", "F"]["count"] is None  # complementary suppression
    assert dims["age", "18-24"]["count"] == 41
    assert second["measure"] == "qualitative"
    assert second["periods"][0]["actual"]["comment"] == "Learners ask for more groups."


def test_results_json_for_the_team_shows_every_count(client, reported, team):
    client.force_login(team)
    data = client.get(reverse("plans:results_json", args=[reported.pk])).json()
    assert data["small_cell_threshold"] is None
    periods = data["results"][0]["indicators"][0]["periods"]
    dims = {
        (d["name"], d["value"]): d["count"]
        for p in periods
        if p["period_start"] == "2025-01-01"
        for d in p["actual"]["dimensions"]
    }
    assert dims["sex", "M"] == 3 and dims["sex", "F"] == 80


@pytest.mark.parametrize(
    "name",
    ["report_pdf", "report_docx", "plan_xlsx", "results_json", "dashboard"],
)
def test_draft_plan_is_hidden_from_the_public_and_other_teams(
    client, plan, other_team, name
):
    plan.status = Plan.Status.DRAFT
    plan.save()
    url = reverse(f"plans:{name}", args=[plan.pk])
    # As on the plan's page and in the API: a draft one may not see is not
    # there (404), rather than a refusal that tells it exists.
    assert client.get(url).status_code == 404
    client.force_login(other_team)
    assert client.get(url).status_code == 404


def test_draft_plan_reports_for_its_team(client, plan, team):
    plan.status = Plan.Status.DRAFT
    plan.save()
    area = make_node(plan, "Area", kind="area", code="1")
    indicator = make_indicator(make_node(plan, "Measure", parent=area), "Learners")
    make_observation(indicator, "2024", 12)
    client.force_login(team)
    for name in ("report_pdf", "report_docx", "plan_xlsx", "results_json"):
        assert client.get(reverse(f"plans:{name}", args=[plan.pk])).status_code == 200
    url = reverse("plans:monitoring_report_pdf", args=[plan.pk, 2024])
    assert client.get(url).status_code == 200


def test_pdf_of_a_30_measure_plan(client, territory):
    # How long it takes is measured by `make bench`, not here: a wall-clock bound
    # fails by chance on a busy machine.
    plan = make_plan(territory, title="Large plan")
    for a in range(1, 6):
        area = make_node(plan, f"Area {a}", kind="area", code=str(a))
        objective = make_node(plan, f"Objective {a}.1", kind="objective", parent=area)
        for m in range(6):
            node = make_node(
                plan,
                f"Measure {a}.1.{m}",
                parent=objective,
                code=f"{a}.1.{m}",
                start_date=date(2024, 1 + m, 1),
                end_date=date(2025, 1 + m, 28),
            )
            if m < 1:
                indicator = make_indicator(
                    node, f"Indicator {a}", dimensions={"sex": ["F", "M"]}
                )
                for year in (2024, 2025):
                    make_observation(
                        indicator,
                        str(year),
                        30,
                        cells={(("sex", "F"),): 20, (("sex", "M"),): 10},
                    )
    response = client.get(reverse("plans:report_pdf", args=[plan.pk]))
    assert response.status_code == 200
    assert "Measure 5.1.5" in _pdf_text(response.content)
    url = reverse("plans:monitoring_report_pdf", args=[plan.pk, 2025])
    report = client.get(url)
    assert report.status_code == 200
    assert "Indicator 5" in _pdf_text(report.content)
