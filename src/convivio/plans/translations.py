"""Plans and their parts as translatable kinds (``core.translation.register_kind``):
who may translate them, whose queue they are in, and a plan's parts (its nodes,
indicators and recommendations) for whole-plan machine translation."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Q, QuerySet

from convivio.core.permissions import editable_organisation_ids, is_moderator
from convivio.core.translation import TranslatedRecord

from . import permissions
from .models import Indicator, Plan, PlanNode, Recommendation
from .tree import live_tree


def can_translate(user, plan: Plan) -> bool:
    """Its territory team (who edit it) and moderators."""
    return permissions.can_edit_plan(user, plan) or is_moderator(user)


def can_view(user, plan: Plan) -> bool:
    return permissions.can_view_plan(user, plan)


def _plans_q(user) -> Q | None:
    """The plans of the person's territory teams and of the organisations they
    edit; None for moderators (every plan)."""
    if is_moderator(user):  # administrators are moderators too
        return None
    return Q(territory_id__in=permissions.team_territory_ids(user)) | Q(
        organisation_id__in=editable_organisation_ids(user)
    )


def queue(user) -> QuerySet[Plan]:
    q = _plans_q(user)
    if q is None:
        return Plan.objects.all()
    if not user.is_authenticated:
        return Plan.objects.none()
    return Plan.objects.filter(q)


def parts(plan: Plan) -> Iterator[TranslatedRecord]:
    """Its live nodes in tree order (``plans.tree``), then their indicators in the
    same order, then its recommendations."""
    tree = live_tree(
        PlanNode.objects.filter(plan=plan, deleted_at__isnull=True).prefetch_related(
            "translations"
        )
    )
    yield from (entry.node for entry in tree)
    order = {entry.pk: rank for rank, entry in enumerate(tree)}
    indicators = Indicator.objects.filter(
        plan=plan, deleted_at__isnull=True, node_id__in=list(order)
    ).prefetch_related("translations")
    yield from sorted(indicators, key=lambda i: (order[i.node_id], i.position, i.pk))
    yield from Recommendation.objects.filter(plan=plan).prefetch_related("translations")


def title(plan: Plan, language: str | None) -> str:
    row = plan.translation_for(language)
    return row.title if row is not None else str(plan)


# A node, an indicator, a recommendation: translated by who translates the plan.


def can_translate_part(user, part: PlanNode | Indicator | Recommendation) -> bool:
    return can_translate(user, part.plan)


def can_view_part(user, part: PlanNode | Indicator | Recommendation) -> bool:
    return can_view(user, part.plan)


def _parts_queue(model, user) -> QuerySet:
    qs = model.objects.all()
    if model is not Recommendation:
        qs = qs.filter(deleted_at__isnull=True)
    q = _plans_q(user)
    if q is None:
        return qs
    if not user.is_authenticated:
        return qs.none()
    return qs.filter(plan__in=Plan.objects.filter(q))


def node_queue(user) -> QuerySet[PlanNode]:
    return _parts_queue(PlanNode, user)


def indicator_queue(user) -> QuerySet[Indicator]:
    return _parts_queue(Indicator, user)


def recommendation_queue(user) -> QuerySet[Recommendation]:
    return _parts_queue(Recommendation, user)


def node_title(node: PlanNode, language: str | None) -> str:
    row = node.translation_for(language)
    return f"{node.code} {row.title if row else ''}".strip() or str(node)


def indicator_title(indicator: Indicator, language: str | None) -> str:
    row = indicator.translation_for(language)
    return row.name if row is not None else str(indicator)


def recommendation_title(recommendation: Recommendation, language: str | None) -> str:
    row = recommendation.translation_for(language)
    return row.text[:80] if row is not None else str(recommendation)
