"""Reads of events: lists with filters, an event's page, a person's
registrations, counts after the event.  Each reads a fixed number of queries
whatever the number of rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from convivio.community.models import Network
from convivio.community.permissions import visible_networks
from convivio.core.models import Profile
from convivio.plans.permissions import visible_plans
from convivio.practices.models import Practice

from . import permissions
from .models import Event, Registration

LIST_PREFETCH = ("translations", "languages")


@dataclass
class EventFilters:
    network: int | None = None
    territory: int | None = None
    format: str = ""
    language: str = ""

    @classmethod
    def from_query(cls, query: Any) -> EventFilters:
        def number(name: str) -> int | None:
            value = query.get(name, "")
            return int(value) if value.isdigit() and len(value) < 12 else None

        format = query.get("format", "")
        language = query.get("language", "")
        return cls(
            network=number("network"),
            territory=number("place"),
            format=format if format in Event.Format.values else "",
            language=language[:8] if language.replace("-", "").isalpha() else "",
        )

    def as_query(self) -> dict[str, Any]:
        return {
            k: v
            for k, v in {
                "network": self.network,
                "place": self.territory,
                "format": self.format,
                "language": self.language,
            }.items()
            if v
        }


def _with_shown(events: list[Event], language: str) -> list[Event]:
    for event in events:
        event.shown = event.translation_for(language)
    return events


def events_visible(user: Any) -> QuerySet[Event]:
    return permissions.visible_events(user, Event.objects.all())


def events_filtered(user: Any, filters: EventFilters) -> QuerySet[Event]:
    qs = events_visible(user)
    if filters.network:
        qs = qs.filter(network_id=filters.network)
    if filters.territory:
        qs = qs.filter(territory_id=filters.territory)
    if filters.format:
        qs = qs.filter(format=filters.format)
    if filters.language:
        qs = qs.filter(
            Q(languages__code=filters.language)
            | Q(interpretation__code=filters.language)
        ).distinct()
    return qs


def coming(qs: QuerySet[Event]) -> QuerySet[Event]:
    return qs.filter(ends_at__gte=timezone.now()).order_by("starts_at", "pk")


def past(qs: QuerySet[Event]) -> QuerySet[Event]:
    return qs.filter(ends_at__lt=timezone.now()).order_by("-starts_at", "-pk")


def for_list(qs: QuerySet[Event]) -> QuerySet[Event]:
    return qs.select_related("network", "territory", "organisation").prefetch_related(
        *LIST_PREFETCH
    )


def shown(events: Any, language: str) -> Any:
    """Set ``shown`` (the row in ``language``, else the original) on a page's events."""
    _with_shown(list(events), language)
    return events


def event_get(pk: int) -> Event:
    return (
        Event.objects.select_related(
            "network", "territory", "organisation", "collection"
        )
        .prefetch_related(
            "translations",
            "languages",
            "interpretation",
            "network__translations",
            "collection__translations",
        )
        .get(pk=pk)
    )


def coming_of_network(user: Any, network_id: int, limit: int = 5) -> list[Event]:
    return list(
        for_list(coming(events_visible(user).filter(network_id=network_id)))[:limit]
    )


def coming_in_place(user: Any, territory_id: int, limit: int = 5) -> list[Event]:
    return list(
        for_list(coming(events_visible(user).filter(territory_id=territory_id)))[:limit]
    )


def counts(event: Event) -> dict[str, int]:
    """{registered, waiting, cancelled, attended} in one query."""
    row = event.registrations.aggregate(
        registered=Count("pk", filter=Q(status=Registration.Status.REGISTERED)),
        waiting=Count("pk", filter=Q(status=Registration.Status.WAITING)),
        cancelled=Count("pk", filter=Q(status=Registration.Status.CANCELLED)),
        attended=Count(
            "pk",
            filter=Q(attended=True) & ~Q(status=Registration.Status.CANCELLED),
        ),
    )
    return {k: v or 0 for k, v in row.items()}


def organisations_present(event: Event) -> list[str]:
    """The organisations of the attendees' profiles, then the ones written by
    hand, each once, in alphabetical order."""
    names: set[str] = set()
    profiles = Profile.objects.filter(
        user__event_registrations__event=event,
        user__event_registrations__attended=True,
        organisation__isnull=False,
    ).select_related("organisation")
    names.update(p.organisation.name for p in profiles if p.organisation)
    names.update(
        line.strip()
        for line in event.organisations_present.splitlines()
        if line.strip()
    )
    return sorted(names, key=str.casefold)


def public_attendees(event: Event) -> list[str]:
    rows = (
        event.registrations.filter(
            show_in_public_list=True, status=Registration.Status.REGISTERED
        )
        .select_related("user")
        .order_by("position")
    )
    return [r.person_name for r in rows]


def registrations_of(event: Event) -> QuerySet[Registration]:
    return event.registrations.select_related("user", "needs_interpretation").order_by(
        "status", "position"
    )


def waiting_rank(registration: Registration) -> int | None:
    """Place on the waiting list (1: next to be promoted)."""
    if registration.status != Registration.Status.WAITING:
        return None
    return (
        Registration.objects.filter(
            event_id=registration.event_id,
            status=Registration.Status.WAITING,
            position__lt=registration.position,
        ).count()
        + 1
    )


def registrations_of_user(user: Any) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(user=user)
        .select_related("event")
        .prefetch_related(
            Prefetch("event__translations"),
        )
        .order_by("-event__starts_at", "-pk")
    )


def user_registration(user: Any, event: Event) -> Registration | None:
    if user is None or not user.is_authenticated:
        return None
    return (
        event.registrations.filter(user=user)
        .exclude(status=Registration.Status.CANCELLED)
        .first()
    )


def events_networks(user: Any) -> list[Any]:
    """The networks the person may read that hold events (for the filter)."""
    networks = visible_networks(
        user, Network.objects.filter(pk__in=Event.objects.values("network_id"))
    ).prefetch_related("translations")[:200]
    return list(networks)


def linked(event: Event, user: Any, language: str) -> dict[str, list[Any]]:
    """The practices (published), plans (readable) and recommendations the
    event links to, with their text in ``language`` where they have it."""
    practices = list(
        event.practices.filter(status=Practice.Status.PUBLISHED).prefetch_related(
            "translations"
        )
    )
    plans = list(
        visible_plans(user, event.plans.all()).prefetch_related("translations")
    )
    recommendations = list(
        event.recommendations.filter(
            plan__in=visible_plans(user).values("pk")
        ).prefetch_related("translations")
    )
    for record in (*practices, *plans, *recommendations):
        record.shown = record.translation_for(language)
    return {
        "practices": practices,
        "plans": plans,
        "recommendations": recommendations,
    }
