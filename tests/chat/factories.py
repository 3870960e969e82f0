"""Chat rooms and messages for tests, made through the services."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from convivio.chat import services
from convivio.chat.models import Message, Room
from convivio.community.models import Member
from tests.community.factories import add_member, make_network
from tests.factories import UserFactory


def forum_world(**network: Any) -> SimpleNamespace:
    """A network with a coordinator, two members and an observer, and its room."""
    coordinator = UserFactory(username="coordinator")
    forum = make_network(coordinator, **network)
    ana = add_member(forum, UserFactory(username="ana"))
    bruno = add_member(forum, UserFactory(username="bruno"))
    observer = add_member(forum, UserFactory(username="olga"), Member.Role.OBSERVER)
    room = services.room_for_network(forum)
    return SimpleNamespace(
        forum=forum,
        room=room,
        coordinator=coordinator,
        ana=ana,
        bruno=bruno,
        observer=observer,
    )


def say(user: Any, room: Room, body: str = "Olá a todos", **extra: Any) -> Message:
    return services.message_send(user, room, body, **extra)
