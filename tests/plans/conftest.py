"""A small plan every plans test can start from, and the people around it.

- ``team``: territory team of Vale Novo (owns ``plan``)
- ``other_team``: territory team of another municipality (owns ``other_plan``)
- ``reporter``: reporter of ``partner``, the lead entity of ``measure``
- ``other_reporter``: reporter of ``other_partner``, responsible for nothing here
"""

from __future__ import annotations

import pytest

from convivio.core.models import Membership
from convivio.core.services import membership_grant, territory_team_grant
from tests.factories import OrganisationFactory, UserFactory

from .factories import (
    make_indicator,
    make_node,
    make_plan,
    make_responsibility,
    make_territory,
)


@pytest.fixture
def territory(db):
    return make_territory("Vale Novo")


@pytest.fixture
def other_territory(db):
    return make_territory("Ribeira Alta")


@pytest.fixture
def team(territory):
    person = UserFactory(username="officer")
    territory_team_grant(actor=None, user=person, territory=territory)
    return person


@pytest.fixture
def other_team(other_territory):
    person = UserFactory(username="other-officer")
    territory_team_grant(actor=None, user=person, territory=other_territory)
    return person


@pytest.fixture
def partner(db):
    return OrganisationFactory(name="Casa das Línguas")


@pytest.fixture
def other_partner(db):
    return OrganisationFactory(name="Clube Desportivo")


@pytest.fixture
def reporter(partner):
    person = UserFactory(username="reporter")
    membership_grant(
        actor=None, user=person, organisation=partner, role=Membership.Role.REPORTER
    )
    return person


@pytest.fixture
def other_reporter(other_partner):
    person = UserFactory(username="other-reporter")
    membership_grant(
        actor=None,
        user=person,
        organisation=other_partner,
        role=Membership.Role.REPORTER,
    )
    return person


@pytest.fixture
def plan(territory):
    return make_plan(territory)


@pytest.fixture
def area(plan):
    return make_node(plan, "Education and language", kind="area", code="4")


@pytest.fixture
def objective(plan, area):
    return make_node(
        plan, "More adults learn Portuguese", kind="objective", parent=area, code="4.1"
    )


@pytest.fixture
def measure(plan, objective, partner):
    node = make_node(
        plan, "Evening language classes", parent=objective, code="4.1.1", priority=1
    )
    make_responsibility(node, partner)
    return node


@pytest.fixture
def indicator(measure):
    """Learners enrolled, yearly, by sex and age band."""
    return make_indicator(
        measure,
        "Learners enrolled",
        dimensions={"sex": ["F", "M"], "age": ["18-24", "25-34"]},
        baseline_value=40,
        target_value=120,
    )


@pytest.fixture
def other_plan(other_territory):
    return make_plan(other_territory, title="Plano da Ribeira Alta")
