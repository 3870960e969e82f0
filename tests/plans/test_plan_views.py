"""Plan pages render for the people who may see them, and refuse the others."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from convivio.plans.models import Plan, PlanNode
from convivio.plans.services import measure_practice_link
from tests.factories import make_practice
from tests.html import text_of

from .factories import make_node, make_observation, make_plan

pytestmark = pytest.mark.django_db


def test_plan_list_shows_public_plans_and_own_drafts(
    client, team, territory, other_territory, plan
):
    draft = make_plan(territory, title="Our draft", status=Plan.Status.DRAFT)
    other_draft = make_plan(other_territory, title="Their draft", status="draft")
    response = client.get(reverse("plans:list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Municipal plan for the integration of migrants" in body
    assert "Our draft" not in body and "Their draft" not in body
    client.force_login(team)
    body = client.get(reverse("plans:list")).content.decode()
    assert "Our draft" in body and "Their draft" not in body
    assert reverse("plans:create") in body
    assert draft.pk and other_draft.pk


def test_plan_list_filters(client, territory, other_territory, plan, other_plan):
    body = client.get(
        reverse("plans:list"), {"territory": other_territory.pk}
    ).content.decode()
    assert "Plano da Ribeira Alta" in body and "Municipal plan" not in body
    body = client.get(reverse("plans:list"), {"q": "ribeira"}).content.decode()
    assert "Plano da Ribeira Alta" in body and "Municipal plan" not in body
    body = client.get(
        reverse("plans:list"), {"status": "closed", "territory": "x"}
    ).content.decode()
    assert "No plan matches" in body


def test_plan_detail_shows_the_whole_plan(client, plan, measure, indicator, partner):
    measure.budget_amount = 1200
    measure.needs_financing = True
    measure.financing_rank = 2
    measure.progress = 30
    measure.save()
    measure_practice_link(
        user=None,
        node=measure,
        practice=make_practice(title="Language café"),
        by_system=True,
    )
    response = client.get(reverse("plans:detail", args=[plan.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    for text in (
        "Education and language",
        "4.1.1",
        "Evening language classes",
        "Casa das Línguas",
        "Learners enrolled",
        "Language café",
        "rank 2",
        'value="30"',
        "Sex",
    ):
        assert text in body, text


def test_plan_detail_numbers_nodes_without_code(client, plan):
    area = make_node(plan, "First area", kind="area")
    make_node(plan, "An objective", kind="objective", parent=area)
    body = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert '<span class="node-number">1.1</span> An objective' in body


def test_draft_plan_is_hidden_from_strangers(client, stranger, territory, team):
    draft = make_plan(territory, status="draft")
    assert client.get(reverse("plans:detail", args=[draft.pk])).status_code == 404
    client.force_login(stranger)
    assert client.get(reverse("plans:detail", args=[draft.pk])).status_code == 404
    client.force_login(team)
    assert client.get(reverse("plans:detail", args=[draft.pk])).status_code == 200


def test_print_view_has_no_navigation(client, plan, measure):
    response = client.get(reverse("plans:print", args=[plan.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Evening language classes" in body
    assert "main-nav" not in body


def test_create_page_and_post(client, team, territory):
    client.force_login(team)
    response = client.get(reverse("plans:create"))
    assert response.status_code == 200
    assert "EnFeM" in response.content.decode()
    response = client.post(
        reverse("plans:create"),
        {
            "title": "Plano Municipal",
            "template": "pmii",
            "territory": territory.pk,
            "start_year": 2025,
            "end_year": 2027,
            "language": "pt",
        },
    )
    plan = Plan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:editor", args=[plan.pk])
    assert plan.nodes.count() == 13


def test_create_refuses_bad_years_and_foreign_territory(
    client, team, other_territory, territory
):
    client.force_login(team)
    response = client.post(
        reverse("plans:create"),
        {
            "title": "x",
            "template": "blank",
            "territory": other_territory.name,
            "start_year": 2027,
            "end_year": 2025,
            "language": "en",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "last year cannot be before" in body
    # The territory picker takes names; another team's place is not among them.
    assert "No place called “Ribeira Alta” is known here" in body
    assert not Plan.objects.exists()


def test_create_page_refused_to_people_without_a_team(client, stranger):
    client.force_login(stranger)
    response = client.get(reverse("plans:create"))
    assert response.status_code == 403
    assert "territory team" in response.content.decode()


def test_compare_page(client, plan, measure, other_plan):
    area = make_node(other_plan, "Habitação", kind="area")
    area.theme_id = None
    make_node(other_plan, "Rent support", parent=area, needs_financing=True)
    response = client.get(
        reverse("plans:compare"), {"plans": [plan.pk, other_plan.pk, "x"]}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Plano da Ribeira Alta" in body
    assert "1 need financing" in body
    assert client.get(reverse("plans:compare")).status_code == 200


def test_compare_does_not_show_drafts_of_others(client, other_territory):
    draft = make_plan(other_territory, title="Secret draft", status="draft")
    body = client.get(reverse("plans:compare"), {"plans": [draft.pk]}).content.decode()
    assert "Secret draft" not in body


def test_code_lists_page(client, team, territory):
    assert client.get(reverse("plans:dimensions")).status_code == 200
    client.force_login(team)
    response = client.get(reverse("plans:dimensions"))
    assert "New list" in response.content.decode()
    response = client.post(
        reverse("plans:dimensions"),
        {
            "action": "list",
            "territory": territory.pk,
            "name": "Neighbourhood",
            "values": "N1 Old town\nN2 Riverside\n",
        },
    )
    assert response.status_code == 302
    body = client.get(reverse("plans:dimensions")).content.decode()
    assert "Old town" in body
    response = client.post(
        reverse("plans:dimensions"),
        {"action": "value", "territory": territory.pk, "dimension": 999, "code": "A"},
    )
    assert response.status_code == 200


def test_code_lists_post_refused_to_strangers(client, stranger, territory):
    client.force_login(stranger)
    response = client.post(
        reverse("plans:dimensions"),
        {"action": "list", "territory": territory.pk, "name": "X", "values": "A a"},
    )
    assert response.status_code == 403


def test_practice_page_shows_adopted_in_plans(client, plan, measure, indicator):
    practice = make_practice(title="Language café")
    measure_practice_link(user=None, node=measure, practice=practice, by_system=True)
    make_observation(indicator, "2024", 55)
    make_observation(indicator, "2025", 99, status="submitted")
    indicator.target_date = datetime.date(2026, 12, 31)
    indicator.save(update_fields=["target_date"])
    response = client.get(practice.get_absolute_url())
    body = response.content.decode()
    assert "Adopted in plans" in body
    assert "Evening language classes" in body
    assert "Learners enrolled" in body
    # The latest validated value (55, 2024), not the submitted one (99, 2025);
    # matched in its markup, since a bare "99" may occur in a nonce or token.
    assert "<strong>55</strong> (2024)" in body
    assert "<strong>99</strong>" not in body and "(2025)" not in body
    # The target beside it is named as the final one, with its date.
    assert text_of(response, ".final-target") == "final target 120 (by Dec. 31, 2026)"


def test_practice_page_hides_draft_plans(client, territory, partner):
    draft = make_plan(territory, status="draft")
    node = make_node(draft, "Hidden measure")
    practice = make_practice(title="Language café")
    measure_practice_link(user=None, node=node, practice=practice, by_system=True)
    body = client.get(practice.get_absolute_url()).content.decode()
    assert "Hidden measure" not in body
    assert PlanNode.objects.filter(pk=node.pk).exists()


def test_admin_pages_render(client, admin_user, plan, measure, indicator):
    client.force_login(admin_user)
    for name, args in (
        ("admin:plans_plan_changelist", []),
        ("admin:plans_plan_change", [plan.pk]),
        ("admin:plans_plannode_change", [measure.pk]),
        ("admin:plans_indicator_change", [indicator.pk]),
        ("admin:plans_dimension_changelist", []),
        ("admin:plans_planchange_changelist", []),
    ):
        assert client.get(reverse(name, args=args)).status_code == 200, name
