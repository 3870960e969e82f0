"""Reads for plan pages: each issues a bounded number of queries, whatever the size."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict, cast

from django.db import connection
from django.db.models import F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.expressions import OrderBy, RawSQL
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy, ngettext

from convivio.core import hooks
from convivio.core.models import Territory, Theme
from convivio.core.selectors import in_territory_tree
from convivio.core.text import fold
from convivio.practices.models import Practice
from convivio.search.selectors import ids_subquery, query_is_searchable, search_match

from . import permissions
from .models import (
    Indicator,
    IndicatorDimension,
    MeasurePractice,
    Observation,
    Plan,
    PlanNode,
    Recommendation,
    Responsibility,
)
from .tree import ancestors, live_tree, of_values, subtree

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


def plan_list(
    *,
    user,
    territory: Territory | None = None,
    status: str | None = None,
    q: str | None = None,
) -> QuerySet[Plan]:
    """Plans the user may see (``permissions.visible_plans``), of a place and the
    places inside it (``in_territories``); with ``q``, those the search finds
    (``plans_matching``), most relevant first."""
    plans = Plan.objects.select_related("territory", "organisation").prefetch_related(
        "translations"
    )
    plans = permissions.visible_plans(user, plans)
    if territory is not None:
        plans = plans.filter(in_territories([territory]))
    if status:
        plans = plans.filter(status=status)
    order: list[str | OrderBy | RawSQL] = [
        F("start_year").desc(nulls_last=True),
        "territory__name",
        "id",
    ]
    if q:
        ranked = plans_matching(q[:200])
        plans = plans.filter(pk__in=ids_subquery(ranked))
        order.insert(0, _rank_of(ranked))
    return plans.order_by(*order)


#: Nodes of the best matches whose plans a plan search ranks (a bound on the
#: query that finds their plans, whatever the number of nodes).
NODE_MATCHES = 1000
#: Reciprocal rank fusion's constant (Cormack et al. 2009), as the one search.
RRF_K = 60


def plans_matching(q: str) -> list[int]:
    """Ids of the plans the one search finds for ``q``, most relevant first: by
    their own text (title, summary, objectives, place, themes) and by the text
    of their areas, objectives and measures, in any language they have. A city
    officer looking for "housing" wants the plans that act on it, even when the
    word is only in a measure; the two rankings are fused (reciprocal ranks).
    Three queries; visibility is the caller's."""
    if not query_is_searchable(q):
        return []
    own = [pk for pk, _score in search_match(kind="plan", query=q)]
    nodes = [
        pk for pk, _score in search_match(kind="node", query=q, limit=NODE_MATCHES)
    ]
    plan_of = dict(
        PlanNode.objects.filter(pk__in=ids_subquery(nodes), deleted_at__isnull=True)
        .order_by()
        .values_list("pk", "plan_id")
    )
    by_nodes = list(dict.fromkeys(plan_of[pk] for pk in nodes if pk in plan_of))
    scores: dict[int, float] = {}
    for ranking in (own, by_nodes):
        for rank, pk in enumerate(ranking):
            scores[pk] = scores.get(pk, 0.0) + 1.0 / (RRF_K + rank + 1)
    # On a tie, the plan whose own text matches (its title, its summary) first.
    own_rank = {pk: rank for rank, pk in enumerate(own)}
    return sorted(scores, key=lambda pk: (-scores[pk], own_rank.get(pk, len(own)), pk))


def _rank_of(ranked: list[int]) -> RawSQL:
    """Each plan's place in ``ranked`` (one parameter, whatever its length)."""
    if connection.vendor == "postgresql":
        return RawSQL('array_position(%s::bigint[], "plans_plan"."id")', [ranked])
    return RawSQL(
        '(SELECT r.key FROM json_each(%s) r WHERE r.value = "plans_plan"."id")',
        [json.dumps(ranked)],
    )


def in_territories(territories: Iterable[Territory]) -> Q:
    """Plans of these places and of every place inside them, at every level: a
    province's list holds its own plans and its municipalities'. A country's holds
    every plan of the country, its places linked to it or not. Pages and API alike."""
    found = Q(pk__in=[])
    below: list[int] = []
    for territory in territories:
        if territory.kind == Territory.Kind.COUNTRY:
            found |= Q(territory__country_code=territory.country_code)
        else:
            below.append(territory.pk)
    if below:
        found |= in_territory_tree(below)
    return found


def plan_get(*, pk: int) -> Plan:
    """A plan with what its header shows (raises Plan.DoesNotExist)."""
    return (
        Plan.objects.select_related(
            "territory", "organisation", "original_language", "previous"
        )
        .prefetch_related("translations", "themes", "next_plans")
        # What the sections of the plan's pages need to know (core.hooks).
        .annotate(**hooks.page_annotations("plans.plan"))
        .get(pk=pk)
    )


@dataclass
class TreeItem:
    """One node of a plan as its pages show it."""

    node: PlanNode
    depth: int
    number: str
    title: str
    text: str
    responsibilities: list[Responsibility] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    practices: list[MeasurePractice] = field(default_factory=list)
    first: bool = False
    last: bool = False
    children: int = 0
    #: Live nodes anywhere under this one: the editor asks before deleting them too.
    descendants: int = 0
    #: The language of ``title`` and ``text`` (for the lang attribute).
    language: str = ""

    @property
    def label(self) -> str:
        """Number and title, to name the node in the editor's controls."""
        return f"{self.number} {self.title}".strip()


def indicator_queryset() -> QuerySet[Indicator]:
    """Indicators that are not deleted, with what every reader of them shows: the
    reporting organisation and the translations. Callers add what they need more
    (their dimensions, targets, node)."""
    return (
        Indicator.objects.filter(deleted_at__isnull=True)
        .select_related("reporting_organisation")
        .prefetch_related("translations")
    )


def live_node_order(plan_ids: Iterable[int]) -> dict[int, int]:
    """Each live node of the plans with its rank in reading order (one query).

    What is live, and what happens to orphans, is ``plans.tree``'s rule.
    """
    rows = PlanNode.objects.filter(
        plan_id__in=list(plan_ids), deleted_at__isnull=True
    ).values("id", "parent_id", "position")
    return {entry.pk: rank for rank, entry in enumerate(live_tree(rows, of_values))}


def plan_tree(plan: Plan, *, language: str | None = None) -> list[TreeItem]:
    """The plan's live nodes depth-first, numbered, in a constant number of queries."""
    nodes = list(
        PlanNode.objects.filter(plan=plan, deleted_at__isnull=True)
        .select_related("theme")
        .prefetch_related(
            "translations",
            Prefetch(
                "responsibilities",
                queryset=Responsibility.objects.select_related("organisation"),
            ),
            Prefetch(
                "practice_links",
                queryset=MeasurePractice.objects.select_related(
                    "practice"
                ).prefetch_related("practice__translations"),
            ),
            Prefetch(
                "indicators",
                queryset=indicator_queryset().prefetch_related(
                    Prefetch(
                        "indicator_dimensions",
                        queryset=IndicatorDimension.objects.select_related(
                            "dimension"
                        ).prefetch_related("values"),
                    )
                ),
            ),
        )
        .order_by("position", "id")
    )
    items: list[TreeItem] = []
    for entry in live_tree(nodes):
        node = entry.node
        row = node.translation_for(language)
        items.append(
            TreeItem(
                node=node,
                depth=entry.depth,
                number=node.code or entry.number,
                title=row.title if row else "",
                text=row.text if row else "",
                language=row.language_id if row else "",
                responsibilities=list(node.responsibilities.all()),
                indicators=list(node.indicators.all()),
                practices=list(node.practice_links.all()),
                first=entry.path[-1] == 1,
                last=entry.path[-1] == entry.siblings,
                children=entry.children,
                descendants=entry.descendants,
            )
        )
    return items


def node_descendants(node: PlanNode) -> list[PlanNode]:
    """The live nodes under ``node``, depth-first (two queries)."""
    nodes = PlanNode.objects.filter(
        plan_id=node.plan_id, deleted_at__isnull=True
    ).prefetch_related("translations")
    # Read from ``node`` itself, so that what goes with it is found even when a
    # node above it was deleted.
    tree = live_tree(
        nodes, lambda n: (n.pk, None if n.pk == node.pk else n.parent_id, n.position)
    )
    return [entry.node for entry in subtree(tree, node.pk)]


def node_kind_counts(nodes: list[PlanNode]) -> list[str]:
    """What a list of nodes holds: "3 specific objectives", "12 measures…"."""
    labels: dict[str, Callable[[int], str]] = {
        PlanNode.Kind.AREA: lambda n: ngettext(
            "%(count)d area or axis", "%(count)d areas or axes", n
        ),
        PlanNode.Kind.GENERAL_OBJECTIVE: lambda n: ngettext(
            "%(count)d general objective", "%(count)d general objectives", n
        ),
        PlanNode.Kind.OBJECTIVE: lambda n: ngettext(
            "%(count)d specific objective", "%(count)d specific objectives", n
        ),
        PlanNode.Kind.MEASURE: lambda n: ngettext(
            "%(count)d measure or action", "%(count)d measures or actions", n
        ),
    }
    counts: dict[str, int] = defaultdict(int)
    for node in nodes:
        counts[node.kind] += 1
    return [
        labels[kind](counts[kind]) % {"count": counts[kind]}
        for kind in PlanNode.Kind.values
        if counts[kind]
    ]


#: A group of recommendations' heading: one whole phrase per audience, as "to
#: the" takes the audience's gender and case in each language.
AUDIENCE_HEADINGS: dict[str, Promise] = {
    Recommendation.Audience.STATE: gettext_lazy("To the state administration"),
    Recommendation.Audience.REGIONAL: gettext_lazy("To the regional administration"),
    Recommendation.Audience.LOCAL: gettext_lazy("To the local administration"),
    Recommendation.Audience.SERVICE_PROVIDERS: gettext_lazy("To the service providers"),
    Recommendation.Audience.CIVIL_SOCIETY: gettext_lazy("To civil society"),
    Recommendation.Audience.MIGRANT_ORGANISATIONS: gettext_lazy(
        "To the migrant organisations"
    ),
    Recommendation.Audience.POPULATION: gettext_lazy("To the population"),
    Recommendation.Audience.MEDIA: gettext_lazy("To the media"),
    Recommendation.Audience.EUROPEAN_COMMISSION: gettext_lazy(
        "To the European Commission"
    ),
}


def plan_recommendations(plan: Plan, *, language: str | None = None) -> list[dict]:
    """Recommendations grouped by audience, in the order of the audiences."""
    groups: dict[str, list] = defaultdict(list)
    for rec in Recommendation.objects.filter(plan=plan).prefetch_related(
        "translations"
    ):
        row = rec.translation_for(language)
        groups[rec.audience].append({"rec": rec, "text": row.text if row else ""})
    return [
        {
            "audience": label,
            "heading": AUDIENCE_HEADINGS.get(value, label),
            "key": value,
            "items": groups[value],
        }
        for value, label in Recommendation.Audience.choices
        if groups.get(value)
    ]


def plans_compare(plans: list[Plan], *, language: str | None = None) -> dict:
    """Per theme (rows) × plan (columns): areas, measures, needing financing, budget.

    A node counts under its own theme, or the nearest ancestor's.
    """
    plan_ids = [p.pk for p in plans]
    nodes = list(
        PlanNode.objects.filter(plan_id__in=plan_ids, deleted_at__isnull=True)
        .prefetch_related("translations")
        .only(
            "id",
            "plan_id",
            "parent_id",
            "position",
            "kind",
            "code",
            "theme_id",
            "needs_financing",
            "budget_amount",
            "budget_currency",
            "original_language_id",
        )
    )
    tree = live_tree(nodes)
    above = ancestors(tree)

    def theme_of(node: PlanNode) -> int | None:
        for holder in (node, *above[node.pk]):
            if holder.theme_id:
                return holder.theme_id
        return None

    def empty() -> dict:
        return {
            "areas": [],
            "measures": 0,
            "needs_financing": 0,
            "budget": Decimal(0),
            "currencies": set(),
        }

    table: dict[int | None, dict[int, dict]] = defaultdict(
        lambda: {pid: empty() for pid in plan_ids}
    )
    for entry in tree:
        node = entry.node
        theme_id = theme_of(node)
        cell = table[theme_id][node.plan_id]
        if node.kind == PlanNode.Kind.AREA:
            row = node.translation_for(language)
            cell["areas"].append(f"{node.code} {row.title if row else ''}".strip())
        elif node.kind == PlanNode.Kind.MEASURE:
            cell["measures"] += 1
            if node.needs_financing:
                cell["needs_financing"] += 1
            if node.budget_amount is not None:
                cell["budget"] += node.budget_amount
                cell["currencies"].add(node.budget_currency or "EUR")
    # Keyed like ``table`` (None: the unthemed row, which has no theme).
    themes: dict[int | None, Theme] = {
        t.pk: t for t in Theme.objects.filter(pk__in=[k for k in table if k])
    }
    rows = []
    # In the reader's language's alphabetical order, accents aside; the
    # unthemed row last.
    for theme_id in sorted(
        table, key=lambda k: (k is None, fold(themes[k].label) if k in themes else "")
    ):
        cells = []
        for pid in plan_ids:
            cell = table[theme_id][pid]
            cell["currency"] = ", ".join(sorted(cell.pop("currencies"))) or "EUR"
            cells.append(cell)
        rows.append({"theme": themes.get(theme_id), "cells": cells})
    totals = []
    for pid in plan_ids:
        totals.append(
            {
                "measures": sum(table[t][pid]["measures"] for t in table),
                "needs_financing": sum(table[t][pid]["needs_financing"] for t in table),
                "budget": sum((table[t][pid]["budget"] for t in table), Decimal(0)),
            }
        )
    return {"plans": plans, "rows": rows, "totals": totals}


def _name(indicator: Indicator, language: str | None) -> str:
    row = indicator.translation_for(language)
    return row.name if row else ""


@dataclass
class AdoptedMeasure:
    plan: Plan
    node: PlanNode
    relation: str
    title: str
    plan_title: str
    indicators: list[dict]


def practice_plan_links(
    practice: Practice, *, language: str | None = None
) -> list[AdoptedMeasure]:
    """Measures of public plans that adopted a practice, with their latest results.

    Four queries whatever the number of measures and indicators.
    """
    latest = Observation.objects.filter(
        indicator=OuterRef("pk"), status=Observation.Status.VALIDATED
    ).order_by("-period_start")
    indicators = (
        Indicator.objects.filter(deleted_at__isnull=True)
        .prefetch_related("translations")
        .annotate(
            latest_value=Subquery(latest.values("value")[:1]),
            latest_period=Subquery(latest.values("period")[:1]),
        )
    )
    links = (
        MeasurePractice.objects.filter(
            practice=practice,
            node__deleted_at__isnull=True,
            node__plan__status__in=[
                Plan.Status.ADOPTED,
                Plan.Status.MONITORING,
                Plan.Status.CLOSED,
            ],
        )
        .select_related("node__plan__territory")
        .prefetch_related(
            "node__translations",
            "node__plan__translations",
            Prefetch("node__indicators", queryset=indicators),
        )
        .order_by(
            F("node__plan__start_year").desc(nulls_last=True),
            "node__plan_id",
            "node__position",
        )
    )
    result = []
    for link in links:
        node = link.node
        row = node.translation_for(language)
        plan_row = node.plan.translation_for(language)
        result.append(
            AdoptedMeasure(
                plan=node.plan,
                node=node,
                relation=link.get_relation_display(),
                title=row.title if row else "",
                plan_title=plan_row.title if plan_row else "",
                indicators=[
                    {
                        "indicator": ind,
                        "name": _name(ind, language),
                        "value": ind.latest_value,
                        "period": ind.latest_period,
                        "unit": ind.unit,
                        # The indicator's final target, never a period's
                        # milestone (see docs/monitoring.md).
                        "target": ind.target_value,
                        "target_date": ind.target_date,
                    }
                    for ind in _with_latest(node)
                ],
            )
        )
    return result


class _Latest(TypedDict):
    latest_value: Decimal | None
    latest_period: str | None


def _with_latest(node: PlanNode) -> list[WithAnnotations[Indicator, _Latest]]:
    """The node's indicators as ``practice_plan_links`` prefetched them, with their
    latest validated value and period annotated."""
    return cast(
        "list[WithAnnotations[Indicator, _Latest]]", list(node.indicators.all())
    )


def organisations_for_select():
    from convivio.core.selectors import organisation_pickable

    # Members' proposals are not offered until a moderator approves them.
    return organisation_pickable().only("id", "name")[:2000]


def practices_for_select(q: str | None = None, limit: int = 300):
    practices = Practice.objects.filter(status=Practice.Status.PUBLISHED)
    if q:
        practices = practices.filter(translations__title__icontains=q[:200])
    return practices.prefetch_related("translations").distinct().order_by("-id")[:limit]
