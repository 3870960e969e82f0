"""The demo's networks of Vale Novo (``demo.community``)."""

from __future__ import annotations

import pytest

from convivio.community.models import IssueVote, Member, Network
from convivio.demo.community import community_demo_load
from tests.plans.factories import make_territory

pytestmark = pytest.mark.django_db


def test_two_balanced_networks_loaded_twice_make_nothing_new():
    town = make_territory("Vale Novo")
    demo = community_demo_load(town)
    assert demo.forum.kind == Network.Kind.LOCAL_FORUM
    assert demo.forum.is_public and demo.forum.joining == Network.Joining.REQUEST
    assert demo.women.joining == Network.Joining.INVITATION
    assert demo.forum.translation_for("en").name.startswith("Local Forum")
    assert demo.forum.members.count() == 12
    assert demo.women.members.count() == 8
    roles = dict(
        Member.objects.filter(network=demo.forum).values_list("user__username", "role")
    )
    assert roles[demo.people["coordinator"].username] == "coordinator"
    assert roles[demo.people["observer"].username] == "observer"
    assert (
        Member.objects.get(
            network=demo.women, user=demo.people["women_coordinator"]
        ).role
        == "coordinator"
    )
    for network in (demo.forum, demo.women):
        assert Member.objects.filter(
            network=network, user=demo.people["member"]
        ).exists()
    constituencies = set(demo.forum.members.values_list("constituency", flat=True))
    assert {
        "migrant",
        "migrant_association",
        "ngo",
        "public_service",
        "health",
        "elected",
    } <= constituencies
    votes = IssueVote.objects.filter(network=demo.forum).count()

    again = community_demo_load(town)
    assert again.forum.pk == demo.forum.pk and again.women.pk == demo.women.pk
    assert Network.objects.count() == 2
    assert again.forum.members.count() == 12
    assert IssueVote.objects.filter(network=demo.forum).count() == votes
    username, password, _role = again.accounts[0]
    assert (
        again.people["coordinator"]
        .__class__.objects.get(username=username)
        .check_password(password)
    )
