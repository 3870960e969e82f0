"""Reads for the ingestion pages: jobs, drafts, matching records already in the
platform, and the source text with the drafts' spans marked."""

from __future__ import annotations

import itertools
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


def review_views(
    job: IngestJob, drafts: list[Draft], page: int = 1
) -> tuple[list[DraftView], SafeString, TextPage]:
    """Each draft's fields with their anchors, and part ``page`` of the source
    text (REVIEW_PAGE_CHARS at a time), marked."""
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
                view.nodes.append({**node, "anchor": anchor})
            _depths(view.nodes)
            for i, item in enumerate(data.get("indicators") or []):
                anchor = spans.first(
                    item.get("spans"), ("name",), f"{base}-i{i}", "indicator"
                )
                view.indicators.append({**item, "anchor": anchor})
            for i, item in enumerate(data.get("recommendations") or []):
                rs = item.get("spans")
                spans.add(rs, "audience", f"{base}-r{i}-audience", "audience")
                anchor = spans.first(rs, ("text",), f"{base}-r{i}", "recommendation")
                view.recommendations.append({**item, "anchor": anchor})
        elif draft.kind == Draft.Kind.PRACTICE:
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
    window = text_page(text, page, REVIEW_PAGE_CHARS)
    _hrefs(views, spans.items, window)
    return views, marked_text(window.text, _in_window(spans.items, window)), window


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


def _hrefs(views: list[DraftView], spans: list[_Span], window: TextPage) -> None:
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
