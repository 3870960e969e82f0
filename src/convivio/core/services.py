"""Writes for users, profiles and organisations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from . import hooks, permissions, ratelimit
from .merging import lock_pair, merge_into, missing_values
from .models import (
    Membership,
    Organisation,
    OrganisationMerge,
    OrganisationTranslation,
    Profile,
    Territory,
    TerritoryMerge,
    TerritoryTeamMembership,
    User,
)
from .organisation_names import OrganisationIndex
from .permissions import MODERATORS
from .selectors import territory_descendant_ids
from .text import fold
from .translation import save_original


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
    interface_language: str | None = None,
) -> Profile:
    """Change a person's name, presentation and languages (themselves only).

    ``interface_language`` None leaves it as it is; "" follows the browser."""
    if actor.pk != user.pk and not actor.is_superuser:
        raise PermissionDenied(_("You can only change your own profile."))
    if interface_language is not None:
        _check_interface_language(interface_language)
    user.first_name, user.last_name = first_name.strip(), last_name.strip()
    user.full_clean(exclude=["password"])
    user.save(update_fields=["first_name", "last_name"])
    profile, _created = Profile.objects.get_or_create(user=user)
    profile.bio = bio
    if interface_language is not None:
        profile.interface_language = interface_language
    profile.full_clean()
    profile.save()
    # Language's primary key is its code; django-stubs expects int keys.
    profile.languages.set(languages)  # type: ignore[arg-type]
    return profile


def _check_interface_language(code: str) -> None:
    if code and code not in dict(settings.LANGUAGES):
        raise ValidationError(
            _("“%(code)s” is not a language of the interface.") % {"code": code}
        )


def interface_language_set(*, actor: User, user: User, code: str) -> Profile:
    """Remember the interface language a person chose ("" follows the browser)."""
    if actor.pk != user.pk and not actor.is_superuser:
        raise PermissionDenied(_("You can only change your own profile."))
    _check_interface_language(code)
    profile, _created = Profile.objects.get_or_create(user=user)
    if profile.interface_language != code:
        profile.interface_language = code
        profile.save(update_fields=["interface_language"])
    return profile


# ------------------------------------------------------------------ territories


def territory_nesting_error(kind: str, parent_kind: str) -> str:
    """Why a place of ``kind`` cannot be part of one of ``parent_kind``: one whole
    sentence per case, as the kinds' words agree differently in each language."""
    K = Territory.Kind
    sentences: dict[tuple[str, str], str] = {
        (K.COUNTRY, K.COUNTRY): _("A country cannot be part of a country."),
        (K.COUNTRY, K.REGION): _("A country cannot be part of a region."),
        (K.COUNTRY, K.PROVINCE): _("A country cannot be part of a province."),
        (K.COUNTRY, K.MUNICIPALITY): _("A country cannot be part of a municipality."),
        (K.REGION, K.REGION): _("A region cannot be part of a region."),
        (K.REGION, K.PROVINCE): _("A region cannot be part of a province."),
        (K.REGION, K.MUNICIPALITY): _("A region cannot be part of a municipality."),
        (K.PROVINCE, K.PROVINCE): _("A province cannot be part of a province."),
        (K.PROVINCE, K.MUNICIPALITY): _("A province cannot be part of a municipality."),
        (K.MUNICIPALITY, K.MUNICIPALITY): _(
            "A municipality cannot be part of a municipality."
        ),
    }
    return sentences.get(
        (kind, parent_kind), _("This kind of place cannot be part of that one.")
    )


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
    # (``user`` may be the request's lazy object: delete through it.)
    try:
        del user._convivio_team_territories
    except AttributeError:
        pass


@transaction.atomic
def territory_create(
    *, actor: User, name: str, kind: str, parent: Territory | None
) -> tuple[Territory, bool]:
    """Add a place under ``parent`` (a region, province or municipality), or
    give back the one already there by that name, case and accents ignored:
    (place, whether it was created)."""
    permissions.require_add_territory(actor, parent)
    parent = cast(Territory, parent)  # require_add_territory refuses None
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
        raise ValidationError({"kind": territory_nesting_error(kind, parent.kind)})
    territory = Territory(
        name=name, kind=kind, parent=parent, country_code=parent.country_code
    )
    territory.full_clean()
    territory.save()
    _forget_team_territories(actor)
    return territory, True


def territory_merge(
    *, actor: User, source: Territory, target: Territory
) -> TerritoryMerge:
    """Merge a duplicate place into another: every record that pointed at
    ``source`` (plans, practices, organisations, services' locations, surveys,
    teams, places inside it, …) points at ``target``, what ``target`` lacks
    (codes, position) is taken from ``source``, and ``source`` is deleted, all
    in one transaction, and the merge is recorded (with how many records of
    each kind moved, and where the old address leads)."""
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
        source, target = lock_pair(source, target)
        # Apps whose records are found by their place's name (practices' search
        # index) note which records move, to index them again after.
        followups = hooks.merge_followups(Territory, source, target)
        kept = missing_values(
            source, target, ("iso_code", "nuts_code", "latitude", "longitude")
        )
        record = merge_into(source, target, record_model=TerritoryMerge, actor=actor)
        if kept:
            for field, value in kept.items():
                setattr(target, field, value)
            target.save(update_fields=list(kept))
        for followup in followups:
            followup()
    return record


# ---------------------------------------------------------------- organisations


def organisation_slug(name: str) -> str:
    """A free address for an organisation of this name."""
    base = slugify(name)[:180] or "organisation"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def organisation_propose(
    *,
    actor: User,
    name: str,
    kind: str = "",
    territory: Territory | None = None,
    website: str = "",
    allow_similar: bool = False,
) -> Organisation:
    """A member adds their organisation from a form: usable by them at once,
    listed in public once a moderator approves it.  A name that looks like an
    organisation already known (``organisation_matches``) is refused unless
    ``allow_similar``: the form asks "this looks like X — use it?" first."""
    from .organisation_names import infer_kind
    from .selectors import organisation_matches, organisation_usable_by

    permissions.require_propose_organisation(actor)
    name = " ".join((name or "").split())[:200]
    if not fold(name):
        raise ValidationError({"name": _("Give the name of the organisation.")})
    if kind and kind not in Organisation.Kind.values:
        raise ValidationError({"kind": _("Choose a kind of organisation.")})
    if not allow_similar:
        alike = organisation_matches(name, organisation_usable_by(actor))
        if alike:
            raise ValidationError(
                {
                    "name": _("“%(name)s” looks like %(known)s: use it instead?")
                    % {"name": name, "known": "; ".join(o.name for o in alike)}
                },
                code="similar",
            )
    organisation = Organisation(
        name=name,
        slug=organisation_slug(name),
        kind=kind or infer_kind(name) or Organisation.Kind.NGO,
        territory=territory,
        website=(website or "").strip(),
        status=Organisation.Status.PROPOSED,
        created_by=actor,
    )
    organisation.full_clean()
    ratelimit.check_member("organisation", actor)
    organisation.save()
    save_original(organisation, {"description": ""}, user=actor)
    return organisation


@dataclass(frozen=True)
class NewOrganisation:
    """An organisation a person asked to add from a form (an organisation
    picker's "Not in the list?"): made by ``organisation_obtain``."""

    name: str
    kind: str
    territory: Territory | None
    website: str
    role: str
    #: The person saw the organisations it looks like and still wants it.
    allow_similar: bool = False


def organisation_obtain(
    *, actor: User, wanted: Organisation | NewOrganisation
) -> Organisation:
    """The organisation a picker gave: an existing one, or one proposed now."""
    if isinstance(wanted, Organisation):
        return wanted
    return organisation_propose(
        actor=actor,
        name=wanted.name,
        kind=wanted.kind,
        territory=wanted.territory,
        website=wanted.website,
        allow_similar=wanted.allow_similar,
    )


@transaction.atomic
def organisation_from_import(
    *,
    actor: User | None,
    name: str,
    kind: str = "",
    territory: Territory | None = None,
    website: str = "",
    email: str = "",
    description: str = "",
    index: OrganisationIndex | None = None,
    notes: list[str] | None = None,
) -> Organisation:
    """The organisation a file or a document names (an HSDS import, an ingested
    document): the one its name means, matched as the pickers match
    (``OrganisationIndex.best``: acronyms, kind words, accents), else the one
    at its website, else a new one.

    A new one made for a member who is not a moderator waits in the moderators'
    queue like one proposed from a form; for the system or a moderator it is
    listed at once.  An e-mail or website that is not valid is left out, with a
    note.  ``index`` is the caller's index of the organisations known (read
    once for a whole file); the new organisation is added to it.
    """
    from .organisation_names import infer_kind

    name = " ".join((name or "").split())[:200]
    if index is None:
        index = OrganisationIndex(
            Organisation.objects.values_list("id", "name"),
            places=Territory.objects.values_list("name", flat=True),
        )
    if name:
        pk = index.best(name)
        found = Organisation.objects.filter(pk=pk).first() if pk else None
        if found is not None:
            return found
    if website:
        found = Organisation.objects.filter(website__iexact=website).first()
        if found is not None:
            return found
    if not fold(name):
        raise ValidationError({"name": _("Give the organisation a name.")})
    kind = kind or infer_kind(name) or Organisation.Kind.NGO
    if kind not in Organisation.Kind.values:
        raise ValidationError({"kind": _("Unknown kind of organisation.")})
    organisation = Organisation(
        name=name, slug=organisation_slug(name), kind=kind, territory=territory
    )
    for field, value, check in (
        ("email", email, validate_email),
        ("website", website, URLValidator()),
    ):
        if value:
            try:
                check(value)
                setattr(organisation, field, value)
            except ValidationError:
                if notes is not None:
                    notes.append(
                        _("“%(value)s” is not a valid %(field)s and was left out.")
                        % {"value": value, "field": field}
                    )
    if actor is not None and not permissions.is_moderator(actor):
        organisation.status = Organisation.Status.PROPOSED
        organisation.created_by = actor
    organisation.full_clean()
    organisation.save()
    save_original(organisation, {"description": description}, user=actor)
    index.add(organisation.pk, organisation.name)
    return organisation


def organisation_approve(*, actor: User, organisation: Organisation) -> Organisation:
    """A moderator lists a proposed organisation in public."""
    permissions.require_moderate_organisations(actor)
    organisation.status = Organisation.Status.APPROVED
    organisation.save(update_fields=["status", "updated_at"])
    return organisation


@transaction.atomic
def organisation_reject(*, actor: User, organisation: Organisation) -> None:
    """A moderator removes a proposal nothing uses yet; one in use is merged
    into the organisation it duplicates instead (so no record loses it)."""
    from .merging import reference_counts

    permissions.require_moderate_organisations(actor)
    if organisation.status != Organisation.Status.PROPOSED:
        raise ValidationError(_("Only proposed organisations can be rejected."))
    used = reference_counts(organisation)
    if used:
        raise ValidationError(
            _(
                "%(name)s is already used (%(uses)s): merge it into the "
                "organisation it duplicates, or approve it."
            )
            % {
                "name": organisation.name,
                "uses": ", ".join(f"{k}: {v}" for k, v in used.items()),
            }
        )
    organisation.delete()


#: What the organisation kept takes from the one removed when it has none.
MERGE_FILLS = ("website", "email", "phone", "territory_id")


def _description(organisation: Organisation) -> str:
    row = organisation.translations.filter(
        language_id=organisation.original_language_id
    ).first()
    return row.description if row is not None else ""


def organisation_merge(
    *, actor: User, source: Organisation, target: Organisation
) -> OrganisationMerge:
    """Merge a duplicate organisation into another: every record that pointed
    at ``source`` (practices, plans and their measures and indicators, services
    and places, documents and links, memberships, profiles, earlier merges, …,
    found through ``_meta`` so a model added later moves too) points at
    ``target``, which takes what it lacks (website, e-mail, phone, description,
    territory, languages); ``source`` is deleted and the merge recorded, all in
    one transaction."""
    permissions.require_moderate_organisations(actor)
    if source.pk == target.pk:
        raise ValidationError(_("Choose two different organisations."))
    with transaction.atomic():
        source, target = lock_pair(source, target)
        # Apps that count or search records by their organisation (practices'
        # facets and index) note which records move, to update them after.
        followups = hooks.merge_followups(Organisation, source, target)
        fills = missing_values(source, target, MERGE_FILLS)
        for field, value in fills.items():
            setattr(target, field, value)
        # The description goes with its translations: the kept one takes the
        # removed one's rows (and original language) when it has no description
        # of its own; otherwise they are dropped with the text they translate.
        if _description(source).strip() and not _description(target).strip():
            OrganisationTranslation.objects.filter(organisation=target).delete()
            OrganisationTranslation.objects.filter(organisation=source).update(
                organisation=target
            )
            target.original_language_id = source.original_language_id
        else:
            OrganisationTranslation.objects.filter(organisation=source).delete()
        if source.status == Organisation.Status.APPROVED:
            # A moderator merging vouches for the organisation kept.
            target.status = Organisation.Status.APPROVED
        # Languages are the organisation's own (not records pointing at it): the
        # kept one gets those it lacks, and they are not counted as moved.
        target.languages.add(*source.languages.all())
        source.languages.clear()
        # The same person or practice with the same role is one link.
        record = merge_into(
            source,
            target,
            record_model=OrganisationMerge,
            actor=actor,
            roles_are_links=True,
            removed_slug=source.slug,
        )
        target.save()
        for followup in followups:
            followup()
    return record
