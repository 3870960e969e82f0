"""Reads for the library: who sees and edits what, the filtered list, a document."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Page
from django.db.models import Prefetch, Q, QuerySet, Value
from django.db.models.fields import CharField

from convivio.core.models import Language, Organisation, Theme, User
from convivio.core.pagination import known_page
from convivio.core.text import fold
from convivio.search.selectors import ids_subquery, query_is_searchable, search_match

from . import permissions
from .models import Document, DocumentKind, Link

#: Matches read from the search index per kind; the rest are not ranked.
SEARCH_LIMIT = 1000


# --- The list -------------------------------------------------------------------------


SHOW_CHOICES = ("all", "documents", "links")


@dataclass(frozen=True)
class LibraryFilters:
    q: str = ""
    kind: str = ""
    language: str = ""
    theme: str = ""
    organisation: str = ""  # slug
    show: str = "all"
    broken: bool = False

    @classmethod
    def from_query(cls, params) -> LibraryFilters:
        """Read filters from a query string; unknown values are ignored."""
        kind = params.get("kind", "")
        show = params.get("show", "all")
        return cls(
            q=params.get("q", "").strip()[:200],
            kind=kind if kind in DocumentKind.values else "",
            language=params.get("language", "").strip()[:16],
            theme=params.get("theme", "").strip()[:50],
            organisation=params.get("organisation", "").strip()[:200],
            show=show if show in SHOW_CHOICES else "all",
            broken=params.get("broken") == "1",
        )

    def query_string(self, **changes) -> str:
        values = {
            "q": self.q,
            "kind": self.kind,
            "language": self.language,
            "theme": self.theme,
            "organisation": self.organisation,
            "show": "" if self.show == "all" else self.show,
            "broken": "1" if self.broken else "",
        }
        values.update(changes)
        return urlencode({k: v for k, v in values.items() if v})

    @property
    def active(self) -> bool:
        return bool(
            self.q
            or self.kind
            or self.language
            or self.theme
            or self.organisation
            or self.show != "all"
            or self.broken
        )


@dataclass
class LibraryItem:
    type: str  # "document" or "link"
    object: Document | Link


@dataclass
class LibraryPage:
    items: list[LibraryItem]
    total: int
    page: int
    num_pages: int
    page_size: int
    options: dict = field(default_factory=dict)

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def page_obj(self) -> Page:
        """This page as core/includes/pagination.html shows it."""
        return known_page(
            self.items, number=self.page, total=self.total, per_page=self.page_size
        )


def _filtered(qs: QuerySet, filters: LibraryFilters) -> QuerySet:
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.language:
        qs = qs.filter(languages__code=filters.language)
    if filters.theme:
        qs = qs.filter(themes__slug=filters.theme)
    if filters.organisation:
        qs = qs.filter(organisation__slug=filters.organisation)
    return qs


def library_filter_options() -> dict:
    """The choices of the filter panel (three small queries)."""
    return {
        "kinds": DocumentKind.choices,
        "languages": list(
            Language.objects.filter(Q(documents__isnull=False) | Q(links__isnull=False))
            .distinct()
            .order_by("name")
            .values_list("code", "name")
        ),
        "themes": sorted(
            ((t.slug, t.label) for t in Theme.objects.only("slug", "name")),
            key=lambda pair: fold(pair[1]),
        ),
        "organisations": list(
            Organisation.objects.filter(
                Q(documents__isnull=False) | Q(links__isnull=False)
            )
            .distinct()
            .order_by("name")
            .values_list("slug", "name")
        ),
    }


def library_search(
    *,
    user: User | AnonymousUser | None,
    filters: LibraryFilters,
    page: int = 1,
    page_size: int = 20,
    language: str | None = None,
) -> LibraryPage:
    """Documents and links the user may see, filtered, newest (or best) first.

    A fixed number of queries whatever the page holds: the matching keys, then the
    page's documents and links with their languages and themes, and the
    documents' translation rows: each document carries ``shown``, its title and
    description in ``language`` (else the original).
    """
    documents = _filtered(permissions.visible_documents(user), filters)
    links = _filtered(Link.objects.all(), filters)
    if filters.broken:
        documents = documents.none()
        links = links.filter(broken_since__isnull=False)
    if filters.show == "documents":
        links = links.none()
    elif filters.show == "links":
        documents = documents.none()

    scores: dict[tuple[str, int], float] = {}
    if filters.q:
        if query_is_searchable(filters.q):
            for kind in ("document", "link"):
                for object_id, score in search_match(
                    kind=kind, query=filters.q, limit=SEARCH_LIMIT
                ):
                    scores[(kind, object_id)] = score
        doc_ids = [i for (k, i) in scores if k == "document"]
        link_ids = [i for (k, i) in scores if k == "link"]
        documents = documents.filter(pk__in=ids_subquery(doc_ids))
        links = links.filter(pk__in=ids_subquery(link_ids))

    keys_sql = (
        documents.annotate(type=Value("document", output_field=CharField()))
        .values_list("type", "pk", "created_at")
        .order_by()
        .distinct()
        .union(
            links.annotate(type=Value("link", output_field=CharField()))
            .values_list("type", "pk", "created_at")
            .order_by()
            .distinct(),
            all=True,
        )
    )
    if scores:
        # Ranked: the matches are at most 2 × SEARCH_LIMIT keys.
        keys = list(keys_sql)
        keys.sort(key=lambda k: (-scores.get((k[0], k[1]), 0.0), -k[1]))
        total = len(keys)
        num_pages = max(1, math.ceil(total / page_size))
        page = min(max(1, page), num_pages)
        page_keys = keys[(page - 1) * page_size : page * page_size]
    else:
        total = keys_sql.count()
        num_pages = max(1, math.ceil(total / page_size))
        page = min(max(1, page), num_pages)
        page_keys = list(
            keys_sql.order_by("-created_at", "-pk")[
                (page - 1) * page_size : page * page_size
            ]
        )

    doc_ids = [k[1] for k in page_keys if k[0] == "document"]
    link_ids = [k[1] for k in page_keys if k[0] == "link"]
    docs_by_id = (
        {
            d.pk: d
            for d in Document.objects.filter(pk__in=doc_ids)
            .select_related("organisation")
            .prefetch_related("languages", "themes", "translations")
        }
        if doc_ids
        else {}
    )
    links_by_id = (
        {
            link.pk: link
            for link in Link.objects.filter(pk__in=link_ids)
            .select_related("organisation")
            .prefetch_related("languages", "themes")
        }
        if link_ids
        else {}
    )
    items = []
    for kind, pk, _created in page_keys:
        if kind == "document":
            document = docs_by_id.get(pk)
            if document is not None:
                document.shown = document.translation_for(language) or document
                items.append(LibraryItem(type=kind, object=document))
        else:
            link = links_by_id.get(pk)
            if link is not None:
                items.append(LibraryItem(type=kind, object=link))
    return LibraryPage(
        items=items,
        total=total,
        page=page,
        num_pages=num_pages,
        page_size=page_size,
    )


# --- One document ---------------------------------------------------------------------


def document_get(*, pk: int) -> Document:
    """A document with what its page shows (raises Document.DoesNotExist)."""
    return (
        Document.objects.select_related("organisation", "uploaded_by", "text_language")
        .prefetch_related(
            "translations",
            "languages",
            "themes",
            Prefetch("links", queryset=Link.objects.order_by("title", "id")),
        )
        .get(pk=pk)
    )


def links_broken_for(user: User | AnonymousUser | None) -> QuerySet[Link]:
    """The broken links this user is asked to fix, longest broken first."""
    return (
        permissions.editable_links(user)
        .filter(broken_since__isnull=False)
        .select_related("organisation", "created_by")
        .order_by("broken_since", "id")
    )


def link_get(*, pk: int) -> Link:
    return (
        Link.objects.select_related("organisation")
        .prefetch_related("languages", "themes")
        .get(pk=pk)
    )


# --- A long text, a window at a time ------------------------------------------------

#: Characters of a document's text shown on one page (cut at a line's end).
TEXT_PAGE_CHARS = 20_000


@dataclass
class TextPage:
    """One window of a long text: ``text[start:end]``, page ``number`` of ``count``."""

    text: str
    start: int
    end: int
    number: int
    count: int
    bounds: list[tuple[int, int]] = field(repr=False, default_factory=list)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.count

    @property
    def previous_number(self) -> int:
        return self.number - 1

    @property
    def next_number(self) -> int:
        return self.number + 1

    def number_of(self, offset: int) -> int:
        """The page holding character ``offset``."""
        for number, (start, end) in enumerate(self.bounds, start=1):
            if start <= offset < end:
                return number
        return self.count


def text_bounds(text: str, size: int = TEXT_PAGE_CHARS) -> list[tuple[int, int]]:
    """(start, end) of each page of ``text``: about ``size`` characters, ending
    after a newline when there is one in the second half of the window."""
    bounds: list[tuple[int, int]] = []
    start, length = 0, len(text)
    while start < length:
        end = min(length, start + size)
        if end < length:
            cut = text.rfind("\n", start + size // 2, end)
            if cut != -1:
                end = cut + 1
        bounds.append((start, end))
        start = end
    return bounds or [(0, 0)]


def text_page(text: str, number: int, size: int = TEXT_PAGE_CHARS) -> TextPage:
    """Page ``number`` of ``text`` (the last one when beyond it)."""
    bounds = text_bounds(text, size)
    number = max(1, min(number, len(bounds)))
    start, end = bounds[number - 1]
    return TextPage(
        text=text[start:end],
        start=start,
        end=end,
        number=number,
        count=len(bounds),
        bounds=bounds,
    )
