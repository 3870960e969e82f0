"""A network's room is made with the network."""

from __future__ import annotations

from typing import Any

from convivio.community.models import Network


def network_saved(
    sender: type[Network], instance: Network, created: bool, **kwargs: Any
) -> None:
    if created and not kwargs.get("raw"):
        from .models import Room

        Room.objects.get_or_create(kind=Room.Kind.NETWORK, network=instance)
