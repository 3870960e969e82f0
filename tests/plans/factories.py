"""Builders for plan tests: rows written directly, so that each test of a service
or a page starts from a known plan without depending on other services."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from convivio.core.models import Organisation, Territory
from convivio.plans.cells import cell_key
from convivio.plans.models import (
    Dimension,
    DimensionValue,
    Indicator,
    IndicatorDimension,
    IndicatorTranslation,
    Observation,
    ObservationValue,
    Plan,
    PlanNode,
    PlanNodeTranslation,
    PlanTranslation,
    Responsibility,
)
from convivio.plans.periods import parse_period


def make_territory(name: str, country: str = "PT", parent=None) -> Territory:
    country_row = Territory.objects.get(iso_code=country)
    territory, _ = Territory.objects.get_or_create(
        name=name,
        defaults={
            "kind": Territory.Kind.MUNICIPALITY,
            "parent": parent or country_row,
            "country_code": country,
        },
    )
    return territory


def make_plan(
    territory: Territory,
    *,
    title: str = "Municipal plan for the integration of migrants",
    status: str = Plan.Status.MONITORING,
    start_year: int = 2024,
    end_year: int = 2026,
    organisation: Organisation | None = None,
    language: str = "en",
) -> Plan:
    plan = Plan.objects.create(
        territory=territory,
        organisation=organisation,
        status=status,
        start_year=start_year,
        end_year=end_year,
        original_language_id=language,
    )
    PlanTranslation.objects.create(plan=plan, language_id=language, title=title)
    return plan


def make_node(
    plan: Plan,
    title: str,
    *,
    kind: str = PlanNode.Kind.MEASURE,
    parent: PlanNode | None = None,
    code: str = "",
    position: int | None = None,
    **fields,
) -> PlanNode:
    if position is None:
        position = PlanNode.objects.filter(plan=plan, parent=parent).count()
    if kind == PlanNode.Kind.MEASURE:
        fields.setdefault("status", PlanNode.Status.PLANNED)
    node = PlanNode.objects.create(
        plan=plan,
        parent=parent,
        kind=kind,
        code=code,
        position=position,
        original_language_id=plan.original_language_id,
        **fields,
    )
    PlanNodeTranslation.objects.create(
        node=node, language_id=plan.original_language_id, title=title
    )
    return node


def make_responsibility(
    node: PlanNode, organisation: Organisation, role: str = "lead"
) -> Responsibility:
    return Responsibility.objects.create(
        node=node, organisation=organisation, role=role
    )


def make_indicator(
    node: PlanNode,
    name: str,
    *,
    dimensions: dict[str, list[str]] | None = None,
    **fields,
) -> Indicator:
    """An indicator; ``dimensions`` maps a platform dimension slug to value codes."""
    fields.setdefault("unit", "people")
    indicator = Indicator.objects.create(
        plan=node.plan,
        node=node,
        original_language_id=node.plan.original_language_id,
        position=node.indicators.count(),
        **fields,
    )
    IndicatorTranslation.objects.create(
        indicator=indicator, language_id=node.plan.original_language_id, name=name
    )
    for position, (slug, codes) in enumerate((dimensions or {}).items()):
        dimension = Dimension.objects.get(slug=slug, territory=None)
        link = IndicatorDimension.objects.create(
            indicator=indicator, dimension=dimension, position=position
        )
        link.values.set(
            DimensionValue.objects.filter(dimension=dimension, code__in=codes)
        )
    return indicator


def make_observation(
    indicator: Indicator,
    period: str,
    value: Decimal | int | None,
    *,
    cells: dict[tuple[tuple[str, str], ...], int] | None = None,
    status: str = Observation.Status.VALIDATED,
    narrative: str = "",
    organisation: Organisation | None = None,
    reported_by=None,
) -> Observation:
    parsed = parse_period(period)
    observation = Observation.objects.create(
        indicator=indicator,
        period=parsed.key,
        period_start=parsed.start,
        period_end=parsed.end,
        value=None if value is None else Decimal(value),
        narrative=narrative,
        status=status,
        organisation=organisation,
        reported_by=reported_by,
        reported_at=datetime(parsed.end.year, 12, 31, tzinfo=UTC),
    )
    ObservationValue.objects.bulk_create(
        ObservationValue(
            observation=observation, cell=cell_key(dict(pairs)), value=Decimal(v)
        )
        for pairs, v in (cells or {}).items()
    )
    return observation


__all__ = ["date", "make_indicator", "make_node", "make_observation", "make_plan"]
