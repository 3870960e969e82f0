"""Reads for the ingestion pages: jobs, drafts, matching records already in the
platform, and the source text with the drafts' spans marked."""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import (
    CharField,
    Exists,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast, Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from convivio.core.models import Organisation, Territory, User
from convivio.core.organisation_names import OrganisationIndex
from convivio.core.text import fold
from convivio.library.models import Document
from convivio.library.selectors import TextPage, text_page

from .models import Draft, IngestJob

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

#: Spans longer than this (a whole plan, a practice's section) get an anchor but
#: no highlight, so that the text stays readable.
HIGHLIGHT_MAX = 1500
#: Characters of the source text shown at a time on the review page.
REVIEW_PAGE_CHARS = 100_000


# ------------------------------------------------------------------------- jobs


def job_list_for(user: User, *, limit: int = 20) -> QuerySet[IngestJob]:
    """The user's most recent jobs, with their document."""
    return (
        IngestJob.objects.filter(created_by=user)
        .select_related("document")
        # The document's title is its original row's.
        .prefetch_related("document__translations")
        .order_by("-created_at", "-id")[:limit]
    )


def job_get(pk: int) -> IngestJob | None:
    return (
        IngestJob.objects.select_related("document", "created_by")
        .prefetch_related("document__translations")
        .filter(pk=pk)
        .first()
    )


def draft_makers(record: Any) -> set[int]:
    """Who added the documents whose drafts made ``record`` (a plan, practice or
    organisation): they may open it while it is a draft, whoever accepted it."""
    label = f"{record._meta.app_label}.{record._meta.model_name}:{record.pk}"
    return set(
        Draft.objects.filter(created_object=label, job__created_by__isnull=False)
        .values_list("job__created_by_id", flat=True)
        .distinct()
    )


def drafts_made_by(model: type[Model], people: Any) -> Exists:
    """A condition on the rows of ``model``: accepted from the drafts of a
    document that ``people`` (user ids, or a query of them) added."""
    return Exists(
        Draft.objects.filter(
            job__created_by__in=people,
            created_object=Concat(
                Value(f"{model._meta.label_lower}:"),
                Cast(OuterRef("pk"), CharField()),
            ),
        )
    )


def draft_counts(job: IngestJob) -> dict[str, int]:
    counts = dict.fromkeys(Draft.Status.values, 0)
    for status in job.drafts.values_list("status", flat=True):
        counts[status] += 1
    counts["total"] = sum(counts.values())
    return counts


# -------------------------------------------------------------------- matching


KIND_ORDER: dict[str, int] = {
    Territory.Kind.MUNICIPALITY: 0,
    Territory.Kind.PROVINCE: 1,
    Territory.Kind.REGION: 2,
    Territory.Kind.COUNTRY: 3,
}


class Matching:
    """Organisations and territories already in the platform, found by folded name
    (accents, case and punctuation ignored) or acronym.  Each table is read once,
    names only, so a page matching many drafts costs a fixed number of queries."""

    def __init__(self) -> None:
        self._organisations: OrganisationIndex | None = None
        self._territories: list[tuple[int, str, str, str]] | None = None
        self._objects: dict[int, Organisation] = {}

    # organisations
    def _organisation_index(self) -> OrganisationIndex:
        # The rules (acronyms, translations of kind words and countries) are in
        # core.organisation_names; territory names tell "GRAZ" from an acronym.
        if self._organisations is None:
            self._organisations = OrganisationIndex(
                Organisation.objects.values_list("id", "name"),
                places=Territory.objects.values_list("name", flat=True),
            )
        return self._organisations

    def organisation_ids(self, name: str | None) -> list[int]:
        """Organisations the name means, the likeliest first."""
        return self._organisation_index().find(name)

    def organisations(self, ids: list[int]) -> dict[int, Organisation]:
        """The organisations of these ids, read in one query (and remembered)."""
        missing = [pk for pk in ids if pk not in self._objects]
        if missing:
            for organisation in Organisation.objects.filter(pk__in=missing):
                self._objects[organisation.pk] = organisation
        return {pk: self._objects[pk] for pk in ids if pk in self._objects}

    def organisation(self, name: str | None) -> Organisation | None:
        """The one organisation the name means (none when several are as
        likely: a reviewer or a moderator decides)."""
        pk = self._organisation_index().best(name)
        return self.organisations([pk]).get(pk) if pk else None

    def forget_organisations(self) -> None:
        """Read the organisations again (after some were created)."""
        self._organisations = None

    # territories
    def territory_id(
        self, name: str | None, *, country_code: str | None = None
    ) -> int | None:
        """The territory a parsed name means: the same name, or the most precise
        territory whose name appears in it ("Junta de Andalucía" → Andalucía)."""
        wanted = fold(name)
        if not wanted:
            return None
        if self._territories is None:
            self._territories = [
                (pk, fold(n), kind, code)
                for pk, n, kind, code in Territory.objects.values_list(
                    "id", "name", "kind", "country_code"
                )
            ]
        best: tuple[tuple, int] | None = None
        padded = f" {wanted} "
        for pk, folded, kind, code in self._territories:
            if not folded or (country_code and code != country_code):
                continue
            if folded == wanted:
                rank = (0, KIND_ORDER.get(kind, 9), 0)
            elif len(folded) >= 4 and f" {folded} " in padded:
                rank = (1, KIND_ORDER.get(kind, 9), -len(folded))
            else:
                continue
            if best is None or rank < best[0]:
                best = (rank, pk)
        return best[1] if best else None

    def territory(self, name: str | None, **kwargs) -> Territory | None:
        pk = self.territory_id(name, **kwargs)
        return Territory.objects.filter(pk=pk).first() if pk else None

    def country_code(self, value: str | None) -> str | None:
        """An ISO 3166-1 code from what a parser found: a code or a name."""
        value = (value or "").strip()
        if not value:
            return None
        self.territory_id("x")  # reads the table
        countries = {
            code: pk
            for pk, _f, kind, code in self._territories or []
            if kind == Territory.Kind.COUNTRY
        }
        if len(value) == 2 and value.upper() in countries:
            return value.upper()
        pk = self.territory_id(value)
        for row_pk, _f, _kind, code in self._territories or []:
            if row_pk == pk:
                return code
        return None


def organisation_matches(name: str | None) -> list[Organisation]:
    matching = Matching()
    ids = matching.organisation_ids(name)[:5]
    return list(matching.organisations(ids).values())


def organisation_best_match(name: str | None) -> Organisation | None:
    return Matching().organisation(name)


def territory_best_match(
    name: str | None, *, country_code: str | None = None
) -> Territory | None:
    return Matching().territory(name, country_code=country_code)


def country_code(value: str | None) -> str | None:
    return Matching().country_code(value)


def country_choices() -> list[tuple[str, str]]:
    return list(
        Territory.objects.filter(kind=Territory.Kind.COUNTRY)
        .exclude(iso_code="")
        .order_by("name")
        .values_list("iso_code", "name")
    )


def dimensions_usable(territory: Territory) -> set[str]:
    """Slugs of code lists a plan of this territory can break indicators down by
    (those with values for it)."""
    from convivio.plans.models import DimensionValue
    from convivio.plans.services import dimensions_for, territory_chain

    chain = territory_chain(territory)
    dimensions = dimensions_for(territory)
    with_values = (
        DimensionValue.objects.filter(dimension__in=dimensions)
        .filter(Q(territory__isnull=True) | Q(territory_id__in=chain))
        .values_list("dimension__slug", flat=True)
        .distinct()
    )
    return set(with_values)


# ------------------------------------------------------- the parser's confidence

#: From this confidence on, the parser is sure of a draft; below
#: CONFIDENCE_DOUBTFUL it is doubtful; in between a reviewer should check it.
#: The one place these thresholds are set.
CONFIDENCE_SURE = 0.8
CONFIDENCE_DOUBTFUL = 0.5

CONFIDENCE_LABELS: dict[str, StrOrPromise] = {
    "sure": pgettext_lazy("how sure the document reader is", "sure"),
    "check": pgettext_lazy("how sure the document reader is", "check this"),
    "doubtful": pgettext_lazy("how sure the document reader is", "doubtful"),
}


@dataclass(frozen=True)
class Confidence:
    """How sure the parser is of a draft or one of its parts, in plain words."""

    value: float
    #: "sure", "check" or "doubtful".
    level: str

    @property
    def label(self) -> StrOrPromise:
        return CONFIDENCE_LABELS[self.level]

    @property
    def percent(self) -> int:
        return round(self.value * 100)

    @property
    def flagged(self) -> bool:
        """Worth a reviewer's look before the rest."""
        return self.level != "sure"


def confidence(value: Any) -> Confidence | None:
    """The level of a stored confidence (0–1); None when there is none (drafts
    stored before the parsers gave one) or it is not a number."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number):
        return None
    number = min(1.0, max(0.0, number))
    if number >= CONFIDENCE_SURE:
        return Confidence(number, "sure")
    if number >= CONFIDENCE_DOUBTFUL:
        return Confidence(number, "check")
    return Confidence(number, "doubtful")


def _least_sure(values: Iterable[Confidence | None]) -> Confidence | None:
    """A plan is as sure as its least sure part."""
    found = [c for c in values if c is not None]
    return min(found, key=lambda c: c.value) if found else None


#: What a part of a draft or an unplaced line is, as the review page says it.
PART_LABELS: dict[str, StrOrPromise] = {
    "area": _("area or axis"),
    "axis": _("area or axis"),
    "general_objective": _("general objective"),
    "objective": _("specific objective"),
    "measure": _("measure or action"),
    "indicator": _("indicator"),
    "recommendation": _("recommendation"),
    "practice": _("practice"),
    "plan": _("plan"),
    "organisation": _("organisation"),
    "title": _("title"),
    "field": pgettext_lazy("a line of a document", "a field (label: value)"),
    "audience": pgettext_lazy("a line of a document", "whom recommendations are for"),
    "heading": pgettext_lazy("a line of a document", "a heading"),
    "text": pgettext_lazy("a line of a document", "running text"),
    "noise": pgettext_lazy("a line of a document", "page furniture"),
}


def part_label(kind: str | None) -> StrOrPromise:
    """A part's kind in the reader's language; an unknown one as the parser
    wrote it."""
    return PART_LABELS.get(kind or "", kind or "")


@dataclass
class Check:
    """A draft or a part of one the parser is not sure of: the review page
    lists them, least sure first, so that a reviewer looks at them first."""

    kind: StrOrPromise
    label: str
    confidence: Confidence
    #: The item in the list of drafts.
    href: str
    #: Where it came from in the text.
    source_href: str = ""


#: At most this many items to check are listed at the top (the rest stay marked
#: in their drafts).
CHECKS_SHOWN = 30


def review_checks(views: list[DraftView]) -> tuple[list[Check], int]:
    """The pending drafts and parts the parser is not sure of, least sure first
    (the document's order among equals), and how many more there are."""
    checks: list[Check] = []
    for view in views:
        if view.draft.status != Draft.Status.PENDING:
            continue
        data = view.draft.data or {}
        own = confidence(data.get("confidence"))
        if own is not None and own.flagged:
            checks.append(
                Check(
                    part_label(view.draft.kind),
                    view.draft.title,
                    own,
                    f"#draft-{view.draft.pk}",
                    view.href,
                )
            )
        for group in (view.nodes, view.indicators):
            for row in group:
                level = row.get("confidence_level")
                if level is not None and level.flagged:
                    label = (
                        f"{row.get('measure') or ''} {row.get('name') or ''}"
                        if row["part"] == "indicator"
                        else f"{row.get('code') or ''} {row.get('title') or ''}"
                    )
                    checks.append(
                        Check(
                            part_label(row["part"]),
                            label.strip(),
                            level,
                            f"#{row['row_id']}",
                            row.get("href", ""),
                        )
                    )
    checks.sort(key=lambda c: c.confidence.value)  # stable: document order kept
    return checks[:CHECKS_SHOWN], max(0, len(checks) - CHECKS_SHOWN)


# ----------------------------------------------------------------- unplaced lines

#: At most this many unplaced lines are listed (a long scanned document may
#: leave thousands): the first ones, in the document's order.
UNPLACED_SHOWN = 200


@dataclass
class UnplacedView:
    """A line the parser could not place, with where it is in the text."""

    #: Its index in the job's ``unplaced`` list.
    index: int
    text: str
    guess: StrOrPromise
    anchor: str = ""
    href: str = ""
    #: Its line number in the document's text (1 for the first), if known.
    line: int | None = None
    #: The draft it was added to by a reviewer, if it was.
    placed: int | None = None
    #: Whether the page offers to add it to a plan draft.
    offer: bool = False


@dataclass
class PlaceTarget:
    """A pending plan draft and the parts a line can be added under:
    (value "draft id:node index", "code title")."""

    title: str
    options: list[tuple[str, str]] = field(default_factory=list)


#: Lines offered a form to add them to a draft at a time (each form lists every
#: area and objective): the next ones get theirs once these are placed.
UNPLACED_FORMS = 20


def place_targets(review: Review) -> list[PlaceTarget]:
    """Where an unplaced line can go (under an area or objective of a pending
    plan draft), and which lines are offered the form."""
    targets = []
    for view in review.views:
        draft = view.draft
        if draft.kind != Draft.Kind.PLAN or draft.status != Draft.Status.PENDING:
            continue
        target = PlaceTarget(draft.title)
        for index, node in enumerate((draft.data or {}).get("nodes") or []):
            if node.get("code") and node.get("kind") != "measure":
                label = f"{node['code']} {node.get('title') or ''}".strip()
                target.options.append((f"{draft.pk}:{index}", label[:120]))
        if target.options:
            targets.append(target)
    if targets:
        waiting = [line for line in review.unplaced if not line.placed and line.text]
        for line in waiting[:UNPLACED_FORMS]:
            line.offer = True
    return targets


def _unplaced_views(
    job: IngestJob, text: str, spans: _Spans
) -> tuple[list[UnplacedView], int]:
    """The job's unplaced lines (the first UNPLACED_SHOWN) with their anchors in
    the text, and how many more there are."""
    items = [u for u in job.unplaced or [] if isinstance(u, dict)]
    newlines: list[int] | None = None
    out: list[UnplacedView] = []
    for index, item in enumerate(items[:UNPLACED_SHOWN]):
        placed = item.get("placed")
        view = UnplacedView(
            index=index,
            text=str(item.get("text") or "").strip(),
            guess=part_label(str(item.get("guess") or "")),
            placed=placed if isinstance(placed, int) else None,
        )
        view.anchor = spans.add(item.get("spans"), "line", f"u{index}", "unplaced")
        if view.anchor:
            if newlines is None:
                # Read once, only when there is a line to number.
                newlines = [m.start() for m in re.finditer("\n", text)]
            start = spans.items[-1].start
            view.line = bisect.bisect_left(newlines, start) + 1
        out.append(view)
    return out, max(0, len(items) - UNPLACED_SHOWN)


# ---------------------------------------------------------------- review page


LABELS = {
    "title": _("title"),
    "territory": _("territory"),
    "organisation": _("organisation"),
    "country": _("country"),
    "city": _("city"),
    "years": _("years"),
    "beneficiaries": _("beneficiaries"),
    "summary": _("summary"),
    "name": _("name"),
    "email": _("e-mail"),
    "website": _("website"),
}


@dataclass
class Field:
    """One value of a draft shown on the review page, with the anchor of its span."""

    label: StrOrPromise
    value: Any
    anchor: str = ""
    #: The link to the anchor ("#id", or "?page=N#id" in another part of the text).
    href: str = ""


@dataclass
class DraftView:
    draft: Draft
    anchor: str
    fields: list[Field] = field(default_factory=list)
    nodes: list[dict] = field(default_factory=list)
    indicators: list[dict] = field(default_factory=list)
    recommendations: list[dict] = field(default_factory=list)
    form: Any = None
    created_url: str = ""
    href: str = ""
    #: How sure the parser is of the draft: its own confidence (a practice), or
    #: that of its least sure part (a plan); None when the parser gave none.
    confidence: Confidence | None = None
    #: Parts of a plan (nodes, indicators) worth a check.
    flagged: int = 0


@dataclass
class _Span:
    start: int
    end: int
    anchor: str
    kind: str


class _Spans:
    """Collects the spans of the drafts, each with its anchor id."""

    def __init__(self, length: int) -> None:
        self.length = length
        self.items: list[_Span] = []

    def add(self, spans: dict | None, key: str, anchor: str, kind: str) -> str:
        value = (spans or {}).get(key)
        if not (isinstance(value, list | tuple) and len(value) == 2):
            return ""
        try:
            start, end = int(value[0]), int(value[1])
        except (TypeError, ValueError):
            return ""
        start, end = max(0, start), min(self.length, end)
        if end <= start:
            return ""
        self.items.append(_Span(start, end, anchor, kind))
        return anchor

    def first(self, spans: dict | None, keys: tuple[str, ...], anchor: str, kind: str):
        for key in keys:
            found = self.add(spans, key, anchor, kind)
            if found:
                return found
        return ""

    def whole(self, spans: dict | None, anchor: str, kind: str) -> str:
        best = None
        for value in (spans or {}).values():
            if isinstance(value, list | tuple) and len(value) == 2:
                if best is None or value[1] - value[0] > best[1] - best[0]:
                    best = value
        return self.add({"w": best}, "w", anchor, kind) if best else ""


def marked_text(text: str, spans: list[_Span]) -> SafeString:
    """The text, escaped, with ``<mark>`` around short spans and an anchor at the
    start of each span.  Overlapping spans are cut into segments so that the
    HTML stays well nested."""
    starts: dict[int, list[_Span]] = {}
    bounds = {0, len(text)}
    highlighted = []
    for span in spans:
        starts.setdefault(span.start, []).append(span)
        bounds.add(span.start)
        if span.end - span.start <= HIGHLIGHT_MAX:
            highlighted.append(span)
            bounds.add(span.end)
    points = sorted(bounds)
    # Sweep: which highlighted spans cover each segment.
    opening: dict[int, list[_Span]] = {}
    closing: dict[int, list[_Span]] = {}
    for span in highlighted:
        opening.setdefault(span.start, []).append(span)
        closing.setdefault(span.end, []).append(span)
    active: dict[str, _Span] = {}
    out: list[str] = []
    seen: set[str] = set()
    for left, right in itertools.pairwise(points):
        for span in closing.get(left, []):
            active.pop(f"{span.anchor}:{span.start}", None)
        for span in opening.get(left, []):
            active[f"{span.anchor}:{span.start}"] = span
        anchors = []
        for span in starts.get(left, []):
            if span.anchor not in seen:
                seen.add(span.anchor)
                anchors.append(span.anchor)
        segment = escape(text[left:right])
        if active:
            kinds = " ".join(sorted({f"hl-{s.kind}" for s in active.values()}))
            first = anchors.pop(0) if anchors else ""
            ident = f' id="{first}"' if first else ""
            out.extend(f'<span class="anchor" id="{a}"></span>' for a in anchors)
            out.append(f'<mark{ident} class="{kinds}">{segment}</mark>')
        else:
            out.extend(f'<span class="anchor" id="{a}"></span>' for a in anchors)
            out.append(segment)
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped


@dataclass
class Review:
    """What the review page shows of a job."""

    views: list[DraftView]
    #: Part ``page`` of the source text, escaped and marked.
    marked_text: SafeString
    text: TextPage
    #: Lines the parser could not place, and how many more were not listed.
    unplaced: list[UnplacedView] = field(default_factory=list)
    unplaced_more: int = 0
    #: Where a reviewer can add an unplaced line (place_targets).
    targets: list[PlaceTarget] = field(default_factory=list)
    #: What to look at first, and how many more there are.
    checks: list[Check] = field(default_factory=list)
    checks_more: int = 0

    @property
    def unplaced_total(self) -> int:
        return len(self.unplaced) + self.unplaced_more


def review_views(job: IngestJob, drafts: list[Draft], page: int = 1) -> Review:
    """Each draft's fields with their anchors and the parser's confidence, the
    lines it could not place, and part ``page`` of the source text
    (REVIEW_PAGE_CHARS at a time), marked."""
    text = job.document.extracted_text or ""
    spans = _Spans(len(text))
    views: list[DraftView] = []
    for draft in drafts:
        data = draft.data or {}
        base = f"d{draft.pk}"
        view = DraftView(
            draft=draft, anchor=spans.whole(data.get("spans"), base, draft.kind)
        )
        s = data.get("spans")
        if draft.kind == Draft.Kind.PLAN:
            view.fields = [
                Field(
                    LABELS["title"],
                    data.get("title"),
                    spans.add(s, "title", f"{base}-title", "title"),
                ),
                Field(
                    LABELS["territory"],
                    data.get("territory"),
                    spans.add(s, "territory", f"{base}-territory", "field"),
                ),
                Field(
                    LABELS["organisation"],
                    data.get("organisation"),
                    spans.add(s, "organisation", f"{base}-organisation", "field"),
                ),
            ]
            for i, node in enumerate(data.get("nodes") or []):
                ns = node.get("spans")
                anchor = spans.first(
                    ns, ("code", "title"), f"{base}-n{i}", node.get("kind") or "node"
                )
                spans.add(ns, "title", f"{base}-n{i}-title", node.get("kind") or "node")
                view.nodes.append(
                    {
                        **node,
                        "anchor": anchor,
                        "part": node.get("kind") or "",
                        "kind_label": part_label(node.get("kind")),
                        "row_id": f"{base}-n{i}-row",
                        "confidence_level": confidence(node.get("confidence")),
                    }
                )
            _depths(view.nodes)
            for i, item in enumerate(data.get("indicators") or []):
                anchor = spans.first(
                    item.get("spans"), ("name",), f"{base}-i{i}", "indicator"
                )
                view.indicators.append(
                    {
                        **item,
                        "anchor": anchor,
                        "part": "indicator",
                        "row_id": f"{base}-i{i}-row",
                        "confidence_level": confidence(item.get("confidence")),
                    }
                )
            levels = [r["confidence_level"] for r in view.nodes + view.indicators]
            view.confidence = _least_sure(levels)
            view.flagged = sum(1 for c in levels if c is not None and c.flagged)
            for i, item in enumerate(data.get("recommendations") or []):
                rs = item.get("spans")
                spans.add(rs, "audience", f"{base}-r{i}-audience", "audience")
                anchor = spans.first(rs, ("text",), f"{base}-r{i}", "recommendation")
                view.recommendations.append({**item, "anchor": anchor})
        elif draft.kind == Draft.Kind.PRACTICE:
            view.confidence = confidence(data.get("confidence"))
            for key in (
                "title",
                "organisation",
                "country",
                "city",
                "years",
                "beneficiaries",
                "summary",
            ):
                view.fields.append(
                    Field(
                        LABELS[key],
                        data.get(key),
                        spans.add(
                            s,
                            key,
                            f"{base}-{key}",
                            "title" if key == "title" else "field",
                        ),
                    )
                )
            for key in ("aims", "phases", "results", "links"):
                spans.add(s, key, f"{base}-{key}", "field")
        else:
            for key in ("name", "country", "city", "email", "website"):
                view.fields.append(
                    Field(
                        LABELS[key],
                        data.get(key),
                        spans.add(
                            s,
                            key,
                            f"{base}-{key}",
                            "title" if key == "name" else "field",
                        ),
                    )
                )
        views.append(view)
    unplaced, unplaced_more = _unplaced_views(job, text, spans)
    window = text_page(text, page, REVIEW_PAGE_CHARS)
    _hrefs(views, unplaced, spans.items, window)
    checks, checks_more = review_checks(views)
    review = Review(
        views=views,
        marked_text=marked_text(window.text, _in_window(spans.items, window)),
        text=window,
        unplaced=unplaced,
        unplaced_more=unplaced_more,
        checks=checks,
        checks_more=checks_more,
    )
    review.targets = place_targets(review)
    return review


def _in_window(spans: list[_Span], window: TextPage) -> list[_Span]:
    """The spans that reach into the window, counted from its start.  A short
    span is cut at the window's edges (its highlight goes on in the next part);
    a long one keeps its length, so that it stays an anchor without highlight."""
    out = []
    for span in spans:
        if span.end <= window.start or span.start >= window.end:
            continue
        start = max(span.start, window.start) - window.start
        if span.end - span.start <= HIGHLIGHT_MAX:
            end = min(span.end, window.end) - window.start
        else:
            end = start + (span.end - span.start)
        out.append(_Span(start, end, span.anchor, span.kind))
    return out


def _hrefs(
    views: list[DraftView],
    unplaced: list[UnplacedView],
    spans: list[_Span],
    window: TextPage,
) -> None:
    """The link of every anchor: on this part of the text, or on the part that
    holds the span's start."""
    starts: dict[str, int] = {}
    for span in spans:
        if span.anchor not in starts or span.start < starts[span.anchor]:
            starts[span.anchor] = span.start

    def href(anchor: str) -> str:
        if not anchor or anchor not in starts:
            return ""
        number = window.number_of(starts[anchor])
        return f"#{anchor}" if number == window.number else f"?page={number}#{anchor}"

    for view in views:
        view.href = href(view.anchor)
        for item in view.fields:
            item.href = href(item.anchor)
        for group in (view.nodes, view.indicators, view.recommendations):
            for row in group:
                row["href"] = href(row.get("anchor", ""))
    for line in unplaced:
        line.href = href(line.anchor)


def created_urls(drafts: list[Draft]) -> dict[int, str]:
    """Addresses of the records accepted drafts made (one query for organisations,
    whose address needs their slug)."""
    from django.urls import reverse

    urls: dict[int, str] = {}
    organisations: dict[int, int] = {}
    for draft in drafts:
        label, _sep, pk = draft.created_object.partition(":")
        if not pk.isdigit():
            continue
        if label == "plans.plan":
            urls[draft.pk] = reverse("plans:detail", args=[int(pk)])
        elif label == "practices.practice":
            urls[draft.pk] = reverse("practices:detail", args=[int(pk)])
        elif label == "core.organisation":
            organisations[draft.pk] = int(pk)
    if organisations:
        slugs = dict(
            Organisation.objects.filter(pk__in=organisations.values()).values_list(
                "id", "slug"
            )
        )
        for draft_pk, organisation_pk in organisations.items():
            if organisation_pk in slugs:
                urls[draft_pk] = reverse(
                    "core:organisation_detail", args=[slugs[organisation_pk]]
                )
    return urls


def _depths(nodes: list[dict]) -> None:
    depth: dict[str, int] = {}
    for node in nodes:
        parent = node.get("parent")
        node["depth"] = depth.get(parent, -1) + 1 if parent else 0
        if node.get("code"):
            depth[node["code"]] = node["depth"]


# ------------------------------------------------------------ a document's imports


def document_jobs(document: Document) -> list[IngestJob]:
    """The imports of a library document, newest first, with their drafts (two
    queries)."""
    return list(
        IngestJob.objects.filter(document=document)
        .select_related("created_by")
        .prefetch_related(
            Prefetch(
                "drafts",
                queryset=Draft.objects.only(
                    "id", "job_id", "kind", "position", "title", "status"
                ).order_by("kind", "position"),
            )
        )
        .order_by("-created_at", "-id")
    )


@dataclass
class RecommendationGroup:
    """Recommendations a document addresses to one audience, as written."""

    audience: str
    texts: list[str] = field(default_factory=list)


def document_recommendations(jobs: Iterable[IngestJob]) -> list[RecommendationGroup]:
    """The recommendations the latest finished import read from the document
    (an annex addressed to all its plans, a booklet's advice), grouped by the
    audience or heading they were written under, in the document's order."""
    job = next((j for j in jobs if j.status == "done" and j.recommendations), None)
    groups: dict[str, RecommendationGroup] = {}
    for item in job.recommendations if job else []:
        text = str(item.get("text") or "").strip()
        if text:
            audience = str(item.get("audience") or "").strip()
            groups.setdefault(audience, RecommendationGroup(audience)).texts.append(
                text
            )
    return list(groups.values())
