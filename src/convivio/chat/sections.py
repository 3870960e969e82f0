"""What the chat shows on pages of lower apps (registered in ``ChatConfig.ready``
with core.hooks): the network's chat on a network's page, and the "Message"
button on a person's page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from convivio.community import permissions as community
from convivio.core import hooks
from convivio.core.permissions import is_moderator

from . import permissions


def network(request: HttpRequest, obj: Any) -> dict[str, Any] | None:
    # The network's readers of its chat: its people and moderators (no query:
    # the roles are cached for the request).
    if obj is None:
        return None
    if not (community.is_member(request.user, obj) or is_moderator(request.user)):
        return None
    return {"chat_network": obj}


def person(request: HttpRequest, obj: Any) -> dict[str, Any] | None:
    if obj is None or not permissions.can_message(request.user, obj):
        return None
    return {"chat_person": obj}


def register() -> None:
    hooks.register_section(
        "network",
        "chat",
        templates={"aside": "chat/_network_section.html"},
        context=network,
        order=40,
    )
    hooks.register_section(
        "person",
        "chat",
        templates={"main": "chat/_person_section.html"},
        context=person,
        order=20,
    )
