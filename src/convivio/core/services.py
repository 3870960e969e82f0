"""Writes for users, profiles and organisations."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.text import slugify

from .models import Membership, Organisation, Profile, User
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
        raise PermissionDenied("Only platform administrators appoint moderators.")
    group, _ = Group.objects.get_or_create(name=MODERATORS)
    user.groups.add(group)


def membership_grant(
    *, actor: User | None, user: User, organisation: Organisation, role: str
) -> Membership:
    """Give a user a role in an organisation (platform administrators only)."""
    if actor is not None and not actor.is_superuser:
        raise PermissionDenied("Only platform administrators grant memberships.")
    membership, _ = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role
    )
    return membership


def organisation_unique_slug(name: str) -> str:
    base = slugify(name)[:180] or "organisation"
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
