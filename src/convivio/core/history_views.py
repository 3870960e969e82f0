"""The change history page of a record (``core.history``), for its editors."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import history
from . import translation as tr
from .http import AuthenticatedHttpRequest


@login_required
@require_GET
def record_history(
    request: AuthenticatedHttpRequest, kind: str, pk: int
) -> HttpResponse:
    """Who changed what and when, for those who may edit the record (the kind's
    own rule: whoever may edit a record may translate it)."""
    try:
        record_kind = tr.kind_for(kind)
    except KeyError:
        raise Http404(_("No such kind of record.")) from None
    if not history.has_history(record_kind.record_model):
        raise Http404(_("No such kind of record."))
    record = (
        record_kind.record_model.objects.filter(pk=pk)
        .prefetch_related("translations")
        .first()
    )
    if record is None or not record_kind.can_view(request.user, record):
        raise Http404(_("No such record."))
    if not record_kind.can_translate(request.user, record):
        raise PermissionDenied(_("Only the record's editors see its history."))
    get_url = getattr(record, "get_absolute_url", None)
    return render(
        request,
        "core/record_history.html",
        {
            "record": record,
            "title": record_kind.title(record, get_language()),
            "record_url": get_url() if get_url else "",
            "changes": history.record_history(record),
        },
    )
