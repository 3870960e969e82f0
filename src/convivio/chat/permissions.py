"""Who may do what in the chat.

- A network's room: its members and coordinators read and write; its observers
  read; platform moderators read it to moderate (they do not write).  Nobody
  else, even in a public network: the chat is the members' own.
- A direct conversation: its participants read and write, nobody else (platform
  moderators act on reported messages from the moderation queue).
- "Message" a person: any two signed-in people who share a network (any role)
  may start a conversation; a participant may add to it someone who shares a
  network with them.
- Moderation: the network's coordinators and platform moderators hide and
  restore messages of its room; platform moderators those of direct
  conversations (``community.moderation``).  The author deletes their own
  message (soft) while it is not hidden; anybody who reads a room may report.
- Searching: a person searches the messages of the rooms they read.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from convivio.community import permissions as community
from convivio.community.models import Member, Moderated
from convivio.core.permissions import AnyUser, is_moderator, is_signed_in

from .models import Message, Room


def is_participant(user: AnyUser | None, room: Room) -> bool:
    if not is_signed_in(user):
        return False
    cache = getattr(room, "_participants", None)
    if cache is None:
        cache = set(room.members.values_list("user_id", flat=True))
        room._participants = cache  # type: ignore[attr-defined]
    return user.pk in cache


# --------------------------------------------------------------------- reading


def can_read_room(user: AnyUser | None, room: Room) -> bool:
    if not is_signed_in(user):
        return False
    if room.is_direct:
        return is_participant(user, room)
    return community.is_member(user, room.network_id or 0) or is_moderator(user)


def require_read_room(user: AnyUser | None, room: Room) -> None:
    if not is_signed_in(user):
        raise PermissionDenied(_("Sign in to take part."))
    if not can_read_room(user, room):
        raise PermissionDenied(_("This conversation is open to its members only."))


def readable_rooms(user: AnyUser | None, qs: QuerySet[Room]) -> QuerySet[Room]:
    """The rooms the person belongs to (moderators' reading rights are not
    "belonging": their list is their own rooms too)."""
    if not is_signed_in(user):
        return qs.none()
    networks = list(community.network_roles(user))
    return qs.filter(
        Q(kind=Room.Kind.NETWORK, network_id__in=networks)
        | Q(kind=Room.Kind.DIRECT, members__user=user)
    )


# --------------------------------------------------------------------- writing


def can_write_in_room(user: AnyUser | None, room: Room) -> bool:
    if not is_signed_in(user):
        return False
    if room.is_direct:
        return is_participant(user, room)
    return community.can_write_in_network(user, room.network_id or 0)


def require_write_in_room(user: AnyUser | None, room: Room) -> None:
    if not is_signed_in(user):
        raise PermissionDenied(_("Sign in to take part."))
    if not can_write_in_room(user, room):
        if room.is_direct:
            raise PermissionDenied(_("This conversation is open to its members only."))
        raise PermissionDenied(_("Only the network's members may write here."))


def share_a_network(user: AnyUser | None, other: AnyUser | None) -> bool:
    if not (is_signed_in(user) and is_signed_in(other)) or user.pk == other.pk:
        return False
    mine = list(community.network_roles(user))
    return Member.objects.filter(user=other, network_id__in=mine).exists()


def can_message(user: AnyUser | None, other: AnyUser | None) -> bool:
    """Start (or open again) a direct conversation with ``other``."""
    return share_a_network(user, other)


def require_message(user: AnyUser | None, other: AnyUser | None) -> None:
    if not is_signed_in(user):
        raise PermissionDenied(_("Sign in to take part."))
    if not can_message(user, other):
        raise PermissionDenied(
            _("You can write to people who share a network with you.")
        )


def can_add_participant(user: AnyUser | None, room: Room, other: AnyUser) -> bool:
    return (
        room.is_direct and is_participant(user, room) and share_a_network(user, other)
    )


# ------------------------------------------------------------------ moderation


def can_delete_message(user: AnyUser | None, message: Message) -> bool:
    return (
        is_signed_in(user)
        and message.author_id == user.pk
        and message.state == Moderated.State.VISIBLE
    )


def require_delete_message(user: AnyUser | None, message: Message) -> None:
    if not can_delete_message(user, message):
        raise PermissionDenied(_("Only its author may delete a message."))


def can_report_message(user: AnyUser | None, message: Message) -> bool:
    return (
        is_signed_in(user)
        and message.author_id != user.pk
        and message.state == Moderated.State.VISIBLE
        and can_read_room(user, message.room)
    )
