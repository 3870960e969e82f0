"""Plans API: plans with their tree, indicators and observations.

Everybody reads public plans (every status but draft); a plan's team, and the
reporters of its entities, also read its drafts. Reads accept the browser's
session or a personal token; writing observations needs a token
(``Authorization: Bearer <key>``, made on the profile page).

For the public, disaggregated values about people are given per dimension
(never crossed) with small values hidden (``suppression.suppress``); the plan's
team, and the organisation that reported a value, see every cell.
"""

from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from operator import itemgetter
from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import Discriminator, Tag

from convivio.core.api import ErrorOut, PageOf, Pagination
from convivio.core.models import Organisation, Territory, User, pick_translation
from convivio.core.permissions import AnyUser
from convivio.core.suppression import suppress, threshold_for
from convivio.core.tokens import TokenAuth

from . import permissions
from .cells import cell_key, cell_values
from .models import (
    Indicator,
    MeasurePractice,
    Observation,
    ObservationValue,
    Plan,
    PlanNode,
    PlanNodeTranslation,
    PlanTranslation,
    Recommendation,
    Responsibility,
)
from .monitoring import services as monitoring
from .monitoring.selectors import Axis, axes_for_indicators
from .periods import PeriodError, parse_period
from .selectors import in_territories, indicator_queryset, live_node_order

# Reads take a token (a member sees more) or the browser's session; writes need
# a token (their own ``auth``).
router = Router(tags=["plans"], auth=TokenAuth(session=True))


class ApiRequest(HttpRequest):
    """A request as ``TokenAuth(session=True)`` leaves it: ``auth`` is the key's
    user, else the session's, signed in or not.

    Only an annotation for the type checker; ninja builds requests as always.
    """

    auth: AnyUser


class TokenApiRequest(HttpRequest):
    """A request behind ``TokenAuth()`` (writes): a key was required, ``auth``
    is its user.  Only an annotation, as ``ApiRequest``."""

    auth: User


MAX_CELLS = 5000


# --- Schemas ---------------------------------------------------------------------


class TerritoryRef(Schema):
    id: int
    name: str
    kind: str
    iso_code: str
    country_code: str


class OrganisationRef(Schema):
    id: int
    slug: str
    name: str


class PlanSummaryOut(Schema):
    id: int
    url: str
    title: str
    summary: str
    language: str = Field(description="Language of title and summary")
    status: str
    template: str
    start_year: int | None = Field(
        description="None when the plan does not state its period"
    )
    end_year: int | None
    territory: TerritoryRef
    organisation: OrganisationRef | None
    themes: list[str]
    updated_at: datetime


class ResponsibilityOut(Schema):
    organisation: OrganisationRef
    role: str
    competences: str


class PracticeLinkOut(Schema):
    practice_id: int
    url: str
    relation: str


class MeasureOut(Schema):
    priority: int | None
    needs_financing: bool
    financing_rank: int | None
    budget_amount: float | None
    budget_currency: str
    funding_source: str
    budget_note: str
    start_date: date | None
    end_date: date | None
    duration_note: str
    status: str
    progress: int | None


class NodeOut(Schema):
    id: int
    kind: str
    code: str
    title: str
    text: str
    language: str
    theme: str | None
    measure: MeasureOut | None = Field(description="Only on measures")
    responsible: list[ResponsibilityOut]
    practices: list[PracticeLinkOut]
    indicators: list[int] = Field(description="Ids of the node's indicators")
    children: list["NodeOut"]


NodeOut.model_rebuild()


class RecommendationOut(Schema):
    id: int
    audience: str
    text: str
    language: str


class PlanDetailOut(PlanSummaryOut):
    original_language: str
    languages: list[str]
    general_objectives: str
    transversal_axes: str
    source_document: str
    previous_id: int | None
    data_version: int
    nodes: list[NodeOut]
    recommendations: list[RecommendationOut]


class DimensionValueOut(Schema):
    code: str
    label: str


class DimensionOut(Schema):
    slug: str
    name: str
    about_people: bool
    values: list[DimensionValueOut]


class TargetOut(Schema):
    period: str
    cell: str = Field(description='Empty for the total, else "age=25-34|sex=F"')
    dimensions: dict[str, str]
    value: float


class IndicatorOut(Schema):
    id: int
    plan_id: int
    node_id: int
    node_code: str
    code: str
    name: str
    definition: str
    language: str
    kind: str
    unit: str
    baseline_value: float | None
    baseline_date: date | None
    target_value: float | None
    target_date: date | None
    direction: str
    frequency: str
    reporting_organisation: OrganisationRef | None
    dimensions: list[DimensionOut]
    targets: list[TargetOut]


class CellOut(Schema):
    cell: str
    dimensions: dict[str, str]
    value: float | None = Field(description="null when hidden")
    hidden: bool = Field(description="Too small to publish")


class ObservationOut(Schema):
    id: int
    indicator_id: int
    period: str
    period_start: date
    period_end: date
    value: float | None
    narrative: str
    status: str
    comment: str
    cells_complete: bool
    breakdown: Literal["none", "cells", "per_dimension"] = Field(
        description=(
            "cells: every combination of the dimensions; per_dimension: one "
            "breakdown per dimension, small values hidden (the public view of "
            "data about people)"
        )
    )
    cells: list[CellOut]
    organisation_id: int | None
    reported_at: datetime
    validated_at: datetime | None
    version: int


class LangQuery(Schema):
    lang: str = Field("", max_length=16, description="Preferred language of the texts")


class PlanQuery(LangQuery):
    territory: str = Field(
        "",
        max_length=16,
        description=(
            "A territory's id (its plans and those of the places inside it), an "
            "ISO 3166-1 country code (PT) or an ISO 3166-2 code (ES-AN)"
        ),
    )
    status: Plan.Status | None = None
    q: str = Field("", max_length=200, description="Words of the title or summary")


class ObservationQuery(LangQuery):
    period: str = Field("", max_length=10, description="2025, 2025-Q2 or 2025-03")
    status: Observation.Status | None = None


class PlanObservationQuery(ObservationQuery):
    indicator: int | None = Field(None, ge=1, description="An indicator's id")


class CellIn(Schema):
    dimensions: dict[str, str] = Field(
        ..., min_length=1, max_length=20, description='{"sex": "F", "age": "18-24"}'
    )
    value: Decimal


def _cells_form(value: object) -> str | None:
    if isinstance(value, dict):
        return "by_key"
    if isinstance(value, list):
        return "list"
    return None


CellsIn = Annotated[
    Annotated[dict[str, Decimal], Tag("by_key")] | Annotated[list[CellIn], Tag("list")],
    Discriminator(
        _cells_form,
        custom_error_type="cells_form",
        custom_error_message=(
            'cells is an object such as {"age=18-24|sex=F": 3} or a list such as '
            '[{"dimensions": {"sex": "F", "age": "18-24"}, "value": 3}]'
        ),
    ),
]


class ObservationIn(Schema):
    period: str = Field(..., max_length=10, description="2025, 2025-Q2 or 2025-03")
    value: Decimal | None = Field(None, description="The total, or the single value")
    narrative: str = Field("", max_length=20000)
    cells: CellsIn | None = Field(
        None,
        description=(
            'Values per cell: {"age=18-24|sex=F": 3} or '
            '[{"dimensions": {"sex": "F", "age": "18-24"}, "value": 3}]'
        ),
    )
    cells_complete: bool = Field(True, description="false when not every cell is known")
    version: int | None = Field(
        None,
        ge=0,
        description=(
            "The version you changed (0: you expect no value yet); refused with "
            "409 when the value changed meanwhile"
        ),
    )
    organisation: int | None = Field(
        None, ge=1, description="The organisation you report for, if you have several"
    )


# --- Helpers ---------------------------------------------------------------------


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _plan_url(plan_id: int) -> str:
    try:
        return reverse("plans:detail", args=[plan_id])
    except NoReverseMatch:  # the plan pages are not installed
        return ""


def _practice_url(practice_id: int) -> str:
    try:
        return reverse("practices:detail", args=[practice_id])
    except NoReverseMatch:
        return ""


def _organisation(org: Organisation | None) -> dict | None:
    if org is None:
        return None
    return {"id": org.id, "slug": org.slug, "name": org.name}


def _territory(territory: Territory) -> dict:
    return {
        "id": territory.id,
        "name": territory.name,
        "kind": territory.kind,
        "iso_code": territory.iso_code,
        "country_code": territory.country_code,
    }


def _plan_for(user, plan_id: int, *, prefetch: tuple[str, ...] = ()) -> Plan:
    plan = (
        Plan.objects.select_related("territory", "organisation")
        .prefetch_related(*prefetch)
        .filter(pk=plan_id)
        .first()
    )
    if plan is None or not permissions.can_view_plan(user, plan):
        raise HttpError(404, _("No such plan."))
    return plan


def _live_indicator_ids(plan_id: int) -> list[int]:
    """The plan's indicators that are not deleted, in the order of its tree."""
    tree = live_node_order([plan_id])
    rows = Indicator.objects.filter(
        plan_id=plan_id, deleted_at__isnull=True, node_id__in=sorted(tree)
    ).values_list("id", "node_id", "position")
    return [
        pk
        for pk, _node, _place in sorted(
            rows, key=lambda row: (tree[row[1]], row[2], row[0])
        )
    ]


def _indicator_for(
    user, indicator_id: int, *, prefetch: tuple[str, ...] = ()
) -> Indicator:
    indicator = (
        Indicator.objects.select_related(
            "plan__territory", "plan__organisation", "node", "reporting_organisation"
        )
        .prefetch_related(*prefetch)
        .filter(pk=indicator_id, deleted_at__isnull=True)
        .first()
    )
    if (
        indicator is None
        or not permissions.can_view_plan(user, indicator.plan)
        or indicator.node_id not in live_node_order([indicator.plan_id])
    ):
        raise HttpError(404, _("No such indicator."))
    return indicator


def _plan_summary(plan: Plan, language: str) -> dict[str, Any]:
    shown = plan.translation_for(language)
    return {
        "id": plan.id,
        "url": _plan_url(plan.id),
        "title": shown.title if shown else "",
        "summary": shown.summary if shown else "",
        "language": shown.language_id if shown else plan.original_language_id,
        "status": plan.status,
        "template": plan.template,
        "start_year": plan.start_year,
        "end_year": plan.end_year,
        "territory": _territory(plan.territory),
        "organisation": _organisation(plan.organisation),
        "themes": [theme.slug for theme in plan.themes.all()],
        "updated_at": plan.updated_at,
    }


def _territory_filter(value: str) -> Q:
    """Plans of a territory named by id or ISO code, as the plan list page reads
    them (``selectors.in_territories``: every level below)."""
    value = value.strip()
    if value.isdigit():
        places = Territory.objects.filter(pk=int(value))
    elif len(value) == 2 and value.isalpha():
        return Q(territory__country_code=value.upper())
    else:
        places = Territory.objects.filter(iso_code__iexact=value)
    return in_territories(places)


def _axes_out(axes: list[Axis]) -> list[dict]:
    return [
        {
            "slug": axis.slug,
            "name": axis.name,
            "about_people": axis.about_people,
            "values": [{"code": c, "label": label} for c, label in axis.values],
        }
        for axis in axes
    ]


def _indicator_out(
    indicator: Indicator, axes: list[Axis], language: str
) -> dict[str, Any]:
    shown = indicator.translation_for(language)
    return {
        "id": indicator.id,
        "plan_id": indicator.plan_id,
        "node_id": indicator.node_id,
        "node_code": indicator.node.code,
        "code": indicator.code,
        "name": shown.name if shown else "",
        "definition": shown.definition if shown else "",
        "language": shown.language_id if shown else indicator.original_language_id,
        "kind": indicator.kind,
        "unit": indicator.unit,
        "baseline_value": _num(indicator.baseline_value),
        "baseline_date": indicator.baseline_date,
        "target_value": _num(indicator.target_value),
        "target_date": indicator.target_date,
        "direction": indicator.direction,
        "frequency": indicator.frequency,
        "reporting_organisation": _organisation(indicator.reporting_organisation),
        "dimensions": _axes_out(axes),
        "targets": [
            {
                "period": target.period,
                "cell": target.cell,
                "dimensions": cell_values(target.cell),
                "value": float(target.value),
            }
            for target in indicator.targets.all()
        ],
    }


def _cells_out(
    cells: dict[str, Decimal], axes: list[Axis], *, raw: bool, threshold: int
) -> tuple[str, list[dict]]:
    """The cells a viewer may see: all of them, or one breakdown per dimension
    with the small values hidden."""
    if not cells:
        return "none", []
    if raw or not any(axis.about_people for axis in axes):
        return "cells", [
            {
                "cell": key,
                "dimensions": cell_values(key),
                "value": float(cells[key]),
                "hidden": False,
            }
            for key in sorted(cells)
        ]
    # One pass over the cells sums every dimension (each key is parsed once).
    totals: dict[str, dict[str, Decimal]] = {axis.slug: {} for axis in axes}
    for key, value in cells.items():
        for slug, code in cell_values(key).items():
            sums = totals.get(slug)
            if sums is not None:
                sums[code] = sums.get(code, Decimal(0)) + value
    shown: list[dict] = []
    for axis in axes:
        sums = totals[axis.slug]
        group = {cell_key({axis.slug: code}): total for code, total in sums.items()}
        published = suppress(group, threshold, total_published=True)
        order = {code: i for i, code in enumerate(axis.codes)}
        for code in sorted(sums, key=lambda c: (order.get(c, len(order)), c)):
            key = cell_key({axis.slug: code})
            shown.append(
                {
                    "cell": key,
                    "dimensions": {axis.slug: code},
                    "value": _num(published[key]),
                    "hidden": published[key] is None,
                }
            )
    return "per_dimension", shown


def _observations_out(
    rows: list[dict], plan: Plan, user, axes: dict[int, list[Axis]]
) -> list[dict]:
    """Observation rows (``values()`` dicts) with their cells (one query)."""
    cells: dict[int, dict[str, Decimal]] = defaultdict(dict)
    if rows:
        for observation_id, key, value in ObservationValue.objects.filter(
            observation_id__in=[row["id"] for row in rows]
        ).values_list("observation_id", "cell", "value"):
            cells[observation_id][key] = value
    team = permissions.can_see_small_cells(user, plan)
    own = permissions.reporter_organisation_ids(user)
    threshold = threshold_for(plan)
    out = []
    for row in rows:
        raw = team or (row["organisation_id"] in own)
        breakdown, shown = _cells_out(
            cells[row["id"]],
            axes.get(row["indicator_id"], []),
            raw=raw,
            threshold=threshold,
        )
        out.append(
            {
                **row,
                "value": _num(row["value"]),
                "comment": row["comment"] if raw else "",
                "breakdown": breakdown,
                "cells": shown,
            }
        )
    return out


_OBSERVATION_FIELDS = (
    "id",
    "indicator_id",
    "period",
    "period_start",
    "period_end",
    "value",
    "narrative",
    "status",
    "comment",
    "cells_complete",
    "organisation_id",
    "reported_at",
    "validated_at",
    "version",
)


def _observations_visible(qs: QuerySet[Observation], plan: Plan, user) -> QuerySet:
    """The team sees every status; others validated values and their own reports."""
    if permissions.can_edit_plan(user, plan):
        return qs
    visible = Q(status=Observation.Status.VALIDATED)
    own = permissions.reporter_organisation_ids(user)
    if own:
        visible |= Q(organisation_id__in=own)
    return qs.filter(visible)


def _observation_filters(qs: QuerySet, query: ObservationQuery) -> QuerySet:
    if query.period:
        try:
            qs = qs.filter(period=parse_period(query.period).key)
        except PeriodError as error:
            raise HttpError(422, str(error)) from None
    if query.status:
        qs = qs.filter(status=query.status)
    return qs


def _observation_page(
    qs: QuerySet[Observation], query: ObservationQuery, plan: Plan, user
) -> PageOf:
    qs = _observation_filters(_observations_visible(qs, plan, user), query)

    def render(rows: list[dict]) -> list[dict]:
        indicators = {row["indicator_id"] for row in rows}
        axes = axes_for_indicators(
            [Indicator(pk=pk) for pk in sorted(indicators)],
            territory_id=plan.territory_id,
        )
        return _observations_out(rows, plan, user, axes)

    return PageOf(qs.values(*_OBSERVATION_FIELDS), render)


# --- Plans -----------------------------------------------------------------------


@router.get("/plans", response=list[PlanSummaryOut], summary="List plans")
@paginate(Pagination)
def plan_list(request: ApiRequest, query: Query[PlanQuery]):
    user = request.auth
    plans = permissions.visible_plans(user)
    if query.territory:
        plans = plans.filter(_territory_filter(query.territory))
    if query.status:
        plans = plans.filter(status=query.status)
    if query.q.strip():
        words = query.q.strip()
        plans = plans.filter(
            Exists(
                PlanTranslation.objects.filter(plan=OuterRef("pk")).filter(
                    Q(title__icontains=words) | Q(summary__icontains=words)
                )
            )
        )
    plans = plans.select_related("territory", "organisation").prefetch_related(
        "translations", "themes"
    )
    language = query.lang or request.LANGUAGE_CODE
    return PageOf(
        plans.order_by(F("start_year").desc(nulls_last=True), "id"),
        lambda rows: [_plan_summary(plan, language) for plan in rows],
    )


@router.get(
    "/plans/{int:plan_id}",
    response={200: PlanDetailOut, 404: ErrorOut},
    summary="A plan with its whole tree and its recommendations",
)
def plan_detail(
    request: ApiRequest, plan_id: int, lang: str = Query("", max_length=16)
):
    user = request.auth
    plan = _plan_for(user, plan_id, prefetch=("translations", "themes"))
    language = lang or request.LANGUAGE_CODE
    children = _tree(plan, language)
    recommendations = Recommendation.objects.filter(plan=plan).prefetch_related(
        "translations"
    )
    shown = plan.translation_for(language)
    data = _plan_summary(plan, language)
    data.update(
        {
            "original_language": plan.original_language_id,
            "languages": sorted(t.language_id for t in plan.translations.all()),
            "general_objectives": shown.general_objectives if shown else "",
            "transversal_axes": shown.transversal_axes if shown else "",
            "source_document": plan.source_document,
            "previous_id": plan.previous_id,
            "data_version": plan.data_version,
            "nodes": children[None],
            "recommendations": [_recommendation(r, language) for r in recommendations],
        }
    )
    return data


def _tree(plan: Plan, language: str) -> dict[int | None, list[dict]]:
    """The plan's live nodes as nested dicts, keyed by parent (``None``: roots).

    Plain rows rather than model instances: a plan of a few hundred nodes is read
    in six queries without building an object per row.
    """
    live = live_node_order([plan.id])
    in_plan = {"node__plan_id": plan.id}
    texts: dict[int, list[dict]] = defaultdict(list)
    for row in PlanNodeTranslation.objects.filter(**in_plan).values(
        "node_id", "language_id", "title", "text"
    ):
        texts[row["node_id"]].append(row)
    responsible: dict[int, list[dict]] = defaultdict(list)
    for resp in (
        Responsibility.objects.filter(**in_plan)
        .order_by("role", "id")
        .values(
            "node_id",
            "role",
            "competences",
            "organisation_id",
            "organisation__slug",
            "organisation__name",
        )
    ):
        responsible[resp["node_id"]].append(
            {
                "organisation": {
                    "id": resp["organisation_id"],
                    "slug": resp["organisation__slug"],
                    "name": resp["organisation__name"],
                },
                "role": resp["role"],
                "competences": resp["competences"],
            }
        )
    practices: dict[int, list[dict]] = defaultdict(list)
    for node_id, practice_id, relation in (
        MeasurePractice.objects.filter(**in_plan)
        .order_by("id")
        .values_list("node_id", "practice_id", "relation")
    ):
        practices[node_id].append(
            {
                "practice_id": practice_id,
                "url": _practice_url(practice_id),
                "relation": relation,
            }
        )
    indicators: dict[int, list[int]] = defaultdict(list)
    for node_id, pk in (
        Indicator.objects.filter(plan_id=plan.id, deleted_at__isnull=True)
        .order_by("position", "id")
        .values_list("node_id", "id")
    ):
        indicators[node_id].append(pk)
    children: dict[int | None, list[dict]] = defaultdict(list)
    nodes = (
        PlanNode.objects.filter(plan_id=plan.id, deleted_at__isnull=True)
        .order_by("parent_id", "position", "id")
        .values(
            "id",
            "parent_id",
            "kind",
            "code",
            "original_language_id",
            "theme__slug",
            *PlanNode.MEASURE_FIELDS,
        )
    )
    for node in nodes:
        pk = node["id"]
        if pk not in live:
            continue
        shown = pick_translation(
            texts[pk], language, node["original_language_id"], itemgetter("language_id")
        )
        measure = None
        if node["kind"] == PlanNode.Kind.MEASURE:
            measure = {name: node[name] for name in PlanNode.MEASURE_FIELDS}
            measure["budget_amount"] = _num(measure["budget_amount"])
        children[node["parent_id"]].append(
            {
                "id": pk,
                "kind": node["kind"],
                "code": node["code"],
                "title": shown["title"] if shown else "",
                "text": shown["text"] if shown else "",
                "language": shown["language_id"]
                if shown
                else node["original_language_id"],
                "theme": node["theme__slug"],
                "measure": measure,
                "responsible": responsible[pk],
                "practices": practices[pk],
                "indicators": indicators[pk],
                "children": children[pk],
            }
        )
    return children


def _recommendation(recommendation: Recommendation, language: str) -> dict:
    shown = recommendation.translation_for(language)
    return {
        "id": recommendation.id,
        "audience": recommendation.audience,
        "text": shown.text if shown else "",
        "language": shown.language_id if shown else recommendation.original_language_id,
    }


# --- Indicators ------------------------------------------------------------------


@router.get(
    "/plans/{int:plan_id}/indicators",
    response={200: list[IndicatorOut], 404: ErrorOut},
    summary="A plan's indicators, in the order of its tree",
)
@paginate(Pagination)
def plan_indicators(request: ApiRequest, plan_id: int, query: Query[LangQuery]):
    plan = _plan_for(request.auth, plan_id)
    language = query.lang or request.LANGUAGE_CODE
    return PageOf(
        _live_indicator_ids(plan.id),
        lambda ids: _indicators_out(ids, plan, language),
    )


def _indicators_out(ids: list[int], plan: Plan, language: str) -> list[dict]:
    """The indicators ``ids`` (of one page) in this order, read at once."""
    found = {
        i.pk: i
        for i in indicator_queryset()
        .select_related("node")
        .prefetch_related("targets")
        .filter(pk__in=ids)
    }
    rows = [found[pk] for pk in ids if pk in found]
    axes = axes_for_indicators(rows, territory_id=plan.territory_id)
    return [_indicator_out(i, axes[i.pk], language) for i in rows]


@router.get(
    "/indicators/{int:indicator_id}",
    response={200: IndicatorOut, 404: ErrorOut},
    summary="An indicator with its dimensions, baseline and targets",
)
def indicator_detail(
    request: ApiRequest, indicator_id: int, lang: str = Query("", max_length=16)
):
    user = request.auth
    indicator = _indicator_for(user, indicator_id, prefetch=("translations", "targets"))
    axes = axes_for_indicators([indicator], territory_id=indicator.plan.territory_id)
    return _indicator_out(indicator, axes[indicator.pk], lang or request.LANGUAGE_CODE)


# --- Observations ----------------------------------------------------------------


@router.get(
    "/indicators/{int:indicator_id}/observations",
    response={200: list[ObservationOut], 404: ErrorOut, 422: ErrorOut},
    summary="An indicator's values, period by period",
)
@paginate(Pagination)
def indicator_observations(
    request: ApiRequest, indicator_id: int, query: Query[ObservationQuery]
):
    user = request.auth
    indicator = _indicator_for(user, indicator_id)
    observations = Observation.objects.filter(indicator_id=indicator.pk).order_by(
        "period_start", "id"
    )
    return _observation_page(observations, query, indicator.plan, user)


@router.get(
    "/plans/{int:plan_id}/observations",
    response={200: list[ObservationOut], 404: ErrorOut, 422: ErrorOut},
    summary="The values of all a plan's indicators",
)
@paginate(Pagination)
def plan_observations(
    request: ApiRequest, plan_id: int, query: Query[PlanObservationQuery]
):
    user = request.auth
    plan = _plan_for(user, plan_id)
    indicators = _live_indicator_ids(plan.id)
    if query.indicator:
        indicators = [pk for pk in indicators if pk == query.indicator]
    observations = Observation.objects.filter(indicator_id__in=indicators).order_by(
        "indicator_id", "period_start", "id"
    )
    return _observation_page(observations, query, plan, user)


def _cells_in(cells: dict[str, Decimal] | list[CellIn] | None) -> dict[str, Decimal]:
    """Cell values keyed "age=18-24|sex=F", from either form of the request."""
    if cells is None:
        return {}
    if len(cells) > MAX_CELLS:
        raise HttpError(
            422, _("Send at most %(max)d cells at a time.") % {"max": MAX_CELLS}
        )
    if isinstance(cells, dict):
        return dict(cells)
    keyed: dict[str, Decimal] = {}
    for item in cells:
        for slug, code in item.dimensions.items():
            if not slug or not code or any(c in slug + code for c in "|="):
                raise HttpError(
                    422,
                    _("“%(slug)s”: “%(code)s” is not a dimension and value code.")
                    % {"slug": slug, "code": code},
                )
        key = cell_key(item.dimensions)
        if key in keyed:
            raise HttpError(422, _("The cell %(cell)s is given twice.") % {"cell": key})
        keyed[key] = item.value
    return keyed


def _is_stale(error: DjangoValidationError) -> bool:
    """Whether the service refused the write because the value changed meanwhile."""
    return any(item.code == "stale" for item in getattr(error, "error_list", []))


@router.post(
    "/indicators/{int:indicator_id}/observations",
    auth=TokenAuth(),
    response={
        201: ObservationOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ErrorOut,
    },
    summary="Report an indicator's value for a period (needs a token)",
)
def observation_create(
    request: TokenApiRequest, indicator_id: int, payload: ObservationIn
):
    """Create or change the value of one period; it waits for the team's validation.

    A disaggregated indicator takes a value per cell and their total; cells that
    do not add up to the total are refused unless ``cells_complete`` is false.
    """
    user = request.auth
    indicator = _indicator_for(user, indicator_id, prefetch=("node__responsibilities",))
    organisation = None
    if payload.organisation is not None:
        organisation = Organisation.objects.filter(pk=payload.organisation).first()
        if organisation is None:
            raise HttpError(422, _("There is no organisation with this id."))
    try:
        observation = monitoring.observation_submit(
            user=user,
            indicator=indicator,
            period=payload.period,
            value=payload.value,
            narrative=payload.narrative,
            cells=_cells_in(payload.cells) or None,
            cells_complete=payload.cells_complete,
            organisation=organisation,
            expected_version=payload.version,
        )
    except PermissionDenied as error:
        raise HttpError(
            403, str(error) or _("You may not report values for this indicator.")
        ) from None
    except DjangoValidationError as error:
        if _is_stale(error):
            return Status(
                409,
                {
                    "detail": _(
                        "This value changed since the version you sent: read it "
                        "again (GET /api/indicators/%(id)s/observations?period="
                        "%(period)s) and send your change with its version."
                    )
                    % {"id": indicator.pk, "period": payload.period}
                },
            )
        raise  # the API's 422: the messages, by field when the service gave them
    row = Observation.objects.filter(pk=observation.pk).values(*_OBSERVATION_FIELDS)
    axes = axes_for_indicators([indicator], territory_id=indicator.plan.territory_id)
    return Status(201, _observations_out(list(row), indicator.plan, user, axes)[0])
