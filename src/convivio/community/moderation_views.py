"""The moderation screens: report something, the queue of reported content,
hide / restore / dismiss, and the history of a piece of content.

Any signed-in person who can read a piece of content reports it; its network's
coordinators and the platform moderators (``moderation.can_moderate``) see the
reports in their queue, act on them and read the history.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from convivio.core import ratelimit
from convivio.core.forms import add_service_errors
from convivio.core.http import AuthenticatedHttpRequest
from convivio.core.pagination import ROWS_PER_PAGE, paginate

from . import moderation
from .models import Moderated, Report
from .people_forms import ModerateForm, ReportForm


def _content(kind: str, pk: int) -> Moderated:
    obj = moderation.content_get(kind, pk)
    if obj is None:
        raise Http404
    return obj


@login_required
def report(request: AuthenticatedHttpRequest, kind: str, pk: int) -> HttpResponse:
    obj = _content(kind, pk)
    if not moderation.can_read(request.user, obj) or not obj.is_visible:
        raise Http404
    already = Report.objects.filter(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        reporter=request.user,
        status=Report.Status.OPEN,
    ).exists()
    form = ReportForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and not already and form.is_valid():
        try:
            moderation.report(
                request.user,
                obj,
                form.cleaned_data["reason"],
                form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            status = ratelimit.status_for(error)
        else:
            messages.success(request, _("Thank you: the moderators will look at it."))
            return redirect(obj.get_absolute_url())  # type: ignore[attr-defined]
    return render(
        request,
        "community/moderation/report.html",
        {
            "content": obj,
            "text": moderation.text_of(obj),
            "form": form,
            "already": already,
        },
        status=status,
    )


@login_required
def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not moderation.can_see_queue(request.user):
        raise PermissionDenied(
            _("Only the network's coordinators and moderators may do this.")
        )
    entries = paginate(request, moderation.queue(request.user), per_page=ROWS_PER_PAGE)
    return render(request, "community/moderation/queue.html", {"entries": entries})


@login_required
def history(request: AuthenticatedHttpRequest, kind: str, pk: int) -> HttpResponse:
    obj = _content(kind, pk)
    moderation.require_moderate(request.user, obj)
    return _history_page(request, obj, ModerateForm())


def _history_page(
    request: AuthenticatedHttpRequest,
    obj: Moderated,
    form: ModerateForm,
    status: int = 200,
) -> HttpResponse:
    ct = ContentType.objects.get_for_model(obj)
    return render(
        request,
        "community/moderation/history.html",
        {
            "content": obj,
            "label": moderation.label_of(obj),
            "text": moderation.text_of(obj),
            "events": moderation.history(obj),
            "reports": Report.objects.filter(content_type=ct, object_id=obj.pk)
            .select_related("reporter", "resolved_by")
            .order_by("-created_at", "-id")[:200],
            "form": form,
        },
        status=status,
    )


@login_required
@require_POST
def act(request: AuthenticatedHttpRequest, kind: str, pk: int) -> HttpResponse:
    """Hide (with a reason), restore or dismiss the reports."""
    obj = _content(kind, pk)
    moderation.require_moderate(request.user, obj)
    form = ModerateForm(request.POST)
    if form.is_valid():
        action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
        done = {
            "hide": (moderation.hide, _("Hidden.")),
            "restore": (moderation.restore, _("Restored.")),
            "dismiss": (moderation.dismiss, _("The reports are dismissed.")),
        }[action]
        try:
            done[0](request.user, obj, reason)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done[1])
            if request.POST.get("from") == "queue":
                return redirect("community:moderation_queue")
            return redirect(
                "community:moderation_history", moderation.label_of(obj), obj.pk
            )
    return _history_page(request, obj, form, status=400)
