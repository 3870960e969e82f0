# ruff: noqa: E501 (the tables keep one case a line)
"""The people, notifications and moderation rows of the exchange apps' permission matrix
(tests/community/test_permission_matrix.py: roles, helpers and how to read it).

POSTs are sent empty unless said: the people allowed get the form back (200) or
"say which" (400), the others a refusal; nobody's POST writes anything.  A
person's own writes (marking read, their settings) are asked in
tests/community/test_notifications.py and test_people.py."""

from __future__ import annotations

from convivio.community import emails, notifications
from convivio.community.models import PublicProfile
from tests.factories import UserFactory
from tests.test_permission_matrix import LOGIN, SKIP, Case, World

__all__ = ["Case"]


def build(w: World) -> None:
    """Add the records this app's routes are asked about to ``w.objects``."""
    public_person = UserFactory(username="publicperson")
    PublicProfile.objects.create(user=public_person, public=True)
    member = w.people["member"]
    forum = w.objects["forum"]
    (notification,) = notifications.notify(
        [member],
        kind="network_invitation",
        params={"name": "Fórum"},
        url=forum.get_absolute_url(),
        topic=notifications.topic("network", forum.pk),
    )
    w.objects.update(
        public_person=public_person,
        notification=notification,
        unsubscribe_token=emails.unsubscribe_token(
            member.pk, notifications.topic("network", forum.pk)
        ),
    )


def _post(name: str):
    """A discussions post (built by tests/discussions/matrix_rows.py, read when
    the test runs)."""
    return lambda w: ["discussions.post", w.objects[name].pk]


EVERYONE = (200,) * 7
SIGNED_IN = (LOGIN, 200, 200, 200, 200, 200, 200)
POST_ONLY = (LOGIN, 405, 405, 405, 405, 405, 405)
#: The coordinators of a network and platform moderators.
MODERATORS = (LOGIN, 403, 403, 403, 200, 403, 200)
#: An allowed write, asked in the app's own tests; a visitor is sent to sign in.
SIGN_IN_FIRST = (LOGIN, SKIP, SKIP, SKIP, SKIP, SKIP, SKIP)

# Each route: its cases, what each role gets in the order of ROLES:
#   visitor, signed_in, observer, member, coordinator, other, moderator
# fmt: off
PAGES: dict[str, list[Case]] = {
    "community:person": [
        Case(lambda w: [w.public_person.username], EVERYONE, state="public page"),
        Case(lambda w: [w.people["member"].username], (404, 200, 200, 200, 200, 200, 200), state="members-only page"),
        Case(lambda w: ["nobody-by-this-name"], (404,) * 7, state="nobody"),
    ],
    "community:profile_settings": [
        Case(lambda w: [], SIGNED_IN, post=SIGN_IN_FIRST),
    ],
    "community:notifications": [
        Case(lambda w: [], SIGNED_IN),
    ],
    "community:notification_open": [
        Case(lambda w: [w.notification.pk], (LOGIN, 404, 404, SKIP, 404, 404, 404)),
    ],
    "community:notification_read": [
        Case(lambda w: [w.notification.pk], POST_ONLY, post=(LOGIN, 404, 404, SKIP, 404, 404, 404)),
    ],
    "community:notifications_read_all": [
        Case(lambda w: [], POST_ONLY, post=SIGN_IN_FIRST),
    ],
    "community:notification_settings": [
        Case(lambda w: [], SIGNED_IN),
    ],
    "community:follow": [
        Case(lambda w: [], POST_ONLY, post=(LOGIN, 400, 400, 400, 400, 400, 400)),
    ],
    "community:unsubscribe": [
        Case(lambda w: [w.unsubscribe_token], EVERYONE, state="a good token"),
        Case(lambda w: ["not-a-token"], (400,) * 7, post=(400,) * 7, state="a changed token"),
    ],
    "community:moderation_queue": [
        Case(lambda w: [], MODERATORS),
    ],
    "community:report": [
        Case(_post("post"), SIGNED_IN, post=SIGNED_IN, state="a public network's post"),
        Case(_post("closed_post"), (LOGIN, 404, 200, 200, 200, 404, 200), post=(LOGIN, 404, 200, 200, 200, 404, 200), state="a members-only network's post"),
        Case(lambda w: ["core.user", w.people["member"].pk], (LOGIN, 404, 404, 404, 404, 404, 404), state="not moderated content"),
    ],
    "community:moderation_history": [
        Case(_post("post"), MODERATORS, state="a public network's post"),
        Case(_post("closed_post"), MODERATORS, state="a members-only network's post"),
    ],
    "community:moderate": [
        Case(_post("post"), POST_ONLY, post=(LOGIN, 403, 403, 403, 400, 403, 400)),
    ],
}
API: dict[str, list[Case]] = {
}
# fmt: on
