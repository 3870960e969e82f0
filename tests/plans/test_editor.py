"""The editor: every action works by plain POST + redirect, and with HTMX swaps
only the editor (or a row for its inline form)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from convivio.plans.models import (
    Indicator,
    MeasurePractice,
    Plan,
    PlanChange,
    PlanNode,
    Recommendation,
    Responsibility,
)
from tests.factories import make_practice

from .factories import make_node

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def officer(client, team):
    client.force_login(team)
    return client


def editor_url(plan) -> str:
    return reverse("plans:editor", args=[plan.pk])


def test_editor_page_renders_with_undo_and_forms(officer, plan, measure, indicator):
    response = officer.get(editor_url(plan))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nothing to undo" in body
    assert 'hx-boost="true"' in body
    assert "Evening language classes" in body
    assert reverse("plans:node_entity", args=[plan.pk, measure.pk]) in body
    assert reverse("plans:indicator_add", args=[plan.pk, measure.pk]) in body
    assert "Mark as closed" in body


def test_editor_htmx_returns_only_the_editor(officer, plan, measure):
    response = officer.get(editor_url(plan), **HX)
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="editor"')
    assert "<html" not in body


def test_add_move_delete_and_undo_without_javascript(officer, plan, area, objective):
    response = officer.post(
        reverse("plans:node_add", args=[plan.pk]),
        {
            "kind": "measure",
            "title": "Welcome desk",
            "code": "4.1.2",
            "parent": objective.pk,
        },
    )
    node = PlanNode.objects.get(code="4.1.2")
    assert response.status_code == 302
    assert response["Location"] == f"{editor_url(plan)}#node-{node.pk}"
    officer.post(
        reverse("plans:node_add", args=[plan.pk]),
        {"kind": "measure", "title": "Before it", "parent": objective.pk},
    )
    other = PlanNode.objects.get(translations__title="Before it")
    officer.post(
        reverse("plans:node_move", args=[plan.pk, other.pk]), {"direction": "up"}
    )
    other.refresh_from_db()
    node.refresh_from_db()
    assert other.position < node.position
    response = officer.get(editor_url(plan))
    assert "Undo: Moved Before it up" in response.content.decode()
    officer.post(reverse("plans:node_delete", args=[plan.pk, node.pk]))
    assert PlanNode.objects.get(pk=node.pk).deleted_at is not None
    response = officer.post(reverse("plans:undo", args=[plan.pk]), follow=True)
    assert "Undone: Deleted 4.1.2 Welcome desk" in response.content.decode()
    assert PlanNode.objects.get(pk=node.pk).deleted_at is None


def test_move_that_cannot_be_done_says_why(officer, plan, area):
    response = officer.post(
        reverse("plans:node_move", args=[plan.pk, area.pk]),
        {"direction": "outdent"},
        follow=True,
    )
    assert "already at the top level" in response.content.decode()


def test_actions_with_htmx_answer_with_the_editor(officer, plan, area):
    response = officer.post(
        reverse("plans:node_add", args=[plan.pk]),
        {"kind": "objective", "title": "Adults learn", "parent": area.pk},
        follow=True,
        **HX,
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="editor"')
    assert "Adults learn" in body
    response = officer.post(reverse("plans:undo", args=[plan.pk]), follow=True, **HX)
    body = response.content.decode()
    assert "Undone: Added Adults learn" in body  # messages come inside the editor


def test_inline_edit_with_htmx(officer, plan, measure):
    url = reverse("plans:node_edit", args=[plan.pk, measure.pk])
    response = officer.get(url, **HX)
    body = response.content.decode()
    assert body.lstrip().startswith(f'<div class="node-edit" id="node-{measure.pk}"')
    assert 'name="version" value="1"' in body
    form = {
        "version": 1,
        "kind": "measure",
        "code": "4.1.1",
        "title": "Evening classes, twice a week",
        "status": "in_progress",
        "progress": 50,
        "priority": 1,
        "budget_currency": "EUR",
    }
    response = officer.post(url, form, **HX)
    assert response["HX-Retarget"] == "#editor"
    assert "Evening classes, twice a week" in response.content.decode()
    measure.refresh_from_db()
    assert (measure.status, measure.progress, measure.version) == ("in_progress", 50, 2)
    # The same form sent again (another tab, a colleague): refused, shown in place.
    form["title"] = "Stale edit"
    response = officer.post(url, form, **HX)
    assert "HX-Retarget" not in response
    assert "Someone else changed" in response.content.decode()
    assert measure.translation_for().title == "Evening classes, twice a week"


def test_edit_page_without_javascript(officer, plan, measure):
    url = reverse("plans:node_edit", args=[plan.pk, measure.pk])
    response = officer.get(url)
    assert response.status_code == 200
    assert "<html" in response.content.decode()
    response = officer.post(
        url,
        {
            "version": 1,
            "kind": "measure",
            "title": "Renamed",
            "financing_rank": 2,
            "budget_currency": "EUR",
        },
    )
    assert response.status_code == 200
    assert "Only a measure that needs financing" in response.content.decode()
    response = officer.post(
        url, {"version": 1, "kind": "measure", "title": "Renamed", "budget_amount": "x"}
    )
    assert response.status_code == 200
    response = officer.post(url, {"version": 1, "kind": "measure", "title": "Renamed"})
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.translation_for().title == "Renamed"


def test_assign_entity_link_practice_and_remove(officer, plan, measure, other_partner):
    url = reverse("plans:node_entity", args=[plan.pk, measure.pk])
    officer.post(
        url,
        {
            "organisation": f"{other_partner.name} (#{other_partner.pk})",
            "role": "partner",
            "competences": "venues",
        },
    )
    row = Responsibility.objects.get(organisation=other_partner)
    assert (row.role, row.competences) == ("partner", "venues")
    response = officer.post(
        url, {"organisation": "Nobody at all", "role": "lead"}, follow=True
    )
    assert "choose one from the list" in response.content.decode()
    officer.post(reverse("plans:entity_remove", args=[plan.pk, row.pk]))
    assert not Responsibility.objects.filter(pk=row.pk).exists()

    practice = make_practice(title="Language café")
    officer.post(
        reverse("plans:node_practice", args=[plan.pk, measure.pk]),
        {"practice": f"#{practice.pk}", "relation": "implements"},
    )
    link = MeasurePractice.objects.get()
    assert link.relation == "implements"
    officer.post(reverse("plans:practice_unlink", args=[plan.pk, link.pk]))
    assert not MeasurePractice.objects.exists()


def test_indicator_pages(officer, plan, measure, indicator):
    url = reverse("plans:indicator_add", args=[plan.pk, measure.pk])
    assert officer.get(url).status_code == 200
    response = officer.post(
        url,
        {
            "name": "Certificates",
            "kind": "quantitative",
            "direction": "increase",
            "frequency": "yearly",
            "dimensions": ["sex", "nationality"],
            "baseline_value": "abc",
        },
    )
    assert response.status_code == 200  # text in a number: the form says so
    response = officer.post(
        url,
        {
            "name": "Certificates",
            "kind": "quantitative",
            "direction": "increase",
            "frequency": "yearly",
            "dimensions": ["sex", "nationality"],
        },
    )
    assert response.status_code == 302
    created = Indicator.objects.get(translations__name="Certificates")
    assert created.indicator_dimensions.count() == 2
    edit = reverse("plans:indicator_edit", args=[plan.pk, indicator.pk])
    assert officer.get(edit).status_code == 200
    response = officer.post(
        edit,
        {
            "version": 1,
            "name": "Learners enrolled",
            "kind": "quantitative",
            "direction": "increase",
            "frequency": "yearly",
            "dimensions": ["sex", "age"],
            "unit": "learners",
        },
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.unit == "learners"
    # The chosen values of the lists still ticked are kept.
    age = indicator.indicator_dimensions.get(dimension__slug="age")
    assert sorted(age.values.values_list("code", flat=True)) == ["18-24", "25-34"]
    officer.post(reverse("plans:indicator_delete", args=[plan.pk, created.pk]))
    assert Indicator.objects.get(pk=created.pk).deleted_at is not None


def test_status_recommendations_details_and_duplicate(officer, plan, measure):
    officer.post(reverse("plans:status", args=[plan.pk]), {"status": "closed"})
    assert Plan.objects.get(pk=plan.pk).status == "closed"
    response = officer.post(
        reverse("plans:status", args=[plan.pk]), {"status": "draft"}, follow=True
    )
    assert "Only an adopted plan can become a draft again." in response.content.decode()
    officer.post(
        reverse("plans:recommendation_add", args=[plan.pk]),
        {"audience": "media", "text": "Tell the stories of newcomers too."},
    )
    rec = Recommendation.objects.get()
    body = officer.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Tell the stories of newcomers too." in body
    officer.post(reverse("plans:recommendation_delete", args=[plan.pk, rec.pk]))
    assert not Recommendation.objects.exists()

    meta = reverse("plans:edit_meta", args=[plan.pk])
    assert officer.get(meta).status_code == 200
    response = officer.post(
        meta,
        {
            "title": "Renamed plan",
            "territory": plan.territory_id,
            "start_year": 2024,
            "end_year": 2026,
            "language": "en",
            "general_objectives": "1. Everybody belongs",
        },
    )
    assert response.status_code == 302
    assert (
        "<ol>" in officer.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    )

    dup = reverse("plans:duplicate", args=[plan.pk])
    response = officer.get(dup)
    assert 'value="2027"' in response.content.decode()
    response = officer.post(
        dup, {"title": "Next", "start_year": 2027, "end_year": 2029}
    )
    new = Plan.objects.get(previous=plan)
    assert response["Location"] == editor_url(new)
    assert new.nodes.count() == plan.nodes.count()


def test_editor_objects_of_another_plan_are_not_found(officer, plan, other_plan):
    foreign = make_node(other_plan, "Elsewhere", kind="area")
    response = officer.post(
        reverse("plans:node_move", args=[plan.pk, foreign.pk]), {"direction": "up"}
    )
    assert response.status_code == 404
    assert not PlanChange.objects.exists()
