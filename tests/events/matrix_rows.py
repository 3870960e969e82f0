# ruff: noqa: E501 (the tables keep one case a line)
"""The events rows of the exchange apps' permission matrix
(tests/community/test_permission_matrix.py: roles, helpers and how to read it)."""

from __future__ import annotations

from convivio.events import ics, services
from convivio.events.models import Event
from tests.test_permission_matrix import LOGIN, SKIP, Case, World

from .factories import make_event

__all__ = ["Case"]


def build(w: World) -> None:
    """Add the records this app's routes are asked about to ``w.objects``."""
    coordinator = w.people["coordinator"]
    event = make_event(w.forum, title="Oficina aberta", capacity=10, by=coordinator)
    draft = make_event(
        w.forum, title="Rascunho", status=Event.Status.DRAFT, by=coordinator
    )
    closed_event = make_event(w.closed, title="Reunião interna", by=coordinator)
    no_registration = make_event(
        w.forum, title="Sem inscrições", registration_open=False, by=coordinator
    )
    member_registration = services.register(w.people["member"], event)
    visitor_registration = services.register(
        None, event, name="Visitante", email="visitante@example.org"
    )
    w.objects.update(
        event=event,
        draft_event=draft,
        closed_event=closed_event,
        no_registration=no_registration,
        member_registration=member_registration,
        visitor_registration=visitor_registration,
        feed_token=ics.feed_token(w.people["member"]),
    )


def _pk(name: str):
    return lambda w: [w.objects[name].pk]


def _code(name: str):
    return lambda w: [w.objects[name].code]


EVERYONE = (200,) * 7
SIGNED_IN = (LOGIN, 200, 200, 200, 200, 200, 200)
NETWORK_READERS = (LOGIN, 403, 200, 200, 200, 403, 200)
ORGANISERS = (LOGIN, 403, 403, 403, 200, 403, 403)
#: A draft: its organisers only; the others do not learn it exists.
DRAFT = (404, 404, 404, 404, 200, 404, 404)
NOT_FOUND = (404,) * 7
REFUSED = (403,) * 7

# Each route: its cases, what each role gets in the order of ROLES:
#   visitor, signed_in, observer, member, coordinator, other, moderator
# fmt: off
PAGES: dict[str, list[Case]] = {
    "events:list": [Case(lambda w: [], EVERYONE)],
    "events:create": [Case(lambda w: [], ORGANISERS, post=ORGANISERS)],
    "events:mine": [Case(lambda w: [], SIGNED_IN)],
    "events:detail": [
        Case(_pk("event"), EVERYONE, state="published"),
        Case(_pk("draft_event"), DRAFT, state="draft"),
        Case(_pk("closed_event"), NETWORK_READERS, state="members-only network"),
    ],
    "events:edit": [
        Case(_pk("event"), ORGANISERS, post=ORGANISERS, state="published"),
        Case(_pk("draft_event"), (LOGIN, 404, 404, 404, 200, 404, 404), state="draft"),
    ],
    "events:register": [
        # The member is registered already: sent to the event's page.
        Case(_pk("event"), (200, 200, 200, 302, 200, 200, 200), post=(400, SKIP, SKIP, SKIP, SKIP, SKIP, SKIP), state="open"),
        Case(_pk("no_registration"), REFUSED, post=REFUSED, state="registration closed"),
        Case(_pk("closed_event"), (LOGIN, 403, 200, 200, 200, 403, 200), post=(LOGIN, 403, SKIP, SKIP, SKIP, 403, SKIP), state="members-only network"),
        Case(_pk("draft_event"), (404, 404, 404, 404, 403, 404, 404), post=(404, 404, 404, 404, 403, 404, 404), state="draft"),
    ],
    "events:registrations": [
        Case(_pk("event"), ORGANISERS, post=(LOGIN, 403, 403, 403, SKIP, 403, 403)),
    ],
    "events:check_in": [Case(_pk("event"), ORGANISERS, post=ORGANISERS)],
    "events:report": [
        Case(_pk("event"), ORGANISERS, post=(LOGIN, 403, 403, 403, SKIP, 403, 403)),
    ],
    # Without outcomes the organiser is sent back with a message, nothing made.
    "events:booklet": [
        Case(_pk("event"), (LOGIN, 405, 405, 405, 405, 405, 405), post=(LOGIN, 403, 403, 403, 302, 403, 403)),
    ],
    "events:ics": [
        Case(_pk("event"), EVERYONE, state="published"),
        Case(_pk("draft_event"), DRAFT, state="draft"),
        Case(_pk("closed_event"), NETWORK_READERS, state="members-only network"),
    ],
    "events:registered": [
        Case(_code("member_registration"), (404, 404, 404, 200, 200, 404, 404), state="a member's"),
        Case(_code("visitor_registration"), EVERYONE, state="a visitor's: the code is the key"),
    ],
    "events:cancel": [
        Case(_code("member_registration"), (405,) * 7, post=(LOGIN, 403, 403, SKIP, SKIP, 403, 403)),
    ],
    "events:network_feed": [
        Case(lambda w: [w.forum.pk], EVERYONE, state="public"),
        Case(lambda w: [w.closed.pk], NETWORK_READERS, state="members only"),
    ],
    "events:person_feed": [
        Case(lambda w: [w.feed_token], EVERYONE, state="the private address"),
        Case(lambda w: ["not-a-token"], NOT_FOUND, state="a made-up address"),
    ],
}
API: dict[str, list[Case]] = {
}
# fmt: on
