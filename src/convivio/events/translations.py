"""Events as a translatable kind (``core.translation.register_kind``)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from . import permissions
from .models import Event


def can_translate(user, event: Event) -> bool:
    return permissions.can_organise_event(user, event)


def can_view(user, event: Event) -> bool:
    return permissions.can_view_event(user, event)


def queue(user) -> QuerySet[Event]:
    """The events the person organises."""
    return Event.objects.filter(
        Q(network_id__in=permissions.coordinated_network_ids(user))
        | Q(organisation_id__in=permissions.editable_organisation_ids(user))
    )


def title(event: Event, language: str | None) -> str:
    row = event.translation_for(language)
    return row.title if row is not None else str(event)
