"""Writes on networks and their members; each checks the person's right first
(``permissions``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from convivio.core import ratelimit
from convivio.core.models import Language, Territory, Theme
from convivio.core.translation import save_original
from convivio.search.backends import Document
from convivio.search.services import index_replace

from . import notifications, permissions
from .models import (
    Constituency,
    Gender,
    IssueVote,
    JoinRequest,
    Member,
    Network,
    Subscription,
)


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
    balance_target: dict[str, Any] | None = None,
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
        balance_target=balance_clean(balance_target),
    )
    network.full_clean(exclude=["original_language"])
    network.save()
    network.themes.set(list(themes))
    # Language rows or their codes (the primary key).
    network.languages.set(list(languages))  # type: ignore[arg-type]
    save_original(
        network, {"name": name.strip(), "purpose": purpose.strip()}, user=user
    )
    member_add(network, user, Member.Role.COORDINATOR)
    network_index(network)
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


# ------------------------------------------------------------------ networks
# The rest of the networks' writes: details, joining, roles, what members
# declare, the issues they rank.  Each checks the person's right first and
# writes nothing when refused.

SEARCH_KIND = "network"
#: What ``network_search_entries`` reads, prefetched.
SEARCH_PREFETCH = ("translations",)


def balance_clean(target: dict[str, Any] | None) -> dict[str, int]:
    """The balance aimed for, checked: known constituencies, whole shares from
    0 to 100 adding up to at most 100 (zeros dropped)."""
    known = set(Constituency.values)
    clean: dict[str, int] = {}
    for key, value in (target or {}).items():
        if key not in known:
            raise ValidationError(
                {"balance_target": _("Unknown constituency: %(key)s.") % {"key": key}}
            )
        try:
            share = int(value)
        except (TypeError, ValueError):
            raise ValidationError(
                {"balance_target": _("Give each share as a whole percentage.")}
            ) from None
        if share < 0 or share > 100:
            raise ValidationError(
                {"balance_target": _("Each share is between 0 and 100.")}
            )
        if share:
            clean[key] = share
    if sum(clean.values()) > 100:
        raise ValidationError(
            {"balance_target": _("The shares aimed for add up to more than 100%.")}
        )
    return clean


def network_search_entries(network: Network) -> list[Document]:
    """One index entry per language the network has text in (public networks
    only: the list shows members-only networks to their members without search
    finding them for others — ``visible_ids`` filters anyway)."""
    documents = []
    for row in network.translations.all():
        documents.append(
            Document(
                kind=SEARCH_KIND,
                object_id=network.pk,
                language=row.language_id,
                title=row.name,
                body="\n".join(p for p in (row.purpose, network.territory.name) if p),
            )
        )
    return documents


def network_index(network: Network) -> None:
    """Make the search index hold the network as it is now."""
    network = (
        Network.objects.select_related("territory")
        .prefetch_related(*SEARCH_PREFETCH)
        .get(pk=network.pk)
    )
    index_replace(
        kind=SEARCH_KIND,
        object_id=network.pk,
        documents=network_search_entries(network),
    )


@transaction.atomic
def network_edit(
    user: Any,
    network: Network,
    *,
    name: str,
    purpose: str = "",
    kind: str,
    territory: Territory,
    visibility: str,
    joining: str,
    themes: Iterable[Theme] = (),
    languages: Iterable[Language] = (),
    balance_target: dict[str, Any] | None = None,
) -> Network:
    """Change the network's details (its coordinators)."""
    permissions.require_coordinate_network(user, network)
    if not name.strip():
        raise ValidationError({"name": _("Give the network a name.")})
    network.kind = kind
    network.territory = territory
    network.visibility = visibility
    network.joining = joining
    network.balance_target = balance_clean(balance_target)
    network.full_clean(exclude=["original_language"])
    network.save()
    network.themes.set(list(themes))
    network.languages.set(list(languages))
    save_original(
        network, {"name": name.strip(), "purpose": purpose.strip()}, user=user
    )
    network_index(network)
    return network


def _coordinators(network: Network) -> list[int]:
    return list(
        Member.objects.filter(
            network=network, role=Member.Role.COORDINATOR
        ).values_list("user_id", flat=True)
    )


def _network_params(network: Network) -> dict[str, Any]:
    return {"network": network.pk, "name": str(network)}


@transaction.atomic
def join_ask(user: Any, network: Network, *, message: str = "") -> JoinRequest:
    """Ask to join a network open to requests; its coordinators are told."""
    permissions.require_ask_to_join(user, network)
    message = message.strip()
    if len(message) > 2000:
        raise ValidationError(
            {"message": _("Keep the message under 2,000 characters.")}
        )
    if JoinRequest.objects.filter(
        network=network, user=user, status=JoinRequest.Status.PENDING
    ).exists():
        raise ValidationError(_("Your request is waiting for a coordinator."))
    # Each request notifies every coordinator: limited like what members create.
    ratelimit.check_member("network_join", user)
    request = JoinRequest.objects.create(
        network=network,
        user=user,
        kind=JoinRequest.Kind.REQUEST,
        message=message,
        created_by=user,
    )
    notifications.notify(
        _coordinators(network),
        kind="network_join_request",
        params={**_network_params(network), "person": user.display_name()},
        url=reverse("community:network_members", args=[network.pk]),
        topic=notifications.topic("network", network.pk),
        actor=user,
    )
    return request


def _find_person(who: str) -> Any:
    User = get_user_model()
    who = who.strip()
    if not who:
        raise ValidationError({"who": _("Give a username or an e-mail address.")})
    person = User.objects.filter(
        Q(username__iexact=who) | Q(email__iexact=who), is_active=True
    ).first()
    if person is None:
        raise ValidationError(
            {"who": _("Nobody has an account with this username or e-mail address.")}
        )
    return person


@transaction.atomic
def invite(user: Any, network: Network, *, who: str, message: str = "") -> JoinRequest:
    """A coordinator invites a person with an account (by username or e-mail);
    the person is told and accepts or declines."""
    permissions.require_coordinate_network(user, network)
    person = _find_person(who)
    if (
        permissions.is_member(person, network)
        or Member.objects.filter(network=network, user=person).exists()
    ):
        raise ValidationError({"who": _("This person is already a member.")})
    pending = JoinRequest.objects.filter(
        network=network, user=person, status=JoinRequest.Status.PENDING
    ).first()
    if pending is not None and pending.kind == JoinRequest.Kind.INVITATION:
        raise ValidationError({"who": _("This person is invited already.")})
    if pending is not None:
        # They asked already: the invitation is the coordinator's yes.
        return request_decide(user, pending, accept=True)
    ratelimit.check_member("network_invite", user)
    invitation = JoinRequest.objects.create(
        network=network,
        user=person,
        kind=JoinRequest.Kind.INVITATION,
        message=message.strip()[:2000],
        created_by=user,
    )
    notifications.notify(
        [person],
        kind="network_invitation",
        params=_network_params(network),
        # A members-only network shows its invited person this page only.
        url=reverse("community:network_invitation", args=[network.pk]),
        topic=notifications.topic("network", network.pk),
        actor=user,
        default_mode=Subscription.Mode.IMMEDIATE,
    )
    return invitation


def _pending(join_request: JoinRequest, kind: str) -> None:
    if join_request.kind != kind or join_request.status != JoinRequest.Status.PENDING:
        raise ValidationError(_("This has been answered already."))


@transaction.atomic
def request_decide(
    user: Any, join_request: JoinRequest, *, accept: bool
) -> JoinRequest:
    """A coordinator accepts or declines a request; the person is told."""
    network = join_request.network
    permissions.require_coordinate_network(user, network)
    _pending(join_request, JoinRequest.Kind.REQUEST)
    _decide(user, join_request, accept)
    notifications.notify(
        [join_request.user_id],
        kind="network_request_accepted" if accept else "network_request_declined",
        params=_network_params(network),
        url=reverse("community:network", args=[network.pk]),
        topic=notifications.topic("network", network.pk),
        actor=user,
        default_mode=Subscription.Mode.IMMEDIATE,
    )
    return join_request


@transaction.atomic
def invitation_answer(
    user: Any, join_request: JoinRequest, *, accept: bool
) -> JoinRequest:
    """The invited person accepts or declines; the coordinators are told."""
    if join_request.user_id != getattr(user, "pk", None):
        raise PermissionDenied(_("This invitation is for somebody else."))
    _pending(join_request, JoinRequest.Kind.INVITATION)
    _decide(user, join_request, accept)
    network = join_request.network
    notifications.notify(
        _coordinators(network),
        kind="network_invitation_accepted" if accept else "network_invitation_declined",
        params={**_network_params(network), "person": user.display_name()},
        url=reverse("community:network_members", args=[network.pk]),
        topic=notifications.topic("network", network.pk),
        actor=user,
    )
    return join_request


def _decide(user: Any, join_request: JoinRequest, accept: bool) -> None:
    join_request.status = (
        JoinRequest.Status.ACCEPTED if accept else JoinRequest.Status.DECLINED
    )
    join_request.decided_by = user
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "decided_by", "decided_at"])
    if accept:
        member_add(join_request.network, join_request.user, Member.Role.MEMBER)


@transaction.atomic
def join_withdraw(user: Any, network: Network) -> None:
    """Take back one's own request to join."""
    pending = JoinRequest.objects.filter(
        network=network,
        user=user,
        kind=JoinRequest.Kind.REQUEST,
        status=JoinRequest.Status.PENDING,
    )
    if pending.exists():
        pending.update(status=JoinRequest.Status.WITHDRAWN, decided_at=timezone.now())


def _last_coordinator(member: Member) -> bool:
    return (
        member.role == Member.Role.COORDINATOR
        and Member.objects.filter(
            network_id=member.network_id, role=Member.Role.COORDINATOR
        ).count()
        == 1
    )


@transaction.atomic
def network_leave(user: Any, network: Network) -> None:
    """Leave a network (the last coordinator hands over first)."""
    member = (
        Member.objects.select_for_update().filter(network=network, user=user).first()
        if getattr(user, "is_authenticated", False)
        else None
    )
    if member is None:
        raise PermissionDenied(_("You are not a member of this network."))
    if _last_coordinator(member):
        raise ValidationError(
            _("You are its last coordinator: name another coordinator first.")
        )
    IssueVote.objects.filter(network=network, user=user).delete()
    member.delete()
    permissions.forget_roles(user)


@transaction.atomic
def member_role_set(user: Any, member: Member, role: str) -> Member:
    """A coordinator changes a member's role (a network keeps a coordinator)."""
    permissions.require_coordinate_network(user, member.network)
    if role not in Member.Role.values:
        raise ValidationError({"role": _("Choose a role from the list.")})
    if role != Member.Role.COORDINATOR and _last_coordinator(member):
        raise ValidationError({"role": _("A network keeps at least one coordinator.")})
    member.role = role
    member.save(update_fields=["role"])
    if role == Member.Role.OBSERVER:
        # Observers read and do not vote.
        IssueVote.objects.filter(network=member.network, user=member.user).delete()
    permissions.forget_roles(member.user)
    permissions.forget_roles(user)
    return member


@transaction.atomic
def member_declare(
    user: Any,
    network: Network,
    *,
    constituency: str = "",
    gender: str = "",
    languages: Iterable[Language] = (),
) -> Member:
    """What a member chooses to say about themselves (all optional)."""
    member = (
        Member.objects.filter(network=network, user=user).first()
        if getattr(user, "is_authenticated", False)
        else None
    )
    if member is None:
        raise PermissionDenied(_("You are not a member of this network."))
    if constituency and constituency not in Constituency.values:
        raise ValidationError({"constituency": _("Choose from the list.")})
    if gender and gender not in Gender.values:
        raise ValidationError({"gender": _("Choose from the list.")})
    if (member.constituency, member.gender) != (constituency, gender):
        member.constituency = constituency
        member.gender = gender
        member.save(update_fields=["constituency", "gender"])
    member.languages.set(list(languages))  # writes only what changed
    return member


@transaction.atomic
def issues_vote(user: Any, network: Network, themes: Sequence[Theme | None]) -> None:
    """A member's ranking of the place's most relevant issues: ``themes`` in
    order, the first the most relevant, at most three, each once (empty places
    skipped); an empty list takes the vote back."""
    permissions.require_vote_issues(user, network)
    chosen = [theme for theme in themes if theme is not None]
    if len(chosen) > IssueVote.RANKS:
        raise ValidationError(_("Rank at most three issues."))
    if len({theme.pk for theme in chosen}) != len(chosen):
        raise ValidationError(_("Rank each issue once."))
    votes = IssueVote.objects.filter(network=network, user=user)
    if list(votes.order_by("rank").values_list("theme_id", flat=True)) == [
        theme.pk for theme in chosen
    ]:
        return  # the same ranking: nothing to write
    votes.delete()
    IssueVote.objects.bulk_create(
        IssueVote(network=network, user=user, theme=theme, rank=rank)
        for rank, theme in enumerate(chosen, start=1)
    )
