"""The monitoring pages as their users see them."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from convivio.plans.models import Indicator, Observation, PeriodLock
from convivio.plans.monitoring import services as monitoring
from tests.html import text_of

from .factories import make_indicator, make_node, make_observation, make_responsibility

D = Decimal


@pytest.fixture
def simple(measure):
    return make_indicator(measure, "Classes held", unit="classes", code="C1")


@pytest.fixture
def theirs(plan, objective, other_partner):
    node = make_node(plan, "Football for all", parent=objective, code="4.1.2")
    make_responsibility(node, other_partner)
    return make_indicator(node, "Club members", unit="people")


def report_url(indicator, period="2025"):
    return reverse("plans:report_value", args=[indicator.pk, period])


GRID = {
    "cell:age=18-24|sex=F": "10",
    "cell:age=25-34|sex=F": "20",
    "cell:age=18-24|sex=M": "12",
    "cell:age=25-34|sex=M": "15",
}


def test_reporter_sees_only_their_indicators(
    client, reporter, indicator, simple, theirs, django_assert_max_num_queries
):
    client.force_login(reporter)
    with django_assert_max_num_queries(13):
        response = client.get(reverse("plans:my_indicators"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Learners enrolled" in text
    assert "Classes held" in text
    assert "Club members" not in text
    assert report_url(indicator, "2024") in text


def test_my_indicators_for_someone_who_reports_nothing(client, stranger, indicator):
    client.force_login(stranger)
    response = client.get(reverse("plans:my_indicators"))
    assert response.status_code == 200
    assert "Learners enrolled" not in response.content.decode()
    assert "not a reporter" in response.content.decode()


def test_my_indicators_needs_login(client):
    response = client.get(reverse("plans:my_indicators"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_report_page_shows_the_grid(client, reporter, indicator):
    client.force_login(reporter)
    response = client.get(report_url(indicator))
    assert response.status_code == 200
    text = response.content.decode()
    for name in GRID:
        assert f'name="{name}"' in text
    assert "Not all cells known" in text
    assert "Women" in text and "18 to 24" in text
    # The form's name for screen readers says which period it is for.
    assert text_of(response, "form.report-form legend") == "Value for 2025"


def test_grid_submit(client, reporter, indicator):
    client.force_login(reporter)
    response = client.post(
        report_url(indicator), {**GRID, "value": "", "narrative": "", "version": "0"}
    )
    assert response.status_code == 302
    observation = Observation.objects.get()
    assert observation.value == 57
    assert observation.cells.count() == 4
    page = client.get(response["Location"]).content.decode()
    assert "submitted" in page
    assert "was saved" in page


def test_grid_errors_shown_in_place(client, reporter, indicator):
    client.force_login(reporter)
    response = client.post(
        report_url(indicator), {**GRID, "value": "60", "version": "0"}
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "The cells add up to 57 but the total is 60" in text
    # What the person typed stays in the form.
    assert 'value="60"' in text
    response = client.post(
        report_url(indicator),
        {**GRID, "cell:age=18-24|sex=F": "ten", "version": "0"},
    )
    assert response.status_code == 400
    assert "Enter a number." in response.content.decode()
    assert not Observation.objects.exists()


def test_not_all_cells_known_from_the_form(client, reporter, indicator):
    client.force_login(reporter)
    response = client.post(
        report_url(indicator),
        {
            "cell:age=18-24|sex=F": "10",
            "value": "40",
            "cells_incomplete": "on",
            "version": "0",
        },
    )
    assert response.status_code == 302
    observation = Observation.objects.get()
    assert (observation.value, observation.cells_complete) == (40, False)


def test_single_value_and_stale_version(client, reporter, team, simple):
    client.force_login(reporter)
    response = client.post(report_url(simple), {"value": "12", "version": "0"})
    assert response.status_code == 302
    monitoring.observation_submit(
        user=team, indicator=simple, period="2025", value=D(13)
    )
    response = client.post(report_url(simple), {"value": "99", "version": "1"})
    assert response.status_code == 400
    assert "Someone changed this value" in response.content.decode()
    assert Observation.objects.get().value == 13


def test_locked_period_form_disabled(client, team, reporter, plan, simple):
    monitoring.period_lock(user=team, plan=plan, period="2025")
    client.force_login(reporter)
    response = client.get(report_url(simple))
    assert "This period is locked" in response.content.decode()
    assert "<fieldset disabled>" in response.content.decode()
    response = client.post(report_url(simple), {"value": "3", "version": "0"})
    assert response.status_code == 400
    assert not Observation.objects.exists()


def test_report_page_shows_the_return_comment(client, team, reporter, simple):
    observation = monitoring.observation_submit(
        user=reporter, indicator=simple, period="2025", value=D(12)
    )
    monitoring.observation_return(
        user=team, observation=observation, comment="Count the adult groups only."
    )
    client.force_login(reporter)
    text = client.get(report_url(simple)).content.decode()
    assert "Returned by the territory team" in text
    assert "Count the adult groups only." in text


def test_bad_periods_are_404(client, reporter, simple, measure):
    client.force_login(reporter)
    assert client.get(report_url(simple, "2030")).status_code == 404
    assert client.get(report_url(simple, "nonsense")).status_code == 404
    assert client.get(report_url(simple, "2025-Q1")).status_code == 404
    response = client.get(report_url(simple, "2025 "))
    assert response.status_code in (302, 404)
    assert (
        client.get(reverse("plans:report_value", args=[999999, "2025"])).status_code
        == 404
    )


def test_quarterly_and_qualitative_pages(client, reporter, measure):
    quarterly = make_indicator(
        measure, "Sessions", frequency=Indicator.Frequency.QUARTERLY, unit="sessions"
    )
    qualitative = make_indicator(
        measure, "How it went", kind=Indicator.Kind.QUALITATIVE, unit=""
    )
    client.force_login(reporter)
    response = client.get(report_url(quarterly, "2025-q2"))
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    response = client.post(report_url(qualitative), {"narrative": "", "version": "0"})
    assert response.status_code == 400
    response = client.post(
        report_url(qualitative), {"narrative": "Well attended.", "version": "0"}
    )
    assert response.status_code == 302
    assert Observation.objects.get(indicator=qualitative).narrative == "Well attended."


def test_other_reporter_gets_403(client, other_reporter, stranger, simple):
    for person in (other_reporter, stranger):
        client.force_login(person)
        response = client.get(report_url(simple))
        assert response.status_code == 403
        assert "your organisation is responsible" in response.content.decode()
        response = client.post(report_url(simple), {"value": "3", "version": "0"})
        assert response.status_code == 403
        assert (
            client.get(reverse("plans:indicator_history", args=[simple.pk])).status_code
            == 403
        )
    assert not Observation.objects.exists()


def test_team_monitoring_page(
    client, team, reporter, plan, indicator, simple, django_assert_max_num_queries
):
    observation = monitoring.observation_submit(
        user=reporter,
        indicator=indicator,
        period="2025",
        cells={
            "age=18-24|sex=F": D(3),
            "age=25-34|sex=F": D(20),
            "age=18-24|sex=M": D(12),
            "age=25-34|sex=M": D(15),
        },
    )
    make_observation(simple, "2024", 8)
    monitoring.period_lock(user=team, plan=plan, period="2024")
    client.force_login(team)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("plans:monitoring", args=[plan.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Values to validate" in text
    assert reverse("plans:observation_validate", args=[observation.pk]) in text
    # The team sees small cells, marked.
    assert 'class="small-cell"' in text
    assert "Women · 18 to 24: <strong>3</strong>" in text
    assert "<strong>2024</strong>" in text
    assert reverse("plans:observations_export", args=[plan.pk, "xlsx"]) in text


def test_monitoring_page_query_count_does_not_grow(
    client, team, plan, measure, django_assert_max_num_queries
):
    for n in range(12):
        indicator = make_indicator(
            measure, f"Indicator {n}", dimensions={"sex": ["F", "M"]}
        )
        make_observation(
            indicator,
            "2024",
            5,
            cells={(("sex", "F"),): 2, (("sex", "M"),): 3},
            status=Observation.Status.SUBMITTED,
        )
    client.force_login(team)
    with django_assert_max_num_queries(25):
        assert (
            client.get(reverse("plans:monitoring", args=[plan.pk])).status_code == 200
        )


def test_monitoring_page_refused_to_others(
    client, reporter, other_team, stranger, plan
):
    url = reverse("plans:monitoring", args=[plan.pk])
    for person in (reporter, other_team, stranger):
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 403
        assert "Only the territory team" in response.content.decode()
    assert client.get(reverse("plans:monitoring", args=[999999])).status_code == 404


def test_team_validates_inline_with_htmx(client, team, reporter, simple):
    observation = monitoring.observation_submit(
        user=reporter, indicator=simple, period="2025", value=D(12)
    )
    client.force_login(team)
    response = client.post(
        reverse("plans:observation_validate", args=[observation.pk]),
        {"version": "1"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "2025 validated." in response.content.decode()
    assert f'id="queue-{observation.pk}"' in response.content.decode()
    assert Observation.objects.get().status == "validated"


def test_team_returns_with_a_comment(client, team, reporter, simple):
    observation = monitoring.observation_submit(
        user=reporter, indicator=simple, period="2025", value=D(12)
    )
    client.force_login(team)
    url = reverse("plans:observation_return", args=[observation.pk])
    response = client.post(url, {"comment": "", "version": "1"})
    assert response.status_code == 302
    assert Observation.objects.get().status == "submitted"
    page = client.get(response["Location"]).content.decode()
    assert "a comment is needed" in page
    response = client.post(url, {"comment": "Adults only, please.", "version": "1"})
    assert response.status_code == 302
    observation.refresh_from_db()
    assert (observation.status, observation.comment) == (
        "returned",
        "Adults only, please.",
    )


def test_stale_validation_with_htmx_says_so(client, team, reporter, simple):
    observation = monitoring.observation_submit(
        user=reporter, indicator=simple, period="2025", value=D(12)
    )
    monitoring.observation_submit(
        user=reporter, indicator=simple, period="2025", value=D(14)
    )
    client.force_login(team)
    response = client.post(
        reverse("plans:observation_validate", args=[observation.pk]),
        {"version": "1"},
        headers={"HX-Request": "true"},
    )
    assert "Someone changed this value" in response.content.decode()
    assert Observation.objects.get().status == "submitted"


def test_validate_and_return_refused_to_reporters(client, reporter, other_team, simple):
    observation = monitoring.observation_submit(
        user=reporter, indicator=simple, period="2025", value=D(12)
    )
    for person in (reporter, other_team):
        client.force_login(person)
        for name in ("plans:observation_validate", "plans:observation_return"):
            response = client.post(
                reverse(name, args=[observation.pk]), {"comment": "no"}
            )
            assert response.status_code == 403
    assert Observation.objects.get().status == "submitted"


def test_lock_and_unlock_pages(client, team, plan, other_team):
    client.force_login(team)
    url = reverse("plans:period_lock", args=[plan.pk])
    response = client.post(url, {"period": "2025"})
    assert response.status_code == 302
    lock = PeriodLock.objects.get()
    response = client.post(url, {"period": "2099"})
    page = client.get(response["Location"]).content.decode()
    assert "outside the plan" in page
    response = client.post(url, {"period": ""})
    assert response.status_code == 302
    client.force_login(other_team)
    assert client.post(url, {"period": "2024"}).status_code == 403
    unlock = reverse("plans:period_unlock", args=[lock.pk])
    assert client.post(unlock).status_code == 403
    client.force_login(team)
    assert client.post(unlock).status_code == 302
    assert not PeriodLock.objects.exists()
    assert client.post(unlock).status_code == 404


def test_history_page(client, team, reporter, simple):
    observation = monitoring.observation_submit(
        user=reporter, indicator=simple, period="2025", value=D(12)
    )
    monitoring.observation_return(user=team, observation=observation, comment="Check")
    monitoring.observation_submit(
        user=reporter, indicator=simple, period="2025", value=D(10)
    )
    client.force_login(team)
    response = client.get(reverse("plans:indicator_history", args=[simple.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    for word in ("submitted", "returned", "changed", "Comment: Check", "reporter"):
        assert word in text


def test_export_pages(client, team, reporter, other_reporter, plan, simple):
    client.force_login(team)
    response = client.get(reverse("plans:observations_export", args=[plan.pk, "xlsx"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    response = client.get(reverse("plans:observations_export", args=[plan.pk, "csv"]))
    assert response.content.decode("utf-8-sig").startswith("indicator_id,")
    assert (
        client.get(
            reverse("plans:observations_export", args=[plan.pk, "pdf"])
        ).status_code
        == 404
    )
    client.force_login(other_reporter)
    response = client.get(reverse("plans:observations_export", args=[plan.pk, "csv"]))
    assert response.status_code == 403


def _xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_import_page(client, reporter, plan, simple, other_reporter):
    url = reverse("plans:observations_import", args=[plan.pk])
    client.force_login(reporter)
    assert client.get(url).status_code == 200
    bad = _xlsx([["indicator_id", "period", "value"], [simple.pk, "2025", "ten"]])
    response = client.post(url, {"file": SimpleUploadedFile("v.xlsx", bad)})
    assert response.status_code == 400
    text = response.content.decode()
    assert "nothing was saved" in text
    assert "“ten” is not a number" in text
    response = client.post(
        url, {"file": SimpleUploadedFile("v.xlsx", b"PK\x03\x04garbage")}
    )
    assert response.status_code == 400
    assert "not an Excel workbook" in response.content.decode()
    assert not Observation.objects.exists()
    good = _xlsx([["indicator_id", "period", "value"], [simple.pk, "2025", 12]])
    response = client.post(url, {"file": SimpleUploadedFile("v.xlsx", good)})
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:my_indicators")
    assert Observation.objects.get().value == 12
    client.force_login(other_reporter)
    assert client.get(url).status_code == 403
    assert (
        client.post(url, {"file": SimpleUploadedFile("v.xlsx", good)}).status_code
        == 403
    )
