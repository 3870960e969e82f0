"""Feedback from the people who use a service, take part in a network or come
to an event.

A channel is an anonymous survey of the survey engine (``convivio.surveys``)
with two questions, a rating from 1 to 5 with words for each point and a
comment, in the languages of what it asks about; people reach it by a short
address (``/f/<code>``) printed with a QR code on a poster.  Answers are survey
responses, so the survey engine's rules hold: nothing about the person is
stored, only the day and the language of the answer.

The organisation answers publicly (``FeedbackReply``), to a month's feedback or
to one comment (whose text stays with the channel's managers).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from convivio.community.models import Moderated, Network
from convivio.directory.models import Service
from convivio.events.models import Event
from convivio.surveys.models import Answer, Survey

#: Letters and digits nobody confuses when typing an address from a poster
#: (no 0/o, 1/l/i).
CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
CODE_LENGTH = 6
#: The names of the two questions in the channel's survey.
RATING = "rating"
COMMENT = "comment"


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class Channel(models.Model):
    """Where one service, network or event collects feedback."""

    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="feedback_channels",
    )
    network = models.ForeignKey(
        Network,
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="feedback_channels",
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="feedback_channels",
    )
    survey = models.OneToOneField(
        Survey, on_delete=models.CASCADE, related_name="feedback_channel"
    )
    code = models.CharField(_("short code"), max_length=16, unique=True)
    is_open = models.BooleanField(_("open for feedback"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    #: The target fields, one of which is set.
    TARGETS = ("service", "network", "event")

    class Meta:
        verbose_name = _("feedback channel")
        verbose_name_plural = _("feedback channels")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(service__isnull=False, network__isnull=True, event__isnull=True)
                    | Q(service__isnull=True, network__isnull=False, event__isnull=True)
                    | Q(service__isnull=True, network__isnull=True, event__isnull=False)
                ),
                name="feedback_channel_one_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.target} ({self.code})"

    def get_absolute_url(self) -> str:
        return reverse("feedback:form", args=[self.code])

    @property
    def target(self) -> Service | Network | Event:
        for name in self.TARGETS:
            if getattr(self, f"{name}_id") is not None:
                return getattr(self, name)
        raise ValueError("a feedback channel without a target")

    @property
    def target_kind(self) -> str:
        for name in self.TARGETS:
            if getattr(self, f"{name}_id") is not None:
                return name
        raise ValueError("a feedback channel without a target")

    def short_path(self) -> str:
        return reverse("feedback_short:go", args=[self.code])


def target_kind(target: Service | Network | Event) -> str:
    """The field of ``Channel`` that points at ``target``."""
    if isinstance(target, Service):
        return "service"
    if isinstance(target, Network):
        return "network"
    return "event"


class FeedbackReply(Moderated):
    """The organisation's public answer to a month's feedback or to a comment."""

    channel = models.ForeignKey(
        Channel, on_delete=models.CASCADE, related_name="replies"
    )
    #: The first day of the month answered (with or without a comment).
    month = models.DateField(_("month"))
    #: The comment answered, if one (its text is never shown with the reply).
    answer = models.ForeignKey(
        Answer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(_("reply"), max_length=5000)
    language = models.CharField(_("language"), max_length=16)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("public reply")
        verbose_name_plural = _("public replies")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["channel", "state", "-at"])]

    def __str__(self) -> str:
        return self.text[:60]

    def moderating_network_id(self) -> int | None:
        """A network's coordinators moderate its replies; the platform's
        moderators all of them."""
        event = self.channel.event
        if event is not None:
            return event.network_id
        return self.channel.network_id

    def get_absolute_url(self) -> str:
        return reverse("feedback:results", args=[self.channel.code]) + (
            f"#reply-{self.pk}"
        )
