"""Writes for users, profiles and organisations."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from .models import (
    Membership,
    Organisation,
    Profile,
    Territory,
    TerritoryTeamMembership,
    User,
)
from .permissions import MODERATORS


@transaction.atomic
def user_create(
    *, username: str, email: str, password: str | None, **extra: object
) -> User:
    user = User(username=username, email=email.lower(), **extra)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    Profile.objects.create(user=user)
    return user


def moderator_grant(*, actor: User, user: User) -> None:
    if not actor.is_superuser:
        raise PermissionDenied(_("Only platform administrators appoint moderators."))
    group, _created = Group.objects.get_or_create(name=MODERATORS)
    user.groups.add(group)


def membership_grant(
    *, actor: User | None, user: User, organisation: Organisation, role: str
) -> Membership:
    """Give a user a role in an organisation (platform administrators only)."""
    if actor is not None and not actor.is_superuser:
        raise PermissionDenied(_("Only platform administrators grant memberships."))
    membership, _created = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role
    )
    return membership


def territory_team_grant(
    *, actor: User | None, user: User, territory: Territory
) -> TerritoryTeamMembership:
    """Put a user on a territory's team (platform administrators only)."""
    if actor is not None and not actor.is_superuser:
        raise PermissionDenied(
            _("Only platform administrators put people on a territory team.")
        )
    membership, _created = TerritoryTeamMembership.objects.get_or_create(
        user=user, territory=territory
    )
    return membership


@transaction.atomic
def profile_update(
    *,
    actor: User,
    user: User,
    first_name: str,
    last_name: str,
    bio: str,
    languages: list[str],
) -> Profile:
    """Change a person's name, presentation and languages (themselves only)."""
    if actor.pk != user.pk and not actor.is_superuser:
        raise PermissionDenied(_("You can only change your own profile."))
    user.first_name, user.last_name = first_name.strip(), last_name.strip()
    user.full_clean(exclude=["password"])
    user.save(update_fields=["first_name", "last_name"])
    profile, _created = Profile.objects.get_or_create(user=user)
    profile.bio = bio
    profile.full_clean()
    profile.save()
    profile.languages.set(languages)
    return profile
