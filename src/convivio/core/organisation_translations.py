"""Organisations as a translatable kind (``core.translation.register_kind``):
their description is translated, their name (a proper name) is not."""

from __future__ import annotations

from django.db.models import F, QuerySet

from . import permissions, selectors
from .models import Organisation


def can_translate(user, organisation: Organisation) -> bool:
    """Its editors (who may edit its records) and moderators."""
    if not user.is_authenticated or not user.is_active:
        return False
    return permissions.is_moderator(user) or (
        organisation.pk in permissions.editable_organisation_ids(user)
    )


def can_view(user, organisation: Organisation) -> bool:
    return selectors.organisation_visible_to(user, organisation)


def queue(user) -> QuerySet[Organisation]:
    """The organisations the person edits for, those with a description."""
    return Organisation.objects.filter(
        pk__in=permissions.editable_organisation_ids(user),
        # Its original row (one per language) has a description.
        translations__language_id=F("original_language_id"),
        translations__description__gt="",
    )


def title(organisation: Organisation, language: str | None) -> str:
    return organisation.name
