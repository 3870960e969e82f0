"""Chat: a room per network and direct conversations between people, their
messages, and how far each person has read.

New messages reach the page by polling with a cursor, the id of the last message
the page holds ("messages of room R after id X"): the index on (room, id) makes
that one index range, and makes "is there anything new?" one index probe.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from convivio.community.models import Moderated, Network
from convivio.core.models import Language
from convivio.core.text import fold

#: The longest message accepted (a chat line, not an article).
BODY_MAX_LENGTH = 4000


class Room(models.Model):
    """A network's room (one per network) or a direct conversation between two
    or more people (its participants are its ``RoomMember`` rows)."""

    class Kind(models.TextChoices):
        NETWORK = "network", _("network room")
        DIRECT = "direct", _("direct conversation")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    network = models.OneToOneField(
        Network,
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="chat_room",
    )
    #: A conversation between exactly two people: "<lower id>-<higher id>", so
    #: that the "Message" button opens the same conversation again.
    pair_key = models.CharField(max_length=41, null=True, blank=True, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("chat room")
        verbose_name_plural = _("chat rooms")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="network", network__isnull=False)
                    | models.Q(kind="direct", network__isnull=True)
                ),
                name="chat_room_kind_network",
            )
        ]

    def __str__(self) -> str:
        if self.network_id is not None:
            return f"Chat of network {self.network_id}"
        return f"Conversation {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("chat:room", args=[self.pk])

    @property
    def is_direct(self) -> bool:
        return self.kind == self.Kind.DIRECT


class RoomMember(models.Model):
    """A person in a room: in a direct conversation, a participant (what gives
    access); in a network's room, only where the person has read to (access
    comes from the network's membership)."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="chat_rooms",
    )
    #: The id of the last message the person has seen (0: none).
    last_read_id = models.PositiveBigIntegerField(default=0)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("chat participant")
        verbose_name_plural = _("chat participants")
        constraints = [
            models.UniqueConstraint(fields=["room", "user"], name="chat_member_unique")
        ]
        indexes = [models.Index(fields=["user", "room"])]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.room_id} (read to {self.last_read_id})"


class Message(Moderated):
    """One message: plain text, shown escaped with its web addresses as links."""

    room = models.ForeignKey(
        Room,
        on_delete=models.CASCADE,
        related_name="messages",
        # The (room, id) index below serves every lookup by room.
        db_index=False,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="chat_messages",
    )
    body = models.TextField(_("message"), max_length=BODY_MAX_LENGTH)
    language = models.ForeignKey(
        Language,
        verbose_name=_("language"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    #: The text folded (core.text.fold: lower case, no accents), for the search
    #: on databases without the chat's full-text table (PostgreSQL).
    search_text = models.TextField(default="", db_default="", editable=False)

    MODERATED_TEXT = "body"

    class Meta:
        verbose_name = _("chat message")
        verbose_name_plural = _("chat messages")
        ordering = ["id"]
        indexes = [models.Index(fields=["room", "id"], name="chat_msg_room_id")]

    def save(self, *args, **kwargs) -> None:
        self.search_text = fold(self.body)
        fields = kwargs.get("update_fields")
        if fields is not None and "body" in fields:
            kwargs["update_fields"] = {*fields, "search_text"}
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return f"{self.room_id}#{self.pk}"

    def moderating_network_id(self) -> int | None:
        # Direct conversations have no coordinators: platform moderators only.
        return self.room.network_id

    def get_absolute_url(self) -> str:
        # The room's page ending with this message, scrolled to it.
        url = reverse("chat:room", args=[self.room_id])
        return f"{url}?before={self.pk + 1}#m{self.pk}"
