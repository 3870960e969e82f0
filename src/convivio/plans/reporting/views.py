"""The plan dashboard and the plan's reports (PDF, DOCX, XLSX, IATI-shaped JSON)."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from convivio.core import caching

from ..models import Plan
from ..permissions import can_edit_plan, can_view_plan
from . import reports
from .dashboard import dashboard_view, plan_dashboard

TABS_TEMPLATE = "plans/includes/plan_tabs.html"


def _plan(request: HttpRequest, pk: int) -> Plan:
    plan = get_object_or_404(
        Plan.objects.select_related("territory", "organisation").prefetch_related(
            "translations"
        ),
        pk=pk,
    )
    # A draft the reader may not see does not exist for them, as on its page.
    if not can_view_plan(request.user, plan):
        raise Http404(_("No such plan."))
    return plan


def _report_language(request: HttpRequest, plan: Plan) -> str:
    """The report's language: ``?lang=`` when it is an interface language or one
    the plan is written in, else the page's.  Content falls back per field to
    its original language, marked."""
    requested = request.GET.get("lang", "")
    if requested and (
        requested in dict(settings.LANGUAGES)
        or any(row.language_id == requested for row in plan.translations.all())
    ):
        return requested
    return request.LANGUAGE_CODE


def _year(plan: Plan, year: int) -> int:
    if not plan.has_period:
        raise Http404(
            _("This plan does not state its period; it has no yearly reports.")
        )
    if not plan.covers_year(year):
        raise Http404(
            _(
                "This plan runs from %(first)s to %(last)s; "
                "there is no report for %(year)s."
            )
            % {"first": plan.start_year, "last": plan.end_year, "year": year}
        )
    return year


def _file(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _board_html(plan: Plan, view: dict, *, is_team: bool) -> SafeString:
    """The rendered board: its figures and charts are the same for everybody
    who sees the same view of the same plan version, so the rendering is kept
    (core.caching), not only its data."""
    cache_args = dashboard_view(plan, **view)[0]
    cache_args["params"] = (*cache_args["params"], int(is_team))

    def board_context() -> dict:
        board = plan_dashboard(plan, **view)
        # A monitoring report only for a year with a validated value.
        return {
            "plan": plan,
            "board": board,
            "is_team": is_team,
            "report_years": board.value_years,
        }

    return caching.render(
        "plans:dashboard-board",
        "plans/dashboard/dashboard.html#board",
        board_context,
        **cache_args,
    )


@require_GET
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    is_team = can_edit_plan(request.user, plan)
    view = {
        "user": request.user,
        "language": request.LANGUAGE_CODE,
        "include_submitted": request.GET.get("submitted") == "1",
    }
    board_html = _board_html(plan, view, is_team=is_team)
    row = plan.translation_for(request.LANGUAGE_CODE)
    return render(
        request,
        "plans/dashboard/dashboard.html",
        {
            "plan": plan,
            "title": row.title if row else str(plan),
            "board_html": board_html,
            "is_team": is_team,
            "tabs_template": TABS_TEMPLATE,
            "tab": "dashboard",
            "can_edit": is_team,
        },
    )


@require_GET
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    data = reports.plan_pdf(
        plan, user=request.user, language=_report_language(request, plan)
    )
    return _file(data, reports.PDF, f"plan-{plan.pk}.pdf")


@require_GET
def report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    data = reports.plan_docx(
        plan, user=request.user, language=_report_language(request, plan)
    )
    return _file(data, reports.DOCX, f"plan-{plan.pk}.docx")


def _no_report(request: HttpRequest, plan: Plan, year: int) -> HttpResponse | None:
    """A page saying why there is no report for ``year``, when no value of that
    year is validated (an empty document would look like a report)."""
    years = plan_dashboard(
        plan, user=request.user, language=request.LANGUAGE_CODE
    ).value_years
    if year in years:
        return None
    row = plan.translation_for(request.LANGUAGE_CODE)
    return render(
        request,
        "plans/reports/no_report.html",
        {
            "plan": plan,
            "title": row.title if row else str(plan),
            "year": year,
            "years": years,
        },
        status=404,
    )


@require_GET
def monitoring_report_pdf(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    plan = _plan(request, pk)
    year = _year(plan, year)
    if (missing := _no_report(request, plan, year)) is not None:
        return missing
    data = reports.monitoring_pdf(
        plan, year, user=request.user, language=_report_language(request, plan)
    )
    return _file(data, reports.PDF, f"plan-{plan.pk}-monitoring-{year}.pdf")


@require_GET
def monitoring_report_docx(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    plan = _plan(request, pk)
    year = _year(plan, year)
    if (missing := _no_report(request, plan, year)) is not None:
        return missing
    data = reports.monitoring_docx(
        plan, year, user=request.user, language=_report_language(request, plan)
    )
    return _file(data, reports.DOCX, f"plan-{plan.pk}-monitoring-{year}.docx")


@require_GET
def plan_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    data = reports.plan_xlsx(
        plan, user=request.user, language=_report_language(request, plan)
    )
    return _file(data, reports.XLSX, f"plan-{plan.pk}.xlsx")


@require_GET
def results_json(request: HttpRequest, pk: int) -> JsonResponse:
    plan = _plan(request, pk)
    data = reports.results_json(plan, user=request.user, language=request.LANGUAGE_CODE)
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


urlpatterns = [
    path("plans/<int:pk>/dashboard/", dashboard, name="dashboard"),
    path("plans/<int:pk>/report.pdf", report_pdf, name="report_pdf"),
    path("plans/<int:pk>/report.docx", report_docx, name="report_docx"),
    path(
        "plans/<int:pk>/monitoring-<int:year>.pdf",
        monitoring_report_pdf,
        name="monitoring_report_pdf",
    ),
    path(
        "plans/<int:pk>/monitoring-<int:year>.docx",
        monitoring_report_docx,
        name="monitoring_report_docx",
    ),
    path("plans/<int:pk>/plan.xlsx", plan_xlsx, name="plan_xlsx"),
    path("plans/<int:pk>/results.json", results_json, name="results_json"),
]
