"""Writes on events and registrations; each checks the person's right first
(``permissions``), inside one transaction.

The waiting list: a registration arrives with the next ``position`` of its
event; it takes a place while registered people are fewer than the capacity,
else it waits.  Whenever places free up (a cancellation, a larger capacity),
``_fill_places`` promotes the waiting by position, first come first served.  It
locks the event's row (``select_for_update``, where the database has it; SQLite
runs write transactions one at a time) and counts again inside the transaction,
so two cancellations at once never promote the same person twice or too many.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from convivio.community import notifications
from convivio.community.models import Network, Subscription
from convivio.core import ratelimit
from convivio.core.models import Language, Organisation, Territory
from convivio.core.translation import save_original
from convivio.plans.models import Plan, Recommendation
from convivio.practices import services as practice_services
from convivio.practices.models import Collection, Practice
from convivio.search.backends import Document
from convivio.search.services import index_remove, index_replace

from . import ics, permissions
from .models import Event, Registration

logger = logging.getLogger(__name__)

SEARCH_KIND = "event"
#: Characters of a code; its alphabet leaves out 0/O and 1/I/L, read aloud at the door.
CODE_LENGTH = 8
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

#: Fields whose change the registered are told of.
NOTIFIED_FIELDS = ("starts_at", "ends_at", "time_zone", "format", "address", "link")


def _topic(event: Event) -> str:
    return notifications.topic("event", event.pk)


def _params(event: Event) -> dict[str, Any]:
    return {"event": event.pk, "title": str(event)}


# ------------------------------------------------------------------- events


def _check_times(starts_at: datetime, ends_at: datetime) -> None:
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise ValidationError(_("Give the times with their time zone."))
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The event must end after it starts.")})


def _check_organiser(
    user: Any, network: Network | None, organisation: Organisation | None
) -> None:
    """Each organiser named must be one the person may hold events for."""
    if network is None and organisation is None:
        raise ValidationError(_("Say which network or organisation holds the event."))
    if (
        network is not None and not permissions.can_organise_for(user, network, None)
    ) or (
        organisation is not None
        and not permissions.can_organise_for(user, None, organisation.pk)
    ):
        raise ValidationError(
            _(
                "You may hold events for the networks you coordinate and the "
                "organisations you edit only."
            )
        )


def _check_place(format: str, address: str, link: str) -> None:
    if format in (Event.Format.IN_PERSON, Event.Format.HYBRID) and not address.strip():
        raise ValidationError({"address": _("Give the address of the event.")})
    if format in (Event.Format.ONLINE, Event.Format.HYBRID) and not link.strip():
        raise ValidationError({"link": _("Give the link to join online.")})


@transaction.atomic
def event_create(
    user: Any,
    *,
    title: str,
    language: str,
    starts_at: datetime,
    ends_at: datetime,
    network: Network | None = None,
    organisation: Organisation | None = None,
    description: str = "",
    agenda: str = "",
    kind: str = Event.Kind.WORKSHOP,
    time_zone: str = "Europe/Lisbon",
    format: str = Event.Format.IN_PERSON,
    address: str = "",
    territory: Territory | None = None,
    link: str = "",
    languages: Iterable[Language | str] = (),
    interpretation: Iterable[Language | str] = (),
    childcare: bool = False,
    accessibility: str = "",
    capacity: int | None = None,
    registration_open: bool = True,
    status: str = Event.Status.DRAFT,
) -> Event:
    permissions.require_create_event(user)
    _check_organiser(user, network, organisation)
    if not title.strip():
        raise ValidationError({"title": _("Give the event a title.")})
    _check_times(starts_at, ends_at)
    _check_place(format, address, link)
    ratelimit.check_member("event", user)
    event = Event(
        kind=kind,
        network=network,
        organisation=organisation,
        starts_at=starts_at,
        ends_at=ends_at,
        time_zone=time_zone,
        format=format,
        address=address.strip(),
        territory=territory or (network.territory if network else None),
        link=link.strip(),
        childcare=childcare,
        accessibility=accessibility.strip(),
        capacity=capacity,
        registration_open=registration_open,
        status=status,
        original_language_id=language,
        created_by=user,
    )
    event.full_clean(exclude=["original_language"])
    event.save()
    event.languages.set(list(languages))  # type: ignore[arg-type]
    event.interpretation.set(list(interpretation))  # type: ignore[arg-type]
    save_original(
        event,
        {
            "title": title.strip(),
            "description": description.strip(),
            "agenda": agenda.strip(),
        },
        user=user,
    )
    event_index(event=event)
    return event


@transaction.atomic
def event_update(user: Any, event: Event, **changes: Any) -> Event:
    """Change an event's details (text in its original language among them).
    A larger capacity promotes the waiting; a cancellation, or a new time or
    place, is told to the people registered."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    permissions.require_organise_event(user, event)
    text: dict[str, Any] = {
        k: changes.pop(k).strip()
        for k in ("title", "description", "agenda")
        if k in changes
    }
    if "title" in text and not text["title"]:
        raise ValidationError({"title": _("Give the event a title.")})
    languages = changes.pop("languages", None)
    interpretation = changes.pop("interpretation", None)
    if "network" in changes or "organisation" in changes:
        network = changes.get("network", event.network)
        organisation = changes.get("organisation", event.organisation)
        if network != event.network or organisation != event.organisation:
            _check_organiser(user, network, organisation)
    before = {name: getattr(event, name) for name in NOTIFIED_FIELDS}
    was_status, was_capacity = event.status, event.capacity
    for name, value in changes.items():
        setattr(event, name, value.strip() if isinstance(value, str) else value)
    _check_times(event.starts_at, event.ends_at)
    _check_place(event.format, event.address, event.link)
    event.full_clean(exclude=["original_language"])
    event.save()
    if languages is not None:
        event.languages.set(list(languages))
    if interpretation is not None:
        event.interpretation.set(list(interpretation))
    if text:
        save_original(event, text, user=user)
    if event.status == Event.Status.CANCELLED and was_status != event.status:
        _tell_registered(event, "events.cancelled", actor=user)
    elif event.status == Event.Status.PUBLISHED and any(
        getattr(event, name) != value for name, value in before.items()
    ):
        _tell_registered(event, "events.changed", actor=user)
    if event.status == Event.Status.PUBLISHED and (
        event.capacity is None or was_capacity is None or event.capacity > was_capacity
    ):
        _fill_places(event)
    event_index(event=event)
    return event


@transaction.atomic
def event_report(
    user: Any,
    event: Event,
    *,
    minutes: str,
    outcomes: str,
    organisations_present: str = "",
    practices: Iterable[Practice] = (),
    recommendations: Iterable[Recommendation] = (),
    plans: Iterable[Plan] = (),
) -> Event:
    """What came out of the event, written by its organisers."""
    permissions.require_organise_event(user, event)
    event.organisations_present = organisations_present.strip()
    event.full_clean(exclude=["original_language"])
    event.save(update_fields=["organisations_present", "updated_at"])
    event.practices.set(list(practices))
    event.recommendations.set(list(recommendations))
    event.plans.set(list(plans))
    save_original(
        event, {"minutes": minutes.strip(), "outcomes": outcomes.strip()}, user=user
    )
    event_index(event=event)
    return event


def _followers(event: Event, known: set[int]) -> list[int]:
    """Who follows the event (topic ``event:<id>``) besides ``known`` and may
    still see it: one who left a members-only network hears of it no more."""
    following = Subscription.objects.filter(topic=_topic(event)).exclude(
        mode=Subscription.Mode.OFF
    )
    people = (
        get_user_model()
        .objects.filter(pk__in=following.values("user_id"), is_active=True)
        .exclude(pk__in=known)
    )
    return [person.pk for person in people if permissions.can_view_event(person, event)]


def _tell_registered(event: Event, kind: str, *, actor: Any = None) -> None:
    """The registered (a notification and their e-mail with the .ics) and the
    event's followers (a notification, e-mailed as they chose)."""
    registrations = list(
        event.registrations.exclude(
            status=Registration.Status.CANCELLED
        ).select_related("user")
    )
    registered = {r.user_id for r in registrations if r.user_id}
    notifications.notify(
        [*registered, *_followers(event, registered)],
        kind=kind,
        params=_params(event),
        url=event.get_absolute_url(),
        topic=_topic(event),
        actor=actor,
    )
    for registration in registrations:
        _mail_later(registration, kind)


# ------------------------------------------------------------- registrations


def _new_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not Registration.objects.filter(code=code).exists():
            return code


def registered_count(event: Event) -> int:
    return event.registrations.filter(status=Registration.Status.REGISTERED).count()


@transaction.atomic
def register(
    user: Any,
    event: Event,
    *,
    name: str = "",
    email: str = "",
    language: str = "",
    show_in_public_list: bool = False,
    needs_interpretation: Language | None = None,
    needs_childcare: bool = False,
    needs_note: str = "",
    address_key: str = "",
    send_mail: bool = True,
) -> Registration:
    """A place, or a place on the waiting list when the event is full.  A
    visitor gives a name and an e-mail address (``address_key`` limits how
    often one address registers)."""
    # Lock the event: the count of places below is read again under the lock.
    event = (
        Event.objects.select_for_update(of=("self",))
        .select_related("network")
        .get(pk=event.pk)
    )
    permissions.require_register(user, event)
    signed_in = user is not None and user.is_authenticated
    if signed_in:
        if (
            event.registrations.filter(user=user)
            .exclude(status=Registration.Status.CANCELLED)
            .exists()
        ):
            raise ValidationError(_("You are already registered for this event."))
        name, email = "", ""
    else:
        if not name.strip():
            raise ValidationError({"name": _("Give your name.")})
        if not email.strip():
            raise ValidationError({"email": _("Give your e-mail address.")})
        if (
            event.registrations.filter(user__isnull=True, email__iexact=email.strip())
            .exclude(status=Registration.Status.CANCELLED)
            .exists()
        ):
            raise ValidationError(
                {
                    "email": _(
                        "This e-mail address is already registered for this event."
                    )
                }
            )
    if signed_in:
        ratelimit.check_member("event-registration", user)
    else:
        ratelimit.check(
            "event-registration",
            address_key,
            "CONVIVIO_RATE_REGISTRATIONS",
            _(
                "Too many registrations from your connection; "
                "please try again in %(wait)s."
            ),
        )
    last = event.registrations.aggregate(last=Max("position"))["last"] or 0
    full = event.capacity is not None and registered_count(event) >= event.capacity
    registration = Registration(
        event=event,
        user=user if signed_in else None,
        name=name.strip(),
        email=email.strip(),
        language=language or translation.get_language() or "",
        status=Registration.Status.WAITING if full else Registration.Status.REGISTERED,
        position=last + 1,
        code=_new_code(),
        show_in_public_list=show_in_public_list,
        needs_interpretation=needs_interpretation,
        needs_childcare=needs_childcare,
        needs_note=needs_note.strip(),
    )
    registration.full_clean(exclude=["event", "user", "needs_interpretation"])
    registration.save()
    kind = "events.waiting" if full else "events.registered"
    if signed_in:
        notifications.notify(
            [user],
            kind=kind,
            params={**_params(event), "code": registration.code},
            url=reverse("events:mine"),
            topic=_topic(event),
        )
    if send_mail:  # the demo loader registers people without mailing them
        _mail_later(registration, kind)
    return registration


@transaction.atomic
def registration_cancel(
    user: Any, registration: Registration, *, code: str = ""
) -> Registration:
    """Cancel a registration; a place it frees goes to the first person waiting."""
    registration = Registration.objects.select_related("event").get(pk=registration.pk)
    permissions.require_cancel_registration(user, registration, code)
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    was = registration.status
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    if was == Registration.Status.REGISTERED:
        _fill_places(event)
    return registration


def _fill_places(event: Event) -> list[Registration]:
    """Promote the waiting, by order of arrival, into the places free now.
    Callers hold the event's row locked, in their transaction."""
    waiting = event.registrations.filter(status=Registration.Status.WAITING).order_by(
        "position"
    )
    if event.capacity is not None:
        free = event.capacity - registered_count(event)
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = list(waiting.select_related("user"))
    if not promoted:
        return []
    Registration.objects.filter(pk__in=[r.pk for r in promoted]).update(
        status=Registration.Status.REGISTERED
    )
    for registration in promoted:
        registration.status = Registration.Status.REGISTERED
        _mail_later(registration, "events.promoted")
    notifications.notify(
        [r.user_id for r in promoted if r.user_id],
        kind="events.promoted",
        params=_params(event),
        url=reverse("events:mine"),
        topic=_topic(event),
    )
    return promoted


@transaction.atomic
def attendance_set(
    user: Any,
    event: Event,
    attended_ids: Iterable[int],
    among: Iterable[int] | None = None,
) -> int:
    """Mark who came; the others of ``among`` (the rows of the list the
    organiser saw; default: everybody) did not.  Returns how many came."""
    permissions.require_organise_event(user, event)
    ids = set(attended_ids)
    active = event.registrations.exclude(status=Registration.Status.CANCELLED)
    if among is not None:
        active = active.filter(pk__in=set(among))
    active.filter(pk__in=ids).update(attended=True)
    active.exclude(pk__in=ids).update(attended=False)
    return (
        event.registrations.filter(attended=True)
        .exclude(status=Registration.Status.CANCELLED)
        .count()
    )


@transaction.atomic
def check_in(user: Any, event: Event, code: str) -> Registration:
    """Mark the person with this registration code as present."""
    permissions.require_organise_event(user, event)
    code = "".join(code.split()).upper()[: CODE_LENGTH + 4]
    registration = (
        event.registrations.filter(code=code)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("user")
        .first()
    )
    if registration is None:
        raise ValidationError(
            {"code": _("No registration of this event has this code.")}
        )
    registration.attended = True
    registration.save(update_fields=["attended"])
    return registration


# ------------------------------------------------------------------ booklet


def booklet_text(event: Event) -> tuple[str, str, list[str]]:
    """Title, introduction and recommendations of the booklet made from the
    event's outcomes, in the event's original language: the outcomes, then the
    linked recommendations grouped by their audience."""
    row = event.original_translation()
    recommendations = sorted(
        event.recommendations.prefetch_related("translations"),
        key=lambda r: (
            list(Recommendation.Audience.values).index(r.audience),
            r.position,
            r.pk,
        ),
    )
    with translation.override(event.original_language_id):
        title = _("%(title)s: outcomes") % {"title": row.title}
        parts = [
            _("Draft made from the outcomes of the event “%(title)s” of %(date)s.")
            % {"title": row.title, "date": event.local_start.date().isoformat()},
            row.outcomes,
        ]
        listed: list[str] = []
        if recommendations:
            parts.append("## " + _("Recommendations by audience"))
            audience = None
            for r in recommendations:
                text_row = r.translation_for(event.original_language_id)
                if text_row is None:
                    continue
                label = str(Recommendation.Audience(r.audience).label)
                if r.audience != audience:
                    parts.append(f"### {label}")
                    audience = r.audience
                parts.append(f"- {text_row.text}")
                listed.append(f"{label}: {text_row.text}")
    return title, "\n\n".join(p for p in parts if p), listed


@transaction.atomic
def booklet_make(user: Any, event: Event) -> Collection:
    """A draft collection from the event's outcomes: its introduction the
    outcomes, its items the linked practices, its recommendations grouped by
    audience.  The event keeps it (made once)."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    permissions.require_organise_event(user, event)
    if event.collection is not None:
        return event.collection
    row = event.original_translation()
    if row is None or not row.outcomes.strip():
        raise ValidationError(
            _("Write the outcomes first: the booklet is made from them.")
        )
    title, introduction, recommendations = booklet_text(event)
    collection = practice_services.collection_create(
        user=user,
        title=title[:300],
        language=event.original_language_id,
        introduction=introduction,
        recommendations=recommendations,
        practices=list(event.practices.order_by("pk")),
        source_key=f"event:{event.pk}",
        by_system=True,  # the organiser's right was checked above
        # A draft: its organiser edits it, a moderator publishes it.
        status=Collection.Status.DRAFT,
    )
    event.collection = collection
    event.save(update_fields=["collection", "updated_at"])
    return collection


# --------------------------------------------------------------------- e-mail

MAIL_SUBJECTS = {
    "events.registered": lambda: _("You are registered: %(title)s"),
    "events.waiting": lambda: _("You are on the waiting list: %(title)s"),
    "events.promoted": lambda: _("A place is yours: %(title)s"),
    "events.cancelled": lambda: _("Cancelled: %(title)s"),
    "events.changed": lambda: _("Changed: %(title)s"),
}


def _mail_later(registration: Registration, kind: str) -> None:
    pk = registration.pk
    transaction.on_commit(lambda: mail_registration(pk, kind))


def mail_registration(registration_id: int, kind: str) -> bool:
    """E-mail the registrant, in their language, with the event's .ics."""
    registration = (
        Registration.objects.select_related("event", "user")
        .prefetch_related("event__translations")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or not registration.person_email:
        return False
    event = registration.event
    language = registration.language or event.original_language_id
    with translation.override(language):
        row = event.translation_for(language)
        title = row.title if row else str(event)
        subject = MAIL_SUBJECTS[kind]() % {"title": title}
        lines = [subject, ""]
        start = event.local_start
        lines.append(
            _("When: %(start)s (%(zone)s)")
            % {"start": start.strftime("%Y-%m-%d %H:%M"), "zone": event.time_zone}
        )
        location = ics.location_of(event)
        if location:
            lines.append(_("Where: %(place)s") % {"place": location})
        if kind in ("events.registered", "events.waiting", "events.promoted"):
            lines.append(
                _("Your registration code: %(code)s") % {"code": registration.code}
            )
        lines.append(ics.absolute(event.get_absolute_url()))
        message = EmailMessage(
            subject=subject, body="\n".join(lines), to=[registration.person_email]
        )
        if kind != "events.waiting":
            message.attach(
                "event.ics",
                ics.calendar_of([event], name=title, language=language),
                "text/calendar",
            )
    try:
        message.send()
    except OSError:  # the mail server is away: the registration stands
        logger.warning(
            "Event e-mail %s to registration %s not sent", kind, registration_id
        )
        return False
    return True


# -------------------------------------------------------------------- search

SEARCH_PREFETCH = ("translations",)


def event_documents(event: Event) -> list[Document]:
    """One index entry per language of a published event (none for the others)."""
    if event.status != Event.Status.PUBLISHED:
        return []
    place = event.territory.name if event.territory else ""
    return [
        Document(
            kind=SEARCH_KIND,
            object_id=event.pk,
            language=row.language_id,
            title=row.title,
            body="\n".join(
                p
                for p in (
                    row.description,
                    row.agenda,
                    row.outcomes,
                    event.address,
                    place,
                )
                if p
            ),
        )
        for row in event.translations.all()
    ]


def event_index(*, event: Event) -> None:
    """Make the search index hold the event as it is now."""
    event = (
        Event.objects.select_related("territory")
        .prefetch_related(*SEARCH_PREFETCH)
        .get(pk=event.pk)
    )
    if event.status == Event.Status.PUBLISHED:
        index_replace(
            kind=SEARCH_KIND, object_id=event.pk, documents=event_documents(event)
        )
    else:
        index_remove(kind=SEARCH_KIND, object_id=event.pk)
