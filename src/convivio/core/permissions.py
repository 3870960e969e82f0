"""The roles every app's rules are made of, and who may do what with places,
organisations and drafts.

Roles:

- A platform administrator (``is_superuser``) may do everything.
- A moderator (the Moderators group, and every administrator) reviews what
  members propose: organisations, practices, documents, translations.
- An organisation editor edits what its organisation publishes; a reporter
  submits indicator values for it.
- A territory team owns what belongs to its territory and to the places inside.
- Any signed-in member may propose an organisation or add a missing place;
  everybody reads what is public.

Each app has a ``permissions`` module of the same shape built on these roles:
``can_<verb>_<thing>(user, obj)`` answers yes or no for views and templates,
``require_<verb>_<thing>(user, obj)`` raises ``PermissionDenied`` with a sentence a
person understands for services, and ``visible_<things>(user, qs)`` filters reads.
"""

from __future__ import annotations

from typing import TypeGuard

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .models import Membership, Profile, Territory, TerritoryTeamMembership, User

AnyUser = User | AnonymousUser

MODERATORS = "Moderators"


# ------------------------------------------------------------------------ roles


def is_signed_in(user: AnyUser | None) -> TypeGuard[User]:
    """An active account (a deactivated one may do no more than a visitor).

    For the type checker, ``user`` is then a ``User``."""
    return user is not None and user.is_authenticated and user.is_active


def is_platform_admin(user: AnyUser | None) -> bool:
    """A platform administrator: an active superuser."""
    return is_signed_in(user) and bool(user.is_superuser)


def is_moderator(user: AnyUser | None) -> bool:
    """Platform administrators and members of the Moderators group."""
    if not is_signed_in(user):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_convivio_is_moderator", None)
    if cached is None:
        cached = user.groups.filter(name=MODERATORS).exists()
        user._convivio_is_moderator = cached
    return cached


def editable_organisation_ids(user: AnyUser | None) -> set[int]:
    """Organisations whose records the user may edit as their editor."""
    if user is None or not user.is_authenticated:
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


def reporter_organisation_ids(user: AnyUser) -> set[int]:
    """Organisations the user reports indicator values for."""
    if not is_signed_in(user):
        return set()
    cached = getattr(user, "_convivio_reporter_of", None)
    if cached is None:
        cached = set(
            Membership.objects.filter(
                user=user, role=Membership.Role.REPORTER
            ).values_list("organisation_id", flat=True)
        )
        user._convivio_reporter_of = cached
    return cached


def team_territory_ids(user: AnyUser) -> set[int]:
    """Territories the user's teams own, the places inside included."""
    if not is_signed_in(user):
        return set()
    cached = getattr(user, "_convivio_team_territories", None)
    if cached is None:
        from .selectors import territory_descendant_ids

        cached = territory_descendant_ids(
            TerritoryTeamMembership.objects.filter(user=user).values_list(
                "territory_id", flat=True
            )
        )
        user._convivio_team_territories = cached
    return cached


def is_territory_team_member(user: AnyUser) -> bool:
    """An administrator or a member of some territory team."""
    return is_platform_admin(user) or bool(team_territory_ids(user))


# ------------------------------------------------------------------ territories
# Places are shared reference data: any signed-in member who needs a place that
# is missing (to accept a plan's draft, to start a plan) may add one below the
# country level, matched first against the names known (so no duplicate is made
# by a different spelling); moderators merge the duplicates that slip through.
# Countries come from the reference data only.


def can_add_territory(user: User | AnonymousUser, parent: Territory | None) -> bool:
    if not user.is_authenticated or not user.is_active or parent is None:
        return False
    return bool(Territory.CHILD_KINDS.get(parent.kind))


def require_add_territory(user: User | AnonymousUser, parent: Territory | None) -> None:
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("Sign in to add a place."))
    if not can_add_territory(user, parent):
        raise PermissionDenied(
            _("A new place goes under a country, a region or a province.")
        )


def can_merge_territories(user: User | AnonymousUser) -> bool:
    return is_moderator(user)


def require_merge_territories(user: User | AnonymousUser) -> None:
    if not can_merge_territories(user):
        raise PermissionDenied(_("Only moderators merge places."))


# ---------------------------------------------------------------- draft records


def shares_organisation_with(user: User | AnonymousUser, author_id: int | None) -> bool:
    """Whether the user is an editor of an organisation the author belongs to
    (as editor or reporter, or named on their profile): what a person made as a
    draft, their organisation's editors may open too."""
    if not author_id or not user.is_authenticated or not user.is_active:
        return False
    mine = editable_organisation_ids(user)
    if not mine:
        return False
    return (
        Membership.objects.filter(user_id=author_id, organisation_id__in=mine).exists()
        or Profile.objects.filter(user_id=author_id, organisation_id__in=mine).exists()
    )


def can_open_draft_record(user: User | AnonymousUser, *author_ids: int | None) -> bool:
    """A draft (or in-review) record made by people (who wrote it in a form, who
    added the document it was read from, who accepted that draft): they and
    their organisations' editors open it."""
    authors = {pk for pk in author_ids if pk}
    if not user.is_authenticated or not user.is_active or not authors:
        return False
    return user.pk in authors or any(
        shares_organisation_with(user, pk) for pk in authors
    )


# ---------------------------------------------------------------- organisations
# Any signed-in member may propose their organisation from a form (it is usable
# by them at once and listed in public once a moderator approves it); moderators
# approve proposals and merge duplicates.


def require_propose_organisation(user: User | AnonymousUser) -> None:
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("Sign in to add an organisation."))


def can_moderate_organisations(user: User | AnonymousUser) -> bool:
    return is_moderator(user)


def require_moderate_organisations(user: User | AnonymousUser) -> None:
    if not can_moderate_organisations(user):
        raise PermissionDenied(
            _("Only moderators approve, reject or merge organisations.")
        )
