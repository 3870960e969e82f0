"""Networks as a translatable kind (``core.translation.register_kind``)."""

from __future__ import annotations

from django.db.models import QuerySet

from . import permissions
from .models import Member, Network


def can_translate(user, network: Network) -> bool:
    return permissions.can_coordinate_network(user, network)


def can_view(user, network: Network) -> bool:
    return permissions.can_view_network(user, network)


def queue(user) -> QuerySet[Network]:
    """The networks the person coordinates."""
    return Network.objects.filter(
        members__user=user, members__role=Member.Role.COORDINATOR
    )


def title(network: Network, language: str | None) -> str:
    row = network.translation_for(language)
    return row.name if row is not None else str(network)
