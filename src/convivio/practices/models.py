"""Good practices, their translations, moderation history, evaluations and collections.

Text that people write lives in translation rows (one per language, the original
among them); codes, numbers, dates and relations stay on the main row.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from convivio.core.models import Organisation, TargetGroup, Territory, Theme
from convivio.core.translation import TranslatedRecord, TranslationRow

YEAR_VALIDATORS = [MinValueValidator(1945), MaxValueValidator(2100)]


class Practice(TranslatedRecord):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("practice status", "draft")
        IN_REVIEW = "in_review", _("in review")
        PUBLISHED = "published", pgettext_lazy("practice status", "published")
        ARCHIVED = "archived", _("archived")

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    country = models.ForeignKey(
        Territory,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="practices_in_country",
        limit_choices_to={"kind": Territory.Kind.COUNTRY},
    )
    territories = models.ManyToManyField(
        Territory,
        verbose_name=_("places"),
        blank=True,
        related_name="practices",
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True)
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True
    )
    organisations = models.ManyToManyField(
        Organisation,
        through="PracticeOrganisation",
        verbose_name=_("organisations"),
        related_name="practices",
    )
    beneficiaries_count = models.PositiveIntegerField(
        _("number of beneficiaries"), null=True, blank=True
    )
    funding_programme = models.CharField(
        _("funding programme"), max_length=200, blank=True
    )
    funding_amount = models.DecimalField(
        _("funding amount"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    funding_currency = models.CharField(
        _("currency"), max_length=3, blank=True, default="EUR"
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    #: Lower-case original title, kept by the services for sorting by title.
    sort_title = models.CharField(max_length=120, blank=True, db_index=True)
    #: Where the record came from: a document's name and the place in it.
    source_document = models.CharField(_("source document"), max_length=255, blank=True)
    source_locator = models.CharField(
        _("place in the source"), max_length=255, blank=True
    )
    #: Stable key of demo or ingested records, so that loading again changes nothing.
    source_key = models.CharField(max_length=100, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices_submitted",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(
        pgettext_lazy("date", "published"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"]),
            models.Index(fields=["status", "country", "-published_at", "-id"]),
            models.Index(fields=["status", "start_year"]),
            models.Index(fields=["status", "original_language"]),
            models.Index(fields=["status", "sort_title", "id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__isnull=True)
                | models.Q(start_year__isnull=True)
                | models.Q(end_year__gte=models.F("start_year")),
                name="practice_end_year_after_start",
                violation_error_message=_(
                    "The end year cannot be before the start year."
                ),
            ),
        ]
        permissions = [("moderate_practice", _("Can moderate practices"))]

    def __str__(self) -> str:
        translation = self.original_translation()
        return translation.title if translation else f"Practice {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("practices:detail", args=[self.pk])

    @property
    def years(self) -> str:
        if self.start_year and self.end_year and self.end_year != self.start_year:
            return f"{self.start_year}–{self.end_year}"
        return str(self.start_year or self.end_year or "")


class PracticeTranslation(TranslationRow):
    RECORD_FIELD = "practice"
    TRANSLATED_FIELDS = (
        "title",
        "summary",
        "description",
        "aims",
        "phases",
        "activities",
        "beneficiaries",
        "results",
        "success_conditions",
        "difficulties",
        "transferability",
    )

    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, related_name="translations"
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), max_length=1000)
    description = models.TextField(_("description"), max_length=50000, blank=True)
    aims = models.JSONField(_("aims"), default=list, blank=True)
    #: Methodology as ordered phases: [{"title": …, "text": …}, …]
    phases = models.JSONField(_("phases"), default=list, blank=True)
    activities = models.TextField(_("activities"), max_length=20000, blank=True)
    beneficiaries = models.TextField(_("beneficiaries"), max_length=5000, blank=True)
    results = models.TextField(_("results"), max_length=20000, blank=True)
    success_conditions = models.TextField(
        _("conditions for success"), max_length=10000, blank=True
    )
    difficulties = models.TextField(
        _("difficulties and lessons"), max_length=10000, blank=True
    )
    transferability = models.TextField(
        _("transferability"), max_length=10000, blank=True
    )

    class Meta:
        verbose_name = _("practice translation")
        verbose_name_plural = _("practice translations")
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "language"], name="practice_translation_unique"
            )
        ]

    def __str__(self) -> str:
        return self.title


class PracticeOrganisation(models.Model):
    class Role(models.TextChoices):
        IMPLEMENTING = "implementing", _("implementing organisation")
        PARTNER = "partner", pgettext_lazy("role in a practice", "partner")
        FUNDER = "funder", _("funder")

    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, related_name="organisation_roles"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="practice_roles"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)

    class Meta:
        ordering = ["role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "organisation", "role"],
                name="practice_organisation_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class PracticeFacet(models.Model):
    """One facet value of a practice (a theme, its country, a year, …).

    A copy of the relations of published practices in one narrow table, kept by
    the services, so that the list's counts come from a single indexed pass.
    """

    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, related_name="facets"
    )
    facet = models.CharField(max_length=24)
    value = models.CharField(max_length=64)

    class Meta:
        indexes = [
            models.Index(
                fields=["practice", "facet", "value"], name="practice_facet_covering"
            ),
            # Counting the whole library: a scan of this index, grouped as it goes.
            models.Index(fields=["facet", "value", "practice"], name="facet_value_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.practice_id} {self.facet}={self.value}"


class PracticeLink(models.Model):
    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, related_name="links"
    )
    url = models.URLField(_("address"), max_length=500)
    title = models.CharField(_("title"), max_length=200, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title or self.url


class PracticeEvent(models.Model):
    """One step of a practice's moderation history: who did what, when."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        EDITED = "edited", _("edited")
        SUBMITTED = "submitted", _("submitted for review")
        PUBLISHED = "published", pgettext_lazy("practice event", "published")
        RETURNED = "returned", _("returned to draft")
        ARCHIVED = "archived", _("archived")
        EVALUATED = "evaluated", _("evaluated")

    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    comment = models.TextField(_("comment"), blank=True, max_length=5000)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("moderation event")
        verbose_name_plural = _("moderation history")

    def __str__(self) -> str:
        return f"{self.get_action_display()} – {self.created_at:%Y-%m-%d}"


SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]
EVALUATION_CRITERIA = (
    "relevance",
    "effectiveness",
    "sustainability",
    "transferability",
    "participation",
    "gender_perspective",
)


class PracticeEvaluation(models.Model):
    """A reviewer's scores (1–5) of a practice against the six criteria."""

    CRITERIA = EVALUATION_CRITERIA

    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, related_name="evaluations"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    relevance = models.PositiveSmallIntegerField(
        _("relevance"), validators=SCORE_VALIDATORS
    )
    effectiveness = models.PositiveSmallIntegerField(
        _("effectiveness"), validators=SCORE_VALIDATORS
    )
    sustainability = models.PositiveSmallIntegerField(
        _("sustainability"), validators=SCORE_VALIDATORS
    )
    transferability = models.PositiveSmallIntegerField(
        _("transferability"), validators=SCORE_VALIDATORS
    )
    participation = models.PositiveSmallIntegerField(
        _("participation of the people concerned"), validators=SCORE_VALIDATORS
    )
    gender_perspective = models.PositiveSmallIntegerField(
        _("gender perspective"), validators=SCORE_VALIDATORS
    )
    comment = models.TextField(_("comment"), blank=True, max_length=5000)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "reviewer"], name="evaluation_one_per_reviewer"
            ),
            *[
                models.CheckConstraint(
                    condition=models.Q(**{f"{c}__gte": 1, f"{c}__lte": 5}),
                    name=f"evaluation_{c}_1_to_5",
                )
                for c in EVALUATION_CRITERIA
            ],
        ]

    def __str__(self) -> str:
        return f"{self.practice_id} by {self.reviewer_id}"

    @property
    def average(self) -> float:
        return sum(getattr(self, c) for c in self.CRITERIA) / len(self.CRITERIA)


class Collection(TranslatedRecord):
    """A curated set of practices with an introduction and recommendations (their
    text in ``translations``).  A draft (a booklet made from an event's
    outcomes) is read by its creator and moderators only until a moderator
    publishes it."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("collection status", "draft")
        PUBLISHED = "published", pgettext_lazy("collection status", "published")

    practices = models.ManyToManyField(
        Practice, through="CollectionItem", related_name="collections"
    )
    source_key = models.CharField(max_length=100, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.PUBLISHED,
        db_index=True,
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("collection")
        verbose_name_plural = _("collections")

    def __str__(self) -> str:
        row = self.translation_for()
        return row.title if row else f"Collection {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("practices:collection_detail", args=[self.pk])


class CollectionTranslation(TranslationRow):
    RECORD_FIELD = "collection"
    TRANSLATED_FIELDS = ("title", "introduction", "recommendations")

    collection = models.ForeignKey(
        Collection, on_delete=models.CASCADE, related_name="translations"
    )
    title = models.CharField(_("title"), max_length=300)
    introduction = models.TextField(_("introduction"), blank=True, max_length=50000)
    #: One string per recommendation, in order.
    recommendations = models.JSONField(_("recommendations"), default=list, blank=True)

    class Meta:
        verbose_name = _("collection translation")
        verbose_name_plural = _("collection translations")
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "language"],
                name="collection_translation_unique",
            )
        ]

    def __str__(self) -> str:
        return self.title


class CollectionItem(models.Model):
    collection = models.ForeignKey(
        Collection, on_delete=models.CASCADE, related_name="items"
    )
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "practice"], name="collection_item_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.collection_id}#{self.position}: {self.practice_id}"
