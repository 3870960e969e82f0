"""Deleting in the plan editor: a node with others under it is deleted only after
the person has seen what goes with it, and every control names its item."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from convivio.plans.models import PlanNode
from convivio.plans.selectors import plan_tree

from .factories import make_node

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def officer(client, team):
    client.force_login(team)
    return client


@pytest.fixture
def second_measure(plan, objective):
    return make_node(plan, "Childcare during classes", parent=objective, code="4.1.2")


def _live(*nodes: PlanNode) -> list[bool]:
    return [PlanNode.objects.get(pk=n.pk).deleted_at is None for n in nodes]


def test_the_tree_counts_every_node_under_each_node(
    plan, area, objective, measure, second_measure
):
    other_area = make_node(plan, "Health", kind="area", code="5")

    counts = {item.node.pk: item.descendants for item in plan_tree(plan)}

    # 4 holds 4.1, 4.1.1 and 4.1.2; 4.1 holds its two measures; leaves hold none.
    assert counts == {
        area.pk: 3,
        objective.pk: 2,
        measure.pk: 0,
        second_measure.pk: 0,
        other_area.pk: 0,
    }


def test_deleting_an_area_with_children_asks_first_and_deletes_nothing(
    officer, plan, area, objective, measure, second_measure
):
    response = officer.post(reverse("plans:node_delete", args=[plan.pk, area.pk]))

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert "Delete “4 Education and language”?" in page.h1.get_text()
    assert [li.get_text() for li in page.select("ul.delete-counts li")] == [
        "1 specific objective",
        "2 measures or actions",
    ]
    confirm = page.select_one("form input[name=confirmed]")
    assert confirm["value"] == "1"
    assert _live(area, objective, measure, second_measure) == [True] * 4


def test_confirming_deletes_the_area_with_everything_under_it(
    officer, plan, area, objective, measure, second_measure
):
    response = officer.post(
        reverse("plans:node_delete", args=[plan.pk, area.pk]), {"confirmed": "1"}
    )

    assert response.status_code == 302
    assert _live(area, objective, measure, second_measure) == [False] * 4


def test_a_leaf_is_deleted_at_once_and_undo_brings_it_back(
    officer, plan, area, objective, measure, second_measure
):
    response = officer.post(
        reverse("plans:node_delete", args=[plan.pk, second_measure.pk])
    )

    assert response.status_code == 302
    assert _live(measure, second_measure) == [True, False]
    officer.post(reverse("plans:undo", args=[plan.pk]))
    assert _live(second_measure) == [True]


def test_the_editor_asks_in_the_browser_before_deleting_a_node_with_children(
    officer, plan, area, objective, measure, second_measure
):
    page = BeautifulSoup(
        officer.get(reverse("plans:editor", args=[plan.pk])).content, "html.parser"
    )

    def delete_form(node):
        return page.select_one(
            f"form[action='{reverse('plans:node_delete', args=[plan.pk, node.pk])}']"
        )

    area_form = delete_form(area)
    assert area_form["hx-confirm"] == (
        "Delete 4 Education and language and the 3 items under it?"
    )
    assert area_form["hx-vals"] == '{"confirmed": "1"}'
    leaf_form = delete_form(measure)
    assert not leaf_form.has_attr("hx-confirm")
    assert not leaf_form.has_attr("hx-vals")


def test_with_htmx_the_confirmed_delete_answers_with_the_editor(
    officer, plan, area, objective, measure
):
    response = officer.post(
        reverse("plans:node_delete", args=[plan.pk, area.pk]),
        {"confirmed": "1"},
        **HX,
        follow=True,
    )

    assert response.status_code == 200
    assert _live(area, objective, measure) == [False] * 3


def test_every_control_of_the_editor_names_its_item(
    officer, plan, area, objective, measure, second_measure, indicator
):
    page = BeautifulSoup(
        officer.get(reverse("plans:editor", args=[plan.pk])).content, "html.parser"
    )
    tree = page.select_one("ol.editor-tree")
    controls = tree.select("button, a.button, summary")
    names = [c.get("aria-label") or c.get_text(strip=True) for c in controls]

    # No control is named by a bare verb; each name is said once.
    assert not {"Delete", "Edit", "Add", "Move up", "Assign", "Link", "✕"} & set(names)
    assert len(names) == len(set(names))
    assert "Delete 4.1.2 Childcare during classes" in names
    assert "Delete 4 Education and language and the 3 items under it" in names
    assert "Move 4.1.2 Childcare during classes up" in names
    assert "Add inside 4.1 More adults learn Portuguese" in names

    body = page.select_one(f"#node-{measure.pk} .row-body")
    indicator_controls = [b["aria-label"] for b in body.select("button, a.small")]
    assert "Delete the indicator Learners enrolled" in indicator_controls
    assert "Edit the indicator Learners enrolled" in indicator_controls


def test_other_users_cannot_delete_through_the_confirmation(
    client, other_team, plan, area, objective
):
    client.force_login(other_team)

    response = client.post(
        reverse("plans:node_delete", args=[plan.pk, area.pk]), {"confirmed": "1"}
    )

    assert response.status_code in (403, 404)
    assert _live(area, objective) == [True, True]
