"""The genre decided from what the readers found, not from phrases.

Both readers run on the document: the plan reader builds its tree under its
constraints, the practice reader looks for records that repeat.  A document is a
plan when it holds a numbered outline of measures, a practice collection when it
holds several practices set out one by one, and "other" when it holds neither —
whatever words it uses ("plan", "good practice" appear in minutes and calls too).
When both found something, the weightier reading wins: each record counts for
how sure its reader is and for how much of its own kind of fields it has, so the
same records read both ways weigh most in the reading they belong to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .classify import OTHER, PLAN, PRACTICE_COLLECTION
from .shapes import NodeDraft, PlanDraft, PracticeDraft

#: A plan needs at least this many measures…
MIN_MEASURES = 3
#: …and a collection at least this many practices.
MIN_PRACTICES = 2


@dataclass
class Decision:
    genre: str
    evidence: list[str] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)


def _described(node: NodeDraft, measured: set[str | None]) -> bool:
    """The plan says something of this measure: a lead body, a time frame, a
    budget or an indicator."""
    return bool(node.responsible or node.time_frame or node.budget) or (
        node.code in measured
    )


def _measure_weight(node: NodeDraft, measured: set[str | None]) -> float:
    """A measure counts for how sure the reader is of it, twice when described."""
    return node.confidence * (2.0 if _described(node, measured) else 1.0)


def _practice_weight(practice: PracticeDraft) -> float:
    """A practice record carries more than a measure line when it is described
    (organisation, city, years, people reached: up to 3), less when it is a bare
    title (0.5): records read from something else are mostly bare."""
    described = sum(
        bool(x)
        for x in (
            practice.organisation,
            practice.city,
            practice.start_year,
            practice.beneficiaries_count,
        )
    )
    return practice.confidence * (0.5 + 2.5 * described / 4)


def plan_score(plans: list[PlanDraft]) -> tuple[float, int, int, int, int]:
    """(score, measures, described measures, parents, indicators)."""
    score = 0.0
    measures = described = parents = indicators = 0
    for plan in plans:
        measured = {indicator.measure for indicator in plan.indicators}
        indicators += len(plan.indicators)
        for node in plan.nodes:
            if node.kind == "measure":
                measures += 1
                described += _described(node, measured)
                score += _measure_weight(node, measured)
            else:
                parents += 1
    return score, measures, described, parents, indicators


def practice_score(practices: list[PracticeDraft]) -> float:
    return sum(_practice_weight(practice) for practice in practices)


def _examples(records: list, text: str, limit: int = 2) -> str:
    """' (“…”, “…”)': the lines where the first records start, as printed, so
    that a person sees what was counted."""
    found: list[str] = []
    for record in records:
        starts = [span[0] for span in record.spans.values() if span]
        if not starts or not text:
            continue
        at = min(starts)
        begin = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        line = " ".join(text[begin : end if end >= 0 else len(text)].split())
        if line and line not in found:
            found.append(line[:40])
        if len(found) >= limit:
            break
    return " (" + ", ".join(f"“{line}”" for line in found) + ")" if found else ""


def decide(
    plans: list[PlanDraft], practices: list[PracticeDraft], text: str = ""
) -> Decision:
    """The genre; ``text`` (the one the records' spans point into) lets the
    evidence quote the first records."""
    plan, measures, described, parents, indicators = plan_score(plans)
    practice = practice_score(practices)
    scores = {PLAN: plan, PRACTICE_COLLECTION: practice}
    # Requiring described measures as well was tried: it told a numbered report
    # from a plan on the documents it was built on, but turned five of twelve
    # plans never seen into "other" (their fields were not read), so it is not
    # a gate; described measures weigh twice instead.
    is_plan = measures >= MIN_MEASURES
    is_collection = len(practices) >= MIN_PRACTICES
    plan_evidence = [
        ngettext(
            "%(count)d measure in a numbered outline",
            "%(count)d measures in a numbered outline",
            measures,
        )
        % {"count": measures}
        + _examples(
            [n for plan in plans for n in plan.nodes if n.kind == "measure"], text
        )
    ]
    if described:
        plan_evidence.append(
            ngettext(
                "%(count)d of them with a lead body, a time frame, a budget or an "
                "indicator",
                "%(count)d of them with a lead body, a time frame, a budget or an "
                "indicator",
                described,
            )
            % {"count": described}
        )
    if parents:
        plan_evidence.append(
            ngettext(
                "%(count)d area or objective above them",
                "%(count)d areas or objectives above them",
                parents,
            )
            % {"count": parents}
            + _examples(
                [n for plan in plans for n in plan.nodes if n.kind != "measure"],
                text,
            )
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
        + _examples(practices, text)
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
        evidence.append(
            _("Too little to count: %(what)s.")
            % {"what": "; ".join(plan_evidence[:1] + practice_evidence)}
        )
    return Decision(OTHER, evidence, scores)
