"""Writes for plans, their tree, indicators, recommendations and code lists.

Every write runs in one transaction, checks the actor's role with
``permissions.require_*``, validates the rows it saves, bumps the plan's data
version and records a ``PlanChange`` holding the state before the change of every
row it touched, so that one generic ``change_undo`` can reverse it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, cast

from django.core import serializers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override

from convivio.core import ratelimit
from convivio.core.models import Language, Organisation, Territory, Theme, User
from convivio.core.permissions import AnyUser
from convivio.core.selectors import territory_ancestors
from convivio.core.translation import (
    TranslatedRecord,
    TranslationRow,
    copy_translations,
    original_origins,
    save_original,
    save_translation,
)
from convivio.practices.models import Practice

from . import permissions, search
from .cells import cell_key, cell_values
from .models import (
    Dimension,
    DimensionValue,
    Indicator,
    IndicatorDimension,
    MeasurePractice,
    ObservationValue,
    Plan,
    PlanChange,
    PlanNode,
    PlanNodeTranslation,
    PlanTemplate,
    PlanTranslation,
    Recommendation,
    Responsibility,
    Target,
)
from .periods import PeriodError, parse_period
from .reference import PLAN_TEMPLATES
from .selectors import node_descendants
from .tree import live_tree
from .versioning import plan_touch

#: Kinds that may carry indicators.
INDICATOR_KINDS = {
    PlanNode.Kind.MEASURE,
    PlanNode.Kind.OBJECTIVE,
    PlanNode.Kind.GENERAL_OBJECTIVE,
}
MAX_DEPTH = 8
_CODE = re.compile(r"^[A-Za-z0-9._+-]{1,20}$")


# --------------------------------------------------------------------------- data


@dataclass
class PlanData:
    """What a team writes about a plan, in one language."""

    language: str
    title: str
    territory_id: int
    #: Both None when the plan does not state its period.
    start_year: int | None
    end_year: int | None
    organisation_id: int | None = None
    summary: str = ""
    general_objectives: str = ""
    transversal_axes: str = ""
    themes: list[str] = field(default_factory=list)  # theme slugs
    source_document: str = ""
    source_key: str = ""
    #: An edit of the original that does not outdate its translations (a typo).
    minor: bool = False


@dataclass
class NodeData:
    """A node's text and, for measures, what the plan says about carrying it out."""

    title: str
    text: str = ""
    code: str = ""
    kind: str | None = None
    theme: str | None = None  # theme slug
    priority: int | None = None
    needs_financing: bool = False
    financing_rank: int | None = None
    budget_amount: Decimal | None = None
    budget_currency: str = "EUR"
    funding_source: str = ""
    budget_note: str = ""
    start_date: date | None = None
    end_date: date | None = None
    duration_note: str = ""
    status: str = ""
    progress: int | None = None
    #: An edit of the original that does not outdate its translations (a typo).
    minor: bool = False


NODE_FIELDS = ("code", *PlanNode.MEASURE_FIELDS)


@dataclass
class IndicatorData:
    name: str
    definition: str = ""
    code: str = ""
    kind: str = "quantitative"
    unit: str = ""
    baseline_value: Decimal | None = None
    baseline_date: date | None = None
    target_value: Decimal | None = None
    target_date: date | None = None
    direction: str = "increase"
    frequency: str = "yearly"
    reporting_organisation_id: int | None = None
    #: dimension slug → value codes (an empty list: every value of the list)
    dimensions: dict[str, list[str]] = field(default_factory=dict)
    #: An edit of the original that does not outdate its translations (a typo).
    minor: bool = False


INDICATOR_FIELDS = (
    "code",
    "kind",
    "unit",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
    "direction",
    "frequency",
    "reporting_organisation_id",
)


# ------------------------------------------------------------------ change history


def _serialize(obj: models.Model) -> dict:
    return json.loads(serializers.serialize("json", [obj]))[0]


class _Recorder:
    """Collects the before-state of the rows one change touches."""

    def __init__(self, plan: Plan, user: User | None, label: str) -> None:
        self.plan = plan
        self.user = user if user is not None and user.is_authenticated else None
        self.label = label[:300]
        self.rows: list[dict] = []
        self._seen: set[tuple[str, object]] = set()

    def before(self, *objs: models.Model) -> None:
        for obj in objs:
            key = (obj._meta.label_lower, obj.pk)
            if key in self._seen:
                continue
            self._seen.add(key)
            self.rows.append({"model": key[0], "pk": obj.pk, "fields": _serialize(obj)})

    def created(self, *objs: models.Model) -> None:
        for obj in objs:
            key = (obj._meta.label_lower, obj.pk)
            if key in self._seen:
                continue
            self._seen.add(key)
            self.rows.append({"model": key[0], "pk": obj.pk, "fields": None})

    def save(self) -> PlanChange:
        plan_touch(self.plan.pk)
        return PlanChange.objects.create(
            plan=self.plan, user=self.user, label=self.label, rows=self.rows
        )


def _model(label: str) -> type[models.Model]:
    from django.apps import apps

    model = apps.get_model(label)
    if model._meta.app_label != "plans":
        raise ValidationError(_("This change cannot be undone."))
    return model


def last_change(plan: Plan) -> PlanChange | None:
    """The change undo would reverse, or None."""
    return (
        PlanChange.objects.filter(plan=plan, undone_at__isnull=True)
        .only("id", "label", "created_at")
        .first()
    )


def change_undo(*, user: User, plan: Plan) -> PlanChange:
    """Reverse the latest change of the plan not undone yet."""
    permissions.require_edit_plan(user, plan)
    with transaction.atomic(), search.batched():
        state = Plan.objects.filter(pk=plan.pk).values_list("territory_id", "status")
        before = state.get()
        change = (
            PlanChange.objects.select_for_update()
            .filter(plan=plan, undone_at__isnull=True)
            .first()
        )
        if change is None:
            raise ValidationError(_("There is nothing to undo in this plan."))
        # Rows the change created go first (the last created first), then the
        # rows it changed or deleted come back in the order they were recorded.
        for row in reversed(change.rows):
            if row["fields"] is None:
                # _default_manager: plans' models have only ``objects``.
                _model(row["model"])._default_manager.filter(pk=row["pk"]).delete()
        for row in change.rows:
            if row["fields"] is None:
                continue
            model = _model(row["model"])
            # Any: whichever plans model the row names; its fields are checked
            # with hasattr below.
            current: Any = model._default_manager.filter(pk=row["pk"]).first()
            restored = next(
                serializers.deserialize("json", json.dumps([row["fields"]]))
            )
            obj = restored.object
            if current is not None and hasattr(obj, "version"):
                # A form opened before the undo must not overwrite it.
                obj.version = max(obj.version, current.version) + 1
            if current is not None and hasattr(obj, "data_version"):
                # Cache keys only ever move forward.
                obj.data_version = current.data_version
            restored.save()
        change.undone_at = timezone.now()
        change.save(update_fields=["undone_at"])
        plan_touch(plan.pk)
        after = state.get()
        _index_undone(plan, change, moved=before[0] != after[0])
        if before[1] != after[1] and Plan.Status.DRAFT in (before[1], after[1]):
            search.visibility_changed()
    return change


def _index_undone(plan: Plan, change: PlanChange, *, moved: bool) -> None:
    """What an undo brought back or took away, in the search index: the records
    it names, the indicators of nodes it restored (deleting a node hides them),
    and every part of the plan when its place changed back (their text names it)."""
    named: dict[str, set[int]] = {"plan": set(), "node": set(), "indicator": set()}
    keys = {
        "plans.plan": ("plan", None),
        "plans.plantranslation": ("plan", "plan"),
        "plans.plannode": ("node", None),
        "plans.plannodetranslation": ("node", "node"),
        "plans.indicator": ("indicator", None),
        "plans.indicatortranslation": ("indicator", "indicator"),
    }
    for row in change.rows:
        if row["model"] not in keys:
            continue
        kind, field_name = keys[row["model"]]
        if field_name is None:
            named[kind].add(row["pk"])
        elif row["fields"] is not None:
            named[kind].add(row["fields"]["fields"][field_name])
    nodes = PlanNode.objects.filter(plan=plan)
    indicators = Indicator.objects.filter(plan=plan)
    if not moved:
        nodes = nodes.filter(pk__in=named["node"])
        indicators = indicators.filter(
            models.Q(pk__in=named["indicator"]) | models.Q(node_id__in=named["node"])
        )
    search.index(
        plans=named["plan"],
        nodes=nodes.values_list("pk", flat=True),
        indicators=indicators.values_list("pk", flat=True),
    )


# ----------------------------------------------------------------------- helpers


def _language(code: str) -> Language:
    try:
        return Language.objects.get(pk=code)
    except Language.DoesNotExist:
        raise ValidationError({"language": _("Unknown language.")}) from None


def _themes(slugs: Iterable[str]) -> list[Theme]:
    slugs = set(slugs)
    themes = list(Theme.objects.filter(slug__in=slugs))
    if len(themes) != len(slugs):
        raise ValidationError({"themes": _("Unknown theme.")})
    return themes


def _theme(slug: str | None) -> Theme | None:
    if not slug:
        return None
    theme = Theme.objects.filter(slug=slug).first()
    if theme is None:
        raise ValidationError({"theme": _("Unknown theme.")})
    return theme


def _save_text(
    record: TranslatedRecord,
    language: str,
    values: dict,
    *,
    user: User | None,
    recorder: _Recorder | None,
    minor: bool = False,
) -> TranslationRow:
    """Write ``record``'s text in ``language`` through core.translation: the
    original (its translations outdate unless ``minor``) or a person's
    translation.  Every row it may touch is recorded for undo."""
    row_model = record.translations.model
    row_model(
        **{row_model.RECORD_FIELD: record}, language_id=language, **values
    ).full_clean(exclude=[row_model.RECORD_FIELD])
    rows = list(row_model.objects.filter(**{row_model.RECORD_FIELD: record}))
    if recorder is not None:
        recorder.before(*rows)
    if language == record.original_language_id:
        row = save_original(record, values, user=user, minor=minor)
    else:
        row = save_translation(record, language, values, user=user)
    if recorder is not None and all(r.pk != row.pk for r in rows):
        recorder.created(row)
    return row


def _require_not_deleted(node: PlanNode) -> None:
    if node.deleted_at is not None:
        raise ValidationError(_("This part of the plan was deleted."))


def _live_siblings(plan: Plan, parent_id: int | None) -> list[PlanNode]:
    return list(
        PlanNode.objects.filter(
            plan=plan, parent_id=parent_id, deleted_at__isnull=True
        ).order_by("position", "id")
    )


def _depth(node: PlanNode | None) -> int:
    depth = 0
    while node is not None:
        depth += 1
        node = node.parent
    return depth


def _renumber(recorder: _Recorder, nodes: list[PlanNode]) -> None:
    for position, node in enumerate(nodes):
        if node.position != position:
            recorder.before(node)
            node.position = position
            PlanNode.objects.filter(pk=node.pk).update(position=position)


def _node_title(node: PlanNode) -> str:
    row = node.translation_for()
    title = row.title if row else ""
    return f"{node.code} {title}".strip()[:120] or _("a node")


# -------------------------------------------------------------------------- plans


def _plan_fill(plan: Plan, data: PlanData) -> Territory:
    try:
        territory = Territory.objects.get(pk=data.territory_id)
    except Territory.DoesNotExist:
        raise ValidationError({"territory": _("Unknown territory.")}) from None
    plan.territory = territory
    if data.organisation_id:
        organisation = Organisation.objects.filter(pk=data.organisation_id).first()
        if organisation is None:
            raise ValidationError({"organisation": _("Unknown organisation.")})
        plan.organisation = organisation
    else:
        plan.organisation = None
    plan.start_year = data.start_year
    plan.end_year = data.end_year
    plan.source_document = data.source_document
    if data.source_key:
        plan.source_key = data.source_key
    return territory


def _plan_text(
    plan: Plan, data: PlanData, user: User | None, recorder: _Recorder | None
) -> PlanTranslation:
    values = {
        "title": data.title.strip(),
        "summary": data.summary,
        "general_objectives": data.general_objectives,
        "transversal_axes": data.transversal_axes,
    }
    row = _save_text(
        plan,
        data.language,
        values,
        user=user,
        recorder=recorder,
        minor=data.minor,
    )
    # A plan's text rows are PlanTranslation (core's helper knows only the base).
    return cast(PlanTranslation, row)


def plan_create(
    *,
    user: User | None,
    data: PlanData,
    template: str = PlanTemplate.BLANK,
    by_system: bool = False,
    source_locator: str = "",
) -> Plan:
    """A new draft plan; a template ("pmii", "enfem") creates its areas.

    ``source_locator``: where in its source document the plan was read
    (ingestion)."""
    if template not in PlanTemplate.values:
        raise ValidationError({"template": _("Unknown plan template.")})
    _language(data.language)
    plan = Plan(
        original_language_id=data.language,
        template=template,
        source_locator=source_locator,
    )
    territory = _plan_fill(plan, data)
    if not by_system:
        permissions.require_create_plan(user, territory)
        ratelimit.check_member("plan", user)
    if user is not None and user.is_authenticated:
        plan.created_by = user
    with transaction.atomic(), search.batched():
        plan.full_clean()
        plan.save()
        search.index(plans=[plan.pk], fresh=True)
        _plan_text(plan, data, user, None)
        plan.themes.set(_themes(data.themes))
        areas = PLAN_TEMPLATES.get(template, [])
        themes = {
            t.slug: t for t in Theme.objects.filter(slug__in=[a[2] for a in areas])
        }
        for position, (code, name, theme_slug) in enumerate(areas):
            with override(data.language):
                title = _(name)
            node = PlanNode.objects.create(
                plan=plan,
                kind=PlanNode.Kind.AREA,
                code=code,
                position=position,
                theme=themes.get(theme_slug),
                original_language_id=data.language,
            )
            search.index(nodes=[node.pk], fresh=True)
            PlanNodeTranslation.objects.create(
                node=node,
                language_id=data.language,
                title=title,
                origins=original_origins({"title": title}),
            )
        if areas and not data.themes:
            plan.themes.set(themes.values())
    return plan


def plan_update(*, user: User, plan: Plan, data: PlanData) -> Plan:
    permissions.require_edit_plan(user, plan)
    _language(data.language)
    with transaction.atomic(), search.batched():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        recorder = _Recorder(plan, user, _("Changed the plan's description"))
        recorder.before(plan, *plan.translations.all())
        old_territory = plan.territory_id
        territory = _plan_fill(plan, data)
        if territory.pk != old_territory:
            permissions.require_create_plan(user, territory)
        plan.full_clean()
        plan.save()
        _plan_text(plan, data, user, recorder)
        plan.themes.set(_themes(data.themes))
        recorder.save()
        search.index(plans=[plan.pk])
        if territory.pk != old_territory:
            # Its nodes and indicators are found by the name of its place too.
            search.index(
                nodes=PlanNode.objects.filter(
                    plan=plan, deleted_at__isnull=True
                ).values_list("pk", flat=True),
                indicators=Indicator.objects.filter(
                    plan=plan, deleted_at__isnull=True
                ).values_list("pk", flat=True),
            )
    return plan


#: Which status a plan may go to from each status.
TRANSITIONS: dict[str, set[str]] = {
    Plan.Status.DRAFT: {Plan.Status.ADOPTED},
    Plan.Status.ADOPTED: {Plan.Status.MONITORING, Plan.Status.DRAFT},
    Plan.Status.MONITORING: {Plan.Status.CLOSED},
    Plan.Status.CLOSED: set(),
}


def _refused_status(status: str) -> str:
    """Why a plan cannot take ``status`` now: one whole sentence per status, as
    the statuses' words agree differently in each language."""
    sentences: dict[str, str] = {
        Plan.Status.ADOPTED: _("Only a draft plan can be adopted."),
        Plan.Status.MONITORING: _("Only an adopted plan can move to monitoring."),
        Plan.Status.DRAFT: _("Only an adopted plan can become a draft again."),
        Plan.Status.CLOSED: _("Only a plan under monitoring can be closed."),
    }
    return sentences.get(status, _("A plan cannot take this status."))


def plan_transition(*, user: User, plan: Plan, status: str) -> Plan:
    permissions.require_edit_plan(user, plan)
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        if status not in TRANSITIONS.get(plan.status, set()):
            raise ValidationError(_refused_status(status))
        recorder = _Recorder(
            plan,
            user,
            _("Status changed to %(status)s") % {"status": Plan.Status(status).label},
        )
        recorder.before(plan)
        if Plan.Status.DRAFT in (plan.status, status):
            search.visibility_changed()
        plan.status = status
        plan.save(update_fields=["status", "updated_at"])
        recorder.save()
    return plan


def _copy_translations(source: TranslatedRecord, target: TranslatedRecord) -> None:
    """The copy's rows carry the source's origins, so its statuses are the same."""
    copy_translations(source, target)


def plan_duplicate(
    *,
    user: User,
    plan: Plan,
    start_year: int,
    end_year: int,
    title: str | None = None,
) -> Plan:
    """The plan for the next period: same structure, measures not started yet."""
    permissions.require_edit_plan(user, plan)
    with transaction.atomic(), search.batched():
        source = Plan.objects.prefetch_related("translations", "themes").get(pk=plan.pk)
        new = Plan(
            territory_id=source.territory_id,
            organisation_id=source.organisation_id,
            start_year=start_year,
            end_year=end_year,
            template=source.template,
            previous=source,
            original_language_id=source.original_language_id,
            source_document=source.source_document,
            small_cell_threshold=source.small_cell_threshold,
            created_by=user if user.is_authenticated else None,
        )
        new.full_clean()
        new.save()
        search.index(plans=[new.pk], fresh=True)
        new.themes.set(source.themes.all())
        _copy_translations(source, new)
        if title:
            # A new title: its translations no longer say the same.
            save_original(new, {"title": title.strip()[:300]}, user=user)

        nodes = list(
            PlanNode.objects.filter(plan=source, deleted_at__isnull=True)
            .order_by("parent_id", "position", "id")
            .prefetch_related(
                "responsibilities",
                "practice_links",
                "indicators__indicator_dimensions__values",
            )
        )
        mapping: dict[int, PlanNode] = {}

        def copy(node: PlanNode) -> PlanNode:
            # In reading order, a node's parent is copied before it.
            parent = mapping[node.parent_id] if node.parent_id else None
            old = node.pk
            responsibilities = list(node.responsibilities.all())
            links = list(node.practice_links.all())
            indicators = [i for i in node.indicators.all() if i.deleted_at is None]
            clone = PlanNode.objects.get(pk=old)
            clone.pk = None
            clone.id = None
            clone._state.adding = True
            clone.plan = new
            clone.parent = parent
            clone.version = 1
            clone.source_locator = node.source_locator
            if clone.kind == PlanNode.Kind.MEASURE:
                clone.status = PlanNode.Status.PLANNED
                clone.progress = None
            clone.save()
            search.index(nodes=[clone.pk], fresh=True)
            mapping[old] = clone
            _copy_translations(node, clone)
            for r in responsibilities:
                Responsibility.objects.create(
                    node=clone,
                    organisation_id=r.organisation_id,
                    role=r.role,
                    competences=r.competences,
                )
            for link in links:
                MeasurePractice.objects.create(
                    node=clone, practice_id=link.practice_id, relation=link.relation
                )
            for indicator in indicators:
                dimensions = list(indicator.indicator_dimensions.all())
                copy_ind = Indicator.objects.get(pk=indicator.pk)
                copy_ind.pk = None
                copy_ind.id = None
                copy_ind._state.adding = True
                copy_ind.plan = new
                copy_ind.node = clone
                copy_ind.version = 1
                copy_ind.save()
                search.index(indicators=[copy_ind.pk], fresh=True)
                _copy_translations(indicator, copy_ind)
                for dim in dimensions:
                    values = list(dim.values.all())
                    dim_copy = IndicatorDimension.objects.create(
                        indicator=copy_ind,
                        dimension_id=dim.dimension_id,
                        position=dim.position,
                    )
                    dim_copy.values.set(values)
            return clone

        for entry in live_tree(nodes):
            copy(entry.node)

        for rec in Recommendation.objects.filter(plan=source):
            old_rec = Recommendation.objects.get(pk=rec.pk)
            rec.pk = None
            rec.id = None
            rec._state.adding = True
            rec.plan = new
            rec.save()
            _copy_translations(old_rec, rec)
    return new


# -------------------------------------------------------------------------- nodes


def _node_fill(node: PlanNode, data: NodeData) -> None:
    if not (data.title or "").strip():
        raise ValidationError({"title": _("Give this part of the plan a title.")})
    if data.kind:
        if data.kind not in PlanNode.Kind.values:
            raise ValidationError({"kind": _("Unknown kind of node.")})
        node.kind = data.kind
    for name in NODE_FIELDS:
        setattr(node, name, getattr(data, name))
    node.code = (data.code or "").strip()
    node.budget_currency = (data.budget_currency or "EUR").upper()
    node.theme = _theme(data.theme)
    if not data.needs_financing and data.financing_rank:
        raise ValidationError(
            {
                "financing_rank": _(
                    "Only a measure that needs financing has a financing rank."
                )
            }
        )
    if node.kind == PlanNode.Kind.MEASURE:
        node.status = data.status or node.status or PlanNode.Status.PLANNED
    elif data.status:
        raise ValidationError(
            {"status": _("Only measures have a status and progress.")}
        )


def _node_text(
    node: PlanNode, data: NodeData, recorder: _Recorder, user: User | None
) -> None:
    _save_text(
        node,
        node.original_language_id,
        {"title": data.title.strip(), "text": data.text or ""},
        user=user,
        recorder=recorder,
        minor=data.minor,
    )


def node_create(
    *,
    user: User | None,
    plan: Plan,
    kind: str,
    data: NodeData,
    parent: PlanNode | None = None,
    after: PlanNode | None = None,
    by_system: bool = False,
    source_locator: str = "",
) -> PlanNode:
    """A new node under ``parent``, right after ``after`` or last
    (``source_locator``: where ingestion read it)."""
    if not by_system:
        permissions.require_edit_plan(user, plan)
    if kind not in PlanNode.Kind.values:
        raise ValidationError({"kind": _("Unknown kind of node.")})
    if after is not None:
        if after.plan_id != plan.pk:
            raise ValidationError(_("That node belongs to another plan."))
        _require_not_deleted(after)
        parent = after.parent
    if parent is not None:
        if parent.plan_id != plan.pk:
            raise ValidationError(_("That node belongs to another plan."))
        _require_not_deleted(parent)
        if parent.kind == PlanNode.Kind.MEASURE:
            raise ValidationError(
                _("A measure cannot contain other parts of the plan.")
            )
        if _depth(parent) >= MAX_DEPTH:
            raise ValidationError(_("The plan cannot be nested deeper."))
    with transaction.atomic(), search.batched():
        Plan.objects.select_for_update().filter(pk=plan.pk).first()
        title = f"{data.code or ''} {(data.title or '')[:80]}".strip()
        recorder = _Recorder(plan, user, _("Added %(title)s") % {"title": title})
        siblings = _live_siblings(plan, parent.pk if parent else None)
        node = PlanNode(
            plan=plan,
            parent=parent,
            kind=kind,
            original_language_id=plan.original_language_id,
            source_locator=source_locator,
        )
        data.kind = None
        _node_fill(node, data)
        if after is not None:
            index = next(
                (i + 1 for i, s in enumerate(siblings) if s.pk == after.pk),
                len(siblings),
            )
        else:
            index = len(siblings)
        node.position = index
        node.full_clean()
        node.save()
        search.index(nodes=[node.pk], fresh=True)
        recorder.created(node)
        _renumber(recorder, [*siblings[:index], node, *siblings[index:]])
        _node_text(node, data, recorder, user)
        recorder.save()
    return node


def node_update(
    *, user: User, node: PlanNode, data: NodeData, expected_version: int
) -> PlanNode:
    """Save an edit made from ``expected_version``; refuse if the node moved on."""
    permissions.require_edit_plan(user, node.plan)
    with transaction.atomic(), search.batched():
        current = PlanNode.objects.select_for_update().get(pk=node.pk)
        _require_not_deleted(current)
        if current.version != expected_version:
            raise ValidationError(
                _(
                    "Someone else changed “%(title)s” while you were editing it. "
                    "Reload to see their version, then make your change again."
                )
                % {"title": _node_title(current)}
            )
        recorder = _Recorder(
            current.plan, user, _("Edited %(title)s") % {"title": _node_title(current)}
        )
        recorder.before(current)
        _node_fill(current, data)
        current.full_clean()
        values = {name: getattr(current, name) for name in NODE_FIELDS}
        updated = PlanNode.objects.filter(
            pk=current.pk, version=expected_version
        ).update(
            **values,
            kind=current.kind,
            theme=current.theme,
            version=expected_version + 1,
            updated_at=timezone.now(),
        )
        if updated != 1:
            raise ValidationError(
                _("Someone else changed this part of the plan meanwhile; reload it.")
            )
        _node_text(current, data, recorder, user)
        recorder.save()
        search.index(nodes=[current.pk])  # its theme, beside its text
    current.refresh_from_db()
    return current


def node_move(*, user: User, node: PlanNode, direction: str) -> PlanNode:
    """Move a node "up", "down", "indent" (under the previous one) or "outdent"."""
    permissions.require_edit_plan(user, node.plan)
    labels = {
        "up": _("Moved %(title)s up"),
        "down": _("Moved %(title)s down"),
        "indent": _("Indented %(title)s"),
        "outdent": _("Outdented %(title)s"),
    }
    if direction not in labels:
        raise ValidationError(_("Unknown move."))
    with transaction.atomic():
        Plan.objects.select_for_update().filter(pk=node.plan_id).first()
        node = PlanNode.objects.select_related("parent", "plan").get(pk=node.pk)
        _require_not_deleted(node)
        plan = node.plan
        recorder = _Recorder(
            plan, user, labels[direction] % {"title": _node_title(node)}
        )
        recorder.before(node)
        siblings = _live_siblings(plan, node.parent_id)
        index = next(i for i, s in enumerate(siblings) if s.pk == node.pk)
        if direction in ("up", "down"):
            other = index - 1 if direction == "up" else index + 1
            if not 0 <= other < len(siblings):
                raise ValidationError(
                    _("This is already the first one.")
                    if direction == "up"
                    else _("This is already the last one.")
                )
            siblings[index], siblings[other] = siblings[other], siblings[index]
            _renumber(recorder, siblings)
        elif direction == "indent":
            if index == 0:
                raise ValidationError(
                    _("Only a node with another one above it can be indented.")
                )
            new_parent = siblings[index - 1]
            if new_parent.kind == PlanNode.Kind.MEASURE:
                raise ValidationError(
                    _("A measure cannot contain other parts of the plan.")
                )
            if _depth(new_parent) >= MAX_DEPTH:
                raise ValidationError(_("The plan cannot be nested deeper."))
            children = _live_siblings(plan, new_parent.pk)
            del siblings[index]
            _renumber(recorder, siblings)
            node.parent = new_parent
            node.position = len(children)
            PlanNode.objects.filter(pk=node.pk).update(
                parent=new_parent, position=len(children)
            )
        else:
            if node.parent is None:
                raise ValidationError(_("This node is already at the top level."))
            parent = node.parent
            del siblings[index]
            _renumber(recorder, siblings)
            outer = _live_siblings(plan, parent.parent_id)
            at = next(i for i, s in enumerate(outer) if s.pk == parent.pk) + 1
            node.parent = parent.parent
            PlanNode.objects.filter(pk=node.pk).update(parent=parent.parent)
            node.position = -1
            _renumber(recorder, [*outer[:at], node, *outer[at:]])
        recorder.save()
    node.refresh_from_db()
    return node


def node_delete(*, user: User, node: PlanNode) -> None:
    """Soft delete a node and everything under it; undo brings them back."""
    permissions.require_edit_plan(user, node.plan)
    with transaction.atomic():
        node = PlanNode.objects.select_for_update().get(pk=node.pk)
        _require_not_deleted(node)
        recorder = _Recorder(
            node.plan, user, _("Deleted %(title)s") % {"title": _node_title(node)}
        )
        rows = [node, *node_descendants(node)]
        recorder.before(*rows)
        PlanNode.objects.filter(pk__in=[r.pk for r in rows]).update(
            deleted_at=timezone.now()
        )
        recorder.save()
        # Out of search with everything under it, their indicators too.
        search.index(
            nodes=[r.pk for r in rows],
            indicators=Indicator.objects.filter(
                node__in=[r.pk for r in rows], deleted_at__isnull=True
            ).values_list("pk", flat=True),
        )


# ------------------------------------------------- responsibilities and practices


def _require_measure(node: PlanNode) -> None:
    _require_not_deleted(node)
    if node.kind != PlanNode.Kind.MEASURE:
        raise ValidationError(
            _("Only measures have responsible entities and practices.")
        )


def responsibility_set(
    *,
    user: User | None,
    node: PlanNode,
    organisation: Organisation,
    role: str = Responsibility.Role.LEAD,
    competences: str = "",
    by_system: bool = False,
) -> Responsibility:
    """Make an organisation responsible for a measure (or change its role)."""
    if not by_system:
        permissions.require_edit_plan(user, node.plan)
    _require_measure(node)
    if role not in Responsibility.Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    with transaction.atomic():
        recorder = _Recorder(
            node.plan,
            user,
            _("Assigned %(organisation)s to %(title)s")
            % {"organisation": organisation.name, "title": _node_title(node)},
        )
        row = Responsibility.objects.filter(
            node=node, organisation=organisation
        ).first()
        if row is None:
            row = Responsibility(node=node, organisation=organisation)
        else:
            recorder.before(row)
        row.role = role
        row.competences = competences.strip()
        row.full_clean(validate_unique=False)
        created = row.pk is None
        row.save()
        if created:
            recorder.created(row)
        recorder.save()
    return row


def responsibility_remove(*, user: User, responsibility: Responsibility) -> None:
    node = responsibility.node
    permissions.require_edit_plan(user, node.plan)
    with transaction.atomic():
        recorder = _Recorder(
            node.plan,
            user,
            _("Removed %(organisation)s from %(title)s")
            % {
                "organisation": responsibility.organisation.name,
                "title": _node_title(node),
            },
        )
        recorder.before(responsibility)
        responsibility.delete()
        recorder.save()


def measure_practice_link(
    *,
    user: User | None,
    node: PlanNode,
    practice: Practice,
    relation: str = MeasurePractice.Relation.INSPIRES,
    by_system: bool = False,
) -> MeasurePractice:
    if not by_system:
        permissions.require_edit_plan(user, node.plan)
    _require_measure(node)
    if relation not in MeasurePractice.Relation.values:
        raise ValidationError({"relation": _("Unknown relation.")})
    if practice.status != Practice.Status.PUBLISHED:
        raise ValidationError(_("Only published practices can be linked to a measure."))
    with transaction.atomic():
        recorder = _Recorder(
            node.plan,
            user,
            _("Linked a practice to %(title)s") % {"title": _node_title(node)},
        )
        link = MeasurePractice.objects.filter(node=node, practice=practice).first()
        if link is None:
            link = MeasurePractice.objects.create(
                node=node, practice=practice, relation=relation
            )
            recorder.created(link)
        else:
            recorder.before(link)
            link.relation = relation
            link.save(update_fields=["relation"])
        recorder.save()
    return link


def measure_practice_unlink(*, user: User, link: MeasurePractice) -> None:
    node = link.node
    permissions.require_edit_plan(user, node.plan)
    with transaction.atomic():
        recorder = _Recorder(
            node.plan,
            user,
            _("Unlinked a practice from %(title)s") % {"title": _node_title(node)},
        )
        recorder.before(link)
        link.delete()
        recorder.save()


# --------------------------------------------------------------------- indicators


def territory_chain(territory: Territory) -> list[int]:
    """The territory and the places around it: whose code lists its plans use."""
    return [territory.pk, *(t.pk for t in territory_ancestors(territory))]


def dimensions_for(territory: Territory) -> models.QuerySet[Dimension]:
    """Code lists a plan of this territory may use: the platform's and its own."""
    return Dimension.objects.filter(
        models.Q(territory__isnull=True)
        | models.Q(territory_id__in=territory_chain(territory))
    )


def _resolve_dimensions(
    plan: Plan, wanted: dict[str, list[str]]
) -> list[tuple[Dimension, list[DimensionValue]]]:
    chain = territory_chain(plan.territory)
    available = {d.slug: d for d in dimensions_for(plan.territory)}
    resolved = []
    for slug, codes in wanted.items():
        dimension = available.get(slug)
        if dimension is None:
            raise ValidationError(
                {"dimensions": _("Unknown disaggregation “%(slug)s”.") % {"slug": slug}}
            )
        values = list(
            DimensionValue.objects.filter(dimension=dimension).filter(
                models.Q(territory__isnull=True) | models.Q(territory_id__in=chain)
            )
        )
        if codes:
            known = {v.code: v for v in values}
            unknown = [c for c in codes if c not in known]
            if unknown:
                raise ValidationError(
                    {
                        "dimensions": _(
                            "“%(codes)s” is not a value of the list %(name)s."
                        )
                        % {"codes": ", ".join(unknown), "name": dimension.name}
                    }
                )
            values = [known[c] for c in dict.fromkeys(codes)]
        elif not values:
            raise ValidationError(
                {
                    "dimensions": _(
                        "The list %(name)s has no values yet: add them "
                        "under “Code lists”."
                    )
                    % {"name": dimension.name}
                }
            )
        resolved.append((dimension, values if codes else []))
    return resolved


def _indicator_fill(indicator: Indicator, data: IndicatorData) -> None:
    if not (data.name or "").strip():
        raise ValidationError({"name": _("Give the indicator a name.")})
    for name in INDICATOR_FIELDS:
        setattr(indicator, name, getattr(data, name))
    indicator.code = (data.code or "").strip()
    if (
        data.reporting_organisation_id
        and not Organisation.objects.filter(pk=data.reporting_organisation_id).exists()
    ):
        raise ValidationError(
            {"reporting_organisation": _("Unknown reporting organisation.")}
        )
    if indicator.kind == Indicator.Kind.QUALITATIVE and data.dimensions:
        raise ValidationError(
            {"dimensions": _("A qualitative indicator is not disaggregated.")}
        )


def _indicator_text(
    indicator: Indicator, data: IndicatorData, recorder: _Recorder, user: User | None
) -> None:
    _save_text(
        indicator,
        indicator.original_language_id,
        {"name": data.name.strip(), "definition": data.definition or ""},
        user=user,
        recorder=recorder,
        minor=data.minor,
    )


def _set_dimensions(
    indicator: Indicator,
    resolved: list[tuple[Dimension, list[DimensionValue]]],
    recorder: _Recorder,
) -> None:
    existing = {
        link.dimension_id: link for link in indicator.indicator_dimensions.all()
    }
    keep = {dimension.pk for dimension, _values in resolved}
    for dimension_id, stale in existing.items():
        if dimension_id not in keep:
            recorder.before(stale)
            stale.delete()
    for position, (dimension, values) in enumerate(resolved):
        link = existing.get(dimension.pk)
        if link is None:
            link = IndicatorDimension.objects.create(
                indicator=indicator, dimension=dimension, position=position
            )
            recorder.created(link)
        else:
            recorder.before(link)
            if link.position != position:
                link.position = position
                link.save(update_fields=["position"])
        link.values.set(values)


def indicator_create(
    *,
    user: User | None,
    node: PlanNode,
    data: IndicatorData,
    by_system: bool = False,
) -> Indicator:
    plan = node.plan
    if not by_system:
        permissions.require_edit_plan(user, plan)
    _require_not_deleted(node)
    if node.kind not in INDICATOR_KINDS:
        raise ValidationError(
            _("Indicators belong to a measure or an objective, not to an area.")
        )
    resolved = _resolve_dimensions(plan, data.dimensions)
    with transaction.atomic(), search.batched():
        recorder = _Recorder(
            plan, user, _("Added the indicator %(name)s") % {"name": data.name[:80]}
        )
        indicator = Indicator(
            plan=plan,
            node=node,
            original_language_id=plan.original_language_id,
            position=Indicator.objects.filter(node=node).count(),
        )
        _indicator_fill(indicator, data)
        indicator.full_clean()
        indicator.save()
        search.index(indicators=[indicator.pk], fresh=True)
        recorder.created(indicator)
        _indicator_text(indicator, data, recorder, user)
        _set_dimensions(indicator, resolved, recorder)
        recorder.save()
    return indicator


def _cells_using(indicator: Indicator, slug: str) -> bool:
    return ObservationValue.objects.filter(
        models.Q(cell__startswith=f"{slug}=") | models.Q(cell__contains=f"|{slug}="),
        observation__indicator=indicator,
    ).exists()


def indicator_update(
    *, user: User, indicator: Indicator, data: IndicatorData, expected_version: int
) -> Indicator:
    plan = indicator.plan
    permissions.require_edit_plan(user, plan)
    resolved = _resolve_dimensions(plan, data.dimensions)
    with transaction.atomic(), search.batched():
        current = Indicator.objects.select_for_update().get(pk=indicator.pk)
        if current.deleted_at is not None:
            raise ValidationError(_("This indicator was deleted."))
        if current.version != expected_version:
            raise ValidationError(
                _(
                    "Someone else changed this indicator while you were editing it. "
                    "Reload to see their version, then make your change again."
                )
            )
        kept = {dimension.slug for dimension, _values in resolved}
        for link in current.indicator_dimensions.select_related("dimension"):
            slug = link.dimension.slug
            if slug not in kept and _cells_using(current, slug):
                raise ValidationError(
                    {
                        "dimensions": _(
                            "Values were already reported by %(name)s: the "
                            "disaggregation cannot be removed."
                        )
                        % {"name": link.dimension.name}
                    }
                )
        recorder = _Recorder(
            plan, user, _("Edited the indicator %(name)s") % {"name": data.name[:80]}
        )
        recorder.before(current)
        _indicator_fill(current, data)
        current.version = expected_version + 1
        current.full_clean()
        current.save()
        _indicator_text(current, data, recorder, user)
        _set_dimensions(current, resolved, recorder)
        recorder.save()
        search.index(indicators=[current.pk])  # its unit, beside its text
    return current


def indicator_delete(*, user: User, indicator: Indicator) -> None:
    """Soft delete: its observations stay, and undo brings it back."""
    permissions.require_edit_plan(user, indicator.plan)
    with transaction.atomic():
        current = Indicator.objects.select_for_update().get(pk=indicator.pk)
        if current.deleted_at is not None:
            raise ValidationError(_("This indicator was already deleted."))
        recorder = _Recorder(
            current.plan,
            user,
            _("Deleted the indicator %(name)s") % {"name": str(current)[:80]},
        )
        recorder.before(current)
        Indicator.objects.filter(pk=current.pk).update(deleted_at=timezone.now())
        recorder.save()
        search.index(indicators=[current.pk])


def _check_cell(indicator: Indicator, cell: str) -> str:
    if not cell:
        return ""
    allowed: dict[str, set[str]] = {}
    for link in indicator.indicator_dimensions.select_related("dimension"):
        codes = {v.code for v in link.values.all()}
        if not codes:
            codes = set(
                DimensionValue.objects.filter(dimension=link.dimension).values_list(
                    "code", flat=True
                )
            )
        allowed[link.dimension.slug] = codes
    try:
        values = cell_values(cell)
    except ValueError:
        raise ValidationError(
            {"cell": _("“%(cell)s” is not a cell.") % {"cell": cell}}
        ) from None
    for slug, code in values.items():
        if slug not in allowed:
            raise ValidationError(
                {
                    "cell": _("This indicator is not disaggregated by “%(slug)s”.")
                    % {"slug": slug}
                }
            )
        if code not in allowed[slug]:
            raise ValidationError(
                {
                    "cell": _("“%(code)s” is not a value of “%(slug)s” here.")
                    % {"code": code, "slug": slug}
                }
            )
    return cell_key(values)


def target_set(
    *,
    user: User,
    indicator: Indicator,
    period: str,
    value: Decimal,
    cell: str = "",
) -> Target:
    """The target of one period (and cell); replaces the one set before."""
    plan = indicator.plan
    permissions.require_edit_plan(user, plan)
    try:
        parsed = parse_period(period)
    except PeriodError as error:
        raise ValidationError({"period": str(error)}) from None
    # The years read once, so that the type checker sees both stated.
    start, end = plan.start_year, plan.end_year
    if (
        start is None
        or end is None
        or not parsed.within(date(start, 1, 1), date(end, 12, 31))
    ):
        raise ValidationError(
            {
                "period": _("%(period)s is outside the plan's years (%(years)s).")
                % {"period": parsed.key, "years": plan.period}
            }
        )
    cell = _check_cell(indicator, cell)
    with transaction.atomic():
        recorder = _Recorder(
            plan,
            user,
            _("Set a target for %(period)s") % {"period": parsed.key},
        )
        target = Target.objects.filter(
            indicator=indicator, period=parsed.key, cell=cell
        ).first()
        if target is None:
            target = Target(indicator=indicator, period=parsed.key, cell=cell)
        else:
            recorder.before(target)
        target.value = value
        target.full_clean(validate_unique=False)
        created = target.pk is None
        target.save()
        if created:
            recorder.created(target)
        recorder.save()
    return target


# ---------------------------------------------------------------- recommendations


def recommendation_create(
    *,
    user: User | None,
    plan: Plan,
    audience: str,
    text: str,
    language: str | None = None,
    by_system: bool = False,
    source_locator: str = "",
) -> Recommendation:
    if not by_system:
        permissions.require_edit_plan(user, plan)
    if audience not in Recommendation.Audience.values:
        raise ValidationError({"audience": _("Choose who the recommendation is for.")})
    if not (text or "").strip():
        raise ValidationError({"text": _("Write the recommendation.")})
    language = language or plan.original_language_id
    _language(language)
    with transaction.atomic():
        recorder = _Recorder(plan, user, _("Added a recommendation"))
        rec = Recommendation(
            plan=plan,
            audience=audience,
            original_language_id=language,
            position=Recommendation.objects.filter(plan=plan).count(),
            source_locator=source_locator,
        )
        rec.full_clean()
        rec.save()
        recorder.created(rec)
        _save_text(rec, language, {"text": text.strip()}, user=user, recorder=recorder)
        recorder.save()
    return rec


def recommendation_update(
    *,
    user: User,
    recommendation: Recommendation,
    audience: str,
    text: str,
    minor: bool = False,
) -> Recommendation:
    plan = recommendation.plan
    permissions.require_edit_plan(user, plan)
    if audience not in Recommendation.Audience.values:
        raise ValidationError({"audience": _("Choose who the recommendation is for.")})
    if not (text or "").strip():
        raise ValidationError({"text": _("Write the recommendation.")})
    with transaction.atomic():
        recorder = _Recorder(plan, user, _("Edited a recommendation"))
        recorder.before(recommendation, *recommendation.translations.all())
        recommendation.audience = audience
        recommendation.full_clean()
        recommendation.save()
        _save_text(
            recommendation,
            recommendation.original_language_id,
            {"text": text.strip()},
            user=user,
            recorder=recorder,
            minor=minor,
        )
        recorder.save()
    return recommendation


def recommendation_delete(*, user: User, recommendation: Recommendation) -> None:
    plan = recommendation.plan
    permissions.require_edit_plan(user, plan)
    with transaction.atomic():
        recorder = _Recorder(plan, user, _("Deleted a recommendation"))
        recorder.before(recommendation, *recommendation.translations.all())
        recommendation.delete()
        recorder.save()


# --------------------------------------------------------------------- code lists


def _require_team(user: AnyUser | None, territory: Territory) -> None:
    if user is None or not permissions.can_create_plan(user, territory):
        raise PermissionDenied(
            _("Only the territory team of %(territory)s can extend its code lists.")
            % {"territory": territory}
        )


def _check_code(code: str) -> str:
    code = (code or "").strip()
    if not _CODE.match(code):
        raise ValidationError(
            {
                "code": _(
                    "“%(code)s” is not a code: use up to 20 letters, digits, "
                    "dots, dashes or plus signs."
                )
                % {"code": code}
            }
        )
    return code


def dimension_create(
    *,
    user: AnyUser | None,
    territory: Territory,
    name: str,
    values: list[tuple[str, str]],
    about_people: bool = True,
) -> Dimension:
    """A territory's own code list, with its values (code, label)."""
    _require_team(user, territory)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the list a name.")})
    slug = slugify(name)[:40]
    if not slug:
        raise ValidationError({"name": _("Use letters or digits in the list's name.")})
    if Dimension.objects.filter(
        models.Q(territory__isnull=True) | models.Q(territory=territory), slug=slug
    ).exists():
        raise ValidationError(
            {"name": _("A list called “%(name)s” exists already.") % {"name": name}}
        )
    codes = [_check_code(code) for code, _label in values]
    if len(set(codes)) != len(codes):
        raise ValidationError({"values": _("Each value needs its own code.")})
    with transaction.atomic():
        dimension = Dimension(
            slug=slug,
            name=name[:100],
            territory=territory,
            about_people=about_people,
            position=100,
        )
        dimension.full_clean()
        dimension.save()
        for position, (code, label) in enumerate(values):
            value = DimensionValue(
                dimension=dimension,
                code=code.strip(),
                label=(label or code).strip()[:200],
                territory=territory,
                position=position,
            )
            value.full_clean()
            value.save()
    return dimension


def dimension_value_add(
    *,
    user: AnyUser | None,
    dimension: Dimension,
    territory: Territory,
    code: str,
    label: str,
) -> DimensionValue:
    """Add a value for ``territory`` to a platform list or to its own list."""
    _require_team(user, territory)
    if dimension.territory_id is not None and dimension.territory_id != territory.pk:
        raise PermissionDenied(_("This list belongs to another territory."))
    code = _check_code(code)
    if DimensionValue.objects.filter(dimension=dimension, code=code).exists():
        raise ValidationError(
            {
                "code": _("The list %(name)s already has the code “%(code)s”.")
                % {"name": dimension.name, "code": code}
            }
        )
    with transaction.atomic():
        value = DimensionValue(
            dimension=dimension,
            code=code,
            label=(label or code).strip()[:200],
            territory=territory,
            position=DimensionValue.objects.filter(dimension=dimension).count(),
        )
        value.full_clean()
        value.save()
    return value
