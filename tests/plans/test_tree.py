"""The one plan-tree reader (plans.tree) and its rule for orphans, as every reader
of a plan applies it: a node under a deleted node is hidden with it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from convivio.plans import selectors
from convivio.plans.models import Plan, PlanNode
from convivio.plans.monitoring.selectors import plan_indicators
from convivio.plans.reporting.dashboard import plan_dashboard
from convivio.plans.reporting.reports import plan_document
from convivio.plans.services import plan_duplicate
from convivio.plans.translations import parts
from convivio.plans.tree import ancestors, live_tree, of_values, subtree

from .factories import make_indicator, make_node

pytestmark = pytest.mark.django_db


def row(pk: int, parent: int | None, position: int) -> dict:
    return {"id": pk, "parent_id": parent, "position": position}


def test_live_tree_orders_numbers_and_hides_orphans():
    rows = [
        row(5, 1, 1),
        row(1, None, 0),
        row(2, 1, 0),
        row(3, None, 1),
        row(4, 2, 0),
        row(6, 99, 0),  # its parent is deleted (not among the rows)
        row(7, 6, 0),  # under that orphan
        row(8, 9, 0),  # 8 and 9 are each other's parent: never reached
        row(9, 8, 0),
    ]
    tree = live_tree(rows, of_values)
    assert [(e.pk, e.number, e.depth) for e in tree] == [
        (1, "1", 0),
        (2, "1.1", 1),
        (4, "1.1.1", 2),
        (5, "1.2", 1),
        (3, "2", 0),
    ]
    first = tree[0]
    assert (first.children, first.descendants, first.siblings) == (2, 3, 2)
    assert [e.root_id for e in tree] == [1, 1, 1, 1, 3]
    assert [e.pk for e in subtree(tree, 2)] == [4]
    assert [r["id"] for r in ancestors(tree)[4]] == [2, 1]


def test_live_tree_orders_siblings_by_position_then_id():
    tree = live_tree([row(3, None, 0), row(2, None, 1), row(1, None, 0)], of_values)
    assert [e.pk for e in tree] == [1, 3, 2]


@pytest.fixture
def orphan(plan, area, objective, measure, indicator):
    """The objective is deleted without its measure (data written around the
    services): the measure and its indicator are orphans."""
    PlanNode.objects.filter(pk=objective.pk).update(deleted_at=timezone.now())
    return measure


def test_every_reader_hides_an_orphan_and_its_indicators(
    client, plan, area, orphan, indicator, team
):
    title = "Evening language classes"
    assert [i.title for i in selectors.plan_tree(plan)] == ["Education and language"]
    assert selectors.node_descendants(area) == []
    assert [i.pk for i in plan_indicators(plan)] == []
    dashboard = plan_dashboard(plan, user=AnonymousUser())
    assert dashboard.measures == [] and dashboard.indicators == []
    document = plan_document(plan, "en")
    assert [view.title for view in document.nodes] == ["Education and language"]
    compared = selectors.plans_compare([plan])
    assert title not in str(compared)
    # Whole-plan machine translation leaves them out too.
    translated = list(parts(plan))
    assert area in translated
    assert orphan not in translated and indicator not in translated

    detail = client.get(f"/api/plans/{plan.pk}").json()
    assert [n["id"] for n in detail["nodes"]] == [area.pk]
    assert detail["nodes"][0]["children"] == []
    listed = client.get(f"/api/plans/{plan.pk}/indicators").json()
    assert listed["items"] == []
    assert client.get(f"/api/indicators/{indicator.pk}").status_code == 404

    copy = plan_duplicate(user=team, plan=plan, start_year=2027, end_year=2029)
    assert list(PlanNode.objects.filter(plan=copy).values_list("kind", flat=True)) == [
        PlanNode.Kind.AREA
    ]


def test_readers_agree_on_the_live_tree_order(plan, area, objective, measure):
    """Pages, monitoring and the API read the same order."""
    second = make_node(plan, "Second measure", parent=objective, code="4.1.2")
    first_indicator = make_indicator(measure, "Learners")
    second_indicator = make_indicator(second, "Teachers")
    PlanNode.objects.filter(pk=second.pk).update(position=0)
    PlanNode.objects.filter(pk=measure.pk).update(position=1)
    page = [i.node.pk for i in selectors.plan_tree(Plan.objects.get(pk=plan.pk))]
    assert page == [area.pk, objective.pk, second.pk, measure.pk]
    assert [i.pk for i in plan_indicators(plan)] == [
        second_indicator.pk,
        first_indicator.pk,
    ]
    order = selectors.live_node_order([plan.pk])
    assert sorted(order, key=order.get) == page
