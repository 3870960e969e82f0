"""Plans, their nodes (areas, objectives, measures) and indicators in the one
search (``convivio.search``), registered from ``PlansConfig.ready()``.

What is indexed: every plan, and every node and indicator that is not deleted,
drafts included: who sees a draft is decided when results are read
(``visible_ids`` asks ``permissions.visible_plans``), so publishing a plan
changes nothing in the index. One row per language the record has.

How it stays in step: the services call ``index`` (or wrap a write of many rows
in ``batched``, which indexes once at the end); translation rows written
elsewhere (the translation screen, machine translation) and records deleted in
the admin reach it through the signals connected here. Every reader below costs
a fixed number of queries whatever the number of ids.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from functools import cache

from django.db.models import Prefetch, QuerySet
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from convivio.core.hooks import before_merge
from convivio.core.models import Organisation, Territory
from convivio.search.backends import Document
from convivio.search.registry import Hit, SearchKind, register
from convivio.search.selectors import ids_subquery
from convivio.search.services import (
    index_bulk,
    index_remove,
    index_replace,
    index_version_bump,
)

from . import permissions
from .models import (
    Indicator,
    IndicatorTranslation,
    Plan,
    PlanNode,
    PlanNodeTranslation,
    PlanTranslation,
)

PLAN, NODE, INDICATOR = "plan", "node", "indicator"
#: Characters of a summary a search result shows.
SUMMARY_CHARS = 300


def _summary(text: str) -> str:
    return Truncator(" ".join((text or "").split())).chars(SUMMARY_CHARS)


@cache
def _theme_name(name: str, language: str) -> str:
    """A theme's name in ``language`` (the reference names are in the
    catalogues), so that "vivienda" finds a Spanish node of the housing theme."""
    with translation.override(language):
        return gettext(name) if name else ""


# ------------------------------------------------------------------ documents
# Builders from plain values, shared by the readers below and the benchmark's
# bulk load (bench/plans_data.py), so both index the same text.


def plan_documents_build(
    *,
    plan_id: int,
    rows: Iterable[PlanTranslation],
    place: str,
    organisation: str,
    themes: Iterable[str],
) -> list[Document]:
    """One row per translation: its text, the place, the issuing organisation
    and the themes' names in that language."""
    rows = list(rows)
    fallback = next((r.title for r in rows if r.title), "")
    themes = list(themes)
    documents = []
    for row in rows:
        parts = [
            row.summary,
            row.general_objectives,
            row.transversal_axes,
            place,
            organisation,
            *(_theme_name(t, row.language_id) for t in themes),
        ]
        documents.append(
            Document(
                kind=PLAN,
                object_id=plan_id,
                language=row.language_id,
                title=row.title or fallback,
                body="\n".join(p for p in parts if p),
            )
        )
    return documents


def node_documents_build(
    *,
    node_id: int,
    rows: Iterable[tuple[str, str, str]],
    place: str,
    theme: str = "",
) -> list[Document]:
    """One row per (language, title, text) of a node, with its plan's place and
    its theme's name in that language."""
    rows = list(rows)
    fallback = next((title for _, title, _ in rows if title), "")
    return [
        Document(
            kind=NODE,
            object_id=node_id,
            language=language,
            title=title or fallback,
            body="\n".join(p for p in (text, place, _theme_name(theme, language)) if p),
        )
        for language, title, text in rows
    ]


def indicator_documents_build(
    *,
    indicator_id: int,
    rows: Iterable[tuple[str, str, str]],
    unit: str,
    place: str,
    theme: str = "",
) -> list[Document]:
    """One row per (language, name, definition) of an indicator, with its unit,
    its plan's place and its measure's theme."""
    rows = list(rows)
    fallback = next((name for _, name, _ in rows if name), "")
    return [
        Document(
            kind=INDICATOR,
            object_id=indicator_id,
            language=language,
            title=name or fallback,
            body="\n".join(
                p for p in (definition, unit, place, _theme_name(theme, language)) if p
            ),
        )
        for language, name, definition in rows
    ]


def plan_documents(ids: list[int]) -> list[Document]:
    """The index rows of the plans among ``ids`` (three queries)."""
    plans = (
        Plan.objects.filter(pk__in=ids_subquery(ids))
        .select_related("territory", "organisation")
        .prefetch_related("translations", "themes")
    )
    return [
        d
        for plan in plans
        for d in plan_documents_build(
            plan_id=plan.pk,
            rows=plan.translations.all(),
            place=plan.territory.name,
            organisation=plan.organisation.name if plan.organisation else "",
            themes=[t.name for t in plan.themes.all()],
        )
    ]


def _live_nodes() -> QuerySet[PlanNode]:
    return PlanNode.objects.filter(deleted_at__isnull=True)


def _live_indicators() -> QuerySet[Indicator]:
    return Indicator.objects.filter(
        deleted_at__isnull=True, node__deleted_at__isnull=True
    )


def node_documents(ids: list[int]) -> list[Document]:
    """The index rows of the live nodes among ``ids`` (two queries)."""
    nodes = (
        _live_nodes()
        .filter(pk__in=ids_subquery(ids))
        .select_related("plan__territory", "theme")
        .prefetch_related("translations")
    )
    return [
        d
        for node in nodes
        for d in node_documents_build(
            node_id=node.pk,
            rows=[(r.language_id, r.title, r.text) for r in node.translations.all()],
            place=node.plan.territory.name,
            theme=node.theme.name if node.theme else "",
        )
    ]


def indicator_documents(ids: list[int]) -> list[Document]:
    """The index rows of the live indicators among ``ids`` (two queries)."""
    indicators = (
        _live_indicators()
        .filter(pk__in=ids_subquery(ids))
        .select_related("plan__territory", "node__theme")
        .prefetch_related("translations")
    )
    return [
        d
        for ind in indicators
        for d in indicator_documents_build(
            indicator_id=ind.pk,
            rows=[
                (r.language_id, r.name, r.definition) for r in ind.translations.all()
            ],
            unit=ind.unit,
            place=ind.plan.territory.name,
            theme=ind.node.theme.name if ind.node.theme else "",
        )
    ]


def plan_indexable_ids() -> Iterable[int]:
    return Plan.objects.order_by("pk").values_list("pk", flat=True)


def node_indexable_ids() -> Iterable[int]:
    return _live_nodes().order_by("pk").values_list("pk", flat=True)


def indicator_indexable_ids() -> Iterable[int]:
    return _live_indicators().order_by("pk").values_list("pk", flat=True)


# ------------------------------------------------------------------ visibility


def _visible_plan_ids(user) -> set[int]:
    return set(permissions.visible_plans(user).values_list("pk", flat=True))


def plan_visible_ids(user, ids: list[int]) -> set[int]:
    """Of ``ids``, the plans ``user`` reads (``visible_plans``: drafts only for
    their team, makers and reporters; one query)."""
    plans = Plan.objects.filter(pk__in=ids_subquery(ids)).order_by()
    return set(permissions.visible_plans(user, plans).values_list("pk", flat=True))


def node_visible_ids(user, ids: list[int]) -> set[int]:
    """Of ``ids``, the live nodes of plans ``user`` reads (two queries). The
    plans are read apart and compared here: a broad word matches tens of
    thousands of nodes, and joining each to its plan costs a third more."""
    plans = _visible_plan_ids(user)
    rows = (
        _live_nodes()
        .filter(pk__in=ids_subquery(ids))
        .order_by()  # a set: no sort of tens of thousands of matches
        .values_list("pk", "plan_id")
    )
    return {pk for pk, plan_id in rows if plan_id in plans}


def indicator_visible_ids(user, ids: list[int]) -> set[int]:
    """Of ``ids``, the live indicators of plans ``user`` reads (two queries)."""
    plans = _visible_plan_ids(user)
    rows = (
        _live_indicators()
        .filter(pk__in=ids_subquery(ids))
        .order_by()
        .values_list("pk", "plan_id")
    )
    return {pk for pk, plan_id in rows if plan_id in plans}


# ------------------------------------------------------------------ hits


def _title(record, language: str) -> tuple[str, str]:
    """The record's title in ``language`` where it has one, and its language."""
    row = record.translation_for(language)
    if row is None:
        return "", ""
    return getattr(row, "title", "") or getattr(row, "name", ""), row.language_id


def _plan_meta(plan: Plan, language: str) -> list[str]:
    return [_title(plan, language)[0], plan.territory.label]


def _monitored(plan: Plan) -> bool:
    return plan.status in (Plan.Status.MONITORING, Plan.Status.CLOSED)


def _measure_meta(node: PlanNode, today: date) -> list[str]:
    """A monitored measure's status, progress and light, as its plan's
    dashboard shows them (``reporting.dashboard``'s rule for the light)."""
    # The reporting part reads the top level; imported here so that the top
    # level (which the services import) does not import it back.
    from .reporting.dashboard import light_labels, traffic_light

    plan = node.plan
    status = node.status or PlanNode.Status.PLANNED
    plan_end = date(plan.end_year, 12, 31) if plan.end_year else None
    ended = plan_end is not None and plan_end < today
    light = traffic_light(
        status,
        node.start_date,
        node.end_date,
        today,
        progress=node.progress,
        plan_end=plan_end,
    )
    if ended and light in ("green", "amber") and status != PlanNode.Status.DONE:
        light = "red"  # as the dashboard: past the plan's end, not finished
    meta = [str(PlanNode.Status(status).label)]
    if node.progress is not None:
        meta.append(f"{node.progress}%")
    meta.append(dict(light_labels(ended=ended))[light])
    return meta


def plan_hits(ids: list[int], language: str) -> dict[int, Hit]:
    """Title and summary in ``language`` where the plan has it; its place,
    period and status (two queries)."""
    plans = (
        Plan.objects.filter(pk__in=ids_subquery(ids))
        .select_related("territory")
        .prefetch_related("translations")
    )
    hits: dict[int, Hit] = {}
    with translation.override(language):
        for plan in plans:
            row = plan.translation_for(language)
            if row is None:
                continue
            meta = [plan.territory.label, plan.period, plan.get_status_display()]
            hits[plan.pk] = Hit(
                kind=PLAN,
                object_id=plan.pk,
                title=row.title,
                url=plan.get_absolute_url(),
                summary=_summary(row.summary),
                language=row.language_id,
                meta=tuple(str(m) for m in meta if m),
            )
    return hits


def node_hits(ids: list[int], language: str) -> dict[int, Hit]:
    """A node's title and text in ``language`` where it has them, linked to its
    place on its plan's page; its plan, place and kind, and for a measure of a
    monitored plan its status, progress and light (three queries)."""
    nodes = (
        PlanNode.objects.filter(pk__in=ids_subquery(ids))
        .select_related("plan__territory")
        .prefetch_related("translations", "plan__translations")
    )
    today = timezone.localdate()
    hits: dict[int, Hit] = {}
    with translation.override(language):
        for node in nodes:
            row = node.translation_for(language)
            if row is None:
                continue
            meta = [*_plan_meta(node.plan, language), node.get_kind_display()]
            if node.is_measure and _monitored(node.plan):
                meta += _measure_meta(node, today)
            hits[node.pk] = Hit(
                kind=NODE,
                object_id=node.pk,
                title=f"{node.code} {row.title}".strip(),
                # A measure has its own page (what fits it); other nodes are
                # read in their place on the plan's page.
                url=(
                    reverse("plans:measure", args=[node.plan_id, node.pk])
                    if node.is_measure
                    else f"{node.plan.get_absolute_url()}#node-{node.pk}"
                ),
                summary=_summary(row.text),
                language=row.language_id,
                meta=tuple(str(m) for m in meta if m),
            )
    return hits


def indicator_hits(ids: list[int], language: str) -> dict[int, Hit]:
    """An indicator's name and definition in ``language`` where it has them,
    linked to its measure on its plan's page; its plan, place and measure
    (four queries)."""
    indicators = (
        Indicator.objects.filter(pk__in=ids_subquery(ids))
        .select_related("plan__territory", "node")
        .prefetch_related(
            "translations",
            "plan__translations",
            Prefetch(
                "node__translations",
                queryset=PlanNodeTranslation.objects.only(
                    "id", "node_id", "language_id", "title"
                ),
            ),
        )
    )
    hits: dict[int, Hit] = {}
    with translation.override(language):
        for ind in indicators:
            row = ind.translation_for(language)
            if row is None:
                continue
            node_title = _title(ind.node, language)[0]
            meta = [
                *_plan_meta(ind.plan, language),
                f"{ind.node.code} {node_title}".strip(),
            ]
            hits[ind.pk] = Hit(
                kind=INDICATOR,
                object_id=ind.pk,
                title=f"{ind.code} {row.name}".strip(),
                url=f"{ind.plan.get_absolute_url()}#node-{ind.node_id}",
                summary=_summary(row.definition),
                language=row.language_id,
                meta=tuple(str(m) for m in meta if m),
            )
    return hits


def register_kinds() -> None:
    register(
        SearchKind(
            name=PLAN,
            label=_("Plans"),
            documents=plan_documents,
            indexable_ids=plan_indexable_ids,
            visible_ids=plan_visible_ids,
            hits=plan_hits,
            order=40,
        )
    )
    register(
        SearchKind(
            name=NODE,
            label=_("Measures"),
            documents=node_documents,
            indexable_ids=node_indexable_ids,
            visible_ids=node_visible_ids,
            hits=node_hits,
            order=41,
        )
    )
    register(
        SearchKind(
            name=INDICATOR,
            label=_("Indicators"),
            documents=indicator_documents,
            indexable_ids=indicator_indexable_ids,
            visible_ids=indicator_visible_ids,
            hits=indicator_hits,
            order=42,
        )
    )


# ------------------------------------------------------------------ writing


@dataclass
class _Pending:
    """Records a write marked for indexing; ``fresh``: ids the index cannot hold
    yet (made in this write), which skip the removal."""

    ids: dict[str, set[int]]
    fresh: dict[str, set[int]]


_pending: ContextVar[_Pending | None] = ContextVar("plans_search_pending", default=None)

_BUILDERS = {
    PLAN: plan_documents,
    NODE: node_documents,
    INDICATOR: indicator_documents,
}


@contextmanager
def batched() -> Iterator[None]:
    """Index once, when the block ends without an error, every record marked
    inside it (by ``index`` or by the signals): a service writing many rows
    indexes each record once. Nested blocks index with the outermost."""
    if _pending.get() is not None:
        yield
        return
    pending = _Pending(
        ids={kind: set() for kind in _BUILDERS},
        fresh={kind: set() for kind in _BUILDERS},
    )
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    # Reached only when the block succeeded (an error leaves through finally).
    for kind, ids in pending.ids.items():
        _write(kind, ids, pending.fresh[kind])


def index(
    *,
    plans: Iterable[int] = (),
    nodes: Iterable[int] = (),
    indicators: Iterable[int] = (),
    fresh: bool = False,
) -> None:
    """Bring the index in step with these records as they are stored now: a
    record with text is indexed in each of its languages, a deleted one (or one
    that no longer exists) taken out. ``fresh``: the records were made in this
    write, so the index cannot hold them yet. The one helper the services call;
    inside ``batched`` it only marks them."""
    marked = {PLAN: set(plans), NODE: set(nodes), INDICATOR: set(indicators)}
    pending = _pending.get()
    for kind, ids in marked.items():
        if pending is not None:
            pending.ids[kind] |= ids
            if fresh:  # made in this block: nothing marks them before it ends
                pending.fresh[kind] |= ids
        elif ids:
            _write(kind, ids, ids if fresh else set())


def visibility_changed() -> None:
    """A plan became a draft or stopped being one: who finds its records
    changed, not their text. What is cached on the index's version is stale."""
    for kind in _BUILDERS:
        index_version_bump(kind=kind)


def _write(kind: str, ids: set[int], fresh: set[int]) -> None:
    if not ids:
        return
    documents = _BUILDERS[kind](sorted(ids))
    if len(ids) == 1 and not fresh:
        (object_id,) = ids
        if documents:
            index_replace(kind=kind, object_id=object_id, documents=documents)
        else:
            index_remove(kind=kind, object_id=object_id)
        return
    for object_id in sorted(ids - fresh):
        index_remove(kind=kind, object_id=object_id, bump=False)
    index_bulk(documents=documents, bump=False)
    index_version_bump(kind=kind)


# --------------------------------------------------------------- signals
# Translation rows are also written outside the plans services (the translation
# screen and machine translation, through core.translation, which knows no app),
# and records are deleted in the admin: both reach the index here.


_ROWS = {
    PlanTranslation: (PLAN, "plan_id"),
    PlanNodeTranslation: (NODE, "node_id"),
    IndicatorTranslation: (INDICATOR, "indicator_id"),
}
_RECORDS = {Plan: PLAN, PlanNode: NODE, Indicator: INDICATOR}


def _cascade(kwargs) -> bool:
    """A row removed because its record is being deleted: that deletion takes
    the record out (indexing it here, while it still exists, would put it back)."""
    origin = kwargs.get("origin")
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    return model in _RECORDS


def translation_changed(sender, instance, **kwargs) -> None:
    if kwargs.get("signal") is post_delete and _cascade(kwargs):
        return
    kind, field = _ROWS[sender]
    record_id = getattr(instance, field)
    index(
        plans=[record_id] if kind == PLAN else (),
        nodes=[record_id] if kind == NODE else (),
        indicators=[record_id] if kind == INDICATOR else (),
    )


def record_deleted(sender, instance, **kwargs) -> None:
    """However a plan, node or indicator goes (undo, the admin, a cascade)."""
    index_remove(kind=_RECORDS[sender], object_id=instance.pk)


def _reindex_plans(plans: QuerySet[Plan], *, parts: bool) -> Callable[[], None]:
    """What to index again once a merge has moved these plans' records: the
    plans and, with ``parts``, their nodes and indicators (found by the name
    of their place too)."""
    ids = set(plans.values_list("pk", flat=True))

    def reindex() -> None:
        if not ids:
            return
        if not parts:
            index(plans=ids)
            return
        index(
            plans=ids,
            nodes=_live_nodes().filter(plan__in=ids).values_list("pk", flat=True),
            indicators=_live_indicators()
            .filter(plan__in=ids)
            .values_list("pk", flat=True),
        )

    return reindex


def place_merge(sender, source: Territory, **kwargs) -> Callable[[], None]:
    """The plans of a place merged into another are found by the name of the
    place kept."""
    return _reindex_plans(Plan.objects.filter(territory=source), parts=True)


def organisation_merge(sender, source: Organisation, **kwargs) -> Callable[[], None]:
    """A plan is found by the name of its issuing organisation."""
    return _reindex_plans(Plan.objects.filter(organisation=source), parts=False)


def connect_signals() -> None:
    before_merge.connect(place_merge, sender=Territory, dispatch_uid="plans-search")
    before_merge.connect(
        organisation_merge, sender=Organisation, dispatch_uid="plans-search"
    )
    for model in _ROWS:
        for signal in (post_save, post_delete):
            signal.connect(
                translation_changed,
                sender=model,
                dispatch_uid=f"plans-search-{model.__name__}",
            )
    for record in _RECORDS:
        post_delete.connect(
            record_deleted,
            sender=record,
            dispatch_uid=f"plans-search-{record.__name__}",
        )
