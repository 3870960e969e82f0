"""Co-design processes as a searchable kind (``search.registry``), registered
from ``CodesignConfig.ready()``: a process anyone may read is found by its
title, challenge and description; each function reads a fixed number of
queries whatever the number of ids."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from convivio.search.backends import Document
from convivio.search.registry import Hit, SearchKind, register
from convivio.search.selectors import ids_subquery

from . import permissions, services
from .models import Process

SUMMARY_CHARS = 300


def _processes(ids: list[int]) -> QuerySet[Process]:
    return Process.objects.filter(pk__in=ids_subquery(ids))


def process_documents(ids: list[int]) -> list[Document]:
    rows = _processes(ids).select_related("network").prefetch_related("translations")
    return [d for p in rows for d in services.process_documents(p)]


def process_indexable_ids() -> list[int]:
    rows = Process.objects.select_related("network").order_by("pk")
    return [p.pk for p in rows if services.is_public(p)]


def process_visible_ids(user, ids: list[int]) -> set[int]:
    rows = _processes(ids).select_related("network")
    return {p.pk for p in rows if permissions.can_view_process(user, p)}


def process_hits(ids: list[int], language: str) -> dict[int, Hit]:
    rows = _processes(ids).select_related("territory").prefetch_related("translations")
    hits: dict[int, Hit] = {}
    with translation.override(language):
        for p in rows:
            row = p.translation_for(language)
            if row is None:
                continue
            hits[p.pk] = Hit(
                kind=services.SEARCH_KIND,
                object_id=p.pk,
                title=row.title,
                url=p.get_absolute_url(),
                summary=Truncator(row.challenge or row.description or "").chars(
                    SUMMARY_CHARS
                ),
                language=row.language_id,
                meta=(p.territory.label, str(p.created_at.year)),
            )
    return hits


def register_kinds() -> None:
    register(
        SearchKind(
            name=services.SEARCH_KIND,
            label=_("Co-design processes"),
            documents=process_documents,
            indexable_ids=process_indexable_ids,
            visible_ids=process_visible_ids,
            hits=process_hits,
            order=95,
        )
    )
