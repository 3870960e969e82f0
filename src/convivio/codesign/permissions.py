"""Who may do what in co-design processes.

- Visitors read the processes of public networks and those convened by an
  organisation alone; a members-only network's processes are read by its
  members, the people invited into them and the platform's moderators.
- Participants write: the convening network's members and coordinators (its
  observers read) and the people invited as participants add insights,
  evidence, candidate challenges, ideas, comments and answers, and vote.
- Facilitators run the process: the network's coordinators, the people
  invited as facilitators and platform administrators edit it, invite people,
  move it to the next phase, close the vote on the challenge, make prototypes,
  feedback rounds and meetings, decide, and turn an adopted prototype into a
  draft practice.
- Moderators (the network's coordinators and the platform's moderators) hide
  and restore what people wrote.
- A network's coordinators (and administrators) start processes for it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from convivio.community import permissions as network_permissions
from convivio.community.models import Member, Network
from convivio.core.permissions import (
    AnyUser,
    is_moderator,
    is_platform_admin,
    is_signed_in,
)

from .models import Participant, Process

FACILITATOR = Participant.Role.FACILITATOR
PARTICIPANT = Participant.Role.PARTICIPANT


def invited_roles(user: AnyUser | None) -> dict[int, str]:
    """{process id: role} of the processes the person was invited into (kept on
    the user object for the request)."""
    if not is_signed_in(user):
        return {}
    cached = getattr(user, "_convivio_codesign_roles", None)
    if cached is None:
        cached = dict(
            Participant.objects.filter(user=user).values_list("process_id", "role")
        )
        setattr(user, "_convivio_codesign_roles", cached)  # noqa: B010
    return cached


def forget_roles(user: AnyUser | None) -> None:
    if user is not None and hasattr(user, "_convivio_codesign_roles"):
        del user._convivio_codesign_roles


def role_in(user: AnyUser | None, process: Process) -> str | None:
    """ "facilitator", "participant" or None."""
    if not is_signed_in(user):
        return None
    if is_platform_admin(user):
        return FACILITATOR
    invited = invited_roles(user).get(process.pk)
    network_role = (
        network_permissions.role_in(user, process.network_id)
        if process.network_id
        else None
    )
    if invited == FACILITATOR or network_role == Member.Role.COORDINATOR:
        return FACILITATOR
    if invited == PARTICIPANT or network_role == Member.Role.MEMBER:
        return PARTICIPANT
    return None


# --------------------------------------------------------------------- reading


def _network_public(process: Process) -> bool:
    network = process.network
    return network is None or network.visibility == Network.Visibility.PUBLIC


def can_view_process(user: AnyUser | None, process: Process) -> bool:
    return (
        _network_public(process)
        or is_moderator(user)
        or (
            process.network_id is not None
            and network_permissions.is_member(user, process.network_id)
        )
        or process.pk in invited_roles(user)
    )


def require_view_process(user: AnyUser | None, process: Process) -> None:
    if not can_view_process(user, process):
        raise PermissionDenied(_("This network is open to its members only."))


def visible_processes(user: AnyUser | None, qs: QuerySet[Process]) -> QuerySet[Process]:
    if is_moderator(user):
        return qs
    networks = list(network_permissions.network_roles(user))
    invited = list(invited_roles(user))
    return qs.filter(
        Q(network__isnull=True)
        | Q(network__visibility=Network.Visibility.PUBLIC)
        | Q(network_id__in=networks)
        | Q(pk__in=invited)
    )


# --------------------------------------------------------------------- writing


def can_take_part(user: AnyUser | None, process: Process) -> bool:
    """Write insights, candidates, ideas, comments, answers; vote."""
    return role_in(user, process) is not None


def require_take_part(user: AnyUser | None, process: Process) -> None:
    if not is_signed_in(user):
        raise PermissionDenied(_("Sign in to take part."))
    if not can_take_part(user, process):
        raise PermissionDenied(_("Only the process's participants may write here."))


def can_facilitate(user: AnyUser | None, process: Process) -> bool:
    return role_in(user, process) == FACILITATOR


def require_facilitate(user: AnyUser | None, process: Process) -> None:
    if not can_facilitate(user, process):
        raise PermissionDenied(_("Only the process's facilitators may do this."))


def can_moderate_process(user: AnyUser | None, process: Process) -> bool:
    if process.network_id is not None:
        return network_permissions.can_moderate_network(user, process.network_id)
    return is_moderator(user) or can_facilitate(user, process)


def require_moderate_process(user: AnyUser | None, process: Process) -> None:
    if not can_moderate_process(user, process):
        raise PermissionDenied(
            _("Only the network's coordinators and moderators may do this.")
        )


# -------------------------------------------------------------------- starting


def convenable_networks(user: AnyUser | None) -> QuerySet[Network]:
    """The networks the person may start a process for."""
    if is_platform_admin(user):
        return Network.objects.all()
    mine = [
        pk
        for pk, role in network_permissions.network_roles(user).items()
        if role == Member.Role.COORDINATOR
    ]
    return Network.objects.filter(pk__in=mine)


def can_start_process(user: AnyUser | None) -> bool:
    if is_platform_admin(user):
        return True
    return Member.Role.COORDINATOR in network_permissions.network_roles(user).values()


def require_start_process(user: AnyUser | None) -> None:
    if not can_start_process(user):
        raise PermissionDenied(
            _("A network's coordinators start its co-design processes.")
        )
