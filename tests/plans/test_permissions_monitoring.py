"""Who may submit, validate, return, lock and import: every role, on its own
plan and organisation and on another territory's.

Each write is tried through its service and through its page; a refusal is a
``PermissionDenied`` with a sentence (a 403 page showing it, or the login page
for anonymous visitors) and changes nothing.
"""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from convivio.core.models import Membership
from convivio.core.services import membership_grant
from convivio.plans.models import Observation, ObservationRevision, PeriodLock
from convivio.plans.monitoring import services as monitoring
from convivio.plans.monitoring.imports import observations_import
from tests.factories import UserFactory

from .factories import make_indicator, make_node, make_observation, make_responsibility

ROLES = [
    "anonymous",
    "stranger",
    "reporter",  # reporter of the measure's responsible entity
    "other_reporter",  # reporter of another organisation
    "partner_editor",  # editor (not reporter) of the responsible entity
    "moderator",
    "other_team",  # territory team of another municipality
    "team",  # the plan's territory team
    "admin_user",
]

#: Who may do each write on the plan of Vale Novo (``own``) and on the plan of
#: Ribeira Alta, whose measure belongs to the other organisation (``other``).
ALLOWED = {
    ("submit", "own"): {"reporter", "team", "admin_user"},
    ("submit", "other"): {"other_reporter", "other_team", "admin_user"},
    ("validate", "own"): {"team", "admin_user"},
    ("validate", "other"): {"other_team", "admin_user"},
    ("return", "own"): {"team", "admin_user"},
    ("return", "other"): {"other_team", "admin_user"},
    ("lock", "own"): {"team", "admin_user"},
    ("lock", "other"): {"other_team", "admin_user"},
    ("import", "own"): {"reporter", "team", "admin_user"},
    ("import", "other"): {"other_reporter", "other_team", "admin_user"},
}

ACTIONS = ["submit", "validate", "return", "lock", "import"]


@pytest.fixture
def partner_editor(partner):
    person = UserFactory(username="partner-editor")
    membership_grant(
        actor=None, user=person, organisation=partner, role=Membership.Role.EDITOR
    )
    return person


@pytest.fixture
def anonymous(db):
    return AnonymousUser()


@pytest.fixture
def world(plan, other_plan, measure, other_partner):
    """A value waiting for validation on each plan, and each plan's indicator."""
    own = make_indicator(measure, "Classes held", unit="classes")
    other_measure = make_node(other_plan, "Sports for newcomers", code="1.1")
    make_responsibility(other_measure, other_partner)
    other = make_indicator(other_measure, "Members", unit="classes")
    return {
        "own": (
            plan,
            own,
            make_observation(own, "2024", 5, status=Observation.Status.SUBMITTED),
        ),
        "other": (
            other_plan,
            other,
            make_observation(other, "2024", 5, status=Observation.Status.SUBMITTED),
        ),
    }


def _xlsx(indicator) -> bytes:
    book = Workbook()
    book.active.append(["indicator_id", "period", "value"])
    book.active.append([indicator.pk, "2025", 7])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _state() -> tuple:
    return (
        list(Observation.objects.order_by("pk").values_list("value", "status")),
        ObservationRevision.objects.count(),
        PeriodLock.objects.count(),
    )


def _service(action: str, user, plan, indicator, observation):
    if action == "submit":
        return monitoring.observation_submit(
            user=user, indicator=indicator, period="2025", value=Decimal(7)
        )
    if action == "validate":
        return monitoring.observation_validate(user=user, observation=observation)
    if action == "return":
        return monitoring.observation_return(
            user=user, observation=observation, comment="Please check."
        )
    if action == "lock":
        return monitoring.period_lock(user=user, plan=plan, period="2025")
    result = observations_import(
        user=user,
        plan=plan,
        upload=SimpleUploadedFile("v.xlsx", _xlsx(indicator)),
    )
    assert result.ok, result.errors
    return result


@pytest.mark.parametrize("target", ["own", "other"])
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_service_matrix(request, world, role, action, target):
    user = request.getfixturevalue(role)
    plan, indicator, observation = world[target]
    before = _state()
    if role in ALLOWED[(action, target)]:
        _service(action, user, plan, indicator, observation)
        assert _state() != before
    else:
        with pytest.raises(PermissionDenied) as refusal:
            _service(action, user, plan, indicator, observation)
        assert len(str(refusal.value)) > 30  # a sentence a person understands
        assert _state() == before


def _page(client, action: str, plan, indicator, observation):
    if action == "submit":
        return client.post(
            reverse("plans:report_value", args=[indicator.pk, "2025"]),
            {"value": "7", "version": "0"},
        )
    if action == "validate":
        return client.post(
            reverse("plans:observation_validate", args=[observation.pk]),
            {"version": observation.version},
        )
    if action == "return":
        return client.post(
            reverse("plans:observation_return", args=[observation.pk]),
            {"comment": "Please check.", "version": observation.version},
        )
    if action == "lock":
        return client.post(
            reverse("plans:period_lock", args=[plan.pk]), {"period": "2025"}
        )
    return client.post(
        reverse("plans:observations_import", args=[plan.pk]),
        {"file": SimpleUploadedFile("v.xlsx", _xlsx(indicator))},
    )


@pytest.mark.parametrize("target", ["own", "other"])
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_page_matrix(request, client, world, role, action, target):
    user = request.getfixturevalue(role)
    if role != "anonymous":
        client.force_login(user)
    plan, indicator, observation = world[target]
    before = _state()
    response = _page(client, action, plan, indicator, observation)
    if role == "anonymous":
        assert response.status_code == 302
        assert "login" in response["Location"]
        assert _state() == before
    elif role in ALLOWED[(action, target)]:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert _state() != before
    else:
        assert response.status_code == 403
        text = response.content.decode()
        assert "You cannot do this" in text
        assert "Only the territory team" in text or "your organisation" in text
        assert _state() == before


@pytest.mark.parametrize("role", ROLES)
def test_read_pages_matrix(request, client, world, role):
    """The team's page and an indicator's history are not for everybody either."""
    user = request.getfixturevalue(role)
    if role != "anonymous":
        client.force_login(user)
    plan, indicator, _observation = world["own"]
    monitoring_page = client.get(reverse("plans:monitoring", args=[plan.pk]))
    history = client.get(reverse("plans:indicator_history", args=[indicator.pk]))
    export = client.get(reverse("plans:observations_export", args=[plan.pk, "csv"]))
    if role == "anonymous":
        assert {monitoring_page.status_code, history.status_code} == {302}
        assert export.status_code == 302
        return
    team = role in {"team", "admin_user"}
    reports = team or role == "reporter"
    assert monitoring_page.status_code == (200 if team else 403)
    assert history.status_code == (200 if reports else 403)
    assert export.status_code == (200 if reports else 403)
