# ruff: noqa: E501 (the tables keep one case a line)
"""The community rows of the exchange apps' permission matrix
(tests/community/test_permission_matrix.py: roles, helpers and how to read it).

A POST is sent with an empty form: the roles it is refused to are refused,
those it is allowed to get the form back or a message (nothing written); where
an empty form would still do the thing (ask to join, leave), the allowed roles
are SKIP and tests/community/test_networks.py tries them."""

from __future__ import annotations

from convivio.community import services
from convivio.community.models import Member
from tests.factories import UserFactory
from tests.test_permission_matrix import LOGIN, SKIP, Case, World

__all__ = ["Case"]


def build(w: World) -> None:
    """Add the records this app's routes are asked about to ``w.objects``."""
    forum, closed = w.objects["forum"], w.objects["closed"]
    asker = UserFactory(username="asker")
    w.objects["join_request"] = services.join_ask(asker, forum, message="Olá")
    w.objects["invitation"] = services.invite(
        w.people["coordinator"], closed, who=w.people["signed_in"].username
    )
    w.objects["forum_member"] = Member.objects.get(
        network=forum, user=w.people["member"]
    )


def _pk(name: str):
    return lambda w: [w.objects[name].pk]


def _decision(w: World) -> list[int]:
    return [w.objects["forum"].pk, w.objects["join_request"].pk]


def _member(w: World) -> list[int]:
    return [w.objects["forum"].pk, w.objects["forum_member"].pk]


EVERYONE = (200,) * 7
SIGNED_IN = (LOGIN, 200, 200, 200, 200, 200, 200)
#: Readers of a members-only network: its people and the platform's moderators.
NETWORK_READERS = (403, 403, 200, 200, 200, 403, 200)
#: Its members' own pages (the list of members): members and moderators.
MEMBERS_PAGE = (LOGIN, 403, 200, 200, 200, 403, 200)
COORDINATORS = (LOGIN, 403, 403, 403, 200, 403, 403)
VOTERS = (LOGIN, 403, 403, 200, 200, 403, 403)
POST_ONLY = (LOGIN, 405, 405, 405, 405, 405, 405)

# Each route: its cases, what each role gets in the order of ROLES:
#   visitor, signed_in, observer, member, coordinator, other, moderator
# fmt: off
PAGES: dict[str, list[Case]] = {
    "community:network_list": [Case(lambda w: [], EVERYONE)],
    "community:network_create": [Case(lambda w: [], SIGNED_IN, post=SIGNED_IN)],
    "community:network": [
        Case(_pk("forum"), EVERYONE, state="public"),
        Case(_pk("closed"), NETWORK_READERS, state="members only"),
    ],
    "community:network_edit": [
        Case(_pk("forum"), COORDINATORS, post=COORDINATORS, state="public"),
        Case(_pk("closed"), COORDINATORS, post=COORDINATORS, state="members only"),
    ],
    "community:network_join": [
        Case(_pk("forum"), (LOGIN, 200, 403, 403, 403, 200, 200), post=(LOGIN, SKIP, 403, 403, 403, SKIP, SKIP), state="by request"),
        Case(_pk("closed"), (LOGIN, 403, 403, 403, 403, 403, 403), post=(LOGIN, 403, 403, 403, 403, 403, 403), state="by invitation"),
    ],
    "community:network_withdraw": [
        Case(_pk("forum"), POST_ONLY, post=(LOGIN, 302, 302, 302, 302, 302, 302)),
    ],
    "community:network_invitation": [
        Case(_pk("closed"), (LOGIN, 200, 404, 404, 404, 404, 404), post=(LOGIN, 302, 404, 404, 404, 404, 404), state="signed_in invited"),
    ],
    "community:network_leave": [
        # The coordinator is the network's last: told to name another first.
        Case(_pk("forum"), POST_ONLY, post=(LOGIN, 403, SKIP, SKIP, 302, 403, 403)),
    ],
    "community:network_members": [
        Case(_pk("forum"), MEMBERS_PAGE, state="public"),
        Case(_pk("closed"), MEMBERS_PAGE, state="members only"),
    ],
    "community:network_declare": [
        Case(_pk("forum"), POST_ONLY, post=(LOGIN, 403, 302, 302, 302, 403, 403)),
    ],
    "community:network_invite": [
        Case(_pk("forum"), POST_ONLY, post=COORDINATORS),
    ],
    "community:network_request_decide": [
        Case(_decision, POST_ONLY, post=(LOGIN, 403, 403, 403, 302, 403, 403)),
    ],
    "community:network_member_role": [
        Case(_member, POST_ONLY, post=(LOGIN, 403, 403, 403, 302, 403, 403)),
    ],
    "community:network_issues": [
        Case(_pk("forum"), VOTERS, post=VOTERS, state="public"),
        Case(_pk("closed"), VOTERS, post=VOTERS, state="members only"),
    ],
}
API: dict[str, list[Case]] = {
}
# fmt: on
