"""Documents and links as searchable kinds (``search.registry``), registered
from ``LibraryConfig.ready()``.

A private document is indexed too (the library's own search finds it for who
may open it): ``visible_ids`` keeps it from everybody else, through
``permissions.visible_documents``.  The index rows come from the builders the
services write with; every function here reads a fixed number of queries
whatever the number of ids.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from convivio.search.backends import Document as SearchDocument
from convivio.search.registry import Hit, SearchKind, register
from convivio.search.selectors import ids_subquery

from . import permissions, services
from .models import Document, Link

DOCUMENT = services.DOCUMENT_KIND
LINK = services.LINK_KIND
#: Characters of a description a search result shows.
SUMMARY_CHARS = 300


def _summary(text: str) -> str:
    return Truncator(text or "").chars(SUMMARY_CHARS)


# --------------------------------------------------------------- documents


def document_documents(ids: list[int]) -> list[SearchDocument]:
    """The index rows of the documents among ``ids`` (three queries), the text
    read from each file included (cut at ``services.INDEXED_TEXT_CHARS``)."""
    documents = (
        Document.objects.filter(pk__in=ids_subquery(ids))
        .select_related("organisation")
        .prefetch_related("languages", "translations")
    )
    return [e for d in documents for e in services.document_search_entries(d)]


def document_indexable_ids() -> list[int]:
    """Every document: the services index private ones too (see above)."""
    return list(Document.objects.order_by("pk").values_list("pk", flat=True))


def document_visible_ids(user, ids: list[int]) -> set[int]:
    """Public documents for everybody; the others for who may edit them."""
    candidates = Document.objects.filter(pk__in=ids_subquery(ids))
    return set(
        permissions.visible_documents(user, candidates).values_list("pk", flat=True)
    )


def document_hits(ids: list[int], language: str) -> dict[int, Hit]:
    """Title and description in ``language`` where the document has them; its
    kind and organisation (three queries)."""
    documents = (
        Document.objects.filter(pk__in=ids_subquery(ids))
        .select_related("organisation")
        .prefetch_related("translations")
        .defer("extracted_text")
    )
    hits: dict[int, Hit] = {}
    with translation.override(language):
        for d in documents:
            row = d.translation_for(language)
            if row is None:
                continue
            meta = [d.get_kind_display(), d.organisation.name if d.organisation else ""]
            hits[d.pk] = Hit(
                kind=DOCUMENT,
                object_id=d.pk,
                title=row.title,
                url=reverse("library:detail", args=[d.pk]),
                summary=_summary(row.description),
                language=row.language_id,
                meta=tuple(m for m in meta if m),
            )
    return hits


# --------------------------------------------------------------- links


def _links(ids: list[int]):
    return Link.objects.filter(pk__in=ids_subquery(ids))


def link_documents(ids: list[int]) -> list[SearchDocument]:
    """The index rows of the links among ``ids`` (two queries)."""
    links = _links(ids).select_related("organisation").prefetch_related("languages")
    return [e for link in links for e in services.link_search_entries(link)]


def link_indexable_ids() -> list[int]:
    return list(Link.objects.order_by("pk").values_list("pk", flat=True))


def link_visible_ids(user, ids: list[int]) -> set[int]:
    """Everybody reads every link (``permissions``): those that still exist."""
    return set(_links(ids).values_list("pk", flat=True))


def link_hits(ids: list[int], language: str) -> dict[int, Hit]:
    """A link leads to its address; its text is not translated, so its
    language is said only when it is in one (two queries)."""
    links = _links(ids).select_related("organisation").prefetch_related("languages")
    hits: dict[int, Hit] = {}
    with translation.override(language):
        for link in links:
            codes = [lang.code for lang in link.languages.all()]
            meta = [
                link.get_kind_display(),
                link.organisation.name if link.organisation else "",
            ]
            hits[link.pk] = Hit(
                kind=LINK,
                object_id=link.pk,
                title=link.title,
                url=link.url,
                summary=_summary(link.description),
                language=codes[0] if len(codes) == 1 else "",
                meta=tuple(m for m in meta if m),
            )
    return hits


def register_kinds() -> None:
    register(
        SearchKind(
            name=DOCUMENT,
            label=_("Documents"),
            documents=document_documents,
            indexable_ids=document_indexable_ids,
            visible_ids=document_visible_ids,
            hits=document_hits,
            order=50,
        )
    )
    register(
        SearchKind(
            name=LINK,
            label=_("Links"),
            documents=link_documents,
            indexable_ids=link_indexable_ids,
            visible_ids=link_visible_ids,
            hits=link_hits,
            order=55,
        )
    )
