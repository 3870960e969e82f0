"""Services as a translatable kind (``core.translation.register_kind``): who may
translate them and whose queue they are in."""

from __future__ import annotations

from django.db.models import QuerySet

from convivio.core.permissions import editable_organisation_ids, is_moderator

from .models import Service
from .services import can_edit_organisation


def can_translate(user, service: Service) -> bool:
    """The organisation's editors and moderators, who may edit the service."""
    return can_edit_organisation(user, service.organisation_id)


def can_view(user, service: Service) -> bool:
    # The directory is public, whatever the service's status.
    return True


def queue(user) -> QuerySet[Service]:
    """The services of the organisations the person edits; all for moderators."""
    if is_moderator(user):
        return Service.objects.all()
    return Service.objects.filter(organisation_id__in=editable_organisation_ids(user))


def title(service: Service, language: str | None) -> str:
    row = service.translation_for(language)
    return row.name if row is not None else str(service)
