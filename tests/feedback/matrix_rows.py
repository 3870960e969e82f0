# ruff: noqa: E501 (the tables keep one case a line)
"""The feedback rows of the exchange apps' permission matrix
(tests/community/test_permission_matrix.py: roles, helpers and how to read it).

The managers here are the network's coordinator and the platform moderator
(the roles have no organisation editor: tests/feedback/test_feedback.py checks
a service's editors).  Feedback channels are open on the public forum, the
members-only group and a service, each by its manager, so that asking to open
one again writes nothing (it shows the open channel's poster).
"""

from __future__ import annotations

from convivio.feedback import services
from tests.factories import ServiceFactory
from tests.test_permission_matrix import LOGIN, SKIP, Case, World

__all__ = ["Case"]

EVERYONE = (200,) * 7
REDIRECT = (302,) * 7
POST_ONLY = (LOGIN, 405, 405, 405, 405, 405, 405)
#: The network's coordinators and platform moderators.
MANAGERS = (LOGIN, 403, 403, 403, 200, 403, 200)
#: A service's managers: its organisation's editors (none among the roles) and moderators.
SERVICE_MANAGERS = (LOGIN, 403, 403, 403, 403, 403, 200)
NETWORK_READERS = (LOGIN, 403, 200, 200, 200, 403, 200)


def build(w: World) -> None:
    """Add the records this app's routes are asked about to ``w.objects``."""
    coordinator, moderator = w.people["coordinator"], w.people["moderator"]
    forum_channel = services.channel_open(user=coordinator, target=w.objects["forum"])
    closed_channel = services.channel_open(user=coordinator, target=w.objects["closed"])
    service = ServiceFactory(name="Welcome desk", language="en")
    service_channel = services.channel_open(user=moderator, target=service)
    reply = services.reply_add(
        user=coordinator,
        channel=forum_channel,
        text="Obrigado pelas respostas.",
        month=forum_channel.created_at.date(),
    )
    event_channel = services.channel_open(user=coordinator, target=w.objects["event"])
    w.objects.update(
        feedback_event=event_channel,
        feedback_forum=forum_channel,
        feedback_closed=closed_channel,
        feedback_service=service_channel,
        feedback_reply=reply,
    )


def _code(key: str):
    return lambda w: [w.objects[key].code]


def _open(key: str, kind: str):
    return lambda w: [kind, w.objects[key].pk]


# Each route: its cases, what each role gets in the order of ROLES:
#   visitor, signed_in, observer, member, coordinator, other, moderator
# fmt: off
PAGES: dict[str, list[Case]] = {
    # The short address redirects everybody to the form in their language.
    "feedback_short:go": [Case(_code("feedback_forum"), REDIRECT)],
    "feedback_short:go_slash": [Case(_code("feedback_forum"), REDIRECT)],
    # Anonymous: anybody with the address answers; an empty form is refused (400), nothing written.
    # The networks ask in Portuguese only: /en/ goes to /pt/ (302), nothing written.
    "feedback:form": [
        Case(_code("feedback_forum"), REDIRECT, post=REDIRECT, state="public network, another language"),
        Case(_code("feedback_closed"), REDIRECT, post=REDIRECT, state="members-only network, another language"),
        Case(_code("feedback_service"), EVERYONE, post=(400,) * 7, state="service"),
    ],
    "feedback:thanks": [Case(_code("feedback_forum"), EVERYONE)],
    "feedback:poster": [
        Case(_code("feedback_forum"), MANAGERS, state="network"),
        Case(_code("feedback_service"), SERVICE_MANAGERS, state="service"),
        Case(_code("feedback_event"), MANAGERS, state="event"),
    ],
    "feedback:poster_png": [
        Case(_code("feedback_forum"), MANAGERS, state="network"),
        Case(_code("feedback_service"), SERVICE_MANAGERS, state="service"),
    ],
    # The aggregate is read by whoever reads the network or service; comments by managers only.
    "feedback:results": [
        Case(_code("feedback_forum"), EVERYONE, state="public network"),
        Case(_code("feedback_closed"), NETWORK_READERS, state="members-only network"),
        Case(_code("feedback_service"), EVERYONE, state="service"),
        Case(_code("feedback_event"), EVERYONE, state="event of the public network"),
    ],
    # Open again: the open channel's poster (302), nothing written.
    "feedback:open": [
        Case(_open("forum", "network"), POST_ONLY, post=(LOGIN, 403, 403, 403, 302, 403, 302), state="network"),
        Case(lambda w: ["service", w.objects["feedback_service"].service_id], POST_ONLY, post=(LOGIN, 403, 403, 403, 403, 403, 302), state="service"),
        Case(_open("event", "event"), POST_ONLY, post=(LOGIN, 403, 403, 403, 302, 403, 302), state="event"),
    ],
    # Without a choice the page comes back with a message (302), nothing written.
    "feedback:state": [
        Case(_code("feedback_forum"), POST_ONLY, post=(LOGIN, 403, 403, 403, 302, 403, 302)),
    ],
    # An empty reply is refused (400), nothing written.
    "feedback:reply": [
        Case(_code("feedback_forum"), POST_ONLY, post=(LOGIN, 403, 403, 403, 400, 403, 400)),
    ],
    # Managers take replies down (tests/feedback); here only refusals, which write nothing.
    "feedback:reply_delete": [
        Case(lambda w: [w.objects["feedback_reply"].pk], POST_ONLY, post=(LOGIN, 403, 403, 403, SKIP, 403, SKIP)),
    ],
}
API: dict[str, list[Case]] = {
}
# fmt: on
