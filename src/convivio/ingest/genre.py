"""The genre decided from what the readers found, not from phrases.

Both readers run on the document: the plan reader builds its tree under its
constraints, the practice reader looks for records that repeat.  A document is a
plan when it holds a numbered outline of measures, a practice collection when it
holds several practices set out one by one, and "other" when it holds neither —
whatever words it uses ("plan", "good practice" appear in minutes and calls too).
When both found something, the larger structure wins: a practice record carries
more than a measure line, so it weighs more.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .classify import OTHER, PLAN, PRACTICE_COLLECTION
from .shapes import PlanDraft, PracticeDraft

#: A plan needs at least this many measures…
MIN_MEASURES = 3
#: …and a collection at least this many practices.
MIN_PRACTICES = 2
#: One practice record weighs as much as this many measures.
PRACTICE_WEIGHT = 3.0


@dataclass
class Decision:
    genre: str
    evidence: list[str] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)


def plan_score(plans: list[PlanDraft]) -> tuple[float, int, int, int]:
    """(score, measures, parents, indicators): the measures weighed by how sure the
    reader is, and what hangs above and below them."""
    nodes = [node for plan in plans for node in plan.nodes]
    measures = [node for node in nodes if node.kind == "measure"]
    parents = sum(1 for node in nodes if node.kind in ("area", "objective"))
    indicators = sum(len(plan.indicators) for plan in plans)
    score = sum(node.confidence for node in measures)
    return score, len(measures), parents, indicators


def practice_score(practices: list[PracticeDraft]) -> float:
    return PRACTICE_WEIGHT * sum(practice.confidence for practice in practices)


def _read_as_nodes(plans: list[PlanDraft], practices: list[PracticeDraft]) -> int:
    """How many practices have their title inside a node of the plan reading: the
    same records read twice.  A numbered outline whose codes agree with their
    parents says more than records without numbers, so those are measures."""
    spans = sorted(
        span
        for plan in plans
        for node in plan.nodes
        for key, span in node.spans.items()
        if key in ("code", "title", "text")
    )
    found = 0
    for practice in practices:
        title = practice.spans.get("title")
        if title and any(s < title[1] and title[0] < e for s, e in spans):
            found += 1
    return found


def _measures_filled(plans: list[PlanDraft]) -> float:
    """The share of measures with a lead body, a time frame, a budget or an
    indicator: what a plan says of its measures."""
    total = filled = 0
    for plan in plans:
        measured = {indicator.measure for indicator in plan.indicators}
        for node in plan.nodes:
            if node.kind != "measure":
                continue
            total += 1
            filled += (
                bool(node.responsible or node.time_frame or node.budget)
                or node.code in measured
            )
    return filled / total if total else 0.0


def _practices_filled(practices: list[PracticeDraft]) -> float:
    """The share of practices with at least two of organisation, city, years and
    people reached: what a collection says of its practices."""
    if not practices:
        return 0.0
    filled = sum(
        sum(bool(x) for x in (p.organisation, p.city, p.years, p.beneficiaries_count))
        >= 2
        for p in practices
    )
    return filled / len(practices)


def decide(plans: list[PlanDraft], practices: list[PracticeDraft]) -> Decision:
    plan, measures, parents, indicators = plan_score(plans)
    if measures >= MIN_MEASURES and practices:
        doubled = _read_as_nodes(plans, practices)
        if doubled * 2 >= len(practices):
            # The same records read both ways: the reading whose records have
            # their own kind of fields filled is the right one.
            if _measures_filled(plans) >= _practices_filled(practices):
                practices = []
            else:
                plans, plan, measures, parents, indicators = [], 0.0, 0, 0, 0
    practice = practice_score(practices)
    scores = {PLAN: plan, PRACTICE_COLLECTION: practice}
    is_plan = measures >= MIN_MEASURES
    is_collection = len(practices) >= MIN_PRACTICES
    plan_evidence = [
        ngettext(
            "%(count)d measure in a numbered outline",
            "%(count)d measures in a numbered outline",
            measures,
        )
        % {"count": measures}
    ]
    if parents:
        plan_evidence.append(
            ngettext(
                "%(count)d area or objective above them",
                "%(count)d areas or objectives above them",
                parents,
            )
            % {"count": parents}
        )
    if indicators:
        plan_evidence.append(
            ngettext("%(count)d indicator", "%(count)d indicators", indicators)
            % {"count": indicators}
        )
    practice_evidence = [
        ngettext(
            "%(count)d practice set out as a record of its own",
            "%(count)d practices set out as records of their own",
            len(practices),
        )
        % {"count": len(practices)}
    ]
    if is_plan and (not is_collection or plan >= practice):
        return Decision(PLAN, plan_evidence, scores)
    if is_collection:
        return Decision(PRACTICE_COLLECTION, practice_evidence, scores)
    evidence = [
        _(
            "No numbered outline of measures and no practices set out one by one "
            "were found."
        )
    ]
    if measures or practices:
        evidence += [
            _("Too little to count: %(what)s.")
            % {"what": "; ".join(plan_evidence[:1] + practice_evidence)}
        ]
    return Decision(OTHER, evidence, scores)
