"""Survey pages: the list, the builder, invitations, XLSForm, and answering.

The builder works without JavaScript (each action is a form that posts and
redirects back); with HTMX the builder area is boosted, so an action swaps only
that area.  Answering works without JavaScript too: all questions are on one
page; a question that depends on an answer appears after "Continue" (with
JavaScript at once).  Given answers travel in the page itself, never in the
database or the session, and nothing about the person is stored.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, get_language_info, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from convivio.core import ratelimit
from convivio.core.forms import add_service_errors
from convivio.core.http import AuthenticatedHttpRequest
from convivio.core.pagination import ROWS_PER_PAGE, paginate

from . import permissions, selectors, services, xlsform
from .forms import ChoiceForm, ImportForm, InvitationForm, QuestionForm, SurveyForm
from .models import Choice, ChoiceTranslation, Question, QuestionTranslation, Survey

# ----------------------------------------------------------------- helpers


def _survey(pk: int) -> Survey:
    try:
        return selectors.survey_with_questions(pk)
    except Survey.DoesNotExist:
        raise Http404(_("There is no such survey.")) from None


def _editable(request: HttpRequest, pk: int) -> Survey:
    survey = _survey(pk)
    permissions.require_edit_survey(request.user, survey)
    return survey


# ----------------------------------------------------------------- list


@require_GET
def survey_list(request: HttpRequest) -> HttpResponse:
    # Three lists on one page, each paged by its own parameter.
    lists = {
        ("open_surveys", "open"): selectors.surveys_open(),
        ("published_surveys", "published"): selectors.surveys_results_public(),
        ("built", "built"): selectors.surveys_built_by(request.user),
    }
    context = {}
    for (name, short), surveys in lists.items():
        page = paginate(request, surveys, per_page=ROWS_PER_PAGE, param=f"{short}_page")
        selectors.in_language(page, get_language())
        context[name] = page
    return render(
        request,
        "surveys/survey_list.html",
        {**context, "can_build": permissions.can_build_survey(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    permissions.require_create_surveys(request.user)
    form = SurveyForm(
        request.POST or None,
        user=request.user,
        initial={"language": request.LANGUAGE_CODE, "access": "anyone"},
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(user=request.user, data=form.to_data())
        except ValidationError as error:
            add_service_errors(form, error)
            status = ratelimit.status_for(error, 200)
        else:
            messages.success(request, _("The survey was created as a draft."))
            return redirect("surveys:edit", survey.pk)
    return render(request, "surveys/survey_form.html", {"form": form}, status=status)


# ----------------------------------------------------------------- builder

BUILDER_ACTIONS = {
    "survey-save",
    "open",
    "close",
    "question-add",
    "question-update",
    "question-up",
    "question-down",
    "question-delete",
    "choice-add",
    "choice-delete",
    "duplicate",
}


def _builder_context(request: HttpRequest, survey: Survey, **forms: Any) -> dict:
    questions = survey.ordered_questions
    rows = []
    for q in questions:
        edit = forms.get(f"question-{q.pk}") or QuestionForm(
            initial=QuestionForm.initial_for(q),
            survey=survey,
            question=q,
            prefix=f"q{q.pk}",
        )
        choice_form = forms.get(f"choice-{q.pk}") or ChoiceForm(prefix=f"c{q.pk}")
        rows.append({"question": q, "form": edit, "choice_form": choice_form})
    return {
        "survey": survey,
        "rows": rows,
        "survey_form": forms.get("survey")
        or SurveyForm(
            initial=SurveyForm.initial_for(survey), user=request.user, editing=True
        ),
        "add_form": forms.get("add")
        or QuestionForm(survey=survey, prefix="new", initial={"kind": "single"}),
        "answer_count": survey.responses.count(),
    }


@login_required
@require_http_methods(["GET", "POST"])
def survey_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    survey = _editable(request, pk)
    if request.method == "GET":
        return render(
            request, "surveys/builder.html", _builder_context(request, survey)
        )
    action = request.POST.get("action", "")
    if action not in BUILDER_ACTIONS:
        messages.error(request, _("Unknown action."))
        return redirect("surveys:edit", survey.pk)
    # Fetched for every question-* and choice-* action but adding one (404 if it
    # is not in this survey); those branches below test it again for mypy.
    question = None
    if action.startswith(("question-", "choice-")) and action != "question-add":
        question = get_object_or_404(
            Question, survey=survey, pk=request.POST.get("question") or 0
        )
    user = request.user
    forms: dict[str, Any] = {}
    anchor = f"question-{question.pk}" if question else ""
    try:
        if action == "survey-save":
            survey_form = SurveyForm(request.POST, user=user, editing=True)
            forms["survey"] = survey_form
            if not survey_form.is_valid():
                raise ValidationError(_("Please correct the errors below."))
            services.survey_update(user=user, survey=survey, data=survey_form.to_data())
            messages.success(request, _("Saved."))
        elif action == "open":
            services.survey_open(user=user, survey=survey)
            messages.success(request, _("The survey is open for answers."))
        elif action == "close":
            services.survey_close(user=user, survey=survey)
            messages.success(request, _("The survey is closed."))
        elif action == "question-add":
            add_form = QuestionForm(request.POST, survey=survey, prefix="new")
            forms["add"] = add_form
            if not add_form.is_valid():
                raise ValidationError(_("Please correct the errors below."))
            question = services.question_add(
                user=user, survey=survey, data=add_form.to_data()
            )
            anchor = f"question-{question.pk}"
            messages.success(request, _("Question added."))
        elif action == "question-update" and question is not None:
            question_form = QuestionForm(
                request.POST, survey=survey, question=question, prefix=f"q{question.pk}"
            )
            forms[f"question-{question.pk}"] = question_form
            if not question_form.is_valid():
                raise ValidationError(_("Please correct the errors below."))
            services.question_update(
                user=user, question=question, data=question_form.to_data()
            )
            messages.success(request, _("Question saved."))
        elif action in ("question-up", "question-down") and question is not None:
            services.question_move(
                user=user,
                question=question,
                offset=-1 if action == "question-up" else 1,
            )
        elif action == "question-delete" and question is not None:
            services.question_delete(user=user, question=question)
            anchor = ""
            messages.success(request, _("Question deleted."))
        elif action == "choice-add" and question is not None:
            choice_form = ChoiceForm(request.POST, prefix=f"c{question.pk}")
            forms[f"choice-{question.pk}"] = choice_form
            if not choice_form.is_valid():
                raise ValidationError(_("Please correct the errors below."))
            services.choice_add(
                user=user,
                question=question,
                value=choice_form.cleaned_data["value"],
                label=choice_form.cleaned_data["label"],
            )
        elif action == "duplicate":
            # A new draft with the questions, choices and every translation.
            copy = services.survey_duplicate(user=user, survey=survey)
            messages.success(
                request, _("This is a copy of the survey, as a draft: change it.")
            )
            return redirect("surveys:edit", copy.pk)
        elif action == "choice-delete":
            choice = get_object_or_404(
                Choice, question=question, pk=request.POST.get("choice") or 0
            )
            services.choice_delete(user=user, choice=choice)
    except ValidationError as error:
        for form in forms.values():
            if hasattr(error, "error_dict") or not form.errors:
                add_service_errors(form, error)
        if not forms:
            for message in error.messages:
                messages.error(request, message)
        survey = _survey(survey.pk)
        return render(
            request,
            "surveys/builder.html",
            _builder_context(request, survey, **forms),
            # HTMX swaps only successful responses: the boosted form gets 200.
            status=200 if request.headers.get("HX-Request") else 400,
        )
    url = reverse("surveys:edit", args=[survey.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


# ----------------------------------------------------------------- invitations


@login_required
@require_http_methods(["GET", "POST"])
def invitations(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    survey = _editable(request, pk)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.invitations_create(
                user=request.user,
                survey=survey,
                n=form.cleaned_data["n"],
                label=form.cleaned_data["label"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(n)s invitation link created.",
                    "%(n)s invitation links created.",
                    len(made),
                )
                % {"n": len(made)},
            )
            return redirect("surveys:invitations", survey.pk)
    listing = selectors.invitations_of(survey)
    for row in listing["rows"]:
        row.link = request.build_absolute_uri(
            reverse("surveys:invitation", args=[survey.pk, row.token])
        )
    return render(
        request,
        "surveys/invitations.html",
        {"survey": survey, "form": form, **listing},
    )


# ----------------------------------------------------------------- XLSForm


@login_required
@require_GET
def xlsform_export(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    survey = _editable(request, pk)
    response = HttpResponse(
        xlsform.export_survey(survey),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = survey.form_id or f"survey-{survey.pk}"
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def xlsform_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    permissions.require_import_surveys(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    problems: list[str] = []
    status = 400
    if request.method == "POST" and form.is_valid():
        try:
            survey = xlsform.import_survey(
                user=request.user,
                territory=form.cleaned_data["territory"],
                upload=form.cleaned_data["upload"],
            )
        except ValidationError as error:
            problems = error.messages
            status = ratelimit.status_for(error)
        else:
            messages.success(
                request,
                _("The form was imported as a draft survey: check it, then open it."),
            )
            return redirect("surveys:edit", survey.pk)
    return render(
        request,
        "surveys/import.html",
        {"form": form, "problems": problems},
        status=status if problems else 200,
    )


# ----------------------------------------------------------------- answering

STEP_FIELD = "step"


def _field(question: Question) -> str:
    return f"q_{question.name}"


def collect_answers(data, questions: list[Question]) -> dict[str, Any]:
    """The answers a posted answering form carries, by question name."""
    answers: dict[str, Any] = {}
    for q in questions:
        if q.kind in (Question.Kind.MULTIPLE, Question.Kind.RANKING):
            answers[q.name] = [v for v in data.getlist(_field(q)) if v]
        else:
            answers[q.name] = data.get(_field(q), "")
    return answers


def _items(
    questions: list[Question],
    answers: dict[str, Any],
    errors: dict[str, str],
    language: str | None = None,
) -> list[dict]:
    """What the answering page shows of each question, its text in ``language``
    (each question and choice falls back to the original on its own)."""
    by_id = {q.pk: q for q in questions}
    items = []
    for q in questions:
        given = answers.get(q.name)
        chosen = (
            set(given)
            if isinstance(given, list)
            else ({str(given)} if given not in (None, "") else set())
        )
        # The services write a question with its original's row, and only the
        # rows have text: the question itself has no label to fall back on.
        text: QuestionTranslation = q.translation_for(language)
        item: dict[str, Any] = {
            "question": q,
            "label": text.label,
            "help_text": text.help_text,
            "lang": text.language_id,
            "field": _field(q),
            "shown": services.is_shown(q, answers, by_id),
            "error": errors.get(q.name, ""),
            "text": "" if isinstance(given, list) or given is None else given,
            "choices": [_choice(c, language, chosen) for c in q.choices.all()],
        }
        if q.condition_question_id:
            item["depends_on"] = _field(by_id[q.condition_question_id])
        if q.kind == Question.Kind.SCALE:
            low = 1 if q.scale_min is None else q.scale_min
            high = 5 if q.scale_max is None else q.scale_max
            item["scale"] = [
                {"value": str(v), "checked": str(v) in chosen}
                for v in range(low, high + 1)
            ]
        if q.kind == Question.Kind.RANKING:
            ranked = given if isinstance(given, list) else []
            count = min(q.rank_count or len(item["choices"]), len(item["choices"]))
            item["slots"] = [
                {"rank": i + 1, "selected": ranked[i] if i < len(ranked) else ""}
                for i in range(count)
            ]
        items.append(item)
    return items


def _choice(choice: Choice, language: str | None, chosen: set[str]) -> dict:
    # As for questions: a choice's text is in its rows, the original's among them.
    text: ChoiceTranslation = choice.translation_for(language)
    return {
        "value": choice.value,
        "label": text.label,
        "lang": text.language_id,
        "checked": choice.value in chosen,
    }


def _language_links(request: HttpRequest, survey: Survey, chosen: str) -> list[dict]:
    """The languages a respondent may answer in, each a link keeping the page."""
    links = []
    query = request.GET.copy()
    for code in services.survey_languages(survey):
        query["lang"] = code
        try:
            name = get_language_info(code)["name_local"]
        except KeyError:
            name = code
        links.append(
            {
                "code": code,
                "name": name,
                "href": "?" + query.urlencode(),
                "chosen": code == chosen,
            }
        )
    return links if len(links) > 1 else []


def _unavailable(request: HttpRequest, survey: Survey, message: str, status: int):
    return render(
        request,
        "surveys/unavailable.html",
        {"survey": survey, "message": message},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, pk: int, token: str | None = None) -> HttpResponse:
    survey = _survey(pk)
    preview = survey.status != Survey.Status.OPEN
    if preview and not permissions.can_edit_survey(request.user, survey):
        if survey.status == Survey.Status.DRAFT:
            raise Http404(_("There is no such survey."))
        return _unavailable(
            request,
            survey,
            _("This survey is closed: thank you for your interest."),
            410,
        )
    if token is not None:
        try:
            services.invitation_check(survey=survey, token=token)
        except ValidationError as error:
            return _unavailable(request, survey, " ".join(error.messages), 400)
    elif survey.access == Survey.Access.INVITATION and not preview:
        return _unavailable(
            request,
            survey,
            _("This survey is answered by invitation: open the link you received."),
            403,
        )
    questions = survey.ordered_questions
    # The respondent's choice (?lang=, kept by the form), else the page's
    # language when the survey has it, else the survey's original.
    language = services.respondent_language(
        survey, request.POST.get("lang") or request.GET.get("lang"), get_language()
    )
    answers: dict[str, Any] = {}
    errors: dict[str, str] = {}
    general: list[str] = []
    status = 400
    refusal: ValidationError | None = None
    if request.method == "POST":
        answers = collect_answers(request.POST, questions)
        if STEP_FIELD not in request.POST:
            if preview:
                general.append(_("This is a preview: answers are not saved."))
            else:
                try:
                    services.answer_submit(
                        survey=survey,
                        answers=answers,
                        invitation_token=token,
                        client=ratelimit.address_key(request),
                        language=language,
                    )
                except ValidationError as error:
                    status = ratelimit.status_for(error)
                    refusal = error
                    if hasattr(error, "error_dict"):
                        errors = {k: " ".join(v) for k, v in error.message_dict.items()}
                    else:
                        general = error.messages
                else:
                    return redirect("surveys:thanks", survey.pk)
    items = _items(questions, answers, errors, language)
    response = render(
        request,
        "surveys/answer.html",
        {
            "survey": survey,
            "shown": survey.translation_for(language),
            "language": language,
            "answer_languages": _language_links(request, survey, language),
            "items": items,
            "errors": errors,
            "general": general,
            "preview": preview,
            "has_conditions": any(q.condition_question_id for q in questions),
            "action": request.path,
        },
        status=status if (errors or general) and not preview else 200,
    )
    ratelimit.retry_after(response, refusal)
    response["Cache-Control"] = "no-store"
    # same-origin (the site's policy): the invitation token in the address never
    # leaves the site, and the form still posts with its Origin for the CSRF check
    # ("no-referrer" makes Chromium send Origin: null, which Django refuses).
    response["Referrer-Policy"] = "same-origin"
    return response


@require_GET
def thanks(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey.objects.select_related("territory"), pk=pk)
    return render(request, "surveys/thanks.html", {"survey": survey})
