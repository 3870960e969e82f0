"""Pages of survey results, their downloads, free-text moderation and the most
relevant issues of a place (see ``results`` for who sees what)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from convivio.core.http import AuthenticatedHtmxHttpRequest, AuthenticatedHttpRequest
from convivio.core.models import Territory

from . import permissions
from . import results as service
from .models import Answer, Question, Survey

CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _survey(pk: int) -> Survey:
    return get_object_or_404(
        Survey.objects.select_related("territory").prefetch_related("translations"),
        pk=pk,
    )


def _results(request: HttpRequest, survey: Survey) -> service.Results:
    """The results the visitor may see; ``?by=`` adds a cross-tabulation and
    ``?view=public`` lets the team see what the public sees."""
    permissions.require_view_results(request.user, survey)
    team = permissions.can_see_all_answers(request.user, survey)
    public = not team or request.GET.get("view") == "public"
    by = None
    name = request.GET.get("by", "").strip()
    if name:
        by = Question.objects.filter(
            survey=survey, name=name, kind__in=service.BY_KINDS
        ).first()
    return service.survey_results(survey, public=public, by=by, language=get_language())


def _download(content: bytes, survey: Survey, name: str, kind: str) -> HttpResponse:
    response = HttpResponse(content, content_type=kind)
    filename = f"{slugify(str(survey))[:60] or 'survey'}-{name}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def results_page(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(pk)
    results = _results(request, survey)
    team = permissions.can_see_all_answers(request.user, survey)
    by_name = request.GET.get("by", "").strip()
    return render(
        request,
        "surveys/results.html",
        {
            "survey": survey,
            "shown": survey.translation_for(get_language()),
            "results": results,
            "team": team,
            "by_name": by_name,
            "by_unknown": bool(by_name) and results.by is None,
            "preview": team and results.public,
            "query": request.GET.urlencode(),
        },
    )


def results_csv(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(pk)
    content = service.results_csv(_results(request, survey))
    return _download(content, survey, "results.csv", CSV)


def results_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(pk)
    content = service.results_xlsx(_results(request, survey))
    return _download(content, survey, "results.xlsx", XLSX)


@login_required
def answers_csv(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    survey = _survey(pk)
    permissions.require_see_all_answers(request.user, survey)
    return _download(service.answers_csv(survey), survey, "answers.csv", CSV)


@login_required
def answers_xlsx(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    survey = _survey(pk)
    permissions.require_see_all_answers(request.user, survey)
    return _download(service.answers_xlsx(survey), survey, "answers.xlsx", XLSX)


@login_required
@require_POST
def answer_moderate(
    request: AuthenticatedHtmxHttpRequest, pk: int, answer_pk: int
) -> HttpResponse:
    """Show or hide a free-text answer; HTMX swaps the item, otherwise back."""
    survey = _survey(pk)
    answer = get_object_or_404(
        Answer.objects.select_related("question__survey"),
        pk=answer_pk,
        question__survey=survey,
    )
    shown = request.POST.get("shown") == "1"
    error = ""
    try:
        answer = service.answer_moderate(user=request.user, answer=answer, shown=shown)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if request.htmx:
        return render(
            request,
            "surveys/results.html#text_answer",
            {
                "survey": survey,
                "text": service.TextAnswer(answer.pk, answer.text, answer.moderation),
                "team": True,
                "error": error,
            },
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request,
            _("The answer is shown in published results.")
            if shown
            else _("The answer is hidden from published results."),
        )
    return redirect("surveys:results", pk=survey.pk)


def place_issues(request: HttpRequest, territory: int) -> HttpResponse:
    place = get_object_or_404(Territory, pk=territory)
    team = permissions.can_see_all_issues(request.user, place)
    issues = service.place_issues(place, public=not team)
    return render(
        request,
        "surveys/issues.html",
        {
            "territory": place,
            "issues": issues,
            "top": issues[:3],
            "rest": issues[3:],
            "threshold": service.threshold(),
            "hidden_label": service.hidden_text(),
        },
    )
