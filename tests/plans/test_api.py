"""The plans API: public reads of plans, indicators and observations, and
observations written with a personal token."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.utils import timezone

from convivio.core.tokens import token_create, token_revoke
from convivio.plans.models import (
    MeasurePractice,
    Observation,
    ObservationRevision,
    PeriodLock,
    Plan,
    PlanNode,
    PlanNodeTranslation,
    PlanTranslation,
    Recommendation,
    RecommendationTranslation,
    Target,
)
from convivio.plans.periods import parse_period
from tests.factories import make_practice

from .factories import (
    make_indicator,
    make_node,
    make_observation,
    make_plan,
    make_responsibility,
    make_territory,
)

pytestmark = pytest.mark.django_db

CELLS = {
    (("age", "18-24"), ("sex", "F")): 3,
    (("age", "25-34"), ("sex", "F")): 20,
    (("age", "18-24"), ("sex", "M")): 10,
    (("age", "25-34"), ("sex", "M")): 12,
}


def bearer(user) -> dict[str, str]:
    _token, key = token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def post(client, indicator, body, headers=None, raw: str | None = None):
    return client.post(
        f"/api/indicators/{indicator.pk}/observations",
        data=raw if raw is not None else json.dumps(body),
        content_type="application/json",
        **(headers or {}),
    )


# --- Plans -----------------------------------------------------------------------


def test_plan_list_shows_public_plans_to_everybody(client, plan, other_plan, territory):
    make_plan(territory, title="Draft for next year", status=Plan.Status.DRAFT)
    response = client.get("/api/plans")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    assert data["page"] == 1 and data["pages"] == 1
    titles = {item["title"] for item in data["items"]}
    assert titles == {plan.translation_for().title, "Plano da Ribeira Alta"}
    item = next(i for i in data["items"] if i["id"] == plan.pk)
    assert item["status"] == "monitoring"
    assert item["territory"]["name"] == "Vale Novo"
    assert item["territory"]["country_code"] == "PT"
    assert (item["start_year"], item["end_year"]) == (2024, 2026)


def test_plan_list_shows_a_draft_to_its_team_only(client, team, other_team, territory):
    make_plan(territory, title="Draft for next year", status=Plan.Status.DRAFT)
    client.force_login(other_team)
    assert client.get("/api/plans").json()["count"] == 0
    client.force_login(team)
    assert client.get("/api/plans").json()["count"] == 1
    client.logout()
    # With a token instead of a session.
    data = client.get("/api/plans", **bearer(team)).json()
    assert [i["title"] for i in data["items"]] == ["Draft for next year"]


def test_plan_list_filters(client, plan, other_plan, territory):
    spanish = make_plan(
        make_territory("Sevilla", country="ES"), title="Plan local de Sevilla"
    )
    closed = make_plan(territory, title="Old plan", status=Plan.Status.CLOSED)

    def ids(query: str) -> set[int]:
        response = client.get(f"/api/plans?{query}")
        assert response.status_code == 200, response.content
        return {item["id"] for item in response.json()["items"]}

    assert ids("territory=es") == {spanish.pk}
    assert ids("territory=PT") == {plan.pk, other_plan.pk, closed.pk}
    assert ids(f"territory={territory.pk}") == {plan.pk, closed.pk}
    portugal = territory.parent
    assert ids(f"territory={portugal.pk}") == {plan.pk, other_plan.pk, closed.pk}
    assert ids("territory=99999999") == set()
    assert ids("status=closed") == {closed.pk}
    assert ids("status=draft") == set()
    assert ids("q=sevilla") == {spanish.pk}
    assert ids("q=ribeira&territory=PT") == {other_plan.pk}


def test_plan_list_refuses_bad_parameters_with_a_sentence(client, plan):
    response = client.get("/api/plans?status=nonsense")
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Invalid request")
    assert set(response.json()["fields"]) == {"status"}
    for query, detail in (
        ("page=0", "“page” is a whole number from 1 to 100000."),
        ("page=abc", "“page” is a whole number from 1 to 100000."),
        ("page_size=1000", "“page_size” is a whole number from 1 to 100."),
    ):
        response = client.get(f"/api/plans?{query}")
        assert response.status_code == 400, query
        assert response.json() == {"detail": detail}


def test_plan_list_pages(client, territory):
    for number in range(5):
        make_plan(territory, title=f"Plan {number}", start_year=2020 + number)
    data = client.get("/api/plans?page_size=2").json()
    assert (data["count"], data["pages"], len(data["items"])) == (5, 3, 2)
    assert data["items"][0]["start_year"] == 2024  # newest first
    last = client.get("/api/plans?page_size=2&page=3").json()
    assert [i["start_year"] for i in last["items"]] == [2020]
    beyond = client.get("/api/plans?page_size=2&page=40").json()
    assert beyond["page"] == 3


def test_plan_detail_has_its_whole_tree(client, plan, area, objective, measure):
    measure.needs_financing = True
    measure.financing_rank = 2
    measure.budget_amount = Decimal("15000.00")
    measure.funding_source = "Municipal budget"
    measure.duration_note = "up to two years"
    measure.status = PlanNode.Status.IN_PROGRESS
    measure.progress = 40
    measure.save()
    second = make_node(plan, "Welcome desk", parent=objective, code="4.1.2")
    indicator = make_indicator(measure, "Learners enrolled")
    practice = make_practice(title="Language café")
    MeasurePractice.objects.create(node=measure, practice=practice)
    recommendation = Recommendation.objects.create(
        plan=plan, audience="media", original_language_id="en"
    )
    RecommendationTranslation.objects.create(
        recommendation=recommendation, language_id="en", text="Report fairly."
    )
    response = client.get(f"/api/plans/{plan.pk}")
    assert response.status_code == 200
    data = response.json()
    assert data["original_language"] == "en"
    [area_out] = data["nodes"]
    assert (area_out["kind"], area_out["code"]) == ("area", "4")
    assert area_out["measure"] is None
    [objective_out] = area_out["children"]
    assert objective_out["title"] == "More adults learn Portuguese"
    assert [c["code"] for c in objective_out["children"]] == ["4.1.1", "4.1.2"]
    measure_out = objective_out["children"][0]
    assert measure_out["measure"]["priority"] == 1
    assert measure_out["measure"]["needs_financing"] is True
    assert measure_out["measure"]["financing_rank"] == 2
    assert measure_out["measure"]["budget_amount"] == 15000.0
    assert measure_out["measure"]["duration_note"] == "up to two years"
    assert measure_out["measure"]["status"] == "in_progress"
    assert measure_out["measure"]["progress"] == 40
    assert measure_out["responsible"] == [
        {
            "organisation": {
                "id": measure.organisations.get().pk,
                "slug": measure.organisations.get().slug,
                "name": "Casa das Línguas",
            },
            "role": "lead",
            "competences": "",
        }
    ]
    assert measure_out["indicators"] == [indicator.pk]
    assert measure_out["practices"][0]["practice_id"] == practice.pk
    assert measure_out["practices"][0]["relation"] == "inspires"
    assert objective_out["children"][1]["id"] == second.pk
    assert data["recommendations"] == [
        {
            "id": recommendation.pk,
            "audience": "media",
            "text": "Report fairly.",
            "language": "en",
        }
    ]


def test_plan_detail_skips_deleted_nodes_and_what_is_under_them(
    client, plan, area, objective, measure
):
    objective.deleted_at = timezone.now()
    objective.save()
    data = client.get(f"/api/plans/{plan.pk}").json()
    assert data["nodes"][0]["children"] == []


def test_plan_detail_picks_the_language_asked_with_the_original_as_fallback(
    client, plan, area
):
    PlanTranslation.objects.create(
        plan=plan,
        language_id="pt",
        title="Plano municipal",
        origins={"title": {"origin": "machine"}},
    )
    PlanNodeTranslation.objects.create(
        node=area, language_id="pt", title="Educação e língua"
    )
    data = client.get(f"/api/plans/{plan.pk}?lang=pt").json()
    assert (data["title"], data["language"]) == ("Plano municipal", "pt")
    assert data["nodes"][0]["title"] == "Educação e língua"
    assert data["languages"] == ["en", "pt"]
    data = client.get(f"/api/plans/{plan.pk}?lang=it").json()
    assert data["language"] == "en"
    assert data["nodes"][0]["title"] == "Education and language"


def test_a_draft_plan_is_not_found_by_the_public(client, territory, team, reporter):
    draft = make_plan(territory, title="Draft", status=Plan.Status.DRAFT)
    node = make_node(draft, "Measure")
    make_indicator(node, "Count")
    for path in (
        f"/api/plans/{draft.pk}",
        f"/api/plans/{draft.pk}/indicators",
        f"/api/plans/{draft.pk}/observations",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json() == {"detail": "No such plan."}
    assert client.get(f"/api/plans/{draft.pk}", **bearer(reporter)).status_code == 404
    assert client.get(f"/api/plans/{draft.pk}", **bearer(team)).status_code == 200
    assert client.get("/api/plans/99999999").status_code == 404


def test_a_reporter_reads_the_draft_of_a_measure_of_its_organisation(
    client, territory, reporter, partner
):
    draft = make_plan(territory, title="Draft", status=Plan.Status.DRAFT)
    node = make_node(draft, "Measure")
    make_responsibility(node, partner)
    assert client.get(f"/api/plans/{draft.pk}", **bearer(reporter)).status_code == 200


def test_a_wrong_token_is_refused_even_for_public_reads(client, plan):
    response = client.get("/api/plans", HTTP_AUTHORIZATION="Bearer cv_nonsense")
    assert response.status_code == 401
    assert "token" in response.json()["detail"]


# --- Indicators ------------------------------------------------------------------


def test_plan_indicators_in_tree_order_with_dimensions_and_targets(
    client, plan, objective, measure, indicator
):
    Target.objects.create(indicator=indicator, period="2025", value=80)
    Target.objects.create(indicator=indicator, period="2025", cell="sex=F", value=40)
    earlier = make_node(plan, "Earlier measure", parent=objective, position=0)
    measure.position = 1
    measure.save()
    first = make_indicator(earlier, "Families visited")
    gone = make_indicator(measure, "Removed")
    gone.deleted_at = timezone.now()
    gone.save()
    data = client.get(f"/api/plans/{plan.pk}/indicators").json()
    assert data["count"] == 2
    assert [i["id"] for i in data["items"]] == [first.pk, indicator.pk]
    learners = data["items"][1]
    assert learners["name"] == "Learners enrolled"
    assert learners["node_code"] == "4.1.1"
    assert (learners["baseline_value"], learners["target_value"]) == (40.0, 120.0)
    assert learners["unit"] == "people"
    assert learners["frequency"] == "yearly"
    dimensions = {d["slug"]: d for d in learners["dimensions"]}
    assert [v["code"] for v in dimensions["sex"]["values"]] == ["F", "M"]
    assert [v["code"] for v in dimensions["age"]["values"]] == ["18-24", "25-34"]
    assert dimensions["sex"]["about_people"] is True
    assert {(t["period"], t["cell"], t["value"]) for t in learners["targets"]} == {
        ("2025", "", 80.0),
        ("2025", "sex=F", 40.0),
    }
    assert learners["targets"][1]["dimensions"] == {"sex": "F"}


def test_indicator_detail(client, indicator, territory):
    response = client.get(f"/api/indicators/{indicator.pk}")
    assert response.status_code == 200
    data = response.json()
    assert data["id"] == indicator.pk
    assert data["plan_id"] == indicator.plan_id
    assert len(data["dimensions"]) == 2
    assert client.get("/api/indicators/99999999").status_code == 404
    indicator.deleted_at = timezone.now()
    indicator.save()
    assert client.get(f"/api/indicators/{indicator.pk}").status_code == 404


def test_an_indicator_of_a_draft_is_not_found_by_the_public(client, territory, team):
    draft = make_plan(territory, title="Draft", status=Plan.Status.DRAFT)
    indicator = make_indicator(make_node(draft, "Measure"), "Count")
    for path in (
        f"/api/indicators/{indicator.pk}",
        f"/api/indicators/{indicator.pk}/observations",
    ):
        assert client.get(path).status_code == 404
        assert client.get(path, **bearer(team)).status_code == 200


# --- Observations (reads) --------------------------------------------------------


def test_the_public_sees_validated_values_with_small_cells_hidden(client, indicator):
    make_observation(indicator, "2024", 45, cells=CELLS)
    make_observation(indicator, "2025", 50, status=Observation.Status.SUBMITTED)
    data = client.get(f"/api/indicators/{indicator.pk}/observations").json()
    assert data["count"] == 1
    [item] = data["items"]
    assert (item["period"], item["value"], item["status"]) == (
        "2024",
        45.0,
        "validated",
    )
    assert item["breakdown"] == "per_dimension"
    shown = {cell["cell"]: cell["value"] for cell in item["cells"]}
    # By sex: F = 23, M = 22; by age: 18-24 = 13, 25-34 = 32. Never crossed.
    assert shown == {"sex=F": 23.0, "sex=M": 22.0, "age=18-24": 13.0, "age=25-34": 32.0}
    assert all("|" not in cell["cell"] for cell in item["cells"])


def test_a_small_group_is_hidden_with_its_complement(client, indicator):
    make_observation(
        indicator,
        "2024",
        25,
        cells={
            (("age", "18-24"), ("sex", "F")): 1,
            (("age", "25-34"), ("sex", "F")): 1,
            (("age", "18-24"), ("sex", "M")): 10,
            (("age", "25-34"), ("sex", "M")): 13,
        },
    )
    [item] = client.get(f"/api/indicators/{indicator.pk}/observations").json()["items"]
    by_key = {cell["cell"]: cell for cell in item["cells"]}
    # Women are 2: hidden, and men too, or 25 - men would give them away.
    assert by_key["sex=F"] == {
        "cell": "sex=F",
        "dimensions": {"sex": "F"},
        "value": None,
        "hidden": True,
    }
    assert by_key["sex=M"]["hidden"] is True
    assert by_key["age=18-24"]["value"] == 11.0
    assert item["value"] == 25.0


def test_the_team_sees_every_cell_and_every_status(client, team, indicator):
    make_observation(indicator, "2024", 45, cells=CELLS)
    make_observation(indicator, "2025", 50, status=Observation.Status.SUBMITTED)
    data = client.get(
        f"/api/indicators/{indicator.pk}/observations", **bearer(team)
    ).json()
    assert [i["period"] for i in data["items"]] == ["2024", "2025"]
    first = data["items"][0]
    assert first["breakdown"] == "cells"
    assert {c["cell"]: c["value"] for c in first["cells"]} == {
        "age=18-24|sex=F": 3.0,
        "age=25-34|sex=F": 20.0,
        "age=18-24|sex=M": 10.0,
        "age=25-34|sex=M": 12.0,
    }


def test_a_reporter_sees_its_own_reports_but_not_others(
    client, reporter, partner, indicator
):
    make_observation(
        indicator, "2024", 45, cells=CELLS, status="submitted", organisation=partner
    )
    data = client.get(
        f"/api/indicators/{indicator.pk}/observations", **bearer(reporter)
    ).json()
    assert data["items"][0]["breakdown"] == "cells"
    assert (
        client.get(f"/api/indicators/{indicator.pk}/observations").json()["count"] == 0
    )


def test_observation_filters_and_a_bad_period(client, plan, measure, indicator):
    other = make_indicator(measure, "Courses held")
    for year in ("2024", "2025", "2026"):
        make_observation(indicator, year, 40)
        make_observation(other, year, 2)
    base = f"/api/plans/{plan.pk}/observations"
    data = client.get(base).json()
    assert data["count"] == 6
    assert [(i["indicator_id"], i["period"]) for i in data["items"][:3]] == [
        (indicator.pk, "2024"),
        (indicator.pk, "2025"),
        (indicator.pk, "2026"),
    ]
    data = client.get(f"{base}?period=2025").json()
    assert {i["indicator_id"] for i in data["items"]} == {indicator.pk, other.pk}
    data = client.get(f"{base}?indicator={other.pk}&period=2026").json()
    assert [(i["indicator_id"], i["value"]) for i in data["items"]] == [(other.pk, 2.0)]
    response = client.get(f"{base}?period=last-year")
    assert response.status_code == 422
    assert "is not a period" in response.json()["detail"]
    data = client.get(f"/api/indicators/{indicator.pk}/observations?period=2025")
    assert [i["period"] for i in data.json()["items"]] == ["2025"]


def test_a_qualitative_value_has_its_narrative(client, measure):
    qualitative = make_indicator(measure, "Partnership", kind="qualitative")
    make_observation(qualitative, "2024", None, narrative="Three new partners.")
    [item] = client.get(f"/api/indicators/{qualitative.pk}/observations").json()[
        "items"
    ]
    assert item["narrative"] == "Three new partners."
    assert (item["value"], item["breakdown"], item["cells"]) == (None, "none", [])


# --- Query counts ----------------------------------------------------------------


def _build(plan, objective, partner, size: int) -> None:
    for number in range(size):
        node = make_node(plan, f"Measure {number}", parent=objective)
        make_responsibility(node, partner)
        indicator = make_indicator(
            node, f"Indicator {number}", dimensions={"sex": ["F", "M"]}
        )
        make_observation(
            indicator,
            "2024",
            30,
            cells={(("sex", "F"),): 10, (("sex", "M"),): 20},
        )


@pytest.mark.parametrize("size", [3, 30])
def test_queries_do_not_grow_with_the_plan(
    client, django_assert_max_num_queries, plan, objective, partner, territory, size
):
    for number in range(size):
        make_plan(territory, title=f"Other plan {number}")
    _build(plan, objective, partner, size)
    with django_assert_max_num_queries(6):
        assert client.get("/api/plans?page_size=100").status_code == 200
    with django_assert_max_num_queries(12):
        data = client.get(f"/api/plans/{plan.pk}").json()
    assert len(data["nodes"][0]["children"][0]["children"]) == size
    with django_assert_max_num_queries(10):
        data = client.get(f"/api/plans/{plan.pk}/indicators?page_size=100").json()
    assert data["count"] == size
    with django_assert_max_num_queries(10):
        data = client.get(f"/api/plans/{plan.pk}/observations?page_size=100").json()
    assert data["count"] == size
    indicator_id = data["items"][0]["indicator_id"]
    with django_assert_max_num_queries(10):
        client.get(f"/api/indicators/{indicator_id}/observations")


# --- Observations (writes) -------------------------------------------------------


def test_a_reporter_of_the_responsible_organisation_submits_a_value(
    client, reporter, partner, indicator
):
    cells = {"age=18-24|sex=F": 3, "age=25-34|sex=F": 20, "age=18-24|sex=M": 10}
    cells["age=25-34|sex=M"] = 12
    response = post(
        client,
        indicator,
        {"period": "2025", "value": 45, "cells": cells},
        bearer(reporter),
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["period"], data["value"], data["status"]) == (
        "2025",
        45.0,
        "submitted",
    )
    assert data["organisation_id"] == partner.pk
    assert data["breakdown"] == "cells"
    assert len(data["cells"]) == 4
    observation = Observation.objects.get()
    assert observation.reported_by == reporter
    assert observation.cells.count() == 4
    assert ObservationRevision.objects.filter(observation=observation).count() == 1


def test_cells_may_be_sent_as_a_list_of_dimensions(client, reporter, indicator):
    cells = [
        {"dimensions": {"sex": sex, "age": age}, "value": value}
        for (sex, age), value in {
            ("F", "18-24"): 3,
            ("F", "25-34"): 20,
            ("M", "18-24"): 10,
            ("M", "25-34"): "12",
        }.items()
    ]
    response = post(
        client, indicator, {"period": "2025", "cells": cells}, bearer(reporter)
    )
    assert response.status_code == 201, response.content
    assert response.json()["value"] == 45.0  # the total is the cells' sum
    twice = [*cells, cells[0]]
    response = post(
        client, indicator, {"period": "2026", "cells": twice}, bearer(reporter)
    )
    assert response.status_code == 422
    assert "given twice" in response.json()["detail"]


def test_the_team_submits_too(client, team, indicator):
    response = post(
        client,
        indicator,
        {"period": "2024", "value": 45, "cells_complete": False},
        bearer(team),
    )
    assert response.status_code == 201, response.content


def test_a_reporter_of_another_organisation_is_refused(
    client, other_reporter, indicator
):
    response = post(
        client, indicator, {"period": "2025", "value": 4}, bearer(other_reporter)
    )
    assert response.status_code == 403
    assert "your organisation is responsible for" in response.json()["detail"]
    assert not Observation.objects.exists()


def test_the_team_of_another_territory_is_refused(client, other_team, indicator):
    response = post(
        client, indicator, {"period": "2025", "value": 4}, bearer(other_team)
    )
    assert response.status_code == 403
    assert not Observation.objects.exists()


def test_writing_needs_a_valid_token(client, reporter, indicator):
    response = post(client, indicator, {"period": "2025", "value": 4})
    assert response.status_code == 401
    assert "Authorization: Bearer" in response.json()["detail"]
    assert response["WWW-Authenticate"] == "Bearer"
    for header in ("Bearer cv_wrong", "Token abc", "Bearer", "Basic dXNlcjpwdw=="):
        response = post(
            client,
            indicator,
            {"period": "2025", "value": 4},
            {"HTTP_AUTHORIZATION": header},
        )
        assert response.status_code == 401, header
    # A session is not enough: programs use tokens.
    client.force_login(reporter)
    assert post(client, indicator, {"period": "2025", "value": 4}).status_code == 401
    assert not Observation.objects.exists()


def test_a_revoked_token_stops_writing(client, reporter, indicator):
    token, key = token_create(user=reporter, name="script")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert (
        post(
            client,
            indicator,
            {"period": "2024", "value": 4, "cells_complete": False},
            headers,
        ).status_code
        == 201
    )
    token_revoke(user=reporter, token=token)
    response = post(
        client,
        indicator,
        {"period": "2025", "value": 4, "cells_complete": False},
        headers,
    )
    assert response.status_code == 401
    assert Observation.objects.count() == 1


def test_an_inactive_account_cannot_write(client, reporter, indicator):
    headers = bearer(reporter)
    reporter.is_active = False
    reporter.save()
    assert (
        post(client, indicator, {"period": "2025", "value": 4}, headers).status_code
        == 401
    )


def test_cells_that_do_not_fit_are_refused_and_nothing_is_saved(
    client, reporter, indicator
):
    headers = bearer(reporter)
    cases = [
        ({"sex=F|age=18-24": 3, "sex=F|nationality=MA": 2}, "not disaggregated by"),
        ({"sex=Q|age=18-24": 3}, "not a value of"),
        (
            {
                "age=18-24|sex=F": 3,
                "age=25-34|sex=F": 20,
                "age=18-24|sex=M": 10,
                "age=25-34|sex=M": 12,
            },
            "add up to 45 but the total is 50",
        ),
        ({"age=18-24|sex=F": 3}, "cells have no value"),
        ({"sex=F": 3}, "lacks"),
        ({"age=18-24|sex=F": -3}, "cannot be negative"),
    ]
    for cells, message in cases:
        response = post(
            client, indicator, {"period": "2025", "value": 50, "cells": cells}, headers
        )
        assert response.status_code == 422, (cells, response.content)
        body = response.json()
        assert message in body["detail"], (message, body)
        assert "cells" in body["fields"]
    assert not Observation.objects.exists()


def test_a_locked_period_takes_no_values(client, reporter, plan, indicator):
    period = parse_period("2025")
    PeriodLock.objects.create(
        plan=plan, period="2025", start=period.start, end=period.end
    )
    response = post(
        client,
        indicator,
        {"period": "2025", "value": 4, "cells_complete": False},
        bearer(reporter),
    )
    assert response.status_code == 422
    assert "locked" in response.json()["detail"]
    assert not Observation.objects.exists()


def test_periods_outside_the_plan_or_of_another_frequency(client, reporter, indicator):
    headers = bearer(reporter)
    for period, message in (
        ("2031", "outside the plan"),
        ("2025-Q2", "reported every year"),
        ("yesterday", "is not a period"),
    ):
        response = post(
            client,
            indicator,
            {"period": period, "value": 4, "cells_complete": False},
            headers,
        )
        assert response.status_code == 422, period
        assert message in response.json()["detail"]
    assert not Observation.objects.exists()


def test_a_stale_version_is_a_conflict(client, reporter, indicator):
    headers = bearer(reporter)
    body = {"period": "2025", "value": 4, "cells_complete": False, "version": 0}
    first = post(client, indicator, body, headers)
    assert first.status_code == 201
    assert first.json()["version"] == 1
    again = post(client, indicator, {**body, "value": 5}, headers)  # still says 0
    assert again.status_code == 409
    assert "changed since the version you sent" in again.json()["detail"]
    updated = post(client, indicator, {**body, "value": 5, "version": 1}, headers)
    assert updated.status_code == 201
    assert updated.json()["version"] == 2
    assert Observation.objects.get().value == 5


@pytest.mark.parametrize(
    "raw",
    [
        "{not json",
        "[]",
        '"2025"',
        "null",
        json.dumps({"value": 4}),
        json.dumps({"period": 2025.5, "value": 4}),
        json.dumps({"period": ["2025"], "value": 4}),
        json.dumps({"period": "2025", "value": "many"}),
        json.dumps({"period": "2025", "value": {"$gt": 1}}),
        json.dumps({"period": "2025", "value": "NaN"}),
        json.dumps({"period": "2025", "value": 1e308, "cells_complete": False}),
        json.dumps({"period": "2025", "value": 4, "cells": "sex=F"}),
        json.dumps({"period": "2025", "value": 4, "cells": {"sex=F": "x"}}),
        json.dumps({"period": "2025", "value": 4, "cells": [{"value": 4}]}),
        json.dumps(
            {
                "period": "2025",
                "value": 4,
                "cells": [{"dimensions": {"sex": "F|age=1"}, "value": 4}],
            }
        ),
        json.dumps({"period": "2025", "value": 4, "cells_complete": "perhaps"}),
        json.dumps({"period": "2025", "value": 4, "version": -1}),
        json.dumps({"period": "2025", "value": 4, "version": "x"}),
        json.dumps({"period": "2025", "value": 4, "organisation": 99999999}),
        json.dumps({"period": "2025" * 100, "value": 4}),
        json.dumps({"period": "2025", "narrative": "x" * 20001, "value": 4}),
    ],
)
def test_hostile_bodies_get_a_clear_422(client, reporter, indicator, raw):
    response = post(client, indicator, None, bearer(reporter), raw=raw)
    assert response.status_code in (400, 422), response.content
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]
    assert not Observation.objects.exists()


def test_writing_to_an_unknown_or_hidden_indicator_is_not_found(
    client, reporter, territory, partner
):
    draft = make_plan(territory, title="Draft", status=Plan.Status.DRAFT)
    node = make_node(draft, "Measure")
    hidden = make_indicator(node, "Count")
    headers = bearer(reporter)
    response = client.post(
        "/api/indicators/99999999/observations",
        data=json.dumps({"period": "2025", "value": 1}),
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 404
    assert (
        post(client, hidden, {"period": "2025", "value": 1}, headers).status_code == 404
    )


def test_the_openapi_schema_lists_the_plans_endpoints(client):
    schema = client.get("/api/openapi.json").json()
    assert "/api/plans" in schema["paths"]
    assert "/api/indicators/{indicator_id}/observations" in schema["paths"]
    assert "post" in schema["paths"]["/api/indicators/{indicator_id}/observations"]


# --- Throttling ------------------------------------------------------------------


def test_writes_past_the_rate_are_refused_with_429_and_nothing_is_saved(
    client, settings, reporter, team, indicator
):
    settings.CONVIVIO_RATE_API_WRITES = "2/h"
    headers = bearer(reporter)
    for year in ("2024", "2025"):
        sent = post(
            client,
            indicator,
            {"period": year, "value": 4, "cells_complete": False},
            headers,
        )
        assert sent.status_code == 201
    refused = post(
        client,
        indicator,
        {"period": "2026", "value": 4, "cells_complete": False},
        headers,
    )
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 3601
    assert refused.json()["detail"].startswith("You have sent a lot in a short time")
    assert set(refused.json()) == {"detail"}
    assert Observation.objects.count() == 2
    assert not Observation.objects.filter(period="2026").exists()
    # Reads are not limited, with the same token or without.
    for _ in range(5):
        assert (
            client.get(
                f"/api/indicators/{indicator.pk}/observations", **headers
            ).status_code
            == 200
        )
        assert client.get("/api/plans").status_code == 200
    # Another account is counted apart.
    sent = post(
        client,
        indicator,
        {"period": "2026", "value": 4, "cells_complete": False},
        bearer(team),
    )
    assert sent.status_code == 201


def test_wrong_tokens_are_refused_before_they_count(
    client, settings, reporter, indicator
):
    settings.CONVIVIO_RATE_API_WRITES = "1/h"
    for _ in range(3):
        response = post(
            client,
            indicator,
            {"period": "2024", "value": 4},
            {"HTTP_AUTHORIZATION": "Bearer cv_wrong"},
        )
        assert response.status_code == 401
    sent = post(
        client,
        indicator,
        {"period": "2024", "value": 4, "cells_complete": False},
        bearer(reporter),
    )
    assert sent.status_code == 201


def test_administrators_are_not_throttled(client, settings, admin_user, indicator):
    settings.CONVIVIO_RATE_API_WRITES = "1/h"
    headers = bearer(admin_user)
    for year in ("2024", "2025"):
        sent = post(
            client,
            indicator,
            {"period": year, "value": 4, "cells_complete": False},
            headers,
        )
        assert sent.status_code == 201, sent.content
