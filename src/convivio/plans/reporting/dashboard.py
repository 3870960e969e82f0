"""The plan dashboard: what a plan's data adds up to, read in a fixed number of queries.

``plan_dashboard`` reads the plan's live tree, indicators, targets, the
observations of its years and the cells of each indicator's latest value — ten
queries whatever the size of the plan — and returns a ``Dashboard`` with its
charts already drawn.  It is cached on (plan, data version, language, public or
team, submitted values included or not, year, day), so a page, the PDF and the
DOCX made from one version of the data share one computation.

Traffic lights of measures (``traffic_light``), on a given day:

- grey: dropped;
- no data: planned, without dates and without progress — nobody has said
  anything about it since the plan was written, so it is not "on track";
- red: not done and its end date (or, without one, the plan's last day) has
  passed;
- amber: planned (not started) and its start date has passed;
- green: everything else — done, in progress within its time frame, or planned
  to start later.

Once a plan has ended, its lights are its final state: green is done, red is
not finished, grey dropped, and "no data" never reported.

Progress of an indicator is computed as docs/monitoring.md ("How progress is
computed") says: the latest value against the final target, and apart against
the milestone of that value's period (``progress_percent``, ``target_reached``).

Only validated observations count in public.  The territory team may include
submitted values ("include submitted"); returned values never count.  Breakdowns
of indicators that count people are suppressed for everybody but the team
(see ``suppression``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from operator import itemgetter
from typing import Any, cast

from django.utils import timezone
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from convivio.core import caching, charts
from convivio.core.models import pick_translation
from convivio.core.numbers import readable_number
from convivio.core.suppression import display, hidden_keys, threshold_for

from ..cells import cell_values
from ..models import (
    DimensionValue,
    Indicator,
    IndicatorDimension,
    IndicatorTranslation,
    Observation,
    ObservationValue,
    Plan,
    PlanNode,
    PlanNodeTranslation,
    Target,
)
from ..permissions import AnyUser, can_see_small_cells
from ..tree import live_tree, of_values

#: Part of the cache keys: raise it when ``Dashboard`` or what is drawn from it
#: changes, so that a shared cache never serves a board of the old shape.
SCHEMA = 3

LIGHT_KEYS = ("green", "amber", "red", "grey", "nodata")
STATUS_KEYS = ("planned", "in_progress", "done", "dropped")


def light_labels(*, ended: bool = False) -> list[tuple[str, str]]:
    """(light, label); an ended plan's lights are its final state."""
    if ended:
        return [
            ("green", pgettext("measure status", "done")),
            ("red", _("not finished")),
            ("grey", _("dropped")),
            ("nodata", _("no data")),
        ]
    return [
        ("green", _("on track")),
        ("amber", _("late to start")),
        ("red", _("overdue")),
        ("grey", _("dropped")),
        ("nodata", _("no data")),
    ]


def status_labels() -> list[tuple[str, str]]:
    return [(key, str(label)) for key, label in PlanNode.Status.choices]


def traffic_light(
    status: str,
    start: date | None,
    end: date | None,
    today: date,
    *,
    progress: int | None = None,
    plan_end: date | None = None,
) -> str:
    """The light of a measure on ``today``: green, amber, red, grey or nodata.

    ``plan_end`` (the plan's last day) stands for the end of a measure without
    one; after it, an unfinished measure is red.
    """
    status = status or PlanNode.Status.PLANNED
    if status == PlanNode.Status.DROPPED:
        return "grey"
    if status == PlanNode.Status.DONE:
        return "green"
    if (
        status == PlanNode.Status.PLANNED
        and start is None
        and end is None
        and progress is None
    ):
        # What a plan's text or the editor's defaults give: nobody reported on it.
        return "nodata"
    end = end or plan_end
    if end is not None and end < today:
        return "red"
    if status == PlanNode.Status.PLANNED and start is not None and start < today:
        return "amber"
    return "green"


def progress_percent(
    baseline: Decimal | None,
    latest: Decimal | None,
    target: Decimal | None,
    direction: str,
) -> float | None:
    """How far the latest value went from the baseline to the target, in %:
    (latest − baseline) / (target − baseline) × 100, for either direction.

    Above 100 the target is passed; below 0 the value moved away from it.
    Without a baseline, an increase starts from 0 and a decrease cannot be
    measured (None).  When the baseline is the target, it is 100 once the
    target is reached and 0 before.  For "keep at the target", 100 is on target
    and every 1 % off it costs 1 %.  See docs/monitoring.md.
    """
    if latest is None or target is None:
        return None
    if direction == Indicator.Direction.MAINTAIN:
        if target == 0:
            return 100.0 if latest == 0 else 0.0
        return round(max(0.0, 100 - float(abs(latest - target) / abs(target)) * 100), 1)
    if baseline is None:
        if direction == Indicator.Direction.DECREASE:
            return None
        baseline = Decimal(0)
    if target == baseline:
        return 100.0 if target_reached(latest, target, direction) else 0.0
    return round(float((latest - baseline) / (target - baseline)) * 100, 1)


def target_reached(
    latest: Decimal | None, target: Decimal | None, direction: str
) -> bool | None:
    """Whether ``latest`` meets ``target``: at or above it (higher is better), at
    or below it (lower is better), equal to it (keep); None without both."""
    if latest is None or target is None:
        return None
    if direction == Indicator.Direction.DECREASE:
        return latest <= target
    if direction == Indicator.Direction.MAINTAIN:
        return latest == target
    return latest >= target


@dataclass
class MeasureRow:
    id: int
    code: str
    title: str
    area_id: int | None
    status: str
    status_label: str
    light: str
    progress: int | None
    start: date | None
    end: date | None
    duration_note: str
    priority: int | None
    needs_financing: bool
    financing_rank: int | None
    budget_amount: Decimal | None
    budget_currency: str
    funding_source: str
    budget_note: str


@dataclass
class AreaRow:
    id: int | None
    code: str
    title: str
    measures: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    by_light: dict[str, int] = field(default_factory=dict)
    needs_financing: int = 0

    @property
    def label(self) -> str:
        return f"{self.code} {self.title}".strip()

    @property
    def status_row(self) -> list[int]:
        """Measures of each status, in the order of ``STATUS_KEYS``."""
        return [self.by_status.get(key, 0) for key in STATUS_KEYS]


@dataclass
class BreakdownItem:
    code: str
    label: str
    value: Decimal | None
    hidden: bool = False
    threshold: int = 5

    @property
    def shown(self) -> str:
        return display(self.value, hidden=self.hidden, threshold=self.threshold)


@dataclass
class Breakdown:
    slug: str
    name: str
    items: list[BreakdownItem]
    chart: str = ""


@dataclass
class SeriesPoint:
    observation_id: int
    period: str
    start: date
    end: date
    value: Decimal | None
    narrative: str
    status: str
    cells_complete: bool
    target: Decimal | None = None


@dataclass
class CellTarget:
    """The target of one disaggregation cell for the latest period, and the
    value of that cell (the latest value's cells that match it, summed)."""

    key: str
    label: str
    target: Decimal
    value: Decimal | None
    percent: float | None
    reached: bool | None
    #: The value is not shown to the public: a small count of people, or a
    #: crossing of several dimensions (the public sees one dimension at a time).
    hidden: bool = False
    threshold: int = 5

    @property
    def target_text(self) -> str:
        return readable_number(self.target)

    @property
    def shown(self) -> str:
        if self.hidden and "|" in self.key:
            return "–"  # a crossing is never published, small or not
        return display(self.value, hidden=self.hidden, threshold=self.threshold)


@dataclass
class IndicatorRow:
    id: int
    code: str
    name: str
    definition: str
    unit: str
    kind: str
    direction: str
    direction_label: str
    frequency: str
    node_id: int
    node_code: str
    node_title: str
    area_id: int | None
    baseline: Decimal | None
    baseline_date: date | None
    target: Decimal | None
    target_date: date | None
    #: (slug, name, counts people) of each dimension, in the indicator's order.
    dimensions: list[tuple[str, str, bool]]
    counts_people: bool
    series: list[SeriesPoint] = field(default_factory=list)
    latest: SeriesPoint | None = None
    #: Progress of the latest value towards the final target (``target``), in %.
    percent: float | None = None
    #: The target set for the latest value's period (a milestone on the way),
    #: with the latest value's progress towards it.
    milestone: Decimal | None = None
    milestone_percent: float | None = None
    milestone_reached: bool | None = None
    #: The final target is met by the latest value.
    reached: bool | None = None
    cell_targets: list[CellTarget] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)
    suppressed: bool = False
    progress_svg: str = ""
    series_svg: str = ""

    @property
    def is_quantitative(self) -> bool:
        return self.kind == Indicator.Kind.QUANTITATIVE

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}".strip()

    @property
    def latest_text(self) -> str:
        return readable_number(self.latest.value) if self.latest else "–"

    @property
    def baseline_text(self) -> str:
        return readable_number(self.baseline)

    @property
    def final_target_text(self) -> str:
        return readable_number(self.target)

    @property
    def milestone_text(self) -> str:
        return readable_number(self.milestone)

    def _with_unit(self, value: Decimal | None) -> str:
        text = readable_number(value)
        return f"{text} {self.unit}" if self.unit and value is not None else text

    @property
    def final_target_label(self) -> str:
        """The final target with its unit: "140 people"."""
        return self._with_unit(self.target)

    @property
    def milestone_label(self) -> str:
        return self._with_unit(self.milestone)

    @property
    def milestone_period(self) -> str:
        if self.milestone is None or self.latest is None:
            return ""
        return self.latest.period


@dataclass
class Dashboard:
    plan_id: int
    data_version: int
    language: str
    public: bool
    include_submitted: bool
    year: int | None
    threshold: int
    today: date
    #: None when the plan does not state its period.
    first_year: int | None
    last_year: int | None
    #: The plan's last year is over: the lights are its final state.
    ended: bool
    statuses: list[tuple[str, str]]
    lights: list[tuple[str, str]]
    status_totals: dict[str, int]
    light_totals: dict[str, int]
    areas: list[AreaRow]
    measures: list[MeasureRow]
    indicators: list[IndicatorRow]
    budget_by_area: list[tuple[str, Decimal]]
    budget_by_source: list[tuple[str, Decimal]]
    budget_total: dict[str, Decimal]
    budget_notes: list[MeasureRow]
    financing: list[MeasureRow]
    undated: list[MeasureRow]
    status_svg: str = ""
    lights_svg: str = ""
    gantt_svg: str = ""
    budget_area_svg: str = ""
    budget_source_svg: str = ""

    @property
    def measure_count(self) -> int:
        return len(self.measures)

    @property
    def has_values(self) -> bool:
        """Any indicator has a value (of those this view counts)."""
        return any(row.series for row in self.indicators)

    @property
    def value_years(self) -> list[int]:
        """Years with at least one validated value: the monitoring reports offered."""
        return sorted(
            {
                point.start.year
                for row in self.indicators
                for point in row.series
                if point.status == Observation.Status.VALIDATED
            }
        )

    @property
    def light_summary(self) -> list[tuple[str, str, int]]:
        """(light, label, measures) for each traffic light ("no data" only when
        some measure has it)."""
        return [
            (k, label, self.light_totals.get(k, 0))
            for k, label in self.lights
            if k != "nodata" or self.light_totals.get(k)
        ]

    @property
    def status_summary(self) -> list[tuple[str, str, int]]:
        """(status, label, measures) for each status."""
        return [(k, label, self.status_totals.get(k, 0)) for k, label in self.statuses]

    def indicators_of_area(self, area_id: int | None) -> list[IndicatorRow]:
        return [row for row in self.indicators if row.area_id == area_id]

    def measures_of_area(self, area_id: int | None) -> list[MeasureRow]:
        return [row for row in self.measures if row.area_id == area_id]


def _live_tree(plan: Plan) -> tuple[list[dict], dict[int, int | None]]:
    """Live nodes in reading order, and the area (top node) of each."""
    rows = list(
        PlanNode.objects.filter(plan=plan, deleted_at__isnull=True).values(
            "id",
            "parent_id",
            "position",
            "kind",
            "code",
            "status",
            "progress",
            "start_date",
            "end_date",
            "duration_note",
            "priority",
            "needs_financing",
            "financing_rank",
            "budget_amount",
            "budget_currency",
            "funding_source",
            "budget_note",
            "original_language_id",
        )
    )
    ordered: list[dict] = []
    area_of: dict[int, int | None] = {}
    tree = live_tree(rows, of_values)
    kinds = {entry.pk: entry.node["kind"] for entry in tree}
    for entry in tree:
        ordered.append(entry.node)
        # The area is the top node, when it is one (a plan may start with measures).
        area = entry.root_id if kinds[entry.root_id] == PlanNode.Kind.AREA else None
        area_of[entry.pk] = area
    return ordered, area_of


def _build(
    plan: Plan,
    *,
    public: bool,
    include_submitted: bool,
    language: str,
    year: int | None,
    today: date,
) -> Dashboard:
    threshold = threshold_for(plan)
    nodes, area_of = _live_tree(plan)
    titles: dict[int, list[dict]] = defaultdict(list)
    for text in PlanNodeTranslation.objects.filter(
        node__plan=plan, node__deleted_at__isnull=True
    ).values("node_id", "language_id", "title"):
        titles[text["node_id"]].append(text)

    def title_of(node: dict) -> str:
        row = pick_translation(
            titles[node["id"]],
            language,
            node["original_language_id"],
            itemgetter("language_id"),
        )
        return row["title"] if row else ""

    node_by_id = {node["id"]: node for node in nodes}
    status_names = dict(status_labels())
    plan_end = date(plan.end_year, 12, 31) if plan.end_year else None
    ended = plan_end is not None and plan_end < today
    areas: dict[int | None, AreaRow] = {}
    for node in nodes:
        if node["parent_id"] is None and node["kind"] == PlanNode.Kind.AREA:
            areas[node["id"]] = AreaRow(node["id"], node["code"], title_of(node))
    measures: list[MeasureRow] = []
    for node in nodes:
        if node["kind"] != PlanNode.Kind.MEASURE:
            continue
        status = node["status"] or PlanNode.Status.PLANNED
        light = traffic_light(
            status,
            node["start_date"],
            node["end_date"],
            today,
            progress=node["progress"],
            plan_end=plan_end,
        )
        if ended and light in ("green", "amber") and status != PlanNode.Status.DONE:
            # Still "running" past the plan's end (an end date beyond it): the
            # final state counts it as not finished.
            light = "red"
        row = MeasureRow(
            id=node["id"],
            code=node["code"],
            title=title_of(node),
            area_id=area_of[node["id"]],
            status=status,
            status_label=status_names.get(status, status),
            light=light,
            progress=node["progress"],
            start=node["start_date"],
            end=node["end_date"],
            duration_note=node["duration_note"],
            priority=node["priority"],
            needs_financing=node["needs_financing"],
            financing_rank=node["financing_rank"],
            budget_amount=node["budget_amount"],
            budget_currency=node["budget_currency"] or "EUR",
            funding_source=node["funding_source"],
            budget_note=node["budget_note"],
        )
        measures.append(row)
        if row.area_id not in areas:
            areas[row.area_id] = AreaRow(None, "", _("Without an area"))
        area = areas[row.area_id]
        area.measures += 1
        area.by_status[status] = area.by_status.get(status, 0) + 1
        area.by_light[row.light] = area.by_light.get(row.light, 0) + 1
        area.needs_financing += row.needs_financing

    status_totals = dict.fromkeys(STATUS_KEYS, 0)
    light_totals = dict.fromkeys(LIGHT_KEYS, 0)
    for row in measures:
        status_totals[row.status] = status_totals.get(row.status, 0) + 1
        light_totals[row.light] += 1

    # Budget per area and per funding source, one sum per currency.
    currencies = {row.budget_currency for row in measures if row.budget_amount}
    several = len(currencies) > 1
    by_area: dict[str, Decimal] = defaultdict(Decimal)
    by_source: dict[str, Decimal] = defaultdict(Decimal)
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for row in measures:
        if not row.budget_amount:
            continue
        suffix = f" ({row.budget_currency})" if several else ""
        by_area[areas[row.area_id].label + suffix] += row.budget_amount
        source = row.funding_source or _("Source not stated")
        by_source[source + suffix] += row.budget_amount
        totals[row.budget_currency] += row.budget_amount
    financing = sorted(
        (row for row in measures if row.needs_financing),
        key=lambda r: (r.financing_rank is None, r.financing_rank or 0, r.code),
    )

    indicators = _indicators(
        plan,
        node_by_id=node_by_id,
        area_of=area_of,
        title_of=title_of,
        public=public,
        include_submitted=include_submitted,
        language=language,
        year=year,
        threshold=threshold,
    )

    board = Dashboard(
        plan_id=plan.pk,
        data_version=plan.data_version,
        language=language,
        public=public,
        include_submitted=include_submitted,
        year=year,
        threshold=threshold,
        today=today,
        first_year=plan.start_year,
        last_year=plan.end_year,
        ended=ended,
        statuses=status_labels(),
        lights=light_labels(ended=ended),
        status_totals=status_totals,
        light_totals=light_totals,
        areas=[area for area in areas.values() if area.measures or area.id],
        measures=measures,
        indicators=indicators,
        budget_by_area=list(by_area.items()),
        budget_by_source=sorted(by_source.items(), key=lambda item: -item[1]),
        budget_total=dict(totals),
        budget_notes=[row for row in measures if row.budget_note],
        financing=financing,
        undated=[row for row in measures if not (row.start and row.end)],
    )
    _draw(board)
    return board


def _indicators(
    plan: Plan,
    *,
    node_by_id: dict[int, dict],
    area_of: dict[int, int | None],
    title_of,
    public: bool,
    include_submitted: bool,
    language: str,
    year: int | None,
    threshold: int,
) -> list[IndicatorRow]:
    records = [
        record
        for record in Indicator.objects.filter(
            plan=plan, deleted_at__isnull=True
        ).values(
            "id",
            "node_id",
            "position",
            "code",
            "kind",
            "unit",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "direction",
            "frequency",
            "original_language_id",
        )
        if record["node_id"] in node_by_id
    ]
    names: dict[int, list[dict]] = defaultdict(list)
    for name_row in IndicatorTranslation.objects.filter(indicator__plan=plan).values(
        "indicator_id", "language_id", "name", "definition"
    ):
        names[name_row["indicator_id"]].append(name_row)
    dimensions: dict[int, list] = defaultdict(list)
    dimension_ids: set[int] = set()
    for link in IndicatorDimension.objects.filter(indicator__plan=plan).select_related(
        "dimension"
    ):
        dimensions[link.indicator_id].append(link.dimension)
        dimension_ids.add(link.dimension_id)
    labels: dict[tuple[int, str], tuple[int, str]] = {}
    for dimension_value in DimensionValue.objects.filter(
        dimension_id__in=dimension_ids
    ).values("dimension_id", "code", "label", "position"):
        labels[dimension_value["dimension_id"], dimension_value["code"]] = (
            dimension_value["position"],
            dimension_value["label"],
        )
    statuses = [Observation.Status.VALIDATED]
    if include_submitted and not public:
        statuses.append(Observation.Status.SUBMITTED)
    series: dict[int, list[SeriesPoint]] = defaultdict(list)
    within = (
        {
            "period_start__gte": date(cast(int, plan.start_year), 1, 1),
            "period_end__lte": date(cast(int, plan.end_year), 12, 31),
        }
        if plan.has_period
        else {}
    )
    for raw in (
        Observation.objects.filter(indicator__plan=plan, status__in=statuses, **within)
        .order_by("indicator_id", "period_start", "period_end")
        .values(
            "id",
            "indicator_id",
            "period",
            "period_start",
            "period_end",
            "value",
            "narrative",
            "status",
            "cells_complete",
        )
    ):
        series[raw["indicator_id"]].append(
            SeriesPoint(
                observation_id=raw["id"],
                period=raw["period"],
                start=raw["period_start"],
                end=raw["period_end"],
                value=raw["value"],
                narrative=raw["narrative"],
                status=raw["status"],
                cells_complete=raw["cells_complete"],
            )
        )
    targets: dict[int, dict[str, Decimal]] = defaultdict(dict)
    #: indicator → period → [(cell key, target)]
    cell_targets: dict[int, dict[str, list[tuple[str, Decimal]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for target_row in Target.objects.filter(indicator__plan=plan).values(
        "indicator_id", "period", "cell", "value"
    ):
        if target_row["cell"]:
            cell_targets[target_row["indicator_id"]][target_row["period"]].append(
                (target_row["cell"], target_row["value"])
            )
        else:
            targets[target_row["indicator_id"]][target_row["period"]] = target_row[
                "value"
            ]

    rows: list[IndicatorRow] = []
    latest_ids: dict[int, IndicatorRow] = {}
    direction_names = dict(Indicator.Direction.choices)
    order = {node_id: index for index, node_id in enumerate(node_by_id)}
    dims_of: dict[int, list] = {}
    for record in sorted(
        records, key=lambda r: (order[r["node_id"]], r["position"], r["id"])
    ):
        text = pick_translation(
            names[record["id"]],
            language,
            record["original_language_id"],
            itemgetter("language_id"),
        )
        node = node_by_id[record["node_id"]]
        dims = dimensions.get(record["id"], [])
        row = IndicatorRow(
            id=record["id"],
            code=record["code"],
            name=text["name"] if text else "",
            definition=text["definition"] if text else "",
            unit=record["unit"],
            kind=record["kind"],
            direction=record["direction"],
            direction_label=str(direction_names.get(record["direction"], "")),
            frequency=record["frequency"],
            node_id=node["id"],
            node_code=node["code"],
            node_title=title_of(node),
            area_id=area_of[node["id"]],
            baseline=record["baseline_value"],
            baseline_date=record["baseline_date"],
            target=record["target_value"],
            target_date=record["target_date"],
            dimensions=[(d.slug, _(d.name), d.about_people) for d in dims],
            counts_people=any(d.about_people for d in dims),
        )
        row.series = series.get(row.id, [])
        for point in row.series:
            point.target = targets[row.id].get(point.period)
        chosen = row.series
        if year is not None:
            # A yearly report looks back from the end of its year.
            row.series = [p for p in row.series if p.start.year <= year]
            chosen = [p for p in row.series if p.start.year == year]
        row.latest = chosen[-1] if chosen else None
        if row.latest is not None:
            value = row.latest.value
            # Towards the final target and, apart, towards the milestone of the
            # latest value's period: a milestone met is not the plan's goal met.
            row.percent = progress_percent(
                row.baseline, value, row.target, row.direction
            )
            row.reached = target_reached(value, row.target, row.direction)
            row.milestone = row.latest.target
            row.milestone_percent = progress_percent(
                row.baseline, value, row.milestone, row.direction
            )
            row.milestone_reached = target_reached(value, row.milestone, row.direction)
            if dims:
                latest_ids[row.latest.observation_id] = row
        row.suppressed = public and row.counts_people
        dims_of[row.id] = dims
        rows.append(row)

    cells: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
    if latest_ids:
        for observation_id, key, value in ObservationValue.objects.filter(
            observation_id__in=list(latest_ids)
        ).values_list("observation_id", "cell", "value"):
            cells[observation_id].append((key, value))
    for observation_id, row in latest_ids.items():
        dims = dims_of[row.id]
        ids = {d.slug: d.id for d in dims}

        def label_of(slug: str, code: str, ids=ids) -> tuple[int, str]:
            return labels.get((ids[slug], code), (9999, code))

        row.breakdowns = breakdowns(
            cells.get(observation_id, []),
            row.dimensions,
            hide=row.suppressed,
            threshold=threshold,
            label_of=label_of,
        )
        row.cell_targets = cell_progress(
            cells.get(observation_id, []),
            # Only rows with a latest value are in latest_ids.
            cell_targets[row.id].get(cast(SeriesPoint, row.latest).period, []),
            row.breakdowns,
            direction=row.direction,
            hide=row.suppressed,
            threshold=threshold,
            label_of=label_of,
        )
    return rows


def cell_progress(
    cells: Iterable[tuple[str, Decimal]],
    targets: Iterable[tuple[str, Decimal]],
    shown: Sequence[Breakdown],
    *,
    direction: str,
    hide: bool,
    threshold: int,
    label_of: Callable[[str, str], tuple[int, str]] | None = None,
) -> list[CellTarget]:
    """Each cell target of a period against the value of that cell: the sum of
    the reported cells that match every dimension value the target names.

    A cell has no baseline (baselines are of the total), so its progress starts
    from 0.  When ``hide``, the public sees the value of a cell target on one
    dimension as its breakdown (``shown``) shows it, and never a crossing of
    several dimensions, so that no small cell can be worked out.
    """
    parsed = [(cell_values(key), value) for key, value in cells]
    hidden_codes = {
        (breakdown.slug, item.code)
        for breakdown in shown
        for item in breakdown.items
        if item.hidden
    }
    result = []
    for key, target in sorted(targets):
        wanted = cell_values(key)
        matching = [
            value
            for values, value in parsed
            if all(values.get(slug) == code for slug, code in wanted.items())
        ]
        value = sum(matching, Decimal(0)) if matching else None
        hidden = hide and (
            len(wanted) > 1
            or any((slug, code) in hidden_codes for slug, code in wanted.items())
        )
        label = " · ".join(
            label_of(slug, code)[1] if label_of else code
            for slug, code in wanted.items()
        )
        result.append(
            CellTarget(
                key=key,
                label=label,
                target=target,
                value=None if hidden else value,
                percent=None
                if hidden
                else progress_percent(None, value, target, direction),
                reached=None if hidden else target_reached(value, target, direction),
                hidden=hidden,
                threshold=threshold,
            )
        )
    return result


def breakdowns(
    cells: Iterable[tuple[str, Decimal]],
    dimensions: Sequence[tuple[str, str, bool]],
    *,
    hide: bool,
    threshold: int,
    label_of: Callable[[str, str], tuple[int, str]] | None = None,
) -> list[Breakdown]:
    """One breakdown per dimension (slug, name, counts people): the cells summed
    per value of that dimension, small values hidden when ``hide``.

    Values are ordered by their place in the code list (``label_of`` gives
    (position, label) of a code), else by code.
    """
    cells = list(cells)
    result: list[Breakdown] = []
    for slug, name, about_people in dimensions:
        sums: dict[str, Decimal] = defaultdict(Decimal)
        for key, value in cells:
            code = cell_values(key).get(slug)
            if code is not None:
                sums[code] += value
        hidden = hidden_keys(sums, threshold) if hide and about_people else set()
        items = []
        for code in sorted(
            sums, key=lambda c: label_of(slug, c) if label_of else (0, c)
        ):
            items.append(
                BreakdownItem(
                    code=code,
                    label=label_of(slug, code)[1] if label_of else code,
                    value=None if code in hidden else sums[code],
                    hidden=code in hidden,
                    threshold=threshold,
                )
            )
        if items:
            result.append(Breakdown(slug, name, items))
    return result


def _draw(board: Dashboard) -> None:
    """Every chart of the dashboard, drawn once."""
    names = dict(board.statuses)
    board.status_svg = charts.stacked_bars(
        [(area.label, area.by_status) for area in board.areas],
        [(key, names.get(key, key)) for key in STATUS_KEYS],
        title=_("Measures by status and area"),
    )
    board.lights_svg = charts.stacked_bars(
        [(area.label, area.by_light) for area in board.areas],
        board.lights,
        title=_("Measures on track, late or overdue, by area"),
    )
    board.gantt_svg = charts.gantt(
        [
            charts.GanttRow(
                label=f"{row.code} {row.title}".strip(),
                start=row.start,
                end=row.end,
                colour=row.light,
                tip=f"{row.code} {row.title}: {row.start} – {row.end}",
            )
            for row in board.measures
            if row.start and row.end
        ],
        title=_("Chronogram of the measures"),
        first_year=board.first_year,
        last_year=board.last_year,
        today=board.today,
    )
    board.budget_area_svg = charts.value_bars(
        board.budget_by_area, title=_("Budget per area")
    )
    board.budget_source_svg = charts.value_bars(
        board.budget_by_source, title=_("Budget per funding source")
    )
    for row in board.indicators:
        if not row.is_quantitative:
            continue
        if not row.series:
            continue  # the card says "no value yet"; empty charts say nothing more
        row.progress_svg = charts.progress_bar(
            title=_("%(indicator)s: from baseline to final target")
            % {"indicator": row.name},
            baseline=row.baseline,
            latest=row.latest.value if row.latest else None,
            target=row.target,
            percent=row.percent,
            unit=row.unit,
            milestone=row.milestone,
            milestone_label=row.milestone_period,
            # Where the milestone lies on the way from the baseline to the final target.
            milestone_at=progress_percent(
                row.baseline, row.milestone, row.target, row.direction
            ),
        )
        targets = {p.period: p.target for p in row.series if p.target is not None}
        row.series_svg = charts.line_chart(
            [(p.period, p.value) for p in row.series],
            title=_("%(indicator)s over time") % {"indicator": row.name},
            target=row.target,
            targets=targets or None,
            baseline=row.baseline,
        )
        for breakdown in row.breakdowns:
            breakdown.chart = charts.breakdown_bars(
                [(item.label, item.value, item.hidden) for item in breakdown.items],
                title=_("%(indicator)s by %(dimension)s")
                % {"indicator": row.name, "dimension": breakdown.name.lower()},
                threshold=board.threshold,
            )


def dashboard_view(
    plan: Plan,
    *,
    user: AnyUser,
    language: str | None = None,
    include_submitted: bool = False,
    year: int | None = None,
) -> tuple[dict[str, Any], bool, bool, str]:
    """What a dashboard shows ``user``, as (cache arguments for core.caching,
    public, with submitted values, language): the arguments name everything the
    figures depend on.  Its versions are the plan's data version and the day
    (lights and "latest" move with the date)."""
    public = not can_see_small_cells(user, plan)
    include_submitted = include_submitted and not public
    language = language or get_language() or plan.original_language_id
    today = timezone.localdate()
    cache_args = {
        "versions": (plan.data_version, today.isoformat()),
        "language": language,
        "params": (SCHEMA, plan.pk, int(public), int(include_submitted), year or ""),
    }
    return cache_args, public, include_submitted, language


def plan_dashboard(
    plan: Plan,
    *,
    user: AnyUser,
    language: str | None = None,
    include_submitted: bool = False,
    year: int | None = None,
) -> Dashboard:
    """The dashboard of ``plan`` as ``user`` may see it (small cells hidden from
    the public; submitted values only for the team, when asked for).

    ``year`` makes "latest" mean the latest period of that year (the yearly
    monitoring report); the time series still cover the plan's years.
    """
    cache_args, public, include_submitted, language = dashboard_view(
        plan,
        user=user,
        language=language,
        include_submitted=include_submitted,
        year=year,
    )
    return caching.get_or_build(
        "plans:dashboard",
        lambda: _build(
            plan,
            public=public,
            include_submitted=include_submitted,
            language=language,
            year=year,
            today=timezone.localdate(),
        ),
        **cache_args,
    )
