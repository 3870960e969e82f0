"""What events show on other apps' pages (registered in ``EventsConfig.ready``
with core.hooks): a network's coming events, a place's coming events."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from convivio.core import hooks

from . import selectors


def _context(events: list, request: HttpRequest) -> dict[str, Any]:
    selectors.shown(events, request.LANGUAGE_CODE)
    return {"coming_events": events}


def network(request: HttpRequest, network: Any) -> dict[str, Any] | None:
    events = selectors.coming_of_network(request.user, network.pk)
    context = _context(events, request)
    context["events_network"] = network
    return context


def place(request: HttpRequest, territory: Any) -> dict[str, Any] | None:
    events = selectors.coming_in_place(request.user, territory.pk)
    if not events:
        return None
    return _context(events, request)


def register() -> None:
    hooks.register_section(
        "network",
        "events",
        templates={"main": "events/_network_events.html"},
        context=network,
        order=40,
    )
    hooks.register_section(
        "territory",
        "events",
        templates={"main": "events/_place_events.html"},
        context=place,
        order=45,
    )
