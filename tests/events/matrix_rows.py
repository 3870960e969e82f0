"""The events rows of the exchange apps' permission matrix
(tests/community/test_permission_matrix.py: roles, helpers and how to read it)."""

from __future__ import annotations

from tests.test_permission_matrix import Case, World

__all__ = ["Case"]


def build(w: World) -> None:
    """Add the records this app's routes are asked about to ``w.objects``."""


# Each route: its cases, what each role gets in the order of ROLES:
#   visitor, signed_in, observer, member, coordinator, other, moderator
# fmt: off
PAGES: dict[str, list[Case]] = {
}
API: dict[str, list[Case]] = {
}
# fmt: on
