"""Who may do what with feedback.

- Anybody, signed in or not, gives feedback through an open channel's short
  address; nothing about them is kept (the survey engine's anonymous answers).
- Everybody who may read the service, network or event sees its feedback in
  aggregate: per month the number of answers, the average rating and how the
  ratings spread, with small groups hidden; and the organisation's public
  replies.
- The channel's managers open a channel, print its poster, close and reopen
  it, read the comments and reply publicly: the editors of the service's
  organisation, the coordinators of the network, the organisers of the event,
  and platform moderators.
- A reply is hidden or restored like any post (``community.moderation``): by
  the platform's moderators, and by the network's coordinators for a network's.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from convivio.community import permissions as community
from convivio.community.models import Network
from convivio.core.permissions import AnyUser, is_moderator, is_signed_in
from convivio.directory import permissions as directory
from convivio.directory.models import Service
from convivio.events import permissions as events
from convivio.events.models import Event

from .models import Channel

Target = Service | Network | Event


def can_view_target(user: AnyUser | None, target: Target) -> bool:
    if isinstance(target, Service):
        return directory.can_view_service(user, target)
    if isinstance(target, Event):
        return events.can_view_event(user, target)
    return community.can_view_network(user, target)


def can_manage_target(user: AnyUser | None, target: Target) -> bool:
    """Open a channel for it: its organisation's editors, the network's
    coordinators, the event's organisers, platform moderators."""
    if not is_signed_in(user):
        return False
    if is_moderator(user):
        return True
    if isinstance(target, Service):
        return directory.can_edit_service(user, target)
    if isinstance(target, Event):
        return events.can_organise_event(user, target)
    return community.can_coordinate_network(user, target)


def require_manage_target(user: AnyUser | None, target: Target) -> None:
    if not can_manage_target(user, target):
        raise PermissionDenied(
            _("Only the people who run it may ask for feedback on it.")
        )


def can_view_channel(user: AnyUser | None, channel: Channel) -> bool:
    return can_view_target(user, channel.target)


def require_view_channel(user: AnyUser | None, channel: Channel) -> None:
    if not can_view_channel(user, channel):
        raise PermissionDenied(_("You cannot see this feedback."))


def can_manage_channel(user: AnyUser | None, channel: Channel) -> bool:
    """Print its poster, close or reopen it, read comments, reply."""
    return can_manage_target(user, channel.target)


def require_manage_channel(user: AnyUser | None, channel: Channel) -> None:
    if not can_manage_channel(user, channel):
        raise PermissionDenied(_("Only the people who run it may manage its feedback."))


def can_give_feedback(channel: Channel) -> bool:
    """Anybody, while the channel is open (no account needed)."""
    return channel.is_open
