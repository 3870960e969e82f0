"""Who may do what with good practices and collections.

- Everybody reads published practices and published collections.
- Any signed-in member submits a practice; it starts as their draft.
- Its author and the editors of its implementing organisations edit it and send
  it for review, until it is archived.
- Moderators (administrators among them) edit every practice, move it along
  review → published → archived, evaluate it, see the review queue and make
  collections.
- A draft or a practice in review is also read by the editors of its author's
  organisation and, for one read from a document, by who added the document.
- A draft collection (the booklet an organiser makes from an event's outcomes)
  is read only by its creator and moderators; its creator edits it (title,
  introduction, recommendations, practices) while it is a draft; moderators
  edit every collection and publish drafts.

Services call the ``require_*`` functions, which raise ``PermissionDenied`` with a
sentence a person understands; views and templates use the ``can_*`` ones.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from convivio.core import hooks
from convivio.core.permissions import (
    AnyUser,
    can_open_draft_record,
    editable_organisation_ids,
    is_moderator,
    is_signed_in,
)

from .models import Collection, Practice, PracticeOrganisation


def can_view_practice(user: AnyUser, practice: Practice) -> bool:
    if practice.status == Practice.Status.PUBLISHED:
        return True
    if can_edit_practice(user, practice) or is_moderator(user):
        return True
    # A draft or a practice in review: its author's organisation's editors too,
    # and for one read from a document, who added the document.
    if practice.status not in (Practice.Status.DRAFT, Practice.Status.IN_REVIEW):
        return False
    if can_open_draft_record(user, practice.created_by_id):
        return True
    if not user.is_authenticated or not practice.source_key.startswith("ingest:"):
        return False
    return can_open_draft_record(user, *hooks.draft_makers(practice))


def can_edit_practice(user: AnyUser | None, practice: Practice) -> bool:
    """Its author and its implementing organisations' editors (until it is
    archived), and moderators."""
    if not is_signed_in(user):
        return False
    if is_moderator(user):
        return True
    if practice.status == Practice.Status.ARCHIVED:
        return False
    if practice.created_by_id == user.pk:
        return True
    organisations = editable_organisation_ids(user)
    return (
        bool(organisations)
        and PracticeOrganisation.objects.filter(
            practice=practice,
            organisation_id__in=organisations,
            role=PracticeOrganisation.Role.IMPLEMENTING,
        ).exists()
    )


def can_translate_practice(user: AnyUser, practice: Practice) -> bool:
    """Who may edit a practice may translate it; moderators too."""
    return can_edit_practice(user, practice) or is_moderator(user)


def can_moderate_practices(user: AnyUser | None) -> bool:
    """Review, publish, archive, evaluate, merge; make collections."""
    return user is not None and is_moderator(user)


def can_view_collection(user: AnyUser | None, collection: Collection) -> bool:
    """Published: everybody; a draft: its creator and moderators."""
    if collection.status == Collection.Status.PUBLISHED:
        return True
    if not is_signed_in(user):
        return False
    return is_moderator(user) or collection.created_by_id == user.pk


def can_edit_collection(user: AnyUser | None, collection: Collection) -> bool:
    """Moderators; a draft's creator while it is a draft."""
    if not is_signed_in(user):
        return False
    if is_moderator(user):
        return True
    return (
        collection.status == Collection.Status.DRAFT
        and collection.created_by_id == user.pk
    )


def can_publish_collection(user: AnyUser | None, collection: Collection) -> bool:
    """Moderators publish a draft."""
    return collection.status == Collection.Status.DRAFT and can_moderate_practices(user)


def can_translate_collection(user: AnyUser, collection: Collection) -> bool:
    """Moderators make collections, so they translate them (translating one
    translates its practices too, which a draft's creator may not)."""
    return is_moderator(user)


def visible_collections(
    user: AnyUser | None, qs: QuerySet[Collection]
) -> QuerySet[Collection]:
    """Of ``qs``, the collections the user may read: the published ones, and
    their own drafts (every draft for moderators)."""
    if is_signed_in(user) and is_moderator(user):
        return qs
    published = Q(status=Collection.Status.PUBLISHED)
    if is_signed_in(user):
        return qs.filter(published | Q(created_by=user))
    return qs.filter(published)


def require_view_collection(user: AnyUser | None, collection: Collection) -> None:
    if not can_view_collection(user, collection):
        raise PermissionDenied(_("You cannot see this collection."))


def require_edit_collection(user: AnyUser | None, collection: Collection) -> None:
    if not can_edit_collection(user, collection):
        raise PermissionDenied(_("You cannot edit this collection."))


def require_publish_collection(user: AnyUser | None, collection: Collection) -> None:
    if not can_publish_collection(user, collection):
        raise PermissionDenied(_("Only moderators publish a collection."))


def require_submit_practice(user: AnyUser | None) -> None:
    if not is_signed_in(user):
        raise PermissionDenied(_("Sign in to submit a practice."))


def require_edit_practice(user: AnyUser | None, practice: Practice) -> None:
    if not can_edit_practice(user, practice):
        raise PermissionDenied(_("You cannot edit this practice."))


def require_send_for_review(user: AnyUser | None, practice: Practice) -> None:
    if not can_edit_practice(user, practice):
        raise PermissionDenied(_("You cannot submit this practice."))


def require_moderate_practices(user: AnyUser | None) -> None:
    if not can_moderate_practices(user):
        raise PermissionDenied(_("Only moderators can do this."))


def require_evaluate_practice(user: AnyUser | None, practice: Practice) -> None:
    if not can_moderate_practices(user):
        raise PermissionDenied(_("Only moderators evaluate practices."))


def require_see_review_queue(user: AnyUser | None) -> None:
    if not can_moderate_practices(user):
        raise PermissionDenied(_("Only moderators see the review queue."))


def editable_practices(user: AnyUser, qs: QuerySet[Practice]) -> QuerySet[Practice]:
    """Of ``qs``, the practices the user may edit (and so translate), archived
    ones left out: their author's and their organisations' editors', every one
    for moderators."""
    qs = qs.exclude(status=Practice.Status.ARCHIVED)
    if is_moderator(user):
        return qs
    if not is_signed_in(user):
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
