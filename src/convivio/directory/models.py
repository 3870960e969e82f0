"""The directory of services, shaped on Open Referral HSDS 3.0.

Organisations are the shared `core.Organisation`.  Every record has an ``hsds_id``
(a UUID, as HSDS wants) beside its database id.  Text people write lives in
translation rows (name, description, eligibility, fees, how to apply, documents).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from convivio.core.history import HistorySource, tracked
from convivio.core.models import (
    Language,
    Organisation,
    TargetGroup,
    Territory,
    Theme,
)
from convivio.core.translation import TranslatedRecord, TranslationRow


class Service(TranslatedRecord):
    class Status(models.TextChoices):
        # HSDS service.status values.
        ACTIVE = "active", _("active")
        INACTIVE = "inactive", _("inactive")
        DEFUNCT = "defunct", _("defunct")
        TEMPORARILY_CLOSED = "temporarily closed", _("temporarily closed")

    hsds_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="services",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    url = models.URLField(_("website"), max_length=500, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("needs it answers"), blank=True, related_name="services"
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("for whom"), blank=True, related_name="services"
    )
    languages = models.ManyToManyField(
        Language,
        verbose_name=_("languages spoken"),
        blank=True,
        related_name="services_spoken",
    )
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    #: When an editor last confirmed the service is as described (HSDS assured_date).
    last_checked_at = models.DateTimeField(_("last checked"), null=True, blank=True)
    last_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    source_key = models.CharField(max_length=100, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = tracked(excluded_fields=["created_at", "source_key"])

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["id"]
        indexes = [models.Index(fields=["status", "organisation"])]

    def __str__(self) -> str:
        row = self.translation_for()
        return row.name if row else f"Service {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("directory:service", args=[self.pk])

    def history_parts(self) -> list[HistorySource]:
        """Its places' changes go with its own (``core.history``)."""
        return [
            HistorySource(
                rows=Location.history.filter(
                    id__in=ServiceAtLocation.objects.filter(service=self).values(
                        "location_id"
                    )
                ),
                part=lambda row: str(Location._meta.verbose_name),
                part_name=lambda row: row.name or row.address or row.city,
            )
        ]


class ServiceTranslation(TranslationRow):
    RECORD_FIELD = "service"
    TRANSLATED_FIELDS = (
        "name",
        "description",
        "eligibility",
        "fees",
        "application_process",
        "required_documents",
    )

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="translations"
    )
    history = tracked()
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), max_length=10000, blank=True)
    eligibility = models.TextField(_("who can use it"), max_length=5000, blank=True)
    fees = models.CharField(_("cost"), max_length=500, blank=True)
    application_process = models.TextField(
        _("how to apply"), max_length=5000, blank=True
    )
    required_documents = models.TextField(
        _("what to bring"), max_length=5000, blank=True
    )

    class Meta:
        verbose_name = _("service translation")
        verbose_name_plural = _("service translations")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "language"], name="service_translation_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    """A place where services are given (HSDS location, physical)."""

    hsds_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="locations",
    )
    name = models.CharField(_("name"), max_length=300, blank=True)
    address = models.CharField(_("street and number"), max_length=300, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    city = models.CharField(_("town or city"), max_length=200, blank=True)
    region = models.CharField(_("region"), max_length=200, blank=True)
    country = models.CharField(_("country code"), max_length=2, blank=True)
    #: The municipality or neighbourhood it is in, for the local diagnosis.
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territory"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="locations",
    )
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    accessibility = models.TextField(_("accessibility"), max_length=2000, blank=True)
    transportation = models.TextField(
        _("how to get there"), max_length=2000, blank=True
    )

    history = tracked()

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["id"]
        indexes = [models.Index(fields=["latitude", "longitude"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True)
                | models.Q(latitude__gte=-90, latitude__lte=90),
                name="location_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True)
                | models.Q(longitude__gte=-180, longitude__lte=180),
                name="location_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name or ", ".join(p for p in (self.address, self.city) if p)


class ServiceAtLocation(models.Model):
    hsds_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_locations"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="service_locations"
    )
    description = models.TextField(_("description"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("service at a location")
        verbose_name_plural = _("services at locations")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "location"], name="service_at_location_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service} @ {self.location}"


class Schedule(models.Model):
    """Weekly opening hours of a service (at a location), or an exception on a date.

    A weekly row has ``weekday`` (1 Monday … 7 Sunday); an exception has ``date``
    and is either closed all day or open at other hours.
    """

    hsds_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="schedules"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="schedules",
    )
    weekday = models.PositiveSmallIntegerField(
        _("day of the week"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(7)],
    )
    date = models.DateField(_("date (exception)"), null=True, blank=True)
    closed = models.BooleanField(_("closed all day"), default=False)
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(_("closes at"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    notes = models.CharField(_("notes"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["service", "weekday", "date", "opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(weekday__isnull=False, date__isnull=True)
                    | models.Q(weekday__isnull=True, date__isnull=False)
                ),
                name="schedule_weekday_or_date",
                violation_error_message=_(
                    "Opening hours are for a day of the week or for one date."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(opens_at__isnull=True)
                | models.Q(closes_at__isnull=True)
                | models.Q(closes_at__gt=models.F("opens_at")),
                name="schedule_closes_after_opens",
                violation_error_message=_(
                    "The closing time must be after the opening time."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.weekday or self.date} {self.opens_at}-{self.closes_at}"


class Phone(models.Model):
    hsds_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    number = models.CharField(_("number"), max_length=40)
    extension = models.CharField(_("extension"), max_length=10, blank=True)
    type = models.CharField(_("type"), max_length=20, blank=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    languages = models.ManyToManyField(Language, blank=True, related_name="+")

    class Meta:
        verbose_name = _("phone")
        verbose_name_plural = _("phones")

    def __str__(self) -> str:
        return self.number


class Contact(models.Model):
    hsds_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    title = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.name or self.email or self.phone
