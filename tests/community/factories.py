"""Networks and their members for the exchange apps' tests, made through the
services."""

from __future__ import annotations

from typing import Any

from convivio.community import services
from convivio.community.models import Member, Network
from tests.factories import UserFactory
from tests.plans.factories import make_territory


def make_network(
    coordinator: Any = None,
    *,
    name: str = "Fórum Local de Vale Novo",
    language: str = "pt",
    place: str = "Vale Novo",
    visibility: str = Network.Visibility.PUBLIC,
    joining: str = Network.Joining.REQUEST,
    **extra: Any,
) -> Network:
    coordinator = coordinator or UserFactory()
    return services.network_create(
        coordinator,
        name=name,
        language=language,
        territory=make_territory(place),
        visibility=visibility,
        joining=joining,
        **extra,
    )


def add_member(network: Network, user: Any = None, role: str = "member") -> Any:
    """A person in the network (a new one unless given); returns the user."""
    user = user or UserFactory()
    services.member_add(network, user, role)
    return user


def coordinator_of(network: Network) -> Any:
    return Member.objects.filter(network=network, role="coordinator").first().user
