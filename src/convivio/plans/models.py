"""Local action plans, their tree of areas, objectives and measures, indicators and
the observations partners report for them.

Text that people write lives in translation rows (one per language, the original
among them); codes, numbers, dates and relations stay on the main row.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from convivio.core.models import Organisation, Territory, Theme
from convivio.core.translation import TranslatedRecord, TranslationRow
from convivio.practices.models import Practice

YEAR_VALIDATORS = [MinValueValidator(1945), MaxValueValidator(2100)]


class PlanTemplate(models.TextChoices):
    BLANK = "blank", _("blank plan")
    PMII = "pmii", _("Portuguese municipal plan (13 areas)")
    ENFEM = "enfem", _("EnFeM local plan (5 axes)")


class Plan(TranslatedRecord):
    if TYPE_CHECKING:
        # Set by the plan list for the title it shows, and that title's language.
        shown_title: str
        shown_language: str

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("plan status", "draft")
        ADOPTED = "adopted", _("adopted")
        MONITORING = "monitoring", _("monitoring")
        CLOSED = "closed", pgettext_lazy("plan status", "closed")

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territory"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("issuing organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans_issued",
    )
    #: Both empty when the plan does not state its period (many local plans
    #: don't): "period not stated", no reporting periods until a person gives it.
    start_year = models.PositiveSmallIntegerField(
        _("first year"), validators=YEAR_VALIDATORS, null=True, blank=True
    )
    end_year = models.PositiveSmallIntegerField(
        _("last year"), validators=YEAR_VALIDATORS, null=True, blank=True
    )
    template = models.CharField(
        _("template"),
        max_length=16,
        choices=PlanTemplate.choices,
        default=PlanTemplate.BLANK,
    )
    #: The plan this one continues (made by "duplicate for the next period").
    previous = models.ForeignKey(
        "self",
        verbose_name=_("previous plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_plans",
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True)
    #: Where the record came from: a document's name and the place in it.
    source_document = models.CharField(_("source document"), max_length=255, blank=True)
    source_locator = models.CharField(
        _("place in the source"), max_length=255, blank=True
    )
    #: Stable key of demo or ingested records, so that loading again changes nothing.
    source_key = models.CharField(max_length=100, blank=True, db_index=True)
    #: Cells of disaggregated data about people smaller than this are hidden in
    #: public views and exports; ``None`` uses CONVIVIO_SMALL_CELL_THRESHOLD.
    small_cell_threshold = models.PositiveSmallIntegerField(
        _("smallest published cell"), null=True, blank=True
    )
    #: Bumped by every write to the plan, its tree, indicators or observations;
    #: cached dashboards and charts are keyed on it.
    data_version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plans_created",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = [models.F("start_year").desc(nulls_last=True), "id"]
        indexes = [models.Index(fields=["status", "territory"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_year__isnull=True)
                | models.Q(end_year__gte=models.F("start_year")),
                name="plan_end_year_after_start",
                violation_error_message=_(
                    "The last year cannot be before the first year."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(start_year__isnull=True, end_year__isnull=True)
                | models.Q(start_year__isnull=False, end_year__isnull=False),
                name="plan_period_both_or_neither",
                violation_error_message=_(
                    "Give both the first and the last year, or neither when the "
                    "plan does not state its period."
                ),
            ),
        ]

    def __str__(self) -> str:
        row = self.translation_for()
        return row.title if row else f"Plan {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        """Draft plans are seen by their team only; every other status is public."""
        return self.status != self.Status.DRAFT

    @property
    def has_period(self) -> bool:
        return self.start_year is not None and self.end_year is not None

    @property
    def years(self) -> range:
        """The plan's years; none when its period is not stated."""
        start, end = self.start_year, self.end_year
        if start is None or end is None:
            return range(0)
        return range(start, end + 1)

    def covers_year(self, year: int) -> bool:
        return year in self.years

    @property
    def period(self) -> str:
        if not self.has_period:
            return gettext("period not stated")
        if self.start_year == self.end_year:
            return str(self.start_year)
        return f"{self.start_year}–{self.end_year}"


class PlanTranslation(TranslationRow):
    RECORD_FIELD = "plan"
    TRANSLATED_FIELDS = ("title", "summary", "general_objectives", "transversal_axes")

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="translations"
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), max_length=5000, blank=True)
    #: Markdown: the plan's general objectives, usually a numbered list.
    general_objectives = models.TextField(
        _("general objectives"), max_length=20000, blank=True
    )
    #: Markdown: the transversal axes (territory, gender, youth, …).
    transversal_axes = models.TextField(
        _("transversal axes"), max_length=20000, blank=True
    )

    class Meta:
        verbose_name = _("plan translation")
        verbose_name_plural = _("plan translations")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "language"], name="plan_translation_unique"
            )
        ]

    def __str__(self) -> str:
        return self.title


class PlanNode(TranslatedRecord):
    """One node of a plan's ordered tree: an area or axis, an objective, a measure."""

    class Kind(models.TextChoices):
        AREA = "area", _("area or axis")
        GENERAL_OBJECTIVE = "general_objective", _("general objective")
        OBJECTIVE = "objective", _("specific objective")
        MEASURE = "measure", _("measure or action")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", pgettext_lazy("measure status", "done")
        DROPPED = "dropped", _("dropped")

    #: The fields only measures use (copied, exported and edited together).
    MEASURE_FIELDS = (
        "status",
        "progress",
        "priority",
        "needs_financing",
        "financing_rank",
        "budget_amount",
        "budget_currency",
        "funding_source",
        "budget_note",
        "start_date",
        "end_date",
        "duration_note",
    )

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="nodes")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    #: Order among siblings, from 0.
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    #: The code as the plan writes it: "2.11.3", "Action 2", "AXIS 1".
    code = models.CharField(_("code"), max_length=40, blank=True)
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("theme"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_nodes",
    )
    # What only measures use.
    priority = models.PositiveSmallIntegerField(
        _("priority level"),
        null=True,
        blank=True,
        choices=[(1, _("level 1")), (2, _("level 2"))],
    )
    needs_financing = models.BooleanField(_("needs financing"), default=False)
    financing_rank = models.PositiveSmallIntegerField(
        _("financing rank"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    budget_amount = models.DecimalField(
        _("budget"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    budget_currency = models.CharField(
        _("currency"), max_length=3, blank=True, default="EUR"
    )
    funding_source = models.CharField(_("funding source"), max_length=200, blank=True)
    budget_note = models.CharField(_("budget note"), max_length=300, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    #: A time frame stated in words, such as "up to two years".
    duration_note = models.CharField(_("stated duration"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, blank=True
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )
    practices = models.ManyToManyField(
        Practice,
        through="MeasurePractice",
        verbose_name=_("practices"),
        related_name="plan_nodes",
        blank=True,
    )
    organisations = models.ManyToManyField(
        Organisation,
        through="Responsibility",
        verbose_name=_("responsible entities"),
        related_name="plan_nodes",
        blank=True,
    )
    #: Deleted nodes are kept (with their indicators and observations) so that
    #: undo can bring them back; pages and exports skip them.
    deleted_at = models.DateTimeField(null=True, blank=True)
    #: Raised by every edit; an edit made from an older version is refused.
    version = models.PositiveIntegerField(default=1)
    source_locator = models.CharField(
        _("place in the source"), max_length=255, blank=True
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("plan node")
        verbose_name_plural = _("plan nodes")
        ordering = ["plan", "parent_id", "position", "id"]
        indexes = [models.Index(fields=["plan", "parent", "position"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="plan_node_end_after_start",
                violation_error_message=_("The end cannot be before the start."),
            ),
            models.CheckConstraint(
                condition=models.Q(financing_rank__isnull=True)
                | models.Q(needs_financing=True),
                name="plan_node_rank_needs_financing",
                violation_error_message=_(
                    "Only a measure that needs financing has a financing rank."
                ),
            ),
        ]

    def __str__(self) -> str:
        row = self.translation_for()
        title = row.title if row else ""
        return f"{self.code} {title}".strip() or f"Node {self.pk}"

    @property
    def is_measure(self) -> bool:
        return self.kind == self.Kind.MEASURE


class PlanNodeTranslation(TranslationRow):
    RECORD_FIELD = "node"
    TRANSLATED_FIELDS = ("title", "text")

    node = models.ForeignKey(
        PlanNode, on_delete=models.CASCADE, related_name="translations"
    )
    title = models.CharField(_("title"), max_length=1000)
    #: Markdown: explanation, description of the action, context.
    text = models.TextField(_("text"), max_length=50000, blank=True)

    class Meta:
        verbose_name = _("plan node translation")
        verbose_name_plural = _("plan node translations")
        constraints = [
            models.UniqueConstraint(
                fields=["node", "language"], name="plan_node_translation_unique"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Responsibility(models.Model):
    """An entity responsible for a measure, with its role and competences."""

    class Role(models.TextChoices):
        LEAD = "lead", _("lead")
        PARTNER = "partner", pgettext_lazy("role in a measure", "partner")

    node = models.ForeignKey(
        PlanNode, on_delete=models.CASCADE, related_name="responsibilities"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("entity"),
        on_delete=models.PROTECT,
        related_name="responsibilities",
    )
    role = models.CharField(
        _("role"), max_length=16, choices=Role.choices, default=Role.LEAD
    )
    competences = models.CharField(_("competences"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("responsible entity")
        verbose_name_plural = _("responsible entities")
        ordering = ["role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["node", "organisation"], name="responsibility_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class MeasurePractice(models.Model):
    """A practice of the library that inspires or implements a measure."""

    class Relation(models.TextChoices):
        INSPIRES = "inspires", _("inspires")
        IMPLEMENTS = "implements", _("implements")

    node = models.ForeignKey(
        PlanNode, on_delete=models.CASCADE, related_name="practice_links"
    )
    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, related_name="measure_links"
    )
    relation = models.CharField(
        _("relation"),
        max_length=16,
        choices=Relation.choices,
        default=Relation.INSPIRES,
    )

    class Meta:
        verbose_name = _("practice of a measure")
        verbose_name_plural = _("practices of measures")
        constraints = [
            models.UniqueConstraint(
                fields=["node", "practice"], name="measure_practice_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.node} – {self.practice}"


class Dimension(models.Model):
    """A code list to disaggregate indicators by: sex, age band, nationality, province…

    Platform lists have no territory; a territory team extends them with its own
    lists (and its own values of a platform list, such as its provinces).
    """

    slug = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territory"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="dimensions",
    )
    #: Whether its cells count people, and so are hidden when small in public.
    about_people = models.BooleanField(_("counts people"), default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("disaggregation dimension")
        verbose_name_plural = _("disaggregation dimensions")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                condition=models.Q(territory__isnull=True),
                name="dimension_platform_slug_unique",
            ),
            models.UniqueConstraint(
                fields=["slug", "territory"], name="dimension_territory_slug_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class DimensionValue(models.Model):
    dimension = models.ForeignKey(
        Dimension, on_delete=models.CASCADE, related_name="values"
    )
    #: Short code used in cell keys and files: "F", "25-34", "MA", "ES-SE".
    code = models.CharField(_("code"), max_length=20)
    label = models.CharField(_("label"), max_length=200)
    #: Values a territory team added to a platform list (its provinces…).
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territory"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("dimension value")
        verbose_name_plural = _("dimension values")
        ordering = ["dimension", "position", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "code"], name="dimension_value_unique"
            )
        ]

    def __str__(self) -> str:
        return self.label


class Indicator(TranslatedRecord):
    class Kind(models.TextChoices):
        QUANTITATIVE = "quantitative", _("quantitative")
        QUALITATIVE = "qualitative", _("qualitative")

    class Direction(models.TextChoices):
        INCREASE = "increase", _("higher is better")
        DECREASE = "decrease", _("lower is better")
        MAINTAIN = "maintain", _("keep at the target")

    class Frequency(models.TextChoices):
        YEARLY = "yearly", _("yearly")
        QUARTERLY = "quarterly", _("quarterly")
        MONTHLY = "monthly", _("monthly")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators")
    node = models.ForeignKey(
        PlanNode,
        verbose_name=_("measure or objective"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    position = models.PositiveIntegerField(default=0)
    code = models.CharField(_("code"), max_length=40, blank=True)
    kind = models.CharField(
        _("kind"), max_length=16, choices=Kind.choices, default=Kind.QUANTITATIVE
    )
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    target_value = models.DecimalField(
        _("target"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    direction = models.CharField(
        _("direction"),
        max_length=16,
        choices=Direction.choices,
        default=Direction.INCREASE,
    )
    frequency = models.CharField(
        _("reporting frequency"),
        max_length=16,
        choices=Frequency.choices,
        default=Frequency.YEARLY,
    )
    reporting_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("reporting organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators_reported",
    )
    dimensions = models.ManyToManyField(
        Dimension,
        through="IndicatorDimension",
        verbose_name=_("disaggregated by"),
        related_name="indicators",
        blank=True,
    )
    deleted_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["node", "position", "id"]
        indexes = [models.Index(fields=["plan", "node"])]

    def __str__(self) -> str:
        row = self.translation_for()
        return row.name if row else f"Indicator {self.pk}"

    @property
    def is_quantitative(self) -> bool:
        return self.kind == self.Kind.QUANTITATIVE


class IndicatorTranslation(TranslationRow):
    RECORD_FIELD = "indicator"
    TRANSLATED_FIELDS = ("name", "definition")

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="translations"
    )
    name = models.CharField(_("name"), max_length=1000)
    #: How it is measured, its source, what counts.
    definition = models.TextField(_("definition"), max_length=10000, blank=True)

    class Meta:
        verbose_name = _("indicator translation")
        verbose_name_plural = _("indicator translations")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "language"],
                name="indicator_translation_unique",
            )
        ]

    def __str__(self) -> str:
        return self.name


class IndicatorDimension(models.Model):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="indicator_dimensions"
    )
    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)
    #: The values reported for this indicator; empty means all of the list's.
    values = models.ManyToManyField(DimensionValue, blank=True, related_name="+")

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "dimension"], name="indicator_dimension_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} × {self.dimension}"


class Target(models.Model):
    """A target for one period and, where wanted, one disaggregation cell."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets"
    )
    period = models.CharField(_("period"), max_length=10)
    #: Canonical cell key ("age=25-34|sex=F"); empty for the total.
    cell = models.CharField(_("cell"), max_length=200, blank=True)
    value = models.DecimalField(_("target"), max_digits=16, decimal_places=4)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator", "period", "cell"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "cell"], name="target_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.period} {self.cell} {self.value}"


class Recommendation(TranslatedRecord):
    class Audience(models.TextChoices):
        STATE = "state", _("state administration")
        REGIONAL = "regional", _("regional administration")
        LOCAL = "local", _("local administration")
        SERVICE_PROVIDERS = "service_providers", _("service providers")
        CIVIL_SOCIETY = "civil_society", _("civil society")
        MIGRANT_ORGANISATIONS = "migrant_organisations", _("migrant organisations")
        POPULATION = "population", _("population")
        MEDIA = "media", _("media")
        EUROPEAN_COMMISSION = "european_commission", _("European Commission")

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="recommendations"
    )
    audience = models.CharField(_("addressed to"), max_length=32, choices=Audience)
    position = models.PositiveIntegerField(default=0)
    source_locator = models.CharField(
        _("place in the source"), max_length=255, blank=True
    )

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["plan", "position", "id"]

    def __str__(self) -> str:
        row = self.translation_for()
        return row.text[:80] if row else f"Recommendation {self.pk}"


class RecommendationTranslation(TranslationRow):
    RECORD_FIELD = "recommendation"
    TRANSLATED_FIELDS = ("text",)

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="translations"
    )
    text = models.TextField(_("recommendation"), max_length=10000)

    class Meta:
        verbose_name = _("recommendation translation")
        verbose_name_plural = _("recommendation translations")
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "language"],
                name="recommendation_translation_unique",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]


class PlanChange(models.Model):
    """One step of the editor's history, with what undo needs to reverse it.

    ``rows`` holds the state before the change of every row it touched:
    ``[{"model": "plans.plannode", "pk": 3, "fields": {...} | null}]`` where
    ``null`` means the row did not exist before (undo deletes it).
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="changes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    label = models.CharField(max_length=300)
    rows = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("plan change")
        verbose_name_plural = _("plan changes")
        ordering = ["-id"]
        indexes = [models.Index(fields=["plan", "undone_at", "-id"])]

    def __str__(self) -> str:
        return self.label


class PeriodLock(models.Model):
    """A reporting period the territory team closed: it takes no new values."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="locks")
    #: "2025", "2025-Q2" or "2025-03"; covers every shorter period inside it.
    period = models.CharField(_("period"), max_length=10)
    start = models.DateField()
    end = models.DateField()
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    locked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("locked period")
        verbose_name_plural = _("locked periods")
        ordering = ["plan", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "period"], name="period_lock_unique"
            )
        ]

    def __str__(self) -> str:
        return self.period


class Observation(models.Model):
    """An indicator's value for one period, with its cells where it is disaggregated.

    ``value`` is the total (or the single value); cell values are in
    ``ObservationValue``. Qualitative indicators report ``narrative`` instead.
    """

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        VALIDATED = "validated", _("validated")
        RETURNED = "returned", _("returned")

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="observations"
    )
    #: "2025", "2025-Q2" or "2025-03", after the indicator's frequency.
    period = models.CharField(_("period"), max_length=10)
    period_start = models.DateField()
    period_end = models.DateField()
    value = models.DecimalField(
        _("value"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    narrative = models.TextField(_("narrative"), max_length=20000, blank=True)
    #: False when the reporter said that not every cell is known, so cells may
    #: add up to less than the total.
    cells_complete = models.BooleanField(_("all cells known"), default=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.SUBMITTED,
    )
    #: The territory team's comment when it returns a value.
    comment = models.TextField(_("comment"), max_length=5000, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("reported for"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("reported"))
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("validated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    validated_at = models.DateTimeField(_("validated"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["indicator", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period"], name="observation_unique"
            )
        ]
        indexes = [
            models.Index(fields=["indicator", "status", "period_start"]),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period}"


class ObservationValue(models.Model):
    """One cell of a disaggregated observation.

    ``cell`` is the canonical key of the combination, dimension codes sorted:
    "age=25-34|nationality=MA|province=ES-SE".
    """

    observation = models.ForeignKey(
        Observation, on_delete=models.CASCADE, related_name="cells"
    )
    cell = models.CharField(max_length=200)
    value = models.DecimalField(max_digits=16, decimal_places=4)

    class Meta:
        verbose_name = _("observation cell")
        verbose_name_plural = _("observation cells")
        constraints = [
            models.UniqueConstraint(
                fields=["observation", "cell"], name="observation_value_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.cell}={self.value}"


class ObservationRevision(models.Model):
    """Every change of an observation, with the whole state after it."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        CHANGED = "changed", _("changed")
        VALIDATED = "validated", _("validated")
        RETURNED = "returned", _("returned")
        IMPORTED = "imported", _("imported")

    observation = models.ForeignKey(
        Observation, on_delete=models.CASCADE, related_name="revisions"
    )
    version = models.PositiveIntegerField()
    action = models.CharField(max_length=16, choices=Action.choices)
    #: {"value": "12", "narrative": "", "cells": {"sex=F": "7", …},
    #:  "cells_complete": true, "status": "submitted", "comment": ""}
    data = models.JSONField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("observation revision")
        verbose_name_plural = _("observation revisions")
        ordering = ["observation", "version"]

    def __str__(self) -> str:
        return f"{self.observation_id} v{self.version} {self.action}"
