"""Reads of the people pages: a person's page as a reader may see it, and the
notifications and subscriptions of the signed-in person.

Who sees a person's page: everybody when the person made it public; otherwise
signed-in members only (a visitor gets "not found").  Each part (organisation,
languages, what they wrote about themselves, themes of expertise, practices,
posts, networks) shows when the person switched it on; their networks are only
those the reader may read.  The person reads their own page as others do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.http import Http404

from convivio.core.permissions import is_signed_in
from convivio.practices.models import Practice
from convivio.practices.selectors import in_language, practice_list_for_user

from . import notifications, permissions
from .models import Network, Notification, PublicProfile, Subscription

#: The parts a person switches on or off, in the order of the page.
PARTS = (
    "organisation",
    "languages",
    "bio",
    "expertise",
    "practices",
    "posts",
    "networks",
)


def public_profile_of(user: Any) -> PublicProfile:
    """The person's choices (an unsaved default when they never chose)."""
    try:
        return user.public_profile
    except ObjectDoesNotExist:
        return PublicProfile(user=user)


def name_of(user: Any, profile: PublicProfile | None = None) -> str:
    """The name shown: the one they chose, else their full name, else their
    username."""
    profile = profile or public_profile_of(user)
    return profile.display_name or user.get_full_name().strip() or user.get_username()


def can_view_person(reader: Any, person: Any) -> bool:
    if not person.is_active:
        return False
    return is_signed_in(reader) or public_profile_of(person).public


@dataclass
class PersonPage:
    person: Any
    profile: PublicProfile
    name: str
    shows: dict[str, bool]
    organisation: Any = None
    languages: list[Any] = field(default_factory=list)
    bio: str = ""
    expertise: list[Any] = field(default_factory=list)
    practices: list[Practice] = field(default_factory=list)
    networks: list[Network] = field(default_factory=list)


def person_page(reader: Any, username: str, language: str) -> PersonPage:
    """What ``reader`` sees of the person named ``username``; Http404 when the
    person does not exist or does not show their page to them."""
    person = (
        get_user_model()
        .objects.select_related("public_profile", "profile__organisation")
        .filter(username=username)
        .first()
    )
    if person is None or not can_view_person(reader, person):
        raise Http404
    profile = public_profile_of(person)
    shows = {part: bool(getattr(profile, f"show_{part}")) for part in PARTS}
    page = PersonPage(person, profile, name_of(person, profile), shows)
    try:
        details = person.profile
    except ObjectDoesNotExist:
        details = None
    if details is not None:
        if shows["organisation"]:
            page.organisation = details.organisation
        if shows["languages"]:
            page.languages = list(details.languages.all())
        if shows["bio"]:
            page.bio = details.bio
    if shows["expertise"] and profile.pk:
        page.expertise = sorted(profile.expertise.all(), key=lambda t: t.label)
    if shows["practices"]:
        page.practices = in_language(
            practice_list_for_user(user=person).filter(
                status=Practice.Status.PUBLISHED
            )[:50],
            language,
        )
    if shows["networks"]:
        page.networks = list(
            permissions.visible_networks(
                reader, Network.objects.filter(members__user=person)
            )
            .prefetch_related("translations")
            .order_by("id")[:100]
        )
        for network in page.networks:
            network.shown = network.translation_for(language)
    # The sections of other apps (the person's posts) read what they may show.
    person.profile_shows = shows  # type: ignore[attr-defined]
    return page


# ---------------------------------------------------------------- notifications


def notification_list(user: Any) -> QuerySet[Notification]:
    """The person's notifications, the unread first, then the newest."""
    unread = ExpressionWrapper(Q(read_at__isnull=True), output_field=BooleanField())
    return (
        Notification.objects.filter(user=user)
        .select_related("actor")
        .alias(unread=unread)
        .order_by("-unread", "-created_at", "-id")
    )


@dataclass
class SubscriptionRow:
    subscription: Subscription
    title: str
    url: str


def subscription_list(user: Any) -> list[SubscriptionRow]:
    """The person's subscriptions with what they are about (those that still
    exist)."""
    found = list(Subscription.objects.filter(user=user).order_by("topic"))
    titles = notifications.describe(s.topic for s in found)
    rows = [SubscriptionRow(s, *titles[s.topic]) for s in found if s.topic in titles]
    return sorted(rows, key=lambda row: row.title.casefold())
