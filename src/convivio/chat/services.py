"""Writes of the chat; each checks the person's right first (``permissions``)."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from convivio.community import moderation, notifications
from convivio.community.models import Moderated, ModerationEvent, Network, Notification
from convivio.core import ratelimit
from convivio.core.models import Language

from . import permissions
from .models import BODY_MAX_LENGTH, Message, Room, RoomMember

#: The notification of a direct message (a network's room notifies nobody).
DIRECT_MESSAGE = "chat.direct"


def _retry_when_locked[T](work: Callable[[], T], attempts: int = 20) -> T:
    """Run a short write again when SQLite was busy beyond its timeout (many
    people posting at the same instant); PostgreSQL never raises this.  The
    whole transaction runs again: nothing of the failed attempt was kept."""
    for attempt in range(attempts):
        try:
            return work()
        except OperationalError as error:
            if "locked" not in str(error) or attempt == attempts - 1:
                raise
            time.sleep(random.uniform(0.01, 0.05) * (attempt + 1))  # noqa: S311
    raise AssertionError("unreachable")


# ----------------------------------------------------------------------- rooms


def room_for_network(network: Network | int) -> Room:
    """The network's room, made the first time it is asked for."""
    network_id = network if isinstance(network, int) else network.pk
    try:
        return Room.objects.get(network_id=network_id)
    except Room.DoesNotExist:
        pass
    try:
        with transaction.atomic():
            return Room.objects.create(kind=Room.Kind.NETWORK, network_id=network_id)
    except IntegrityError:  # made by a concurrent request
        return Room.objects.get(network_id=network_id)


def _pair_key(a: int, b: int) -> str:
    low, high = sorted((a, b))
    return f"{low}-{high}"


def direct_room(user: Any, other: Any) -> Room:
    """The conversation between the two people, opened again if it exists."""
    permissions.require_message(user, other)
    key = _pair_key(user.pk, other.pk)
    existing = Room.objects.filter(pair_key=key).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            room = Room.objects.create(
                kind=Room.Kind.DIRECT, pair_key=key, created_by=user
            )
            RoomMember.objects.bulk_create(
                [RoomMember(room=room, user=user), RoomMember(room=room, user=other)]
            )
            return room
    except IntegrityError:
        return Room.objects.get(pair_key=key)


@transaction.atomic
def participant_add(user: Any, room: Room, other: Any) -> RoomMember:
    """Bring one more person into a direct conversation (it is no longer a pair:
    the "Message" button then opens a conversation of their own)."""
    if not permissions.can_add_participant(user, room, other):
        raise ValidationError(
            _("You can write to people who share a network with you.")
        )
    member, _created = RoomMember.objects.get_or_create(room=room, user=other)
    if room.pair_key is not None:
        room.pair_key = None
        room.save(update_fields=["pair_key"])
    if hasattr(room, "_participants"):
        del room._participants
    return member


# -------------------------------------------------------------------- messages


def clean_body(body: str) -> str:
    text = (body or "").strip()
    if not text:
        raise ValidationError({"body": _("Write a message first.")})
    if len(text) > BODY_MAX_LENGTH:
        raise ValidationError(
            {
                "body": _(
                    "A message can be at most %(limit)d characters long; "
                    "this one has %(count)d."
                )
                % {"limit": BODY_MAX_LENGTH, "count": len(text)}
            }
        )
    return text


def _language_code(language: str | None) -> str | None:
    code = (language or get_language() or "").split("-")[0]
    if not code:
        return None
    return code if Language.objects.filter(pk=code).exists() else None


def message_send(
    user: Any, room: Room, body: str, *, language: str | None = None
) -> Message:
    """A new message in the room; the sender has read the room up to it."""
    permissions.require_write_in_room(user, room)
    text = clean_body(body)
    ratelimit.check_member("chat", user, "CONVIVIO_RATE_CHAT")

    def write() -> Message:
        with transaction.atomic():
            language_id = _language_code(language)
            message = Message.objects.create(
                room=room, author=user, body=text, language_id=language_id
            )
            _mark(user, room, message.pk)
            if room.is_direct:
                _notify_direct(user, room, message)
            return message

    return _retry_when_locked(write)


def _notify_direct(user: Any, room: Room, message: Message) -> None:
    """Tell the other participants, once until they read it: no second
    notification while one about this conversation is unread."""
    topic = notifications.topic("chat", room.pk)
    waiting = set(
        Notification.objects.filter(topic=topic, read_at=None).values_list(
            "user_id", flat=True
        )
    )
    others = [
        pk
        for pk in RoomMember.objects.filter(room=room).values_list("user_id", flat=True)
        if pk != user.pk and pk not in waiting
    ]
    if others:
        notifications.notify(
            others,
            kind=DIRECT_MESSAGE,
            params={"room": room.pk, "author": user.display_name()},
            url=room.get_absolute_url(),
            topic=topic,
            actor=user,
        )


@transaction.atomic
def message_delete(user: Any, message: Message) -> None:
    """The author takes back their message: it shows as deleted (the text is
    kept in the history for moderators)."""
    permissions.require_delete_message(user, message)
    message.state = Moderated.State.DELETED
    message.save(update_fields=["state"])
    moderation.record(message, ModerationEvent.Action.DELETED, user)


def message_hide(user: Any, message: Message, reason: str) -> None:
    moderation.hide(user, message, reason)


def message_restore(user: Any, message: Message, reason: str = "") -> None:
    moderation.restore(user, message, reason)


def message_report(user: Any, message: Message, reason: str, note: str = "") -> None:
    if not permissions.can_report_message(user, message):
        raise ValidationError(_("This message cannot be reported."))
    moderation.report(user, message, reason, note)


# ------------------------------------------------------------------- reading


def _mark(user: Any, room: Room, upto: int) -> None:
    # One statement: the row is made the first time, and the mark only moves on.
    table = RoomMember._meta.db_table
    larger = "GREATEST" if connection.vendor == "postgresql" else "MAX"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (room_id, user_id, last_read_id, joined_at) "  # noqa: S608
            f"VALUES (%s, %s, %s, %s) ON CONFLICT (room_id, user_id) "
            f"DO UPDATE SET last_read_id = {larger}({table}.last_read_id, "
            f"excluded.last_read_id)",
            [room.pk, user.pk, upto, timezone.now()],
        )


def mark_read(user: Any, room: Room, upto: int) -> None:
    """The person has seen the room's messages up to ``upto`` (never goes back)."""
    if upto <= 0:
        return
    _retry_when_locked(lambda: _mark(user, room, upto))


# ----------------------------------------------------------------- retention


def prune(days: int | None = None, *, batch: int = 5000) -> int:
    """Delete the messages older than ``days`` (default: the setting
    ``CONVIVIO_CHAT_RETENTION_DAYS``; 0 or None keeps everything); returns how
    many were deleted.  Batches keep each transaction short."""
    if days is None:
        days = getattr(settings, "CONVIVIO_CHAT_RETENTION_DAYS", 0) or 0
    if not days or days <= 0:
        return 0
    cutoff = timezone.now() - timedelta(days=days)
    total = 0
    while True:
        ids = list(
            Message.objects.filter(created_at__lt=cutoff)
            .order_by("id")
            .values_list("id", flat=True)[:batch]
        )
        if not ids:
            return total
        with transaction.atomic():
            total += Message.objects.filter(id__in=ids).delete()[0]
