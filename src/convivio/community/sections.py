"""What networks show on pages of core (registered in ``CommunityConfig.ready``
with core.hooks): on a place's page, the networks there and the issues their
members rank — in the themes' vocabulary the local diagnosis uses for the
needs surveys name, so that the two rankings read side by side."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from convivio.core import hooks
from convivio.core.models import Territory

from . import selectors
from .models import Network

#: Networks a place's page lists, at most (the list of networks has the rest).
PLACE_NETWORKS = 10


def place(request: HttpRequest, territory: Territory) -> dict[str, Any] | None:
    networks = list(
        selectors.networks_of_place(request.user, territory).order_by(
            "-created_at", "-id"
        )[: PLACE_NETWORKS + 1]
    )
    if not networks:
        return None
    selectors.in_language(networks[:PLACE_NETWORKS], request.LANGUAGE_CODE)
    return {
        "place_networks": networks[:PLACE_NETWORKS],
        "more_networks": len(networks) > PLACE_NETWORKS,
        "network_ranking": selectors.place_ranking(request.user, territory),
        "territory": territory,
    }


def register() -> None:
    hooks.register_section(
        "territory",
        "networks",
        templates={"main": "community/includes/network_place.html"},
        context=place,
        order=35,
    )
    # The same beside the local diagnosis's own needs (directory's page).
    hooks.register_section(
        "diagnosis",
        "networks",
        templates={"main": "community/includes/network_place.html"},
        context=place,
        order=35,
    )
    hooks.register_place_records(Network)
