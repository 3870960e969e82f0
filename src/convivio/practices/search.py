"""Practices and collections as searchable kinds (``search.registry``),
registered from ``PracticesConfig.ready()``.

The index rows come from the builders the services write with
(``services.practice_documents``, ``services.collection_documents``); every
function here reads a fixed number of queries whatever the number of ids.
"""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from convivio.core.models import Theme
from convivio.search.backends import Document
from convivio.search.registry import Hit, SearchKind, register
from convivio.search.selectors import ids_subquery
from convivio.search.services import index_remove

from . import permissions, services
from .models import (
    Collection,
    CollectionItem,
    CollectionTranslation,
    Practice,
    PracticeTranslation,
)

PRACTICE = services.SEARCH_KIND
COLLECTION = services.COLLECTION_KIND
#: Characters of a summary a search result shows.
SUMMARY_CHARS = 300
#: Themes named under a practice's title.
META_THEMES = 3


def _summary(text: str) -> str:
    return Truncator(text or "").chars(SUMMARY_CHARS)


# --------------------------------------------------------------- practices


def practice_documents(ids: list[int]) -> list[Document]:
    """The index rows of the published practices among ``ids`` (six queries)."""
    practices = (
        Practice.objects.filter(
            pk__in=ids_subquery(ids), status=Practice.Status.PUBLISHED
        )
        .select_related("country")
        .prefetch_related(
            "translations",
            "territories",
            "themes",
            "target_groups",
            "organisation_roles__organisation",
        )
    )
    return [d for p in practices for d in services.practice_documents(p)]


def practice_indexable_ids() -> list[int]:
    return list(
        Practice.objects.filter(status=Practice.Status.PUBLISHED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def practice_visible_ids(user, ids: list[int]) -> set[int]:
    """Of ``ids``, the practices ``user`` may open: the published ones (one
    query); any other (only a stale index entry holds one) asks permissions."""
    rows = Practice.objects.filter(pk__in=ids_subquery(ids)).values_list("pk", "status")
    visible, others = set(), []
    for pk, status in rows:
        if status == Practice.Status.PUBLISHED:
            visible.add(pk)
        else:
            others.append(pk)
    if others:
        visible |= {
            p.pk
            for p in Practice.objects.filter(pk__in=others)
            if permissions.can_view_practice(user, p)
        }
    return visible


def practice_hits(ids: list[int], language: str) -> dict[int, Hit]:
    """Title and summary in ``language`` where the practice has it; its
    country, years and first themes (three queries)."""
    practices = (
        Practice.objects.filter(pk__in=ids_subquery(ids))
        .select_related("country")
        .prefetch_related(
            Prefetch(
                "translations",
                queryset=PracticeTranslation.objects.only(
                    "id", "practice_id", "language_id", "title", "summary"
                ),
            ),
            Prefetch("themes", queryset=Theme.objects.only("id", "slug", "name")),
        )
    )
    hits: dict[int, Hit] = {}
    with translation.override(language):
        for p in practices:
            row = p.translation_for(language)
            if row is None:
                continue
            themes = sorted(t.label for t in p.themes.all())[:META_THEMES]
            meta = [p.country.label, p.years, *themes]
            hits[p.pk] = Hit(
                kind=PRACTICE,
                object_id=p.pk,
                title=row.title,
                url=reverse("practices:detail", args=[p.pk]),
                summary=_summary(row.summary),
                language=row.language_id,
                meta=tuple(m for m in meta if m),
            )
    return hits


# --------------------------------------------------------------- collections


def _collections(ids: list[int]):
    return Collection.objects.filter(pk__in=ids_subquery(ids))


def collection_documents(ids: list[int]) -> list[Document]:
    """The index rows of the collections among ``ids`` (four queries)."""
    collections = _collections(ids).prefetch_related(
        *services.COLLECTION_INDEX_PREFETCH
    )
    return [d for c in collections for d in services.collection_documents(c)]


def collection_indexable_ids() -> list[int]:
    """Every published collection: everybody reads them (a draft is indexed
    when a moderator publishes it)."""
    return list(
        Collection.objects.filter(status=Collection.Status.PUBLISHED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def collection_visible_ids(user, ids: list[int]) -> set[int]:
    """Everybody reads published collections (``permissions``); a draft is
    never a search hit, not even for who may open it.  Those that still
    exist (one query)."""
    return set(
        _collections(ids)
        .filter(status=Collection.Status.PUBLISHED)
        .values_list("pk", flat=True)
    )


def collection_hits(ids: list[int], language: str) -> dict[int, Hit]:
    """Title and introduction in ``language`` where the collection has it, and
    how many practices it gathers (two queries)."""
    collections = (
        _collections(ids).annotate(size=Count("items")).prefetch_related("translations")
    )
    hits: dict[int, Hit] = {}
    with translation.override(language):
        for c in collections:
            row = c.translation_for(language)
            if row is None:
                continue
            size = ngettext("%(counter)s practice", "%(counter)s practices", c.size) % {
                "counter": c.size
            }
            hits[c.pk] = Hit(
                kind=COLLECTION,
                object_id=c.pk,
                title=row.title,
                url=reverse("practices:collection_detail", args=[c.pk]),
                summary=_summary(row.introduction),
                language=row.language_id,
                meta=(size,),
            )
    return hits


def register_kinds() -> None:
    register(
        SearchKind(
            name=PRACTICE,
            label=_("Practices"),
            documents=practice_documents,
            indexable_ids=practice_indexable_ids,
            visible_ids=practice_visible_ids,
            hits=practice_hits,
            order=10,
        )
    )
    register(
        SearchKind(
            name=COLLECTION,
            label=_("Collections"),
            documents=collection_documents,
            indexable_ids=collection_indexable_ids,
            visible_ids=collection_visible_ids,
            hits=collection_hits,
            order=15,
        )
    )


# --------------------------------------------------------------- keeping it in step
# The translation screen and machine translation write rows through
# core.translation, which knows no app: a row saved or removed indexes its record
# again, as the library does for documents (connected in PracticesConfig.ready).


def _cascade(kwargs) -> bool:
    """A row removed because its practice or collection is being deleted: that
    delete takes the record out of the index (reindexing it here, while it
    still exists, would put it back)."""
    origin = kwargs.get("origin")
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    return model in (Practice, Collection)


def practice_translation_changed(sender, instance: PracticeTranslation, **kwargs):
    """A published practice is found in every language it has."""
    if kwargs.get("signal") is post_delete and _cascade(kwargs):
        return
    practice = Practice.objects.filter(
        pk=instance.practice_id, status=Practice.Status.PUBLISHED
    ).first()
    if practice is not None:
        services.practice_index(practice=practice)


def collection_part_changed(sender, instance, **kwargs) -> None:
    """A collection's translation or practice saved or removed."""
    if kwargs.get("signal") is post_delete and _cascade(kwargs):
        return
    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if collection is not None:
        services.collection_index(collection=collection)


def collection_deleted(sender, instance: Collection, **kwargs) -> None:
    """However a collection goes (the admin has no service to call)."""
    index_remove(kind=COLLECTION, object_id=instance.pk)


def connect_signals() -> None:
    for signal in (post_save, post_delete):
        signal.connect(
            practice_translation_changed,
            sender=PracticeTranslation,
            dispatch_uid="practice-translation-search",
        )
        for model in (CollectionTranslation, CollectionItem):
            signal.connect(
                collection_part_changed,
                sender=model,
                dispatch_uid=f"{model.__name__}-search",
            )
    post_delete.connect(
        collection_deleted, sender=Collection, dispatch_uid="collection-search"
    )
