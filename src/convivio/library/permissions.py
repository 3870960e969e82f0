"""Who may do what with the library's documents and links.

- Everybody reads public documents and every link.
- Any signed-in member adds documents and links; a document is private until
  made public.
- Who added a record, the editors of the organisation it is filed under and
  moderators (administrators among them) see, edit, translate and delete it.
- A record is filed under an organisation only by that organisation's editors
  (or a moderator); a document is made public by them too.

Services call the ``require_*`` functions, which raise ``PermissionDenied`` with a
sentence a person understands; views and templates use the ``can_*`` ones.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from convivio.core.models import Organisation
from convivio.core.permissions import (
    AnyUser,
    editable_organisation_ids,
    is_moderator,
    is_signed_in,
)

from .models import Document, Link


def _adder_or_editor(
    user: AnyUser | None, added_by_id: int | None, organisation_id: int | None
) -> bool:
    if not is_signed_in(user):
        return False
    if is_moderator(user):
        return True
    if added_by_id is not None and added_by_id == user.pk:
        return True
    return organisation_id is not None and organisation_id in editable_organisation_ids(
        user
    )


def can_view_document(user: AnyUser | None, document: Document) -> bool:
    """Public documents for everybody; the others for whoever may edit them."""
    return document.is_public or can_edit_document(user, document)


def can_edit_document(user: AnyUser | None, document: Document) -> bool:
    """The person who added it, editors of its organisation, moderators."""
    return _adder_or_editor(user, document.uploaded_by_id, document.organisation_id)


def can_edit_link(user: AnyUser | None, link: Link) -> bool:
    return _adder_or_editor(user, link.created_by_id, link.organisation_id)


def can_file_under(user: AnyUser | None, organisation: Organisation | None) -> bool:
    """Whether a record may name ``organisation`` (none always may)."""
    if organisation is None:
        return True
    if not is_signed_in(user):
        return False
    return is_moderator(user) or organisation.pk in editable_organisation_ids(user)


def can_make_public(user: AnyUser | None, organisation: Organisation | None) -> bool:
    if not is_signed_in(user):
        return False
    return is_moderator(user) or (
        organisation is not None and organisation.pk in editable_organisation_ids(user)
    )


def require_add_to_library(user: AnyUser | None) -> None:
    if not is_signed_in(user):
        raise PermissionDenied(_("Sign in to add to the library."))


def require_file_under(user: AnyUser | None, organisation: Organisation | None) -> None:
    if organisation is not None and not can_file_under(user, organisation):
        raise PermissionDenied(
            _("Only editors of %(name)s can file records under it.")
            % {"name": organisation.name}
        )


def require_make_public(
    user: AnyUser | None, organisation: Organisation | None
) -> None:
    if not can_make_public(user, organisation):
        raise PermissionDenied(
            _(
                "Only moderators and editors of the document's organisation "
                "can make a document public."
            )
        )


def require_edit_document(user: AnyUser | None, document: Document) -> None:
    if not can_edit_document(user, document):
        raise PermissionDenied(_("You cannot edit this document."))


def require_delete_document(user: AnyUser | None, document: Document) -> None:
    if not can_edit_document(user, document):
        raise PermissionDenied(_("You cannot delete this document."))


def require_edit_link(user: AnyUser | None, link: Link) -> None:
    if not can_edit_link(user, link):
        raise PermissionDenied(_("You cannot edit this link."))


def require_delete_link(user: AnyUser | None, link: Link) -> None:
    if not can_edit_link(user, link):
        raise PermissionDenied(_("You cannot delete this link."))


def visible_documents(
    user: AnyUser | None, qs: QuerySet[Document] | None = None
) -> QuerySet[Document]:
    """Of ``qs`` (every document by default), those the user may open."""
    documents = Document.objects.all() if qs is None else qs
    if is_signed_in(user) and is_moderator(user):
        return documents
    visible = Q(is_public=True)
    if is_signed_in(user):
        visible |= Q(uploaded_by=user)
        orgs = editable_organisation_ids(user)
        if orgs:
            visible |= Q(organisation_id__in=orgs)
    return documents.filter(visible)


def editable_links(
    user: AnyUser | None, qs: QuerySet[Link] | None = None
) -> QuerySet[Link]:
    """Of ``qs`` (every link by default), those the user may edit."""
    links = Link.objects.all() if qs is None else qs
    if not is_signed_in(user):
        return links.none()
    if is_moderator(user):
        return links
    mine = Q(created_by=user)
    orgs = editable_organisation_ids(user)
    if orgs:
        mine |= Q(organisation_id__in=orgs)
    return links.filter(mine)
