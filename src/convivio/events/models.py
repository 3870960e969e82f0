"""Events and workshops of networks and organisations: when and where they are,
what they offer so that people can take part (interpretation, childcare,
accessibility), who registered (with a waiting list that moves up by order of
arrival), who came, and what came out of them (minutes, outcomes, the practices,
recommendations and plans they speak of)."""

from __future__ import annotations

import zoneinfo
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from convivio.community.models import Network
from convivio.core.models import Language, Organisation, Territory
from convivio.core.translation import TranslatedRecord, TranslationRow
from convivio.plans.models import Plan, Recommendation
from convivio.practices.models import Collection, Practice


def valid_time_zone(name: str) -> None:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            _("%(name)s is not a time zone (write it like Europe/Lisbon)."),
            params={"name": name[:60]},
        ) from None


class Event(TranslatedRecord):
    """A workshop, meeting, information session or transnational exchange; its
    text (title, description, agenda, minutes, outcomes) in ``translations``."""

    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("workshop")
        MEETING = "meeting", _("meeting")
        INFORMATION = "information", _("information session")
        EXCHANGE = "exchange", _("transnational exchange")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")
        HYBRID = "hybrid", _("hybrid: in person and online")

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("event status", "draft")
        PUBLISHED = "published", pgettext_lazy("event status", "published")
        CANCELLED = "cancelled", _("cancelled")

    kind = models.CharField(
        _("kind"), max_length=16, choices=Kind.choices, default=Kind.WORKSHOP
    )
    network = models.ForeignKey(
        Network,
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/Lisbon",
        validators=[valid_time_zone],
    )
    format = models.CharField(
        _("format"), max_length=16, choices=Format.choices, default=Format.IN_PERSON
    )
    address = models.CharField(_("address"), max_length=500, blank=True)
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    link = models.URLField(_("link to join online"), max_length=500, blank=True)
    languages = models.ManyToManyField(
        Language, verbose_name=_("languages spoken"), blank=True, related_name="+"
    )
    interpretation = models.ManyToManyField(
        Language,
        verbose_name=_("interpretation into"),
        blank=True,
        related_name="+",
    )
    childcare = models.BooleanField(_("childcare offered"), default=False)
    accessibility = models.TextField(_("accessibility"), max_length=2000, blank=True)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    registration_open = models.BooleanField(_("registration open"), default=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
    )
    #: Organisations present besides those of the attendees' profiles, one a line.
    organisations_present = models.TextField(
        _("other organisations present"), max_length=5000, blank=True
    )
    practices = models.ManyToManyField(
        Practice,
        verbose_name=_("practices"),
        blank=True,
        related_name="linked_events",
    )
    recommendations = models.ManyToManyField(
        Recommendation,
        verbose_name=_("recommendations"),
        blank=True,
        related_name="events",
    )
    plans = models.ManyToManyField(
        Plan, verbose_name=_("plans"), blank=True, related_name="events"
    )
    #: The booklet made from the outcomes ("Make a booklet from the outcomes").
    collection = models.ForeignKey(
        Collection,
        verbose_name=_("booklet"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(network__isnull=False)
                | models.Q(organisation__isnull=False),
                name="event_has_organiser",
            ),
        ]

    def __str__(self) -> str:
        row = self.original_translation()
        return row.title if row is not None else f"Event {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.pk])

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    @property
    def local_start(self) -> datetime:
        return self.starts_at.astimezone(self.zone)

    @property
    def local_end(self) -> datetime:
        return self.ends_at.astimezone(self.zone)

    @property
    def is_online(self) -> bool:
        return self.format in (self.Format.ONLINE, self.Format.HYBRID)

    @property
    def is_in_person(self) -> bool:
        return self.format in (self.Format.IN_PERSON, self.Format.HYBRID)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED


class EventTranslation(TranslationRow):
    RECORD_FIELD = "event"
    TRANSLATED_FIELDS = ("title", "description", "agenda", "minutes", "outcomes")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="translations"
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), max_length=20000, blank=True)
    agenda = models.TextField(_("agenda"), max_length=20000, blank=True)
    minutes = models.TextField(_("minutes"), max_length=50000, blank=True)
    outcomes = models.TextField(_("outcomes"), max_length=50000, blank=True)

    class Meta:
        verbose_name = _("event translation")
        verbose_name_plural = _("event translations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "language"], name="event_translation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language_id})"


class Registration(models.Model):
    """A place at an event, or on its waiting list, for a member or a visitor
    (name and e-mail).  ``position`` is the order of arrival: the waiting list
    moves up by it, first come first served."""

    class Status(models.TextChoices):
        REGISTERED = "registered", pgettext_lazy("registration status", "registered")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    #: The language the registrant wrote in: their e-mails are in it.
    language = models.CharField(max_length=8, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, db_index=True
    )
    position = models.PositiveIntegerField(_("order of arrival"))
    code = models.CharField(_("registration code"), max_length=12, unique=True)
    attended = models.BooleanField(_("came"), default=False)
    show_in_public_list = models.BooleanField(
        _("show my name in the public list of participants"), default=False
    )
    needs_interpretation = models.ForeignKey(
        Language,
        verbose_name=_("I need interpretation into"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    needs_childcare = models.BooleanField(_("I need childcare"), default=False)
    needs_note = models.TextField(
        _("accessibility or other needs"), max_length=2000, blank=True
    )
    created_at = models.DateTimeField(_("date of registration"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "position"], name="registration_position_unique"
            ),
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=models.Q(user__isnull=False) & ~models.Q(status="cancelled"),
                name="registration_one_per_person",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "position"])]

    def __str__(self) -> str:
        return f"{self.event_id}: {self.code} ({self.status})"

    @property
    def person_name(self) -> str:
        if self.user is not None:
            return self.user.display_name()
        return self.name

    @property
    def person_email(self) -> str:
        return self.user.email if self.user is not None else self.email
