# ruff: noqa: E501 (the tables keep one case a line)
"""The chat rows of the exchange apps' permission matrix
(tests/community/test_permission_matrix.py: roles, helpers and how to read it).

A POST is sent with an empty form: the roles it is refused to are refused,
those it is allowed to get the form back with a message (nothing written);
where an empty form would still do the thing (open a conversation, delete
one's message), the allowed roles are SKIP and tests/chat/test_chat.py tries
them.  The member wrote the room's message; the direct conversation is the
member's and the coordinator's."""

from __future__ import annotations

from convivio.chat import services
from tests.test_permission_matrix import LOGIN, SKIP, Case, World

__all__ = ["Case"]


def build(w: World) -> None:
    """Add the records this app's routes are asked about to ``w.objects``."""
    member, coordinator = w.people["member"], w.people["coordinator"]
    room = services.room_for_network(w.objects["forum"])
    closed = services.room_for_network(w.objects["closed"])
    w.objects["chat_room"] = room
    w.objects["chat_closed_room"] = closed
    w.objects["chat_message"] = services.message_send(member, room, "Olá a todos")
    services.message_send(member, closed, "Reunião na quinta")
    direct = services.direct_room(member, coordinator)
    services.message_send(member, direct, "Podemos falar?")
    w.objects["chat_direct"] = direct


def _pk(name: str):
    return lambda w: [w.objects[name].pk]


SIGNED_IN = (LOGIN, 200, 200, 200, 200, 200, 200)
#: A network's room: its people (observers too) and platform moderators.
ROOM_READERS = (LOGIN, 403, 200, 200, 200, 403, 200)
#: A direct conversation: its two participants.
PARTICIPANTS = (LOGIN, 403, 403, 200, 200, 403, 403)
MODERATORS = (LOGIN, 403, 403, 403, 200, 403, 200)
POST_ONLY = (LOGIN, 405, 405, 405, 405, 405, 405)

# Each route: its cases, what each role gets in the order of ROLES:
#   visitor, signed_in, observer, member, coordinator, other, moderator
# fmt: off
PAGES: dict[str, list[Case]] = {
    "chat:index": [Case(lambda w: [], SIGNED_IN)],
    "chat:search": [Case(lambda w: [], SIGNED_IN)],
    "chat:room": [
        Case(_pk("chat_room"), ROOM_READERS, state="public network"),
        Case(_pk("chat_closed_room"), ROOM_READERS, state="members-only network"),
        Case(_pk("chat_direct"), PARTICIPANTS, state="direct"),
    ],
    # Without "since": every message from the start (there is one: 200).
    "chat:poll": [
        Case(_pk("chat_room"), ROOM_READERS, state="public network"),
        Case(_pk("chat_direct"), PARTICIPANTS, state="direct"),
    ],
    "chat:send": [
        Case(_pk("chat_room"), POST_ONLY, post=(LOGIN, 403, 403, 400, 400, 403, 403), state="network"),
        Case(_pk("chat_direct"), POST_ONLY, post=(LOGIN, 403, 403, 400, 400, 403, 403), state="direct"),
    ],
    "chat:participant_add": [
        Case(_pk("chat_direct"), POST_ONLY, post=(LOGIN, 403, 403, 302, 302, 403, 403)),
    ],
    "chat:network_room": [
        Case(_pk("forum"), (LOGIN, 403, 302, 302, 302, 403, 302), state="public"),
        Case(_pk("closed"), (LOGIN, 403, 302, 302, 302, 403, 302), state="members only"),
    ],
    # The member's page: the coordinator has a conversation with them already,
    # the observer would start one (SKIP); nobody writes to themself.
    "chat:direct": [
        Case(lambda w: [w.people["member"].pk], POST_ONLY, post=(LOGIN, 403, SKIP, 403, 302, 403, 403)),
    ],
    "chat:message_delete": [
        Case(_pk("chat_message"), POST_ONLY, post=(LOGIN, 403, 403, SKIP, 403, 403, 403)),
    ],
    "chat:message_report": [
        Case(_pk("chat_message"), (LOGIN, 403, 200, 403, 200, 403, 200), post=(LOGIN, 403, 400, 403, 400, 403, 400)),
    ],
    "chat:message_moderate": [
        Case(_pk("chat_message"), MODERATORS, post=(LOGIN, 403, 403, 403, 400, 403, 400)),
    ],
}
API: dict[str, list[Case]] = {
}
# fmt: on
