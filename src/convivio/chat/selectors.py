"""Reads of the chat: a room's messages by cursor, what is new since a message,
a person's rooms with their unread counts, and the search of messages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from convivio.community.models import Member, Moderated
from convivio.core.permissions import is_signed_in
from convivio.core.text import fold

from . import permissions
from .models import Message, Room, RoomMember

#: Messages on a room's page, and each "load earlier".
PAGE_SIZE = 50
#: At most this many new messages in one poll (the cursor then moves on).
POLL_LIMIT = 200

_VISIBLE = Moderated.State.VISIBLE


def _with_authors(qs):
    return qs.select_related("author", "author__public_profile")


@dataclass
class RoomPage:
    #: Oldest first.
    messages: list[Message]
    #: The cursor of the earlier ones (``before``), None at the room's start.
    earlier: int | None
    #: The id of the newest message shown (0: none).
    last_id: int


def room_messages(room: Room, before: int | None = None) -> RoomPage:
    """The last ``PAGE_SIZE`` messages of the room (before the message
    ``before`` when given), whatever their state: hidden and deleted ones show
    as such."""
    qs = Message.objects.filter(room=room)
    if before is not None:
        qs = qs.filter(id__lt=before)
    rows = list(_with_authors(qs).order_by("-id")[: PAGE_SIZE + 1])
    earlier = None
    if len(rows) > PAGE_SIZE:
        rows = rows[:PAGE_SIZE]
        earlier = rows[-1].pk
    rows.reverse()
    return RoomPage(rows, earlier, rows[-1].pk if rows else 0)


def has_news(room_id: int, since: int) -> bool:
    """One probe of the (room, id) index."""
    return Message.objects.filter(
        room_id=room_id, id__gt=since, state=_VISIBLE
    ).exists()


def new_messages(room: Room, since: int) -> list[Message]:
    """The visible messages after ``since``, oldest first, at most POLL_LIMIT."""
    qs = Message.objects.filter(room=room, id__gt=since, state=_VISIBLE)
    return list(_with_authors(qs).order_by("id")[:POLL_LIMIT])


def poll_probe(
    room_id: int, user_id: int, since: int
) -> tuple[str, int | None, bool, bool, bool] | None:
    """Everything the no-news poll needs, in one statement: the room's kind and
    network, whether the person is in it (network role or participant), and
    whether a visible message came after ``since``.  None: no such room."""
    room = Room._meta.db_table
    member = Member._meta.db_table
    participant = RoomMember._meta.db_table
    message = Message._meta.db_table
    # Only table names (ours, constant) are formatted in; values are parameters.
    sql = (
        f"SELECT r.kind, r.network_id, "  # noqa: S608
        f"EXISTS(SELECT 1 FROM {member} m WHERE m.network_id = r.network_id "
        f"AND m.user_id = %s), "
        f"EXISTS(SELECT 1 FROM {participant} p WHERE p.room_id = r.id "
        f"AND p.user_id = %s), "
        f"EXISTS(SELECT 1 FROM {message} x WHERE x.room_id = r.id AND x.id > %s "
        f"AND x.state = %s) "
        f"FROM {room} r WHERE r.id = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user_id, user_id, since, _VISIBLE, room_id])
        row = cursor.fetchone()
    if row is None:
        return None
    kind, network_id, in_network, participant_row, news = row
    return kind, network_id, bool(in_network), bool(participant_row), bool(news)


# ------------------------------------------------------------------- my rooms


@dataclass
class RoomRow:
    room: Room
    title: str
    unread: int


def _unread_subquery(user: Any) -> Subquery:
    mark = RoomMember.objects.filter(room=OuterRef(OuterRef("pk")), user=user).values(
        "last_read_id"
    )[:1]
    counted = (
        Message.objects.filter(
            room=OuterRef("pk"),
            id__gt=Coalesce(Subquery(mark), Value(0)),
            state=_VISIBLE,
        )
        .exclude(author=user)
        .values("room")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Subquery(counted, output_field=IntegerField())


def rooms_of(user: Any) -> list[RoomRow]:
    """The person's rooms (their networks' and their conversations), the ones
    with unread messages first, each with its title and unread count."""
    if not is_signed_in(user):
        return []
    rooms = list(
        permissions.readable_rooms(user, Room.objects.all())
        .select_related("network")
        .annotate(unread=Coalesce(_unread_subquery(user), Value(0)))
        .distinct()
        .order_by("-id")
    )
    titles = room_titles(rooms, user)
    rows = [RoomRow(r, titles[r.pk], r.unread) for r in rooms]
    rows.sort(key=lambda row: (row.unread == 0, row.room.kind, row.title.casefold()))
    return rows


def unread_total(user: Any) -> int:
    return sum(row.unread for row in rooms_of(user))


def room_titles(rooms: Sequence[Room], user: Any) -> dict[int, str]:
    """A network's room: the network's name; a conversation: the names of the
    other people in it.  Two queries whatever the number of rooms."""
    from convivio.community.models import NetworkTranslation

    titles: dict[int, str] = {}
    network_ids = [r.network_id for r in rooms if r.network_id is not None]
    names: dict[int, str] = {}
    if network_ids:
        for row in NetworkTranslation.objects.filter(
            network_id__in=network_ids
        ).select_related("network"):
            if (
                row.language_id == row.network.original_language_id
                or row.network_id not in names
            ):
                names[row.network_id] = row.name
    direct = [r.pk for r in rooms if r.is_direct]
    people: dict[int, list[str]] = {}
    if direct:
        for member in (
            RoomMember.objects.filter(room_id__in=direct)
            .exclude(user=user)
            .select_related("user", "user__public_profile")
            .order_by("id")
        ):
            people.setdefault(member.room_id, []).append(person_name(member.user))
    for room in rooms:
        if room.network_id is not None:
            titles[room.pk] = names.get(room.network_id, str(room))
        else:
            titles[room.pk] = ", ".join(people.get(room.pk, [])) or str(room)
    return titles


def person_name(user: Any) -> str:
    """The name a person chose to show to other members, else their account's."""
    if user is None:
        return ""
    try:
        profile = user.public_profile
    except Exception:  # noqa: BLE001 - no profile row: the account's name
        profile = None
    if profile is not None and profile.display_name:
        return profile.display_name
    return user.display_name()


def participants(room: Room) -> list[Any]:
    User = get_user_model()
    return list(
        User.objects.filter(chat_rooms__room=room)
        .select_related("public_profile")
        .order_by("chat_rooms__id")
    )


# --------------------------------------------------------------------- search

_WORD = re.compile(r"\w+", re.UNICODE)
SEARCH_LIMIT = 50
#: Up to this many rooms are named in the full-text query itself.
ROOMS_IN_QUERY = 200


def _fts_query(text: str) -> str:
    # Each word quoted (FTS5 syntax in people's words is taken literally), the
    # last one as a prefix so that a word being typed already matches.
    words = _WORD.findall(text)[:10]
    if not words:
        return ""
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " AND ".join(quoted)


def search(user: Any, text: str, room: Room | None = None) -> list[Message]:
    """The newest visible messages matching ``text`` in the rooms the person
    belongs to (or in ``room``), at most SEARCH_LIMIT."""
    rooms = permissions.readable_rooms(user, Room.objects.all())
    if room is not None:
        rooms = rooms.filter(pk=room.pk)
    room_ids = list(rooms.values_list("pk", flat=True).distinct())
    if not room_ids or not text.strip():
        return []
    qs = Message.objects.filter(room_id__in=room_ids, state=_VISIBLE)
    if connection.vendor == "sqlite":
        query = _fts_query(text)
        if not query:
            return []
        if len(room_ids) <= ROOMS_IN_QUERY:
            # The rooms inside the full-text query: the index intersects the
            # words with the few rows of these rooms.
            rooms_clause = " OR ".join(f'"{pk}"' for pk in room_ids)
            query = f"room_id:({rooms_clause}) AND body:({query})"
        qs = qs.filter(
            id__in=RawSQL(
                "SELECT rowid FROM chat_message_fts WHERE chat_message_fts MATCH %s",
                [query],
            )
        )
    else:
        words = _WORD.findall(text)[:10]
        if not words:
            return []
        # Folded like the stored text: "habitação" finds "Habitacao".
        condition = Q()
        for word in words:
            condition &= Q(search_text__contains=fold(word))
        qs = qs.filter(condition)
    return list(_with_authors(qs.select_related("room")).order_by("-id")[:SEARCH_LIMIT])
