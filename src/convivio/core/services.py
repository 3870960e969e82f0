"""Writes for users, profiles and organisations."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import permissions
from .merging import move_references
from .models import (
    Membership,
    Organisation,
    Profile,
    Territory,
    TerritoryTeamMembership,
    User,
)
from .permissions import MODERATORS
from .selectors import territory_descendant_ids
from .text import fold


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


# ------------------------------------------------------------------ territories


@dataclass(frozen=True)
class NewTerritory:
    """A place a person asked to add (from a picker): made by ``territory_obtain``."""

    name: str
    kind: str
    parent: Territory


def territory_obtain(*, actor: User, place: Territory | NewTerritory) -> Territory:
    """The place a picker gave: an existing one, or one added now (matched
    first by name under its parent, so that none is made twice)."""
    if isinstance(place, Territory):
        return place
    territory, _created = territory_create(
        actor=actor, name=place.name, kind=place.kind, parent=place.parent
    )
    return territory


def _forget_team_territories(user: User) -> None:
    # plans.permissions caches the places under a person's teams on the user
    # object; a place just added under one of them must count in this request.
    user.__dict__.pop("_convivio_team_territories", None)


@transaction.atomic
def territory_create(
    *, actor: User, name: str, kind: str, parent: Territory | None
) -> tuple[Territory, bool]:
    """Add a place under ``parent`` (a region, province or municipality), or
    give back the one already there by that name, case and accents ignored:
    (place, whether it was created)."""
    permissions.require_add_territory(actor, parent)
    name = " ".join((name or "").split())
    if not fold(name):
        raise ValidationError({"name": _("Give the name of the place.")})
    existing = (
        Territory.objects.filter(parent=parent, name_key=fold(name)[:200])
        .order_by("id")
        .first()
    )
    if existing is not None:
        return existing, False
    if kind not in Territory.CHILD_KINDS.get(parent.kind, ()):
        raise ValidationError(
            {
                "kind": _("A %(kind)s cannot be part of a %(parent)s.")
                % {
                    "kind": Territory.Kind(kind).label
                    if kind in Territory.Kind.values
                    else kind,
                    "parent": parent.get_kind_display(),
                }
            }
        )
    territory = Territory(
        name=name, kind=kind, parent=parent, country_code=parent.country_code
    )
    territory.full_clean()
    territory.save()
    _forget_team_territories(actor)
    return territory, True


def territory_merge(
    *, actor: User, source: Territory, target: Territory
) -> dict[str, int]:
    """Merge a duplicate place into another: every record that pointed at
    ``source`` (plans, practices, organisations, services' locations, surveys,
    teams, places inside it, …) points at ``target``, what ``target`` lacks
    (codes, position) is taken from ``source``, and ``source`` is deleted, all
    in one transaction.  Returns how many records of each kind moved."""
    permissions.require_merge_territories(actor)
    if source.pk == target.pk:
        raise ValidationError(_("Choose two different places."))
    if Territory.Kind.COUNTRY in (source.kind, target.kind):
        raise ValidationError(_("Countries are reference data; they are not merged."))
    if source.country_code != target.country_code:
        raise ValidationError(_("Only places of the same country can be merged."))
    if target.pk in territory_descendant_ids([source.pk]):
        raise ValidationError(
            _("%(target)s is inside %(source)s: merge it the other way round.")
            % {"target": target, "source": source}
        )
    with transaction.atomic():
        source = Territory.objects.select_for_update().get(pk=source.pk)
        target = Territory.objects.select_for_update().get(pk=target.pk)
        moved = move_references(source, target)
        kept = {
            field: getattr(source, field)
            for field in ("iso_code", "nuts_code", "latitude", "longitude")
            if getattr(source, field) not in ("", None)
            and getattr(target, field) in ("", None)
        }
        source.delete()
        if kept:
            for field, value in kept.items():
                setattr(target, field, value)
            target.save(update_fields=list(kept))
    return moved
