import pytest

from convivio.core.models import Membership
from convivio.core.services import membership_grant
from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Associazione Ponti")


@pytest.fixture
def author(db):
    return UserFactory(username="author")


@pytest.fixture
def editor(db, organisation):
    """An editor of the organisation that implements the practice."""
    person = UserFactory(username="editor")
    membership_grant(
        actor=None, user=person, organisation=organisation, role=Membership.Role.EDITOR
    )
    return person


@pytest.fixture
def stranger(db):
    return UserFactory(username="stranger")
