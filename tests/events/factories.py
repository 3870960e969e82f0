"""Events for tests, made through the services."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from convivio.community.models import Network
from convivio.events import services
from convivio.events.models import Event
from tests.community.factories import coordinator_of

LISBON = ZoneInfo("Europe/Lisbon")


def soon(days: int = 10, hour: int = 18) -> datetime:
    day = (timezone.now() + timedelta(days=days)).astimezone(LISBON)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0)


def make_event(
    network: Network,
    *,
    title: str = "Oficina sobre habitação",
    starts_at: datetime | None = None,
    hours: int = 2,
    status: str = Event.Status.PUBLISHED,
    by: Any = None,
    **extra: Any,
) -> Event:
    starts_at = starts_at or soon()
    extra.setdefault("address", "Rua da Escola 3, Vale Novo")
    return services.event_create(
        by or coordinator_of(network),
        title=title,
        language="pt",
        network=network,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
        status=status,
        **extra,
    )


def past_event(network: Network, **extra: Any) -> Event:
    """An event that took place last week (made as a coming one, then moved:
    the services refuse nothing about the past, but registration needs a
    future start)."""
    event = make_event(network, **extra)
    start = soon(days=-7)
    Event.objects.filter(pk=event.pk).update(
        starts_at=start, ends_at=start + timedelta(hours=2)
    )
    event.refresh_from_db()
    return event
