"""Who may do what with events.

- Everybody reads a published (or cancelled) event of a public network or of an
  organisation; an event of a members-only network is read by its members (and
  platform moderators). A draft is read by its organisers only.
- Its organisers — the coordinators of its network, the editors of its
  organisation, platform administrators — create it, edit it, publish or cancel
  it, see who registered with their needs, mark attendance, check people in by
  their code, write the minutes and outcomes and make a booklet from them.
- Anybody who may read a published event registers while registration is open
  and the event has not started: members signed in, visitors with a name and an
  e-mail address when the event is not a members-only network's.
- A person cancels their own registration; a visitor with their code; the
  organisers any registration.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from convivio.community.models import Member, Network
from convivio.community.permissions import (
    can_coordinate_network,
    can_view_network,
    network_roles,
)
from convivio.core.permissions import (
    AnyUser,
    editable_organisation_ids,
    is_moderator,
    is_platform_admin,
    is_signed_in,
)

from .models import Event, Registration

SHOWN = (Event.Status.PUBLISHED, Event.Status.CANCELLED)


def coordinated_network_ids(user: AnyUser | None) -> set[int]:
    return {
        pk
        for pk, role in network_roles(user).items()
        if role == Member.Role.COORDINATOR
    }


# --------------------------------------------------------------------- reading


def _network_readable(user: AnyUser | None, event: Event) -> bool:
    return event.network is None or can_view_network(user, event.network)


def can_view_event(user: AnyUser | None, event: Event) -> bool:
    if event.status in SHOWN:
        return _network_readable(user, event)
    return can_organise_event(user, event)


def require_view_event(user: AnyUser | None, event: Event) -> None:
    if not can_view_event(user, event):
        raise PermissionDenied(_("You may not open this event."))


def visible_events(user: AnyUser | None, qs: QuerySet[Event]) -> QuerySet[Event]:
    """Published and cancelled events whose network the person may read, and
    the drafts they organise."""
    if is_platform_admin(user):
        return qs
    shown = Q(status__in=SHOWN)
    if not is_moderator(user):
        readable = Q(network__isnull=True) | Q(
            network__visibility=Network.Visibility.PUBLIC
        )
        mine = list(network_roles(user))
        if mine:
            readable |= Q(network_id__in=mine)
        shown &= readable
    organised = Q(network_id__in=coordinated_network_ids(user)) | Q(
        organisation_id__in=editable_organisation_ids(user)
    )
    return qs.filter(shown | organised)


# -------------------------------------------------------------------- organising


def can_create_event(user: AnyUser | None) -> bool:
    """Coordinators of a network, editors of an organisation, administrators."""
    return is_signed_in(user) and (
        is_platform_admin(user)
        or bool(coordinated_network_ids(user))
        or bool(editable_organisation_ids(user))
    )


def require_create_event(user: AnyUser | None) -> None:
    if not can_create_event(user):
        raise PermissionDenied(
            _(
                "Events are made by the coordinators of a network or the "
                "editors of an organisation."
            )
        )


def can_organise_for(
    user: AnyUser | None, network: Network | None, organisation_id: int | None
) -> bool:
    """May the person make an event with this organiser?"""
    if not is_signed_in(user):
        return False
    if network is not None and can_coordinate_network(user, network):
        return True
    return organisation_id is not None and (
        organisation_id in editable_organisation_ids(user) or is_platform_admin(user)
    )


def can_organise_event(user: AnyUser | None, event: Event) -> bool:
    """Edit, publish, cancel; registrations, attendance, minutes, booklet."""
    if not is_signed_in(user):
        return False
    if is_platform_admin(user):
        return True
    if event.network_id is not None and event.network_id in coordinated_network_ids(
        user
    ):
        return True
    return (
        event.organisation_id is not None
        and event.organisation_id in editable_organisation_ids(user)
    )


def require_organise_event(user: AnyUser | None, event: Event) -> None:
    if not can_organise_event(user, event):
        raise PermissionDenied(_("Only the event's organisers may do this."))


# ------------------------------------------------------------------ registering


def registration_refusal(user: AnyUser | None, event: Event) -> str | None:
    """Why the person may not register (None: they may)."""
    if event.status != Event.Status.PUBLISHED or not can_view_event(user, event):
        return _("This event does not take registrations.")
    if not event.registration_open:
        return _("Registration for this event is closed.")
    if event.starts_at <= timezone.now():
        return _("This event has already started.")
    if (
        not is_signed_in(user)
        and event.network is not None
        and not event.network.is_public
    ):
        return _("Sign in to register for this event.")
    return None


def can_register(user: AnyUser | None, event: Event) -> bool:
    return registration_refusal(user, event) is None


def require_register(user: AnyUser | None, event: Event) -> None:
    refusal = registration_refusal(user, event)
    if refusal is not None:
        raise PermissionDenied(refusal)


def can_cancel_registration(
    user: AnyUser | None, registration: Registration, code: str = ""
) -> bool:
    if registration.status == Registration.Status.CANCELLED:
        return False
    if is_signed_in(user) and registration.user_id == user.pk:
        return True
    if registration.user_id is None and code and code == registration.code:
        return True
    return can_organise_event(user, registration.event)


def require_cancel_registration(
    user: AnyUser | None, registration: Registration, code: str = ""
) -> None:
    if not can_cancel_registration(user, registration, code):
        raise PermissionDenied(_("You may not cancel this registration."))
