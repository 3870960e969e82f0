import pytest
from django.core.exceptions import PermissionDenied

from convivio.community import permissions
from convivio.community.models import Member
from tests.community.factories import add_member, coordinator_of, make_network
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_creator_coordinates_and_members_write_observers_read():
    network = make_network(visibility="members")
    coordinator = coordinator_of(network)
    member = add_member(network)
    observer = add_member(network, role=Member.Role.OBSERVER)
    outsider = UserFactory()
    assert permissions.can_coordinate_network(coordinator, network)
    assert not permissions.can_coordinate_network(member, network)
    assert permissions.can_write_in_network(member, network)
    assert not permissions.can_write_in_network(observer, network)
    assert permissions.can_view_network(observer, network)
    assert not permissions.can_view_network(outsider, network)
    with pytest.raises(PermissionDenied):
        permissions.require_write_in_network(outsider, network)
