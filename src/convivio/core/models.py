"""Shared records: places, organisations, code lists, users and their memberships."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .text import fold


def pick_translation(
    rows: Sequence[Any],
    language: str | None,
    original: str,
    language_of: Callable[[Any], str] = attrgetter("language_id"),
) -> Any | None:
    """The row in ``language``, else the original's, else any (rows or dicts)."""
    for row in rows:
        if language and language_of(row) == language:
            return row
    for row in rows:
        if language_of(row) == original:
            return row
    return rows[0] if rows else None


class User(AbstractUser):
    """A person with an account; what they may do comes from groups and memberships."""

    email = models.EmailField(_("e-mail address"), unique=True)
    #: Notifications not yet read, kept with the account (community's
    #: notifications move it) so that the menu of every page shows it without
    #: a query: the account is loaded for the request anyway.
    unread_notifications = models.PositiveIntegerField(default=0, editable=False)

    if TYPE_CHECKING:
        # What the permission checks remember on the person for one request.
        _convivio_is_moderator: bool
        _convivio_editor_of: set[int]
        _convivio_reporter_of: set[int]
        _convivio_team_territories: set[int]
        _convivio_translates: bool
        _convivio_network_roles: dict[int, str]

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    def display_name(self) -> str:
        return self.get_full_name() or self.username


class Language(models.Model):
    """A content language (BCP 47 code)."""

    code = models.CharField(_("code"), max_length=16, primary_key=True)
    name = models.CharField(_("name"), max_length=64)
    native_name = models.CharField(_("native name"), max_length=64, blank=True)
    rtl = models.BooleanField(_("written right to left"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        return self.name


class TerritoryQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args: Any, **kwargs: Any):
        # bulk_create skips save(): fold the names here too.
        objs = list(objs)
        for territory in objs:
            territory.name_key = fold(territory.name)[:200]
        return super().bulk_create(objs, *args, **kwargs)


class Territory(models.Model):
    """A place in the tree country → region → province → municipality."""

    class Kind(models.TextChoices):
        COUNTRY = "country", _("country")
        REGION = "region", _("region")
        PROVINCE = "province", _("province")
        MUNICIPALITY = "municipality", _("municipality")

    name = models.CharField(_("name"), max_length=200)
    #: The name folded (see ``core.text.fold``), kept by ``save()``: names are
    #: matched and searched on it, ignoring case and accents.
    name_key = models.CharField(max_length=200, db_index=True, editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    #: ISO 3166-1 alpha-2 for countries, ISO 3166-2 for subdivisions.
    iso_code = models.CharField(_("ISO 3166 code"), max_length=8, blank=True)
    #: The country's alpha-2 code, kept on every level so filters need no tree walk.
    country_code = models.CharField(_("country code"), max_length=2, db_index=True)
    nuts_code = models.CharField(_("NUTS or LAU code"), max_length=16, blank=True)
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

    objects = TerritoryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        constraints = [
            models.UniqueConstraint(
                fields=["iso_code"],
                condition=~models.Q(iso_code=""),
                name="territory_unique_iso_code",
            ),
        ]

    def __str__(self) -> str:
        # What a reader sees (choices, pages); code that stores or matches a
        # place uses ``name``.
        return self.label

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_key = fold(self.name)[:200]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)

    @property
    def label(self) -> str:
        """The name in the reader's language: a country's from pycountry's
        catalogues; a region's or town's own name as it is."""
        if self.kind != self.Kind.COUNTRY:
            return self.name
        from .languages import country_name

        return country_name(self.iso_code, self.name)

    #: Which kinds may sit directly under each kind (provinces are optional).
    CHILD_KINDS: dict[str, tuple[str, ...]] = {
        Kind.COUNTRY: (Kind.REGION, Kind.PROVINCE, Kind.MUNICIPALITY),
        Kind.REGION: (Kind.PROVINCE, Kind.MUNICIPALITY),
        Kind.PROVINCE: (Kind.MUNICIPALITY,),
        Kind.MUNICIPALITY: (),
    }


class Theme(models.Model):
    """An area of intervention (employment, housing, health, …)."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the reader's language (the reference names are in the
        catalogues, see core/reference.py; one added in the admin shows as is)."""
        return gettext(self.name)


class TargetGroup(models.Model):
    """People a practice, measure or service is for (migrant women, youth, …)."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the reader's language (see Theme.label)."""
        return gettext(self.name)


# Imported here, not at the top: core.translation needs Language and
# pick_translation, defined above, and Organisation below is one of its records.
from .translation import TranslatedRecord, TranslationRow  # noqa: E402


def default_language_for(territory: Territory | None) -> str:
    """The language a record of ``territory`` is most likely written in: its
    country's (``reference.COUNTRY_LANGUAGES``) when the platform knows it,
    else English."""
    from .reference import COUNTRY_LANGUAGES

    code = COUNTRY_LANGUAGES.get(territory.country_code) if territory else None
    if code and Language.objects.filter(pk=code).exists():
        return code
    return "en"


class Organisation(TranslatedRecord):
    """One record per organisation, shared by practices, plans and the directory.

    Its name is a proper name and stays on the record; its description, which
    people write, lives in ``translations`` (``core.translation``), the original
    among them.
    """

    class Kind(models.TextChoices):
        PUBLIC_AUTHORITY = "public_authority", _("public authority")
        PUBLIC_SERVICE = "public_service", _("public service")
        NGO = "ngo", _("NGO")
        MIGRANT_ASSOCIATION = "migrant_association", _("migrant association")
        UNIVERSITY = "university", _("university or research centre")
        COMPANY = "company", _("company")
        INTERNATIONAL_BODY = "international_body", _("international body")
        NETWORK = "network", _("network")

    class Status(models.TextChoices):
        #: Shown in public (once something public refers to it, or nothing does).
        APPROVED = "approved", _("approved")
        #: Added by a member from a form: usable by that member at once, shown
        #: in public once a moderator approves it.
        PROPOSED = "proposed", _("proposed")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.APPROVED,
        db_index=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territory"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    languages = models.ManyToManyField(
        Language, verbose_name=_("languages"), blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("core:organisation_detail", args=[self.slug])

    def _fill_language(self) -> None:
        # Records made without one (forms, imports, the admin) get the
        # language of their place.
        if self.original_language_id is None:
            self.original_language_id = default_language_for(self.territory)

    def full_clean(self, *args: Any, **kwargs: Any) -> None:
        self._fill_language()
        super().full_clean(*args, **kwargs)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._fill_language()
        super().save(*args, **kwargs)


class OrganisationTranslation(TranslationRow):
    RECORD_FIELD = "organisation"
    TRANSLATED_FIELDS = ("description",)

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="translations"
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("organisation translation")
        verbose_name_plural = _("organisation translations")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "language"],
                name="organisation_translation_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} ({self.language_id})"


class MergeRecord(models.Model):
    """What every merge record holds besides the record kept and the one
    removed (``kept``, ``removed_id``, ``removed_name`` in each kind's model):
    how many records of each kind moved, who merged and when."""

    kept: models.Model
    removed_name: str
    #: {"Practices": 2, "Plans": 1, …}: how many records of each kind moved.
    moved = models.JSONField(_("records moved"), default=dict)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("merged by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    merged_at = models.DateTimeField(_("merged"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-merged_at", "-id"]

    def __str__(self) -> str:
        return f"{self.removed_name} → {self.kept}"


class TerritoryMerge(MergeRecord):
    """The record of a moderator merging a duplicate place into another: what was
    removed, what moved, who and when (and where the old address leads)."""

    kept = models.ForeignKey(
        Territory,
        verbose_name=_("place kept"),
        on_delete=models.CASCADE,
        related_name="merges",
    )
    removed_id = models.PositiveIntegerField(
        _("id of the place removed"), db_index=True
    )
    removed_name = models.CharField(_("name of the place removed"), max_length=200)

    class Meta(MergeRecord.Meta):
        verbose_name = _("place merge")
        verbose_name_plural = _("place merges")


class OrganisationMerge(MergeRecord):
    """The record of a moderator merging a duplicate organisation into another:
    what was removed, what moved, who and when."""

    kept = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation kept"),
        on_delete=models.CASCADE,
        related_name="merges",
    )
    removed_id = models.PositiveIntegerField(_("id of the organisation removed"))
    removed_name = models.CharField(
        _("name of the organisation removed"), max_length=200
    )
    removed_slug = models.SlugField(
        _("address of the organisation removed"), max_length=200, db_index=True
    )

    class Meta(MergeRecord.Meta):
        verbose_name = _("organisation merge")
        verbose_name_plural = _("organisation merges")


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    languages = models.ManyToManyField(
        Language, verbose_name=_("languages I read"), blank=True
    )
    bio = models.TextField(_("about me"), blank=True, max_length=2000)
    #: A code of settings.LANGUAGES, set by the language switch or the profile
    #: page and applied at sign-in; blank follows the browser.
    interface_language = models.CharField(
        _("interface language"), max_length=8, blank=True
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return str(self.user)


class Membership(models.Model):
    """A user's role in an organisation: editors keep its practices and services."""

    class Role(models.TextChoices):
        EDITOR = "editor", _("organisation editor")
        REPORTER = "reporter", _("reporter")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


class TerritoryTeamMembership(models.Model):
    """A user on the team of a territory: it owns the plans of that territory and
    of the places inside it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="territory_teams",
    )
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territory"),
        on_delete=models.CASCADE,
        related_name="team_memberships",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("territory team membership")
        verbose_name_plural = _("territory team memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "territory"], name="territory_team_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.territory}"


class ApiToken(models.Model):
    """A personal key for writing through the API; only its SHA-256 is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    #: First characters of the key, shown so that a person can tell keys apart.
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class TranslationRequest(models.Model):
    """A reader asks for a record in their language; the queue shows these first.

    ``kind`` is a key of the translatable kinds' registry (core.translation), so
    one table serves every kind of record; one request per person, record and
    language.
    """

    kind = models.CharField(_("kind of record"), max_length=40)
    record_id = models.PositiveBigIntegerField(_("record"))
    language = models.ForeignKey(
        Language, verbose_name=_("language"), on_delete=models.CASCADE, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="translation_requests",
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)

    class Meta:
        verbose_name = _("translation request")
        verbose_name_plural = _("translation requests")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "record_id", "language", "requested_by"],
                name="translation_request_unique",
            )
        ]
        indexes = [
            models.Index(
                fields=["kind", "language", "record_id"],
                name="translation_request_lookup",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.record_id} → {self.language_id}"


class MachineTranslationBudget(models.Model):
    """Characters of machine translation an organisation or a territory may send
    each month (services bill by the character); without one, no limit."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="machine_translation_budget",
    )
    territory = models.OneToOneField(
        Territory,
        verbose_name=_("territory"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="machine_translation_budget",
    )
    characters_per_month = models.PositiveBigIntegerField(_("characters per month"))
    #: The month ``used`` counts (its first day); a new month starts from zero.
    month = models.DateField(_("month"), null=True, blank=True)
    used = models.PositiveBigIntegerField(_("characters used this month"), default=0)

    class Meta:
        verbose_name = _("machine translation budget")
        verbose_name_plural = _("machine translation budgets")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(organisation__isnull=False, territory__isnull=True)
                    | models.Q(organisation__isnull=True, territory__isnull=False)
                ),
                name="mt_budget_one_owner",
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation or self.territory)


class MachineTranslationJob(models.Model):
    """One request to machine-translate a record (and its parts) into a language,
    run in the background; its progress is shown to the person who asked."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("translating")
        DONE = "done", pgettext_lazy("job status", "done")
        FAILED = "failed", _("failed")

    #: The translatable kind's key (core.translation registry).
    kind = models.CharField(_("kind"), max_length=40)
    record_id = models.PositiveBigIntegerField(_("record"))
    language = models.ForeignKey(
        Language, verbose_name=_("language"), on_delete=models.CASCADE, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="machine_translation_jobs",
    )
    budget = models.ForeignKey(
        MachineTranslationBudget,
        verbose_name=_("budget"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jobs",
    )
    engine = models.CharField(_("service"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    fields_total = models.PositiveIntegerField(_("fields to translate"), default=0)
    fields_done = models.PositiveIntegerField(_("fields translated"), default=0)
    characters = models.PositiveBigIntegerField(_("characters sent"), default=0)
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("machine translation job")
        verbose_name_plural = _("machine translation jobs")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["kind", "record_id", "language"], name="mt_job_lookup")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.record_id} → {self.language_id}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
