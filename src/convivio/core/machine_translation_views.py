"""The progress of a machine translation job, for the page that started it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .http import AuthenticatedHttpRequest
from .machine_translation_services import can_see_job, job_progress
from .models import MachineTranslationJob


@login_required
@require_GET
def machine_translation_job(request: AuthenticatedHttpRequest, pk: int) -> JsonResponse:
    """The job's status, fields done of fields to translate, and its sentence;
    only the person who asked (and staff) may see it."""
    job = MachineTranslationJob.objects.filter(pk=pk).first()
    if job is None or not can_see_job(request.user, job):
        raise Http404(_("No such machine translation."))
    return JsonResponse(job_progress(job))
