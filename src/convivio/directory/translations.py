"""Services as a translatable kind (``core.translation.register_kind``): who may
translate them and whose queue they are in."""

from __future__ import annotations

from django.db.models import QuerySet

from . import permissions
from .models import Service


def can_translate(user, service: Service) -> bool:
    """The organisation's editors and moderators, who may edit the service."""
    return permissions.can_edit_service(user, service)


def can_view(user, service: Service) -> bool:
    # The directory is public, whatever the service's status.
    return True


def queue(user) -> QuerySet[Service]:
    """The services of the organisations the person edits; all for moderators."""
    return permissions.editable_services(user)


def title(service: Service, language: str | None) -> str:
    row = service.translation_for(language)
    return row.name if row is not None else str(service)
