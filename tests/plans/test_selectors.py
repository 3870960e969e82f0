"""Reads of plans: right content, and the same number of queries at 3 and 30 nodes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from convivio.core.models import Theme
from convivio.plans import selectors
from convivio.plans.models import MeasurePractice, Plan
from convivio.plans.services import measure_practice_link, node_delete
from tests.factories import make_practice

from .factories import (
    make_indicator,
    make_node,
    make_observation,
    make_plan,
    make_responsibility,
)

pytestmark = pytest.mark.django_db


def build(plan, partner, n: int) -> None:
    """n measures under areas and objectives, each with an entity and an indicator."""
    housing = Theme.objects.get(slug="housing")
    area = make_node(plan, "Housing", kind="area", code="2", theme=housing)
    objective = make_node(plan, "Fair rents", kind="objective", parent=area)
    practice = make_practice(title="Rent guarantee")
    for i in range(n):
        measure = make_node(
            plan,
            f"Measure {i}",
            parent=objective,
            needs_financing=i % 2 == 0,
            budget_amount=Decimal(100),
        )
        make_responsibility(measure, partner)
        MeasurePractice.objects.create(node=measure, practice=practice)
        indicator = make_indicator(
            measure, f"Indicator {i}", dimensions={"sex": ["F", "M"]}
        )
        make_observation(indicator, "2024", 10 + i)


def count_queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_plan_tree_numbers_and_content(plan, area, objective, measure, indicator):
    extra = make_node(plan, "Uncoded", kind="objective", parent=area)
    make_node(plan, "Child", parent=extra)
    tree = selectors.plan_tree(plan)
    assert [(i.number, i.depth) for i in tree] == [
        ("4", 0),
        ("4.1", 1),
        ("4.1.1", 2),
        ("1.2", 1),
        ("1.2.1", 2),
    ]
    item = tree[2]
    assert item.title == "Evening language classes"
    assert item.responsibilities[0].organisation.name == "Casa das Línguas"
    assert item.indicators == [indicator]
    assert (tree[1].first, tree[1].last, tree[3].last) == (True, False, True)


def test_plan_tree_hides_deleted_nodes_and_their_children(
    team, plan, objective, measure
):
    node_delete(user=team, node=objective)
    assert [i.title for i in selectors.plan_tree(plan)] == ["Education and language"]


@pytest.mark.parametrize("n", [3, 30])
def test_plan_tree_query_count_is_constant(plan, partner, n):
    build(plan, partner, n)
    queries = count_queries(lambda: selectors.plan_tree(plan))
    assert queries <= 9
    assert len(selectors.plan_tree(plan)) == n + 2


def test_plan_tree_queries_equal_at_3_and_30(territory, partner):
    small, large = make_plan(territory), make_plan(territory)
    build(small, partner, 3)
    build(large, partner, 30)
    assert count_queries(lambda: selectors.plan_tree(small)) == count_queries(
        lambda: selectors.plan_tree(large)
    )


@pytest.mark.parametrize("n", [3, 30])
def test_pages_query_count_is_bounded(
    client, team, plan, partner, n, django_assert_max_num_queries
):
    build(plan, partner, n)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("plans:detail", args=[plan.pk])).status_code == 200
    client.force_login(team)
    with django_assert_max_num_queries(26):
        assert client.get(reverse("plans:editor", args=[plan.pk])).status_code == 200


def test_plan_list_visibility(team, stranger, admin_user, territory, other_territory):
    public = make_plan(territory, title="Public one")
    draft = make_plan(territory, title="Our draft", status="draft")
    foreign = make_plan(other_territory, title="Their draft", status="draft")
    assert set(selectors.plan_list(user=stranger)) == {public}
    assert set(selectors.plan_list(user=team)) == {public, draft}
    assert set(selectors.plan_list(user=admin_user)) == {public, draft, foreign}
    assert list(selectors.plan_list(user=team, q="draft")) == [draft]
    assert list(selectors.plan_list(user=team, status="draft")) == [draft]
    country = territory.parent
    assert set(selectors.plan_list(user=admin_user, territory=country)) == {
        public,
        draft,
        foreign,
    }


def test_plans_compare_by_theme(plan, other_plan, partner):
    build(plan, partner, 4)
    housing = Theme.objects.get(slug="housing")
    area = make_node(other_plan, "Habitação", kind="area", code="H", theme=housing)
    make_node(other_plan, "Social rents", parent=area, needs_financing=True)
    make_node(other_plan, "Unthemed area", kind="area")
    result = selectors.plans_compare([plan, other_plan])
    rows = {
        (r["theme"].slug if r["theme"] else None): r["cells"] for r in result["rows"]
    }
    mine, theirs = rows["housing"]
    assert mine["areas"] == ["2 Housing"]
    assert (mine["measures"], mine["needs_financing"], mine["budget"]) == (4, 2, 400)
    assert (theirs["measures"], theirs["needs_financing"]) == (1, 1)
    assert rows[None][1]["areas"] == ["Unthemed area"]
    assert result["totals"][0]["measures"] == 4


def test_plans_compare_orders_themes_in_the_readers_language(plan, other_plan):
    employment = Theme.objects.get(slug="employment")
    legal_aid = Theme.objects.get(slug="legal-aid")
    make_node(plan, "Legal advice", kind="area", theme=legal_aid)
    make_node(other_plan, "Jobs", kind="area", theme=employment)

    def order() -> list[str]:
        rows = selectors.plans_compare([plan, other_plan])["rows"]
        return [r["theme"].label for r in rows if r["theme"]]

    assert order() == ["Employment", "Legal aid"]
    with translation.override("es"):
        assert order() == ["Asistencia jurídica", "Empleo"]


def test_plans_compare_query_count_is_constant(plan, other_plan, partner):
    build(plan, partner, 3)
    few = count_queries(lambda: selectors.plans_compare([plan, other_plan]))
    build(other_plan, partner, 30)
    assert count_queries(lambda: selectors.plans_compare([plan, other_plan])) == few


def test_practice_plan_links(plan, measure, indicator, territory):
    practice = make_practice(title="Language café")
    measure_practice_link(user=None, node=measure, practice=practice, by_system=True)
    make_observation(indicator, "2024", 40)
    make_observation(indicator, "2025", 60)
    make_observation(indicator, "2026", 90, status="returned")
    draft = make_plan(territory, status=Plan.Status.DRAFT)
    hidden = make_node(draft, "Draft measure")
    measure_practice_link(user=None, node=hidden, practice=practice, by_system=True)
    [adopted] = selectors.practice_plan_links(practice)
    assert adopted.node == measure and adopted.title == "Evening language classes"
    [result] = adopted.indicators
    assert (result["name"], result["value"], result["period"]) == (
        "Learners enrolled",
        Decimal(60),
        "2025",
    )


def test_practice_plan_links_query_count_is_constant(territory, partner):
    practice = make_practice(title="Language café")
    plan = make_plan(territory)
    build(plan, partner, 2)
    MeasurePractice.objects.update(practice=practice)
    few = count_queries(lambda: selectors.practice_plan_links(practice))
    build(make_plan(territory), partner, 20)
    MeasurePractice.objects.update(practice=practice)
    assert len(selectors.practice_plan_links(practice)) == 22
    assert count_queries(lambda: selectors.practice_plan_links(practice)) == few
