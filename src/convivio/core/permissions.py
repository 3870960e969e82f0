"""Role checks shared by every app's services.  Services raise PermissionDenied."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from .models import Membership, User

MODERATORS = "Moderators"


def is_moderator(user: User | AnonymousUser) -> bool:
    """Platform administrators and members of the Moderators group."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_convivio_is_moderator", None)
    if cached is None:
        cached = user.groups.filter(name=MODERATORS).exists()
        user._convivio_is_moderator = cached
    return cached


def editable_organisation_ids(user: User | AnonymousUser) -> set[int]:
    """Organisations whose records the user may edit as their editor."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_convivio_editor_of", None)
    if cached is None:
        cached = set(
            Membership.objects.filter(
                user=user, role=Membership.Role.EDITOR
            ).values_list("organisation_id", flat=True)
        )
        user._convivio_editor_of = cached
    return cached
