"""Who may do what in networks, and with what people write in them.

- Everybody reads a public network: its page, members' aggregate composition,
  threads, events. A members-only network is read by its members only.
- A signed-in person asks to join a network open to requests, or accepts an
  invitation; coordinators accept or decline requests and invite.
- Members and coordinators write in their network (threads, posts, chat);
  observers read and react, and do not write.
- Coordinators run their network: its details, roles, invitations, events,
  and they moderate what is written in it.
- Platform moderators and administrators moderate every network, and read
  members-only networks to do so.
- A person always edits and deletes what they wrote (while it is not hidden).

The exchange apps built on networks (discussions, chat, events, feedback,
co-design) build their own ``permissions`` modules on these functions.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from convivio.core.permissions import (
    AnyUser,
    is_moderator,
    is_platform_admin,
    is_signed_in,
)

from .models import Member, Network


def network_roles(user: AnyUser | None) -> dict[int, str]:
    """{network id: role} of the person's memberships (kept on the user object
    for the request)."""
    if not is_signed_in(user):
        return {}
    cached = getattr(user, "_convivio_network_roles", None)
    if cached is None:
        cached = dict(
            Member.objects.filter(user=user).values_list("network_id", "role")
        )
        user._convivio_network_roles = cached
    return cached


def forget_roles(user: AnyUser | None) -> None:
    """Drop the cached roles after a membership changes."""
    if user is not None and hasattr(user, "_convivio_network_roles"):
        del user._convivio_network_roles


def role_in(user: AnyUser | None, network: Network | int) -> str | None:
    network_id = network if isinstance(network, int) else network.pk
    return network_roles(user).get(network_id)


def is_member(user: AnyUser | None, network: Network | int) -> bool:
    """Any role: coordinator, member or observer."""
    return role_in(user, network) is not None


def is_coordinator(user: AnyUser | None, network: Network | int) -> bool:
    return role_in(user, network) == Member.Role.COORDINATOR


# --------------------------------------------------------------------- reading


def can_view_network(user: AnyUser | None, network: Network) -> bool:
    return network.is_public or is_member(user, network) or is_moderator(user)


def require_view_network(user: AnyUser | None, network: Network) -> None:
    if not can_view_network(user, network):
        raise PermissionDenied(_("This network is open to its members only."))


def visible_networks(user: AnyUser | None, qs: QuerySet[Network]) -> QuerySet[Network]:
    if is_moderator(user):
        return qs
    mine = list(network_roles(user))
    return qs.filter(Q(visibility=Network.Visibility.PUBLIC) | Q(pk__in=mine))


# --------------------------------------------------------------------- joining


def can_create_network(user: AnyUser | None) -> bool:
    return is_signed_in(user)


def require_create_network(user: AnyUser | None) -> None:
    if not can_create_network(user):
        raise PermissionDenied(_("Sign in to start a network."))


def can_ask_to_join(user: AnyUser | None, network: Network) -> bool:
    return (
        is_signed_in(user)
        and not is_member(user, network)
        and network.joining == Network.Joining.REQUEST
        and can_view_network(user, network)
    )


def require_ask_to_join(user: AnyUser | None, network: Network) -> None:
    if not is_signed_in(user):
        raise PermissionDenied(_("Sign in to join a network."))
    if is_member(user, network):
        raise PermissionDenied(_("You are already a member of this network."))
    if not can_ask_to_join(user, network):
        raise PermissionDenied(_("This network takes new members by invitation."))


# -------------------------------------------------------------------- running


def can_coordinate_network(user: AnyUser | None, network: Network) -> bool:
    """Edit the network, decide requests, invite, set roles, run its events."""
    return is_coordinator(user, network) or is_platform_admin(user)


def require_coordinate_network(user: AnyUser | None, network: Network) -> None:
    if not can_coordinate_network(user, network):
        raise PermissionDenied(_("Only the network's coordinators may do this."))


def can_moderate_network(user: AnyUser | None, network: Network | int) -> bool:
    """Hide and restore what is written in the network; pin and close threads."""
    return is_coordinator(user, network) or is_moderator(user)


def require_moderate_network(user: AnyUser | None, network: Network | int) -> None:
    if not can_moderate_network(user, network):
        raise PermissionDenied(
            _("Only the network's coordinators and moderators may do this.")
        )


# -------------------------------------------------------------------- writing


def can_write_in_network(user: AnyUser | None, network: Network | int) -> bool:
    """Start threads, post, reply, chat: coordinators and members."""
    return role_in(user, network) in (Member.Role.COORDINATOR, Member.Role.MEMBER)


def require_write_in_network(user: AnyUser | None, network: Network | int) -> None:
    if not is_signed_in(user):
        raise PermissionDenied(_("Sign in to take part."))
    if not can_write_in_network(user, network):
        raise PermissionDenied(_("Only the network's members may write here."))


def can_vote_issues(user: AnyUser | None, network: Network | int) -> bool:
    return can_write_in_network(user, network)


def require_vote_issues(user: AnyUser | None, network: Network | int) -> None:
    if not can_vote_issues(user, network):
        raise PermissionDenied(_("Only the network's members may rank its issues."))
