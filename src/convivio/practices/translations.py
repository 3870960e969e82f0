"""Practices and collections as translatable kinds (``core.translation.register_kind``):
who may translate them and whose queue they are in."""

from __future__ import annotations

from django.db.models import QuerySet

from convivio.core.permissions import is_moderator

from . import permissions
from .models import Collection, Practice


def can_translate(user, practice: Practice) -> bool:
    return permissions.can_translate_practice(user, practice)


def can_view(user, practice: Practice) -> bool:
    return permissions.can_view_practice(user, practice)


def queue(user) -> QuerySet[Practice]:
    """Practices the person submitted or their organisations carry out (as an
    editor); every practice not archived for moderators."""
    return permissions.editable_practices(user, Practice.objects.all())


def title(practice: Practice, language: str | None) -> str:
    row = practice.translation_for(language)
    return row.title if row is not None else str(practice)


def can_translate_collection(user, collection: Collection) -> bool:
    return permissions.can_translate_collection(user, collection)


def can_view_collection(user, collection: Collection) -> bool:
    return permissions.can_view_collection(user, collection)


def collection_queue(user) -> QuerySet[Collection]:
    if is_moderator(user):
        return Collection.objects.all()
    return Collection.objects.none()


def collection_parts(collection: Collection) -> list[Practice]:
    """The practices a collection gathers: translating a collection (for its
    booklet) translates them too.  Moderators, who translate collections, may
    translate every practice."""
    return list(
        Practice.objects.filter(
            pk__in=collection.items.values("practice_id")
        ).prefetch_related("translations")
    )


def collection_title(collection: Collection, language: str | None) -> str:
    row = collection.translation_for(language)
    return row.title if row is not None else str(collection)
