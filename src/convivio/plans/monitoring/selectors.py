"""Reads for the monitoring pages: what an indicator is disaggregated by, the
team's matrix of periods, the reporter's list, a period's form and the history.

Every function here runs a bounded number of queries whatever the size of the
plan (tests assert it with ``django_assert_max_num_queries``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from convivio.core.numbers import readable_number

from .. import permissions
from ..cells import all_cells, cell_key, cell_values
from ..models import (
    DimensionValue,
    Indicator,
    IndicatorDimension,
    Observation,
    ObservationRevision,
    ObservationValue,
    PeriodLock,
    Plan,
)
from ..periods import Period, parse_period, periods_between
from ..selectors import indicator_queryset, live_node_order


def number_text(value: Decimal | None) -> str:
    """57 for Decimal("57.0000"), 12.5 for Decimal("12.5000"), "" for None: for a
    form's input to read back; pages show ``readable_number``."""
    if value is None:
        return ""
    return format(value.normalize(), "f")


@dataclass(frozen=True)
class Axis:
    """One dimension of an indicator with the values it is reported for."""

    slug: str
    name: str
    about_people: bool
    values: tuple[tuple[str, str], ...]  # (code, label)

    @property
    def codes(self) -> list[str]:
        return [code for code, _label in self.values]

    def label(self, code: str) -> str:
        for value_code, label in self.values:
            if value_code == code:
                return label
        return code


def axes_for_indicators(
    indicators: Iterable[Indicator], *, territory_id: int | None = None
) -> dict[int, list[Axis]]:
    """The dimensions of each indicator, in the indicator's order (two queries).

    A dimension linked without chosen values is reported for all the list's
    values: the platform's and those the plan's territory added.
    """
    ids = [indicator.pk for indicator in indicators]
    result: dict[int, list[Axis]] = {pk: [] for pk in ids}
    if not ids:
        return result
    links = list(
        IndicatorDimension.objects.filter(indicator_id__in=ids)
        .select_related("dimension")
        .prefetch_related(
            Prefetch(
                "values",
                queryset=DimensionValue.objects.order_by("position", "label"),
            )
        )
        .order_by("indicator_id", "position", "id")
    )
    open_dimensions = {link.dimension_id for link in links if not link.values.all()}
    all_values: dict[int, list[DimensionValue]] = defaultdict(list)
    if open_dimensions:
        rows = DimensionValue.objects.filter(dimension_id__in=open_dimensions).filter(
            Q(territory__isnull=True) | Q(territory_id=territory_id)
        )
        for row in rows.order_by("dimension_id", "position", "label"):
            all_values[row.dimension_id].append(row)
    for link in links:
        values = list(link.values.all()) or all_values[link.dimension_id]
        result[link.indicator_id].append(
            Axis(
                slug=link.dimension.slug,
                name=link.dimension.name,
                about_people=link.dimension.about_people,
                values=tuple((value.code, value.label) for value in values),
            )
        )
    return result


def indicator_axes(indicator: Indicator) -> list[Axis]:
    return axes_for_indicators([indicator], territory_id=indicator.plan.territory_id)[
        indicator.pk
    ]


def indicator_cells(axes: list[Axis]) -> list[str]:
    """Every cell key of an indicator (empty when it is not disaggregated)."""
    return all_cells((axis.slug, axis.codes) for axis in axes)


def small_cell_threshold(plan: Plan) -> int:
    """Cells of data about people below this are hidden in public views."""
    if plan.small_cell_threshold is not None:
        return plan.small_cell_threshold
    return settings.CONVIVIO_SMALL_CELL_THRESHOLD


def cell_label(key: str, axes: list[Axis]) -> str:
    """ "Women · 25 to 34" for "age=25-34|sex=F", in the indicator's order."""
    values = cell_values(key)
    return " · ".join(
        axis.label(values[axis.slug]) for axis in axes if axis.slug in values
    )


def indicator_periods(indicator: Indicator, plan: Plan) -> list[Period]:
    start, end = plan.start_year, plan.end_year
    if start is None or end is None:
        return []  # no reporting periods until the plan's years are given
    return periods_between(start, end, indicator.frequency)


def period_lock_for(locks: Iterable[PeriodLock], period: Period) -> PeriodLock | None:
    """The lock covering ``period``: a year's lock covers its quarters and months."""
    for lock in locks:
        if lock.start <= period.start and period.end <= lock.end:
            return lock
    return None


def _indicators_with_nodes() -> QuerySet[Indicator]:
    """The shared indicator read, with the plan and node the monitoring pages name."""
    return (
        indicator_queryset()
        .select_related("plan", "node")
        .prefetch_related(
            "node__translations",
            "node__responsibilities__organisation",
        )
    )


def plan_indicators(plan: Plan) -> list[Indicator]:
    """The plan's live indicators in the order of its tree (bounded queries)."""
    return _in_tree_order(list(_indicators_with_nodes().filter(plan=plan)))


def _in_tree_order(indicators: list[Indicator]) -> list[Indicator]:
    """The indicators whose node is in the live tree, in the order of the tree."""
    order = live_node_order({i.plan_id for i in indicators})
    shown = [i for i in indicators if i.node_id in order]
    shown.sort(key=lambda i: (i.plan_id, order[i.node_id], i.position, i.pk))
    return shown


def reportable_indicators(user, plan: Plan) -> list[Indicator]:
    """The plan's indicators the user may report: all for its team."""
    indicators = plan_indicators(plan)
    if permissions.can_edit_plan(user, plan):
        return indicators
    return [i for i in indicators if permissions.reporting_organisations_for(user, i)]


# --- the team's monitoring page ---------------------------------------------------


@dataclass
class PeriodStatus:
    period: Period
    observation: Observation | None
    locked: bool

    @property
    def status(self) -> str:
        return self.observation.status if self.observation else "missing"


@dataclass
class MatrixRow:
    indicator: Indicator
    name: str
    axes: list[Axis]
    years: list[list[PeriodStatus]]  # one list per year of the plan


@dataclass
class QueueItem:
    observation: Observation
    indicator: Indicator
    name: str
    cells: list[tuple[str, str, bool]]  # (label, value, small)

    @property
    def value_text(self) -> str:
        return readable_number(self.observation.value)


@dataclass
class MonitoringPage:
    plan: Plan
    title: str
    years: list[int]
    rows: list[MatrixRow]
    queue: list[QueueItem]
    locks: list[PeriodLock]
    counts: dict[str, int] = field(default_factory=dict)
    threshold: int = 5


def _name(indicator: Indicator, language: str | None) -> str:
    row = indicator.translation_for(language)
    return row.name if row else str(indicator.pk)


def observations_by_key(
    indicators: Iterable[Indicator], *, with_cells: bool = False
) -> dict[tuple[int, str], Observation]:
    ids = [i.pk for i in indicators]
    if not ids:
        return {}
    queryset = Observation.objects.filter(indicator_id__in=ids).select_related(
        "reported_by", "organisation"
    )
    if with_cells:
        queryset = queryset.prefetch_related(
            Prefetch("cells", queryset=ObservationValue.objects.order_by("cell"))
        )
    return {(o.indicator_id, o.period): o for o in queryset}


def monitoring_page(*, plan: Plan, language: str | None) -> MonitoringPage:
    """The team's view: indicators × periods, the queue to validate, the locks."""
    indicators = plan_indicators(plan)
    axes = axes_for_indicators(indicators, territory_id=plan.territory_id)
    observations = observations_by_key(indicators, with_cells=True)
    locks = list(plan.locks.select_related("locked_by").order_by("start", "end"))
    threshold = small_cell_threshold(plan)
    years = list(plan.years)
    rows: list[MatrixRow] = []
    counts = {"missing": 0, "submitted": 0, "validated": 0, "returned": 0}
    queue: list[QueueItem] = []
    today = timezone.localdate()
    for indicator in indicators:
        by_year: dict[int, list[PeriodStatus]] = {year: [] for year in years}
        for period in indicator_periods(indicator, plan):
            observation = observations.get((indicator.pk, period.key))
            item = PeriodStatus(
                period, observation, period_lock_for(locks, period) is not None
            )
            by_year[period.start.year].append(item)
            if observation is not None:
                counts[observation.status] += 1
            elif period.end < today:
                counts["missing"] += 1
        name = _name(indicator, language)
        rows.append(
            MatrixRow(indicator, name, axes[indicator.pk], [by_year[y] for y in years])
        )
    for (indicator_id, _period), observation in sorted(
        observations.items(), key=lambda kv: (kv[1].reported_at, kv[1].pk)
    ):
        if observation.status != Observation.Status.SUBMITTED:
            continue
        indicator = next(i for i in indicators if i.pk == indicator_id)
        indicator_axes_ = axes[indicator_id]
        people = any(a.about_people for a in indicator_axes_)
        queue.append(
            QueueItem(
                observation=observation,
                indicator=indicator,
                name=_name(indicator, language),
                cells=[
                    (
                        cell_label(c.cell, indicator_axes_),
                        readable_number(c.value),
                        people and 0 < c.value < threshold,
                    )
                    for c in observation.cells.all()
                ],
            )
        )
    title_row = plan.translation_for(language)
    return MonitoringPage(
        plan=plan,
        title=title_row.title if title_row else str(plan.pk),
        years=years,
        rows=rows,
        queue=queue,
        locks=locks,
        counts=counts,
        threshold=threshold,
    )


def plan_for_monitoring(pk: int) -> Plan:
    return Plan.objects.prefetch_related("translations").get(pk=pk)


# --- the reporter's list -----------------------------------------------------------


@dataclass
class ReporterIndicator:
    indicator: Indicator
    name: str
    periods: list[PeriodStatus]  # the periods begun so far, latest first


@dataclass
class ReporterPlan:
    plan: Plan
    title: str
    indicators: list[ReporterIndicator]


def reporter_indicators(
    *, user, language: str | None, today: date | None = None
) -> list[ReporterPlan]:
    """Only the indicators the user may report as a reporter, grouped by plan."""
    organisations = permissions.reporter_organisation_ids(user)
    if not organisations:
        return []
    today = today or timezone.localdate()
    indicators = list(
        _indicators_with_nodes()
        .filter(
            Q(reporting_organisation_id__in=organisations)
            | Q(
                reporting_organisation__isnull=True,
                node__responsibilities__organisation_id__in=organisations,
            )
        )
        .exclude(plan__status=Plan.Status.CLOSED)
        .prefetch_related("plan__translations")
        .distinct()
    )
    indicators = _in_tree_order(indicators)
    observations = observations_by_key(indicators)
    plan_ids = {i.plan_id for i in indicators}
    locks_by_plan: dict[int, list[PeriodLock]] = defaultdict(list)
    for lock in PeriodLock.objects.filter(plan_id__in=plan_ids):
        locks_by_plan[lock.plan_id].append(lock)
    grouped: dict[int, ReporterPlan] = {}
    for indicator in indicators:
        plan = indicator.plan
        if plan.pk not in grouped:
            row = plan.translation_for(language)
            grouped[plan.pk] = ReporterPlan(plan, row.title if row else "", [])
        periods = [
            PeriodStatus(
                period,
                observations.get((indicator.pk, period.key)),
                period_lock_for(locks_by_plan[plan.pk], period) is not None,
            )
            for period in indicator_periods(indicator, plan)
            if period.start <= today
        ]
        periods.reverse()
        grouped[plan.pk].indicators.append(
            ReporterIndicator(indicator, _name(indicator, language), periods)
        )
    return sorted(grouped.values(), key=lambda p: (-(p.plan.start_year or 0), p.title))


# --- one period's form ---------------------------------------------------------------


def indicator_for_report(pk: int) -> Indicator:
    """An indicator with what the permission checks and the form read."""
    return (
        Indicator.objects.filter(deleted_at__isnull=True, node__deleted_at__isnull=True)
        .select_related("plan", "node", "reporting_organisation")
        .prefetch_related(
            "translations",
            "plan__translations",
            "node__translations",
            "node__responsibilities",
        )
        .get(pk=pk)
    )


def observation_for(indicator: Indicator, period: str) -> Observation | None:
    return (
        Observation.objects.filter(indicator=indicator, period=period)
        .select_related("reported_by", "validated_by", "organisation")
        .prefetch_related("cells")
        .first()
    )


@dataclass
class GridCell:
    key: str
    field_name: str


@dataclass
class GridRow:
    label: str
    cells: list[GridCell]


@dataclass
class Grid:
    """A table of cells: rows of the first dimension, columns of the second."""

    title: str
    columns: list[str]
    rows: list[GridRow]


def cell_field_name(key: str) -> str:
    return f"cell:{key}"


def report_grids(axes: list[Axis]) -> list[Grid]:
    """The form's grids: one table, or one per combination of the further dimensions."""
    if not axes:
        return []
    first = axes[0]
    second = axes[1] if len(axes) > 1 else None
    further = axes[2:]
    grids: list[Grid] = []
    for combo in all_cells((axis.slug, axis.codes) for axis in further) or [""]:
        fixed = cell_values(combo)
        title = cell_label(combo, further) if combo else ""
        rows: list[GridRow] = []
        for code, label in first.values:
            cells: list[GridCell] = []
            for column_code in second.codes if second else [""]:
                values = {first.slug: code, **fixed}
                if second:
                    values[second.slug] = column_code
                key = cell_key(values)
                cells.append(GridCell(key, cell_field_name(key)))
            rows.append(GridRow(label, cells))
        columns = [label for _code, label in second.values] if second else []
        grids.append(Grid(title, columns, rows))
    return grids


# --- history ------------------------------------------------------------------------


def indicator_history(indicator: Indicator) -> list[Observation]:
    """Every observation of the indicator with every revision, newest period first."""
    return list(
        Observation.objects.filter(indicator=indicator)
        .select_related("reported_by", "validated_by", "organisation")
        .prefetch_related(
            Prefetch(
                "revisions",
                queryset=ObservationRevision.objects.select_related("user").order_by(
                    "-version", "-id"
                ),
            )
        )
        .order_by("-period_start", "-period_end")
    )


def parse_period_or_none(text: str) -> Period | None:
    try:
        return parse_period(text)
    except ValueError:
        return None
