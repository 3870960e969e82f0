"""Practices and collections as translatable kinds (``core.translation.register_kind``):
who may translate them and whose queue they are in."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from convivio.core.permissions import editable_organisation_ids, is_moderator

from .models import Collection, Practice, PracticeOrganisation
from .selectors import practice_can_edit, practice_can_view


def can_translate(user, practice: Practice) -> bool:
    """Who may edit a practice may translate it; moderators too."""
    return practice_can_edit(user=user, practice=practice) or is_moderator(user)


def can_view(user, practice: Practice) -> bool:
    return practice_can_view(user=user, practice=practice)


def queue(user) -> QuerySet[Practice]:
    """Practices the person submitted or their organisations carry out (as an
    editor); every practice not archived for moderators."""
    qs = Practice.objects.exclude(status=Practice.Status.ARCHIVED)
    if is_moderator(user):
        return qs
    if not user.is_authenticated:
        return qs.none()
    organisations = editable_organisation_ids(user)
    mine = Q(created_by=user)
    if organisations:
        mine |= Q(
            pk__in=PracticeOrganisation.objects.filter(
                organisation_id__in=organisations,
                role=PracticeOrganisation.Role.IMPLEMENTING,
            ).values("practice_id")
        )
    return qs.filter(mine)


def title(practice: Practice, language: str | None) -> str:
    row = practice.translation_for(language)
    return row.title if row is not None else str(practice)


def can_translate_collection(user, collection: Collection) -> bool:
    """Moderators make collections, so they translate them."""
    return is_moderator(user)


def can_view_collection(user, collection: Collection) -> bool:
    return True


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
