"""Events as iCalendar (RFC 5545): one event's .ics, a network's feed, a
person's feed, the file attached to a registration's e-mail; and the "add to
calendar" links of the common calendar services."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from .models import Event

#: The salt of the personal feed's signed token.
FEED_SALT = "convivio.events.feed"
#: Characters of a description kept in a calendar entry or link.
DESCRIPTION_CHARS = 2000


def absolute(path: str) -> str:
    return getattr(settings, "CONVIVIO_SITE_URL", "http://localhost:8000") + path


def location_of(event: Event) -> str:
    parts = []
    if event.is_in_person and event.address:
        parts.append(event.address)
    if event.is_online and event.link:
        parts.append(event.link)
    return " · ".join(parts)


def description_of(event: Event, language: str | None = None) -> str:
    """The description with where the event happens (address and/or link) and
    its page, so a calendar shows where to go even without a location field."""
    row = event.translation_for(language)
    lines = []
    if event.is_in_person and event.address:
        lines.append(_("Address: %(address)s") % {"address": event.address})
    if event.is_online and event.link:
        lines.append(_("Join online: %(link)s") % {"link": event.link})
    if row is not None and row.description:
        lines.append(row.description[:DESCRIPTION_CHARS])
    lines.append(absolute(event.get_absolute_url()))
    return "\n\n".join(lines)


def _title(event: Event, language: str | None) -> str:
    row = event.translation_for(language)
    return row.title if row is not None else str(event)


def vevent(event: Event, language: str | None = None) -> VEvent:
    item = VEvent()
    item.add("uid", f"event-{event.pk}@{absolute('').split('//')[-1]}")
    item.add("dtstamp", event.updated_at.astimezone(UTC))
    item.add("dtstart", event.local_start)
    item.add("dtend", event.local_end)
    item.add("summary", _title(event, language))
    item.add("description", description_of(event, language))
    location = location_of(event)
    if location:
        item.add("location", location)
    item.add("url", absolute(event.get_absolute_url()))
    item.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    return item


def calendar_of(events: Iterable[Event], *, name: str, language: str | None) -> bytes:
    """A calendar holding ``events`` (their translations prefetched), each time
    zone they use described by a VTIMEZONE."""
    cal = Calendar()
    cal.add("prodid", "-//Convivio//Events//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for event in events:
        cal.add_component(vevent(event, language))
    cal.add_missing_timezones()
    return cal.to_ical()


# ------------------------------------------------------------ personal feed


def feed_token(user) -> str:
    return signing.dumps(user.pk, salt=FEED_SALT, compress=True)


def feed_user_id(token: str) -> int | None:
    try:
        value = signing.loads(token, salt=FEED_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


# ------------------------------------------------------- add to a calendar


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def add_links(event: Event, language: str | None) -> list[tuple[str, str]]:
    """(service, address) of "add to calendar" for Google Calendar, Outlook.com
    and Office 365, from their public URL templates."""
    title = _title(event, language)
    details = description_of(event, language)
    location = location_of(event)
    google = "https://calendar.google.com/calendar/render?" + urlencode(
        {
            "action": "TEMPLATE",
            "text": title,
            "dates": f"{_utc(event.starts_at)}/{_utc(event.ends_at)}",
            "details": details,
            "location": location,
            "ctz": event.time_zone,
        }
    )
    outlook = urlencode(
        {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": title,
            "startdt": _iso(event.starts_at),
            "enddt": _iso(event.ends_at),
            "body": details,
            "location": location,
        }
    )
    return [
        ("Google Calendar", google),
        (
            "Outlook.com",
            "https://outlook.live.com/calendar/0/deeplink/compose?" + outlook,
        ),
        (
            "Office 365",
            "https://outlook.office.com/calendar/0/deeplink/compose?" + outlook,
        ),
    ]
