"""Who may change a plan: each role × each write, on its own territory's plan and
on another's.  Refusals are a PermissionDenied with a sentence (a 403 page on the
web), and nothing changes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from convivio.core.models import Membership
from convivio.core.services import membership_grant
from convivio.plans import services
from convivio.plans.models import (
    Dimension,
    Indicator,
    Plan,
    PlanChange,
    PlanNode,
    Recommendation,
)
from convivio.plans.services import IndicatorData, NodeData, PlanData
from tests.factories import UserFactory

from .factories import make_indicator, make_node

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "stranger",
    "reporter",
    "org_editor",
    "moderator",
    "other_team",
    "team",
    "admin",
]
ALLOWED_ON_OWN = {"team", "admin"}
ALLOWED_ON_OTHER = {"other_team", "admin"}


@pytest.fixture
def people(team, other_team, reporter, partner, moderator, admin_user, stranger):
    org_editor = UserFactory(username="org-editor")
    membership_grant(
        actor=None, user=org_editor, organisation=partner, role=Membership.Role.EDITOR
    )
    return {
        "anonymous": AnonymousUser(),
        "stranger": stranger,
        "reporter": reporter,
        "org_editor": org_editor,
        "moderator": moderator,
        "other_team": other_team,
        "team": team,
        "admin": admin_user,
    }


def _writes(plan: Plan):
    """Each write a team makes to a plan, as (name, callable taking the user)."""
    area = make_node(plan, "Area", kind="area")
    measure = make_node(plan, "Measure", parent=area)
    indicator = make_indicator(measure, "Indicator")
    rec = services.recommendation_create(
        user=None, plan=plan, audience="media", text="Hi", by_system=True
    )
    PlanChange.objects.all().delete()
    return [
        (
            "plan edit",
            lambda u: services.plan_update(
                user=u,
                plan=plan,
                data=PlanData(
                    language="en",
                    title="Hijacked",
                    territory_id=plan.territory_id,
                    start_year=2024,
                    end_year=2026,
                ),
            ),
        ),
        (
            "plan status",
            lambda u: services.plan_transition(user=u, plan=plan, status="closed"),
        ),
        (
            "duplicate",
            lambda u: services.plan_duplicate(
                user=u, plan=plan, start_year=2030, end_year=2031
            ),
        ),
        (
            "node add",
            lambda u: services.node_create(
                user=u, plan=plan, kind="area", data=NodeData("New")
            ),
        ),
        (
            "node edit",
            lambda u: services.node_update(
                user=u, node=measure, data=NodeData("Changed"), expected_version=1
            ),
        ),
        (
            "node move",
            lambda u: services.node_move(user=u, node=measure, direction="outdent"),
        ),
        ("node delete", lambda u: services.node_delete(user=u, node=measure)),
        (
            "indicator add",
            lambda u: services.indicator_create(
                user=u, node=measure, data=IndicatorData("New")
            ),
        ),
        (
            "indicator edit",
            lambda u: services.indicator_update(
                user=u,
                indicator=indicator,
                data=IndicatorData("Changed"),
                expected_version=1,
            ),
        ),
        (
            "target",
            lambda u: services.target_set(
                user=u, indicator=indicator, period="2025", value=Decimal(1)
            ),
        ),
        (
            "recommendation",
            lambda u: services.recommendation_create(
                user=u, plan=plan, audience="media", text="New"
            ),
        ),
        (
            "recommendation delete",
            lambda u: services.recommendation_delete(user=u, recommendation=rec),
        ),
        ("undo", lambda u: services.change_undo(user=u, plan=plan)),
    ]


def _snapshot(plan: Plan) -> tuple:
    plan = Plan.objects.get(pk=plan.pk)
    return (
        str(plan),
        plan.status,
        Plan.objects.count(),
        tuple(
            PlanNode.objects.filter(plan=plan)
            .order_by("pk")
            .values_list("pk", "position", "version", "deleted_at")
        ),
        Indicator.objects.filter(plan=plan, deleted_at__isnull=True).count(),
        Recommendation.objects.filter(plan=plan).count(),
        PlanChange.objects.count(),
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("whose", ["own", "other"])
def test_plan_writes_matrix(people, role, whose, plan, other_plan):
    """The territory team of the plan (and administrators) only."""
    target = plan if whose == "own" else other_plan
    allowed = role in (ALLOWED_ON_OWN if whose == "own" else ALLOWED_ON_OTHER)
    user = people[role]
    for name, write in _writes(target):
        before = _snapshot(target)
        if allowed:
            write(user)  # undo, last, reverses the recommendation's deletion
        else:
            with pytest.raises(PermissionDenied) as refused:
                write(user)
            assert "territory team" in str(refused.value), name
            assert _snapshot(target) == before, name


@pytest.mark.parametrize("role", ROLES)
def test_plan_create_matrix(people, role, territory, other_territory):
    user = people[role]
    for place, allowed in (
        (territory, role in {"team", "admin"}),
        (other_territory, role in {"other_team", "admin"}),
    ):
        data = PlanData(
            language="en",
            title="A plan",
            territory_id=place.pk,
            start_year=2025,
            end_year=2026,
        )
        count = Plan.objects.count()
        if allowed:
            services.plan_create(user=user, data=data)
            assert Plan.objects.count() == count + 1
        else:
            with pytest.raises(PermissionDenied, match="territory team"):
                services.plan_create(user=user, data=data)
            assert Plan.objects.count() == count


@pytest.mark.parametrize("role", ROLES)
def test_code_list_matrix(people, role, territory):
    user = people[role]
    allowed = role in {"team", "admin"}
    province = Dimension.objects.get(slug="province", territory=None)
    count = Dimension.objects.count()
    if allowed:
        services.dimension_create(
            user=user, territory=territory, name="Neighbourhood", values=[("N1", "A")]
        )
        services.dimension_value_add(
            user=user, dimension=province, territory=territory, code="P1", label="P"
        )
    else:
        with pytest.raises(PermissionDenied, match="code lists"):
            services.dimension_create(
                user=user, territory=territory, name="Neighbourhood", values=[]
            )
        with pytest.raises(PermissionDenied, match="code lists"):
            services.dimension_value_add(
                user=user, dimension=province, territory=territory, code="P1", label="P"
            )
        assert Dimension.objects.count() == count
        assert not province.values.exists()


@pytest.mark.parametrize(
    "role", ["stranger", "reporter", "org_editor", "moderator", "other_team"]
)
def test_editor_pages_answer_403_with_the_sentence(client, people, role, plan, measure):
    client.force_login(people[role])
    for url in (
        reverse("plans:editor", args=[plan.pk]),
        reverse("plans:edit_meta", args=[plan.pk]),
        reverse("plans:node_edit", args=[plan.pk, measure.pk]),
        reverse("plans:indicator_add", args=[plan.pk, measure.pk]),
        reverse("plans:duplicate", args=[plan.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Only the territory team of Vale Novo" in response.content.decode()
    for url, data in (
        (reverse("plans:node_add", args=[plan.pk]), {"kind": "area", "title": "x"}),
        (reverse("plans:node_move", args=[plan.pk, measure.pk]), {"direction": "up"}),
        (reverse("plans:node_delete", args=[plan.pk, measure.pk]), {}),
        (reverse("plans:undo", args=[plan.pk]), {}),
        (reverse("plans:status", args=[plan.pk]), {"status": "closed"}),
        (
            reverse("plans:recommendation_add", args=[plan.pk]),
            {"audience": "media", "text": "x"},
        ),
    ):
        assert client.post(url, data).status_code == 403, url
    assert PlanNode.objects.filter(plan=plan).count() == 3
    assert Plan.objects.get(pk=plan.pk).status == "monitoring"


def test_anonymous_is_sent_to_sign_in(client, plan):
    response = client.get(reverse("plans:editor", args=[plan.pk]))
    assert response.status_code == 302 and "login" in response["Location"]
    response = client.post(reverse("plans:node_add", args=[plan.pk]), {"kind": "area"})
    assert response.status_code == 302
    assert not PlanNode.objects.exists()
