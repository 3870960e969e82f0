"""Who may do what with the directory of services.

- Everybody reads the directory: active and temporarily closed services, their
  places, hours and the local diagnosis.
- The editors of an organisation add and change its services, places, hours and
  contacts, and translate them; a place that belongs to another organisation is
  linked only by that organisation's editors.
- Moderators (administrators among them) may do all of that for every
  organisation, see services of any status and import a directory (HSDS).

Services call the ``require_*`` functions, which raise ``PermissionDenied`` with a
sentence a person understands; views and templates use the ``can_*`` ones.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from convivio.core.models import Organisation
from convivio.core.permissions import (
    AnyUser,
    editable_organisation_ids,
    is_moderator,
    is_signed_in,
)

from .models import Location, Service

#: Statuses everybody sees; the others only who may edit the service.
VISIBLE_STATUSES = (Service.Status.ACTIVE, Service.Status.TEMPORARILY_CLOSED)


def can_edit_organisation_services(
    user: AnyUser | None, organisation_id: int | None
) -> bool:
    """The organisation's editors and moderators."""
    if not is_signed_in(user):
        return False
    if is_moderator(user):
        return True
    return organisation_id is not None and organisation_id in editable_organisation_ids(
        user
    )


def can_edit_service(user: AnyUser | None, service: Service) -> bool:
    return can_edit_organisation_services(user, service.organisation_id)


def can_view_service(user: AnyUser | None, service: Service) -> bool:
    return service.status in VISIBLE_STATUSES or can_edit_service(user, service)


def can_add_service(user: AnyUser | None) -> bool:
    """Whoever edits for some organisation (or moderates)."""
    return is_signed_in(user) and (
        is_moderator(user) or bool(editable_organisation_ids(user))
    )


def can_link_location(
    user: AnyUser | None, service: Service, location: Location
) -> bool:
    """A place of the service's own organisation (or of none); any for moderators."""
    if not can_edit_service(user, service):
        return False
    return location.organisation_id in (None, service.organisation_id) or (
        is_moderator(user)
    )


def can_import_directory(user: AnyUser | None) -> bool:
    return is_signed_in(user) and is_moderator(user)


def require_edit_organisation_services(
    user: AnyUser | None, organisation_id: int | None
) -> None:
    if not can_edit_organisation_services(user, organisation_id):
        raise PermissionDenied(
            _(
                "Only editors of the organisation and moderators can change its "
                "services."
            )
        )


def require_edit_service(user: AnyUser | None, service: Service) -> None:
    require_edit_organisation_services(user, service.organisation_id)


def require_link_location(
    user: AnyUser | None, service: Service, location: Location
) -> None:
    require_edit_service(user, service)
    if not can_link_location(user, service, location):
        raise PermissionDenied(
            _("This place belongs to another organisation; ask its editors to add it.")
        )


def require_import_directory(user: AnyUser | None) -> None:
    if not can_import_directory(user):
        raise PermissionDenied(_("Only moderators import a directory of services."))


def editable_organisations(
    user: AnyUser | None, qs: QuerySet[Organisation] | None = None
) -> QuerySet[Organisation]:
    """Of ``qs`` (every organisation by default), those whose services the user
    may add or change."""
    organisations = Organisation.objects.all() if qs is None else qs
    if is_signed_in(user) and is_moderator(user):
        return organisations
    return organisations.filter(pk__in=editable_organisation_ids(user))


def editable_services(
    user: AnyUser | None, qs: QuerySet[Service] | None = None
) -> QuerySet[Service]:
    """Of ``qs`` (every service by default), those the user may change."""
    services = Service.objects.all() if qs is None else qs
    if is_signed_in(user) and is_moderator(user):
        return services
    return services.filter(organisation_id__in=editable_organisation_ids(user))


def viewable_services(
    user: AnyUser | None, qs: QuerySet[Service] | None = None
) -> QuerySet[Service]:
    """Of ``qs`` (every service by default), those the user may open: the
    visible ones, and any other status for who may edit it
    (``can_view_service``, as one query)."""
    services = Service.objects.all() if qs is None else qs
    if is_signed_in(user) and is_moderator(user):
        return services
    visible = Q(status__in=VISIBLE_STATUSES)
    if is_signed_in(user):
        visible |= Q(organisation_id__in=editable_organisation_ids(user))
    return services.filter(visible)
