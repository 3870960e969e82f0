"""Writes to plans: each operation, its undo, duplicate, templates, concurrency."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from convivio.core.translation import (
    Status,
    field_statuses,
    row_status,
    translation_origins,
)
from convivio.plans import services
from convivio.plans.models import (
    Dimension,
    DimensionValue,
    Indicator,
    MeasurePractice,
    Plan,
    PlanChange,
    PlanNode,
    PlanNodeTranslation,
    Recommendation,
    Responsibility,
    Target,
)
from convivio.plans.services import IndicatorData, NodeData, PlanData
from convivio.practices.models import Practice
from tests.factories import make_practice

from .factories import make_node, make_observation

pytestmark = pytest.mark.django_db


def plan_data(territory, **extra) -> PlanData:
    values = {
        "language": "en",
        "title": "Plan for the integration of migrants",
        "territory_id": territory.pk,
        "start_year": 2025,
        "end_year": 2028,
    }
    values.update(extra)
    return PlanData(**values)


def titles(plan, parent=None) -> list[str]:
    return [
        str(n.translation_for().title)
        for n in PlanNode.objects.filter(
            plan=plan, parent=parent, deleted_at__isnull=True
        )
        .order_by("position", "id")
        .prefetch_related("translations")
    ]


# ------------------------------------------------------------------- plans


def test_plan_create_from_pmii_template(team, territory):
    plan = services.plan_create(user=team, data=plan_data(territory), template="pmii")
    areas = PlanNode.objects.filter(plan=plan).order_by("position")
    assert areas.count() == 13
    first = areas[0]
    assert (first.code, first.kind, first.theme.slug) == ("1", "area", "reception")
    assert first.translation_for().title == "Reception and integration services"
    assert plan.status == Plan.Status.DRAFT
    assert plan.created_by == team
    assert plan.themes.count() == 13


def test_plan_create_from_enfem_template_in_another_language(team, territory):
    plan = services.plan_create(
        user=team, data=plan_data(territory, language="it"), template="enfem"
    )
    codes = list(PlanNode.objects.filter(plan=plan).values_list("code", flat=True))
    assert codes == ["AXIS 1", "AXIS 2", "AXIS 3", "AXIS 4", "AXIS 5"]
    assert {
        r.language_id for r in PlanNodeTranslation.objects.filter(node__plan=plan)
    } == {"it"}


def test_plan_create_refuses_another_territory(other_team, territory):
    with pytest.raises(PermissionDenied, match="territory team"):
        services.plan_create(user=other_team, data=plan_data(territory))
    assert not Plan.objects.exists()


def test_plan_create_by_system_and_bad_years(territory):
    plan = services.plan_create(user=None, data=plan_data(territory), by_system=True)
    assert plan.pk
    with pytest.raises(ValidationError, match="last year"):
        services.plan_create(
            user=None,
            data=plan_data(territory, start_year=2030, end_year=2020),
            by_system=True,
        )
    assert Plan.objects.count() == 1


def test_plan_update_and_undo(team, plan):
    services.plan_update(
        user=team,
        plan=plan,
        data=plan_data(plan.territory, title="New title", general_objectives="- one"),
    )
    plan.refresh_from_db()
    assert str(plan) == "New title"
    services.change_undo(user=team, plan=plan)
    plan = Plan.objects.get(pk=plan.pk)
    assert str(plan) == "Municipal plan for the integration of migrants"
    assert plan.start_year == 2024


def test_plan_transitions(team, territory):
    plan = services.plan_create(user=team, data=plan_data(territory))
    services.plan_transition(user=team, plan=plan, status="adopted")
    services.plan_transition(user=team, plan=plan, status="draft")
    services.plan_transition(user=team, plan=plan, status="adopted")
    services.plan_transition(user=team, plan=plan, status="monitoring")
    with pytest.raises(
        ValidationError, match="Only an adopted plan can become a draft"
    ):
        services.plan_transition(user=team, plan=plan, status="draft")
    services.plan_transition(user=team, plan=plan, status="closed")
    assert Plan.objects.get(pk=plan.pk).status == "closed"
    services.change_undo(user=team, plan=plan)
    assert Plan.objects.get(pk=plan.pk).status == "monitoring"


def test_undo_keeps_data_version_moving_forward(team, plan):
    before = Plan.objects.get(pk=plan.pk).data_version
    services.plan_transition(user=team, plan=plan, status="closed")
    services.change_undo(user=team, plan=plan)
    assert Plan.objects.get(pk=plan.pk).data_version > before + 1


def test_undo_with_nothing_to_undo(team, plan):
    with pytest.raises(ValidationError, match="nothing to undo"):
        services.change_undo(user=team, plan=plan)


# ------------------------------------------------------------------- nodes


def test_node_create_positions_and_undo(team, plan, area):
    a = services.node_create(
        user=team, plan=plan, kind="objective", data=NodeData("A"), parent=area
    )
    c = services.node_create(
        user=team, plan=plan, kind="objective", data=NodeData("C"), parent=area
    )
    services.node_create(
        user=team, plan=plan, kind="objective", data=NodeData("B"), after=a
    )
    assert titles(plan, area) == ["A", "B", "C"]
    measure = services.node_create(
        user=team, plan=plan, kind="measure", data=NodeData("M"), parent=c
    )
    assert measure.status == PlanNode.Status.PLANNED
    services.change_undo(user=team, plan=plan)
    assert not PlanNode.objects.filter(pk=measure.pk).exists()
    services.change_undo(user=team, plan=plan)
    assert titles(plan, area) == ["A", "C"]


def test_node_create_refuses_children_of_measures_and_other_plans(
    team, plan, measure, other_plan
):
    with pytest.raises(ValidationError, match="measure cannot contain"):
        services.node_create(
            user=team, plan=plan, kind="measure", data=NodeData("x"), parent=measure
        )
    with pytest.raises(ValidationError, match="another plan"):
        services.node_create(
            user=team,
            plan=plan,
            kind="measure",
            data=NodeData("x"),
            parent=make_node(other_plan, "Elsewhere", kind="area"),
        )


def test_node_update_writes_fields_marks_translations_outdated_and_undo(
    team, plan, measure
):
    PlanNodeTranslation.objects.create(
        node=measure,
        language_id="it",
        title="Corsi serali",
        origins=translation_origins(
            {"title": "Evening language classes"},
            {"title": "Corsi serali"},
            origin="machine",
        ),
    )
    assert row_status(measure, "it") == Status.MACHINE
    data = NodeData(
        "Evening and weekend classes",
        text="**Twice** a week",
        code="4.1.1",
        priority=2,
        needs_financing=True,
        financing_rank=3,
        budget_amount=Decimal("1500.50"),
        funding_source="AMIF",
        status="in_progress",
        progress=40,
    )
    node = services.node_update(user=team, node=measure, data=data, expected_version=1)
    assert node.version == 2
    assert (node.priority, node.financing_rank, node.progress) == (2, 3, 40)
    assert node.translation_for("en").title == "Evening and weekend classes"
    # The title changed (outdated); the new text was never translated (missing).
    assert field_statuses(node, "it") == {
        "title": Status.OUTDATED,
        "text": Status.MISSING,
    }
    services.change_undo(user=team, plan=plan)
    node = PlanNode.objects.get(pk=measure.pk)
    assert node.priority == 1 and node.progress is None
    assert node.translation_for("en").title == "Evening language classes"
    assert node.version == 3  # an edit opened before the undo is refused
    assert row_status(node, "it") == Status.MACHINE


def test_node_update_validation_saves_nothing(team, measure):
    with pytest.raises(ValidationError):
        services.node_update(
            user=team,
            node=measure,
            data=NodeData("x", financing_rank=2),
            expected_version=1,
        )
    with pytest.raises(ValidationError):
        services.node_update(
            user=team,
            node=measure,
            data=NodeData("x", progress=140),
            expected_version=1,
        )
    measure.refresh_from_db()
    assert measure.version == 1
    assert measure.translation_for().title == "Evening language classes"


def test_two_edits_from_the_same_version_second_refused(team, measure):
    services.node_update(
        user=team, node=measure, data=NodeData("First save"), expected_version=1
    )
    with pytest.raises(ValidationError, match="Someone else changed"):
        services.node_update(
            user=team, node=measure, data=NodeData("Second save"), expected_version=1
        )
    measure = PlanNode.objects.get(pk=measure.pk)
    assert measure.translation_for().title == "First save"
    assert measure.version == 2


def test_node_move_up_down_indent_outdent_and_undo(team, plan, area):
    a = make_node(plan, "A", kind="objective", parent=area)
    b = make_node(plan, "B", kind="objective", parent=area)
    c = make_node(plan, "C", kind="objective", parent=area)
    services.node_move(user=team, node=c, direction="up")
    assert titles(plan, area) == ["A", "C", "B"]
    services.node_move(user=team, node=a, direction="down")
    assert titles(plan, area) == ["C", "A", "B"]
    services.node_move(user=team, node=b, direction="indent")
    assert titles(plan, area) == ["C", "A"]
    assert titles(plan, a) == ["B"]
    services.node_move(user=team, node=b, direction="outdent")
    assert titles(plan, area) == ["C", "A", "B"]
    with pytest.raises(ValidationError, match="first one"):
        services.node_move(user=team, node=area, direction="up")
    with pytest.raises(ValidationError, match="top level"):
        services.node_move(user=team, node=area, direction="outdent")
    for _ in range(4):
        services.change_undo(user=team, plan=plan)
    assert titles(plan, area) == ["A", "B", "C"]
    positions = list(
        PlanNode.objects.filter(parent=area)
        .order_by("position")
        .values_list("position", flat=True)
    )
    assert positions == [0, 1, 2]


def test_node_delete_soft_with_descendants_and_undo(
    team, plan, area, objective, measure
):
    services.node_delete(user=team, node=objective)
    assert set(
        PlanNode.objects.filter(deleted_at__isnull=False).values_list("pk", flat=True)
    ) == {objective.pk, measure.pk}
    with pytest.raises(ValidationError, match="deleted"):
        services.node_update(
            user=team, node=objective, data=NodeData("x"), expected_version=1
        )
    services.change_undo(user=team, plan=plan)
    assert not PlanNode.objects.filter(deleted_at__isnull=False).exists()


# ---------------------------------------------- responsibilities and practices


def test_responsibility_set_change_remove_and_undo(team, plan, measure, other_partner):
    row = services.responsibility_set(
        user=team,
        node=measure,
        organisation=other_partner,
        role="partner",
        competences="venues",
    )
    assert row.role == "partner"
    services.responsibility_set(
        user=team, node=measure, organisation=other_partner, role="lead"
    )
    assert Responsibility.objects.get(pk=row.pk).role == "lead"
    services.change_undo(user=team, plan=plan)
    assert Responsibility.objects.get(pk=row.pk).role == "partner"
    services.responsibility_remove(
        user=team, responsibility=Responsibility.objects.get(pk=row.pk)
    )
    assert not Responsibility.objects.filter(pk=row.pk).exists()
    services.change_undo(user=team, plan=plan)
    assert Responsibility.objects.get(pk=row.pk).competences == "venues"


def test_responsibility_only_on_measures(team, objective, other_partner):
    with pytest.raises(ValidationError, match="Only measures"):
        services.responsibility_set(
            user=team, node=objective, organisation=other_partner
        )


def test_practice_link_and_unlink(team, plan, measure):
    practice = make_practice(title="Language café")
    link = services.measure_practice_link(user=team, node=measure, practice=practice)
    assert list(measure.practices.all()) == [practice]
    services.measure_practice_unlink(user=team, link=link)
    assert not MeasurePractice.objects.exists()
    services.change_undo(user=team, plan=plan)
    assert MeasurePractice.objects.get().relation == "inspires"
    draft = make_practice(title="Draft one", status=Practice.Status.DRAFT)
    with pytest.raises(ValidationError, match="published"):
        services.measure_practice_link(user=team, node=measure, practice=draft)


# -------------------------------------------------------------- indicators


def test_indicator_create_with_dimensions_and_undo(team, plan, measure, partner):
    data = IndicatorData(
        "People housed",
        unit="people",
        baseline_value=Decimal(3),
        target_value=Decimal(30),
        frequency="quarterly",
        reporting_organisation_id=partner.pk,
        dimensions={"sex": [], "age": ["18-24", "25-34"]},
    )
    indicator = services.indicator_create(user=team, node=measure, data=data)
    links = list(indicator.indicator_dimensions.order_by("position"))
    assert [link.dimension.slug for link in links] == ["sex", "age"]
    assert links[0].values.count() == 0  # every value of the list
    assert sorted(links[1].values.values_list("code", flat=True)) == ["18-24", "25-34"]
    services.change_undo(user=team, plan=plan)
    assert not Indicator.objects.filter(pk=indicator.pk).exists()


def test_indicator_create_refuses_unknown_slug_code_and_areas(team, area, measure):
    with pytest.raises(ValidationError, match="Unknown disaggregation"):
        services.indicator_create(
            user=team, node=measure, data=IndicatorData("x", dimensions={"shoe": []})
        )
    with pytest.raises(ValidationError, match="not a value"):
        services.indicator_create(
            user=team, node=measure, data=IndicatorData("x", dimensions={"sex": ["Q"]})
        )
    with pytest.raises(ValidationError, match="not to an area"):
        services.indicator_create(user=team, node=area, data=IndicatorData("x"))
    assert not Indicator.objects.exists()


def test_indicator_update_refuses_dropping_a_reported_dimension(team, indicator):
    make_observation(
        indicator, "2024", 10, cells={(("age", "18-24"), ("sex", "F")): 10}
    )
    data = IndicatorData("Learners", dimensions={"sex": ["F", "M"]})
    with pytest.raises(ValidationError, match="cannot be removed"):
        services.indicator_update(
            user=team, indicator=indicator, data=data, expected_version=1
        )
    assert indicator.indicator_dimensions.count() == 2
    data.dimensions = {"sex": ["F", "M"], "age": ["18-24", "25-34"]}
    data.unit = "learners"
    updated = services.indicator_update(
        user=team, indicator=indicator, data=data, expected_version=1
    )
    assert updated.version == 2 and updated.unit == "learners"
    with pytest.raises(ValidationError, match="Someone else"):
        services.indicator_update(
            user=team, indicator=indicator, data=data, expected_version=1
        )


def test_indicator_delete_and_undo(team, plan, indicator):
    services.indicator_delete(user=team, indicator=indicator)
    assert Indicator.objects.get(pk=indicator.pk).deleted_at is not None
    services.change_undo(user=team, plan=plan)
    assert Indicator.objects.get(pk=indicator.pk).deleted_at is None


def test_target_set_checks_period_and_cell(team, plan, indicator):
    services.target_set(
        user=team, indicator=indicator, period="2025", value=Decimal(80)
    )
    services.target_set(
        user=team, indicator=indicator, period="2025", value=Decimal(90)
    )
    assert Target.objects.get().value == 90
    services.target_set(
        user=team,
        indicator=indicator,
        period="2026",
        value=Decimal(5),
        cell="sex=F|age=18-24",
    )
    assert Target.objects.filter(cell="age=18-24|sex=F").exists()
    with pytest.raises(ValidationError, match="outside"):
        services.target_set(user=team, indicator=indicator, period="2031", value=1)
    with pytest.raises(ValidationError, match="not a period"):
        services.target_set(user=team, indicator=indicator, period="soon", value=1)
    with pytest.raises(ValidationError, match="not disaggregated"):
        services.target_set(
            user=team,
            indicator=indicator,
            period="2025",
            value=1,
            cell="nationality=MA",
        )
    services.change_undo(user=team, plan=plan)
    assert not Target.objects.filter(period="2026").exists()


# --------------------------------------------------------- recommendations


def test_recommendations_create_update_delete_undo(team, plan):
    rec = services.recommendation_create(
        user=team, plan=plan, audience="media", text="Report on good news too."
    )
    services.recommendation_update(
        user=team, recommendation=rec, audience="population", text="Changed"
    )
    assert rec.translation_for().text == "Changed"
    services.recommendation_delete(user=team, recommendation=rec)
    assert not Recommendation.objects.exists()
    services.change_undo(user=team, plan=plan)
    rec = Recommendation.objects.get()
    assert (rec.audience, rec.translation_for().text) == ("population", "Changed")
    with pytest.raises(ValidationError, match="who the recommendation"):
        services.recommendation_create(user=team, plan=plan, audience="x", text="y")


# --------------------------------------------------------------- duplicate


def test_duplicate_for_next_period(team, plan, measure, indicator):
    services.node_update(
        user=team,
        node=measure,
        data=NodeData(
            "Evening language classes",
            code="4.1.1",
            priority=1,
            status="done",
            progress=100,
        ),
        expected_version=1,
    )
    services.measure_practice_link(
        user=team, node=measure, practice=make_practice(title="Café")
    )
    services.recommendation_create(user=team, plan=plan, audience="media", text="Hi")
    services.target_set(user=team, indicator=indicator, period="2025", value=1)
    make_observation(indicator, "2024", 10)
    deleted = make_node(plan, "Gone", parent=measure.parent)
    services.node_delete(user=team, node=deleted)

    new = services.plan_duplicate(
        user=team, plan=plan, start_year=2027, end_year=2030, title="Next plan"
    )
    assert (new.status, new.previous, new.period) == ("draft", plan, "2027–2030")
    assert str(new) == "Next plan"
    nodes = PlanNode.objects.filter(plan=new)
    assert nodes.count() == 3
    copy = nodes.get(kind="measure")
    assert (copy.code, copy.status, copy.progress, copy.priority) == (
        "4.1.1",
        "planned",
        None,
        1,
    )
    assert copy.parent.plan == new and copy.parent.parent.plan == new
    assert (
        copy.responsibilities.get().organisation
        == measure.responsibilities.get().organisation
    )
    assert copy.practice_links.count() == 1
    ind = copy.indicators.get()
    assert ind.plan == new
    assert ind.indicator_dimensions.count() == 2
    assert not ind.targets.exists()
    assert not ind.observations.exists()
    assert new.recommendations.count() == 1


def test_duplicate_refused_to_other_team(other_team, plan):
    with pytest.raises(PermissionDenied):
        services.plan_duplicate(
            user=other_team, plan=plan, start_year=2027, end_year=2030
        )
    assert Plan.objects.count() == 1


# -------------------------------------------------------------- code lists


def test_dimension_create_and_value_add(team, territory, other_territory):
    dim = services.dimension_create(
        user=team,
        territory=territory,
        name="Neighbourhood",
        values=[("N1", "Centro"), ("N2", "Ribeira")],
    )
    assert dim.slug == "neighbourhood" and dim.values.count() == 2
    province = Dimension.objects.get(slug="province", territory=None)
    value = services.dimension_value_add(
        user=team, dimension=province, territory=territory, code="PT-13", label="Porto"
    )
    assert value.territory == territory
    with pytest.raises(ValidationError, match="already has"):
        services.dimension_value_add(
            user=team, dimension=province, territory=territory, code="PT-13", label="x"
        )
    with pytest.raises(ValidationError, match="not a code"):
        services.dimension_value_add(
            user=team, dimension=province, territory=territory, code="a|b", label="x"
        )
    with pytest.raises(ValidationError, match="exists already"):
        services.dimension_create(user=team, territory=territory, name="Sex", values=[])
    with pytest.raises(PermissionDenied):
        services.dimension_value_add(
            user=team,
            dimension=province,
            territory=other_territory,
            code="X",
            label="x",
        )
    assert DimensionValue.objects.filter(dimension=province).count() == 1


def test_indicator_uses_the_territory_list(team, territory, measure):
    services.dimension_create(
        user=team, territory=territory, name="Neighbourhood", values=[("N1", "Centro")]
    )
    indicator = services.indicator_create(
        user=team,
        node=measure,
        data=IndicatorData("Visits", dimensions={"neighbourhood": ["N1"]}),
    )
    assert indicator.indicator_dimensions.get().dimension.territory == territory


def test_every_change_is_recorded_with_a_label(team, plan, area):
    services.node_create(
        user=team, plan=plan, kind="objective", data=NodeData("X"), parent=area
    )
    change = PlanChange.objects.get()
    assert change.label == "Added X"
    assert services.last_change(plan) == change
