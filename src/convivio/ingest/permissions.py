"""Who may do what with ingestion jobs and their drafts.

- Any signed-in member adds documents to be read.
- A job, its source text and its drafts are seen and reviewed (accepted, edited,
  rejected, read again) by the person who added the document and by moderators
  (administrators among them); to anybody else the job does not exist.

Services call the ``require_*`` functions, which raise ``PermissionDenied`` with a
sentence a person understands; views and templates use the ``can_*`` ones.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from convivio.core.permissions import AnyUser, is_moderator, is_signed_in

from .models import IngestJob


def can_add_documents(user: AnyUser | None) -> bool:
    return is_signed_in(user)


def can_review_job(user: AnyUser | None, job: IngestJob) -> bool:
    """The person who ingested the file, moderators and administrators."""
    if not is_signed_in(user):
        return False
    return job.created_by_id == user.pk or is_moderator(user)


def can_view_job(user: AnyUser | None, job: IngestJob) -> bool:
    """Who may review a job sees it; nobody else learns that it exists."""
    return can_review_job(user, job)


def require_add_documents(user: AnyUser | None) -> None:
    if not can_add_documents(user):
        raise PermissionDenied(_("Sign in to add documents."))


def require_review_job(user: AnyUser | None, job: IngestJob) -> None:
    if not can_review_job(user, job):
        raise PermissionDenied(
            _("Only the person who added this document or a moderator can do this.")
        )


def visible_jobs(user: AnyUser | None, qs: QuerySet[IngestJob]) -> QuerySet[IngestJob]:
    """Of ``qs``, the jobs the user may see."""
    if not is_signed_in(user):
        return qs.none()
    if is_moderator(user):
        return qs
    return qs.filter(created_by=user)
