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
from .models import Moderated, ModerationEvent, Report


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


# ------------------------------------------------------- the screens' helpers

#: Who may read a moderated model's rows, when it is more than "the network's
#: readers" (``register_reader`` from the app's ``ready()``).
_readers: dict[type, Any] = {}


def register_reader(model: type, can_read: Any) -> None:
    """``can_read(user, obj) -> bool`` decides who may see (and so report) a
    row of ``model``; without it, the readers of its network (or everybody)."""
    _readers[model] = can_read


def label_of(obj: Moderated) -> str:
    """How a piece of content is named in addresses: "app_label.model"."""
    meta = obj._meta
    return f"{meta.app_label}.{meta.model_name}"


def content_get(label: str, pk: int) -> Moderated | None:
    """The moderated row named by "app_label.model" and its id, None if there is
    none (or the label names something that is not moderated)."""
    app_label, _dot, model_name = (label or "").partition(".")
    try:
        content_type = ContentType.objects.get_by_natural_key(app_label, model_name)
    except ContentType.DoesNotExist:
        return None
    model = content_type.model_class()
    if model is None or not issubclass(model, Moderated):
        return None
    return model._default_manager.filter(pk=pk).first()


def can_read(user: Any, obj: Moderated) -> bool:
    """Whether the person may see the content (and so report it)."""
    if can_moderate(user, obj):
        return True
    if not obj.is_visible:
        return False
    reader = _readers.get(type(obj))
    if reader is not None:
        return bool(reader(user, obj))
    network_id = obj.moderating_network_id()  # type: ignore[attr-defined]
    if network_id is None:
        return True
    from .models import Network

    network = Network.objects.filter(pk=network_id).first()
    return network is not None and permissions.can_view_network(user, network)


def can_see_queue(user: Any) -> bool:
    """Platform moderators and the coordinators of a network."""
    if is_moderator(user):
        return True
    from .models import Member

    return any(
        role == Member.Role.COORDINATOR
        for role in permissions.network_roles(user).values()
    )


def queue(user: Any, *, limit: int = 1000) -> list[dict[str, Any]]:
    """The reported content the person moderates, the longest waiting first:
    one entry per piece of content with its open reports (a query per kind of
    content, whatever the number of reports)."""
    from django.db.models import Count, Min

    grouped = list(
        Report.objects.filter(status=Report.Status.OPEN)
        .values("content_type_id", "object_id")
        .annotate(count=Count("id"), first=Min("created_at"))
        .order_by("first")[:limit]
    )
    if not grouped:
        return []
    by_type: dict[int, list[int]] = {}
    for row in grouped:
        by_type.setdefault(row["content_type_id"], []).append(row["object_id"])
    objects: dict[tuple[int, int], Any] = {}
    for type_id, pks in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        # The required relations followed: moderating_network_id() reads them
        # (a post's thread, a message's room).
        related = [
            f.name for f in model._meta.concrete_fields if f.many_to_one and not f.null
        ]
        rows = model._default_manager.select_related(*related).filter(pk__in=pks)
        for found in rows:
            objects[(type_id, found.pk)] = found
    reports: dict[tuple[int, int], list[Report]] = {}
    for one in (
        Report.objects.filter(status=Report.Status.OPEN)
        .filter(
            content_type_id__in=list(by_type),
            object_id__in=[row["object_id"] for row in grouped],
        )
        .select_related("reporter")
        .order_by("created_at", "id")
    ):
        reports.setdefault((one.content_type_id, one.object_id), []).append(one)
    entries = []
    for row in grouped:
        key = (row["content_type_id"], row["object_id"])
        obj = objects.get(key)
        if obj is None or not can_moderate(user, obj):
            continue
        entries.append(
            {
                "content": obj,
                "label": label_of(obj),
                "count": row["count"],
                "first": row["first"],
                "reports": reports.get(key, []),
                "text": text_of(obj),
            }
        )
    return entries


def text_of(obj: Moderated) -> str:
    """The content's text (its ``MODERATED_TEXT`` field), else its name."""
    field = getattr(obj, "MODERATED_TEXT", "")
    return str(getattr(obj, field, "") if field else obj)
