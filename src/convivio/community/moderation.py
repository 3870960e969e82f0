"""Moderation of what people write in the exchange apps: report with a reason,
hide, restore, dismiss, and the history of each piece of content.

A moderated model (``models.Moderated``) says which network moderates it with
``moderating_network_id()`` (``None``: platform moderators only) and where it is
read with ``get_absolute_url()``; its text field is named by ``MODERATED_TEXT``
so that an edit keeps the text it replaced.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from convivio.core import ratelimit
from convivio.core.permissions import is_moderator, is_signed_in

from . import permissions
from .models import ModerationEvent, Moderated, Report


def can_moderate(user: Any, obj: Moderated) -> bool:
    network_id = obj.moderating_network_id()  # type: ignore[attr-defined]
    if network_id is None:
        return is_moderator(user)
    return permissions.can_moderate_network(user, network_id)


def require_moderate(user: Any, obj: Moderated) -> None:
    if not can_moderate(user, obj):
        raise PermissionDenied(
            _("Only the network's coordinators and moderators may do this.")
        )


def record(
    obj: Moderated, action: str, by: Any, reason: str = "", previous: str = ""
) -> ModerationEvent:
    return ModerationEvent.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        action=action,
        by=by if is_signed_in(by) else None,
        reason=reason,
        previous=previous,
    )


def history(obj: Moderated) -> list[ModerationEvent]:
    return list(
        ModerationEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        ).select_related("by")
    )


@transaction.atomic
def report(user: Any, obj: Moderated, reason: str, note: str = "") -> Report:
    if not is_signed_in(user):
        raise PermissionDenied(_("Sign in to report something."))
    if reason not in Report.Reason.values:
        raise ValidationError({"reason": _("Choose a reason.")})
    ratelimit.check_member("report", user)
    made = Report.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        reporter=user,
        reason=reason,
        note=note.strip(),
    )
    record(obj, ModerationEvent.Action.REPORTED, user, reason)
    return made


def _close_reports(obj: Moderated, user: Any, status: str) -> None:
    Report.objects.filter(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        status=Report.Status.OPEN,
    ).update(status=status, resolved_by=user, resolved_at=timezone.now())


@transaction.atomic
def hide(user: Any, obj: Moderated, reason: str) -> None:
    require_moderate(user, obj)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why it is hidden.")})
    obj.state = Moderated.State.HIDDEN
    obj.save(update_fields=["state"])
    record(obj, ModerationEvent.Action.HIDDEN, user, reason.strip())
    _close_reports(obj, user, Report.Status.HIDDEN)


@transaction.atomic
def restore(user: Any, obj: Moderated, reason: str = "") -> None:
    require_moderate(user, obj)
    if obj.state != Moderated.State.HIDDEN:
        raise ValidationError(_("Only hidden content can be restored."))
    obj.state = Moderated.State.VISIBLE
    obj.save(update_fields=["state"])
    record(obj, ModerationEvent.Action.RESTORED, user, reason.strip())


@transaction.atomic
def dismiss(user: Any, obj: Moderated, reason: str = "") -> None:
    """Close the open reports and leave the content shown."""
    require_moderate(user, obj)
    _close_reports(obj, user, Report.Status.DISMISSED)
    record(obj, ModerationEvent.Action.DISMISSED, user, reason.strip())
