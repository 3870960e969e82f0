"""Monitoring pages: the team's matrix and validation queue, the reporter's
indicators, one period's form, an indicator's history, import and export.

Every page works without JavaScript; with HTMX, validating or returning a value
swaps only its item in the queue.  Refusals are 403 pages with the sentence of
the permission that failed.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convivio.core.http import (
    AuthenticatedHtmxHttpRequest,
    AuthenticatedHttpRequest,
    HtmxHttpRequest,
)

from .. import permissions
from ..models import Indicator, Observation, PeriodLock, Plan
from ..periods import PeriodError, parse_period
from . import selectors
from . import services as monitoring
from .forms import (
    ImportForm,
    LockForm,
    ReportForm,
    ReturnForm,
    ValidateForm,
)
from .imports import observations_import as import_file
from .imports import observations_workbook


def _plan(pk: int) -> Plan:
    try:
        return selectors.plan_for_monitoring(pk)
    except Plan.DoesNotExist:
        raise Http404(_("No such plan.")) from None


def _team_plan(request: HttpRequest, pk: int) -> Plan:
    plan = _plan(pk)
    permissions.require_edit_plan(request.user, plan)
    return plan


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@login_required
@require_GET
def monitoring_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _team_plan(request, pk)
    page = selectors.monitoring_page(plan=plan, language=request.LANGUAGE_CODE)
    return render(
        request,
        "plans/monitoring/monitoring.html",
        {
            "page": page,
            "plan": plan,
            "lock_form": LockForm(),
            "return_form": ReturnForm(),
        },
    )


@login_required
@require_GET
def my_indicators(request: AuthenticatedHttpRequest) -> HttpResponse:
    plans = selectors.reporter_indicators(
        user=request.user, language=request.LANGUAGE_CODE
    )
    return render(
        request,
        "plans/monitoring/my_indicators.html",
        {
            "plans": plans,
            "is_reporter": bool(permissions.reporter_organisation_ids(request.user)),
        },
    )


def _indicator(pk: int) -> Indicator:
    try:
        return selectors.indicator_for_report(pk)
    except Indicator.DoesNotExist:
        raise Http404(_("No such indicator.")) from None


@login_required
@require_http_methods(["GET", "POST"])
def report_value(
    request: AuthenticatedHttpRequest, pk: int, period: str
) -> HttpResponse:
    indicator = _indicator(pk)
    permissions.require_report(request.user, indicator)
    plan = indicator.plan
    try:
        parsed = parse_period(period)
    except PeriodError as error:
        raise Http404(str(error)) from None
    periods = selectors.indicator_periods(indicator, plan)
    if parsed.key not in {p.key for p in periods}:
        raise Http404(
            _("This indicator is not reported for %(period)s.") % {"period": parsed.key}
        )
    if parsed.key != period:
        return redirect("plans:report_value", pk=pk, period=parsed.key)
    axes = selectors.indicator_axes(indicator)
    observation = selectors.observation_for(indicator, parsed.key)
    locks = list(plan.locks.all())
    lock = selectors.period_lock_for(locks, parsed)
    people = monitoring.counts_people(indicator)
    form = ReportForm(
        request.POST or None,
        indicator=indicator,
        axes=axes,
        observation=observation,
        people=people,
    )
    if request.method == "POST" and lock is None and form.is_valid():
        try:
            monitoring.observation_submit(
                user=request.user,
                indicator=indicator,
                period=parsed.key,
                **form.submit_kwargs(),
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request,
                _("The value for %(period)s was saved and sent to the territory team.")
                % {"period": parsed.key},
            )
            return redirect("plans:report_value", pk=pk, period=parsed.key)
    elif request.method == "POST" and lock is not None:
        form.is_valid()
        form.add_error(
            None,
            _("The period %(period)s is locked: it takes no new values.")
            % {"period": parsed.key},
        )
    name = indicator.translation_for(request.LANGUAGE_CODE)
    index = [p.key for p in periods].index(parsed.key)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "plans/monitoring/report_value.html",
        {
            "indicator": indicator,
            "name": name.name if name else "",
            "definition": name.definition if name else "",
            "plan": plan,
            "plan_title": plan.translation_for(request.LANGUAGE_CODE),
            "baseline": selectors.number_text(indicator.baseline_value),
            "target": selectors.number_text(indicator.target_value),
            "period": parsed,
            "periods": periods,
            "previous": periods[index - 1] if index > 0 else None,
            "next": periods[index + 1] if index + 1 < len(periods) else None,
            "observation": observation,
            "lock": lock,
            "form": form,
            "grids": _grids_with_fields(form, axes),
            "axes": axes,
            "can_validate": permissions.can_edit_plan(request.user, plan),
        },
        status=status,
    )


def _grids_with_fields(form: ReportForm, axes) -> list[dict]:
    """The form's grids, each cell with its bound field."""
    if not form.cell_keys:
        return []
    fields = {field.html_name: field for field in form.cell_fields()}
    return [
        {
            "title": grid.title,
            "columns": grid.columns,
            "rows": [
                (row.label, [fields[cell.field_name] for cell in row.cells])
                for row in grid.rows
            ],
        }
        for grid in selectors.report_grids(axes)
    ]


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for key, messages_ in error.message_dict.items():
            if key == "cells" and form.cell_keys:
                # Shown under the grid, where they are corrected.
                form.grid_errors.extend(messages_)
                continue
            field = key if key in form.fields else None
            form.add_error(field, messages_)
    else:
        form.add_error(None, error.messages)


@login_required
@require_GET
def indicator_history(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    indicator = _indicator(pk)
    permissions.require_report(request.user, indicator)
    axes = selectors.indicator_axes(indicator)
    observations = selectors.indicator_history(indicator)
    labelled = []
    for observation in observations:
        revisions = []
        for revision in observation.revisions.all():
            cells = [
                (selectors.cell_label(key, axes), value)
                for key, value in (revision.data.get("cells") or {}).items()
            ]
            revisions.append((revision, cells))
        labelled.append((observation, revisions))
    name = indicator.translation_for(request.LANGUAGE_CODE)
    return render(
        request,
        "plans/monitoring/indicator_history.html",
        {
            "indicator": indicator,
            "name": name.name if name else "",
            "plan": indicator.plan,
            "observations": labelled,
        },
    )


def _observation(pk: int) -> Observation:
    try:
        return Observation.objects.select_related("indicator__plan").get(pk=pk)
    except Observation.DoesNotExist:
        raise Http404(_("No such value.")) from None


def _queue_answer(
    request: HtmxHttpRequest, observation: Observation, *, note: str, error: str = ""
) -> HttpResponse:
    """HTMX: the queue item replaced; otherwise back to the monitoring page."""
    if request.htmx:
        return render(
            request,
            "plans/monitoring/monitoring.html#queue_done",
            {"observation": observation, "note": note, "error": error},
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, note)
    return redirect("plans:monitoring", pk=observation.indicator.plan_id)


@login_required
@require_POST
def observation_validate(
    request: AuthenticatedHtmxHttpRequest, pk: int
) -> HttpResponse:
    observation = _observation(pk)
    permissions.require_edit_plan(request.user, observation.indicator.plan)
    form = ValidateForm(request.POST)
    version = form.cleaned_data.get("version") if form.is_valid() else None
    try:
        observation = monitoring.observation_validate(
            user=request.user, observation=observation, expected_version=version
        )
    except ValidationError as error:
        return _queue_answer(request, observation, note="", error=_error_text(error))
    return _queue_answer(
        request,
        observation,
        note=_("%(period)s validated.") % {"period": observation.period},
    )


@login_required
@require_POST
def observation_return(request: AuthenticatedHtmxHttpRequest, pk: int) -> HttpResponse:
    observation = _observation(pk)
    permissions.require_edit_plan(request.user, observation.indicator.plan)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return _queue_answer(
            request,
            observation,
            note="",
            error=_("Say what the reporter should correct: a comment is needed."),
        )
    try:
        observation = monitoring.observation_return(
            user=request.user,
            observation=observation,
            comment=form.cleaned_data["comment"],
            expected_version=form.cleaned_data.get("version"),
        )
    except ValidationError as error:
        return _queue_answer(request, observation, note="", error=_error_text(error))
    return _queue_answer(
        request,
        observation,
        note=_("%(period)s returned to its reporter.") % {"period": observation.period},
    )


@login_required
@require_POST
def period_lock(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _team_plan(request, pk)
    form = LockForm(request.POST)
    if form.is_valid():
        try:
            lock = monitoring.period_lock(
                user=request.user, plan=plan, period=form.cleaned_data["period"]
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(
                request,
                _("The period %(period)s is locked.") % {"period": lock.period},
            )
    else:
        messages.error(request, _("Write the period to lock, such as 2025."))
    return redirect(reverse("plans:monitoring", args=[plan.pk]) + "#locks")


@login_required
@require_POST
def period_unlock(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    try:
        lock = PeriodLock.objects.select_related("plan").get(pk=pk)
    except PeriodLock.DoesNotExist:
        raise Http404(_("No such locked period.")) from None
    monitoring.period_unlock(user=request.user, lock=lock)
    messages.success(
        request, _("The period %(period)s is open again.") % {"period": lock.period}
    )
    return redirect(reverse("plans:monitoring", args=[lock.plan_id]) + "#locks")


CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


@login_required
@require_GET
def observations_export(
    request: AuthenticatedHttpRequest, pk: int, fmt: str
) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404(_("Templates are XLSX or CSV files."))
    plan = _plan(pk)
    data = observations_workbook(
        plan, user=request.user, fmt=fmt, language=request.LANGUAGE_CODE
    )
    title = plan.translation_for(request.LANGUAGE_CODE)
    name = slugify(title.title if title else "")[:60] or f"plan-{plan.pk}"
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = (
        f'attachment; filename="{name}-observations.{fmt}"'
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def observations_import(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _plan(pk)
    is_team = permissions.can_edit_plan(request.user, plan)
    if not is_team and not selectors.reportable_indicators(request.user, plan):
        raise PermissionDenied(
            _(
                "You can report values only for the indicators of measures your "
                "organisation is responsible for: this plan has none of yours."
            )
        )
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            result = import_file(
                user=request.user, plan=plan, upload=form.cleaned_data["file"]
            )
            if result.ok:
                messages.success(
                    request,
                    _("The file was imported: %(counts)s.")
                    % {
                        "counts": ", ".join(
                            [
                                ngettext(
                                    "%(count)s new value",
                                    "%(count)s new values",
                                    result.created,
                                )
                                % {"count": result.created},
                                ngettext(
                                    "%(count)s value changed",
                                    "%(count)s values changed",
                                    result.changed,
                                )
                                % {"count": result.changed},
                                ngettext(
                                    "%(count)s value unchanged",
                                    "%(count)s values unchanged",
                                    result.unchanged,
                                )
                                % {"count": result.unchanged},
                            ]
                        )
                    },
                )
                if is_team:
                    return redirect("plans:monitoring", pk=plan.pk)
                return redirect("plans:my_indicators")
        status = 400
    title = plan.translation_for(request.LANGUAGE_CODE)
    return render(
        request,
        "plans/monitoring/import.html",
        {
            "plan": plan,
            "plan_title": title.title if title else "",
            "form": form,
            "result": result,
            "is_team": is_team,
        },
        status=status,
    )


urlpatterns = [
    path("plans/<int:pk>/monitoring/", monitoring_page, name="monitoring"),
    path("plans/report/", my_indicators, name="my_indicators"),
    path(
        "plans/indicators/<int:pk>/report/<str:period>/",
        report_value,
        name="report_value",
    ),
    path(
        "plans/indicators/<int:pk>/history/",
        indicator_history,
        name="indicator_history",
    ),
    path(
        "plans/<int:pk>/observations/template.<str:fmt>",
        observations_export,
        name="observations_export",
    ),
    path(
        "plans/<int:pk>/observations/import/",
        observations_import,
        name="observations_import",
    ),
    path(
        "plans/observations/<int:pk>/validate/",
        observation_validate,
        name="observation_validate",
    ),
    path(
        "plans/observations/<int:pk>/return/",
        observation_return,
        name="observation_return",
    ),
    path("plans/<int:pk>/locks/", period_lock, name="period_lock"),
    path("plans/locks/<int:pk>/unlock/", period_unlock, name="period_unlock"),
]
