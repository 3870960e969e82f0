"""Events as a searchable kind (``search.registry``), registered from
``EventsConfig.ready()``: published events are found; a hit opens the event."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from convivio.search.backends import Document
from convivio.search.registry import Hit, SearchKind, register
from convivio.search.selectors import ids_subquery

from . import permissions, services
from .models import Event

SUMMARY_CHARS = 300


def _events(ids: list[int]) -> QuerySet[Event]:
    return Event.objects.filter(pk__in=ids_subquery(ids))


def event_documents(ids: list[int]) -> list[Document]:
    events = (
        _events(ids)
        .filter(status=Event.Status.PUBLISHED)
        .select_related("territory")
        .prefetch_related(*services.SEARCH_PREFETCH)
    )
    return [d for e in events for d in services.event_documents(e)]


def event_indexable_ids() -> list[int]:
    return list(
        Event.objects.filter(status=Event.Status.PUBLISHED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def event_visible_ids(user, ids: list[int]) -> set[int]:
    return set(
        permissions.visible_events(user, _events(ids))
        .filter(status=Event.Status.PUBLISHED)
        .values_list("pk", flat=True)
    )


def event_hits(ids: list[int], language: str) -> dict[int, Hit]:
    events = _events(ids).select_related("territory").prefetch_related("translations")
    hits: dict[int, Hit] = {}
    with translation.override(language):
        for e in events:
            row = e.translation_for(language)
            if row is None:
                continue
            meta = [e.local_start.strftime("%Y-%m-%d %H:%M"), e.get_format_display()]
            if e.territory:
                meta.append(e.territory.name)
            hits[e.pk] = Hit(
                kind=services.SEARCH_KIND,
                object_id=e.pk,
                title=row.title,
                url=reverse("events:detail", args=[e.pk]),
                summary=Truncator(row.description or "").chars(SUMMARY_CHARS),
                language=row.language_id,
                meta=tuple(meta),
            )
    return hits


def register_kinds() -> None:
    register(
        SearchKind(
            name=services.SEARCH_KIND,
            label=_("Events"),
            documents=event_documents,
            indexable_ids=event_indexable_ids,
            visible_ids=event_visible_ids,
            hits=event_hits,
            order=75,
        )
    )
