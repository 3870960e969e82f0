"""Writes on networks and their members; each checks the person's right first
(``permissions``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from convivio.core.models import Language, Territory, Theme
from convivio.core.translation import save_original

from . import permissions
from .models import Member, Network


@transaction.atomic
def network_create(
    user: Any,
    *,
    name: str,
    purpose: str = "",
    language: str,
    kind: str = Network.Kind.LOCAL_FORUM,
    territory: Territory,
    visibility: str = Network.Visibility.PUBLIC,
    joining: str = Network.Joining.REQUEST,
    themes: Iterable[Theme] = (),
    languages: Iterable[Language | str] = (),
) -> Network:
    """A new network, its creator its first coordinator."""
    permissions.require_create_network(user)
    if not name.strip():
        raise ValidationError({"name": _("Give the network a name.")})
    network = Network(
        kind=kind,
        territory=territory,
        visibility=visibility,
        joining=joining,
        original_language_id=language,
        created_by=user,
    )
    network.full_clean(exclude=["original_language"])
    network.save()
    network.themes.set(list(themes))
    network.languages.set(list(languages))
    save_original(
        network, {"name": name.strip(), "purpose": purpose.strip()}, user=user
    )
    member_add(network, user, Member.Role.COORDINATOR)
    return network


def member_add(network: Network, user: Any, role: str = Member.Role.MEMBER) -> Member:
    """Put a person in the network (callers have checked who may)."""
    member, created = Member.objects.get_or_create(
        network=network, user=user, defaults={"role": role}
    )
    if not created and member.role != role:
        member.role = role
        member.save(update_fields=["role"])
    permissions.forget_roles(user)
    return member
