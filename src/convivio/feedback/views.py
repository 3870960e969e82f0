"""Feedback pages: the short address, the anonymous form and its thanks, the
poster for the door, the results over time, and the managers' actions."""

from __future__ import annotations

import io
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convivio.community.models import Network
from convivio.core import ratelimit
from convivio.core.forms import add_service_errors
from convivio.core.pagination import paginate
from convivio.directory.models import Service
from convivio.events.models import Event
from convivio.surveys.models import Answer, Question, SurveyTranslation

from . import permissions, selectors, services
from .forms import FeedbackForm, ReplyForm
from .models import COMMENT, RATING, Channel, FeedbackReply

# ------------------------------------------------------------------ languages


def _offered(channel: Channel) -> list[str]:
    """The languages the channel's survey has words in, its original first."""
    codes = list(
        SurveyTranslation.objects.filter(survey_id=channel.survey_id).values_list(
            "language_id", flat=True
        )
    )
    first = channel.survey.original_language_id
    return sorted(codes, key=lambda code: (code != first, code))


def _form_url(channel: Channel, language: str) -> str:
    with translation.override(language):
        return reverse("feedback:form", args=[channel.code])


def _language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name_local"])
    except KeyError:
        return code


@require_GET
def go(request: HttpRequest, code: str) -> HttpResponse:
    """/f/<code>: the form in the reader's language (their choice of language
    on the site, else their browser's) when the channel offers it, else in the
    channel's first language."""
    channel = selectors.channel_by_code(code)
    offered = _offered(channel)
    wanted = translation.get_language_from_request(request)
    language = wanted if wanted in offered else offered[0]
    return redirect(_form_url(channel, language))


# ----------------------------------------------------------------------- form


def _form(channel: Channel, language: str, data=None) -> FeedbackForm:
    questions = {
        q.name: q
        for q in Question.objects.filter(survey_id=channel.survey_id)
        .prefetch_related("translations", "choices__translations")
        .order_by("position")
    }
    rating, comment = questions[RATING], questions[COMMENT]
    points = [
        (choice.value, f"{choice.value} · {choice.translation_for(language).label}")
        for choice in sorted(rating.choices.all(), key=lambda c: c.position)
    ]
    return FeedbackForm(
        data,
        rating_label=rating.translation_for(language).label,
        comment_label=comment.translation_for(language).label,
        points=points,
    )


@require_http_methods(["GET", "POST"])
def form(request: HttpRequest, code: str) -> HttpResponse:
    channel = selectors.channel_by_code(code)
    offered = _offered(channel)
    language = get_language()
    if language not in offered:
        # The whole page in one language: the channel's first.
        return redirect(_form_url(channel, offered[0]))
    target = channel.target
    context = {
        "channel": channel,
        "target": target,
        "target_name": services._target_name(target, language),
        "survey_text": channel.survey.translation_for(language),
        "answer_languages": [
            {
                "code": code,
                "name": _language_name(code),
                "href": _form_url(channel, code),
                "chosen": code == language,
            }
            for code in offered
        ]
        if len(offered) > 1
        else [],
    }
    if not channel.is_open:
        status = 410 if request.method == "POST" else 200
        return render(request, "feedback/closed.html", context, status=status)
    feedback = _form(channel, language, request.POST or None)
    status = 200
    refusal: ValidationError | None = None
    if request.method == "POST":
        status = 400
        if feedback.is_valid():
            try:
                services.feedback_submit(
                    channel=channel,
                    answers={
                        RATING: feedback.cleaned_data["rating"],
                        COMMENT: feedback.cleaned_data["comment"],
                    },
                    language=language,
                    client=ratelimit.address_key(request),
                )
            except ValidationError as error:
                refusal = error
                status = ratelimit.status_for(error)
                add_service_errors(feedback, error)
            else:
                return redirect("feedback:thanks", channel.code)
    response = render(
        request, "feedback/form.html", {**context, "form": feedback}, status=status
    )
    ratelimit.retry_after(response, refusal)
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def thanks(request: HttpRequest, code: str) -> HttpResponse:
    channel = selectors.channel_by_code(code)
    target = channel.target
    return render(
        request,
        "feedback/thanks.html",
        {
            "channel": channel,
            "target": target,
            "target_name": services._target_name(target, get_language()),
            "can_view": permissions.can_view_target(request.user, target),
        },
    )


# --------------------------------------------------------------------- poster


def short_url(request: HttpRequest, channel: Channel) -> str:
    """The absolute short address, as the reader's browser reached the site."""
    return request.build_absolute_uri(channel.short_path())


def qr_code(url: str) -> segno.QRCode:
    # Level M: the poster may be creased or dirty at the door.
    return segno.make(url, error="m")


def qr_svg(url: str) -> str:
    out = io.BytesIO()
    qr_code(url).save(
        out,
        kind="svg",
        xmldecl=False,
        svgns=True,
        scale=8,
        title=url,
        svgclass="qr-code",
        lineclass=None,
    )
    return out.getvalue().decode()


def _managed(request: HttpRequest, code: str) -> Channel:
    channel = selectors.channel_by_code(code)
    permissions.require_manage_channel(request.user, channel)
    return channel


@login_required
@require_GET
def poster(request: HttpRequest, code: str) -> HttpResponse:
    channel = _managed(request, code)
    target = channel.target
    url = short_url(request, channel)
    sentences = []
    for language in _offered(channel):
        with translation.override(language):
            sentences.append(
                {
                    "code": language,
                    "bidi": translation.get_language_bidi(),
                    "text": _("Tell us how we did"),
                }
            )
    return render(
        request,
        "feedback/poster.html",
        {
            "channel": channel,
            "target": target,
            "target_name": services._target_name(target, target.original_language_id),
            "short_url": url,
            "short_display": url.split("://", 1)[-1],
            # segno's own SVG markup (nothing of it comes from a person: the
            # address is made of our host and a code of [2-9a-z]).
            "qr": mark_safe(qr_svg(url)),  # noqa: S308
            "sentences": sentences,
        },
    )


@login_required
@require_GET
def poster_png(request: HttpRequest, code: str) -> HttpResponse:
    channel = _managed(request, code)
    out = io.BytesIO()
    qr_code(short_url(request, channel)).save(out, kind="png", scale=16, border=4)
    response = HttpResponse(out.getvalue(), content_type="image/png")
    response["Content-Disposition"] = (
        f'attachment; filename="feedback-{channel.code}.png"'
    )
    return response


# -------------------------------------------------------------------- results


@require_GET
def results(request: HttpRequest, code: str) -> HttpResponse:
    channel = selectors.channel_by_code(code)
    target = channel.target
    if not permissions.can_view_target(request.user, target):
        if not request.user.is_authenticated:
            return redirect_to_login(request)
        raise PermissionDenied(_("You cannot see this feedback."))
    context = _results_context(request, channel)
    return render(request, "feedback/results.html", context)


def _results_context(
    request: HttpRequest, channel: Channel, reply_form: ReplyForm | None = None
) -> dict:
    target = channel.target
    manager = permissions.can_manage_channel(request.user, channel)
    figures = selectors.results(target)
    context: dict[str, Any] = {
        "channel": channel,
        "target": target,
        "target_name": services._target_name(target, get_language()),
        "results": figures,
        "replies": selectors.replies(target, limit=50),
        "manager": manager,
    }
    if manager:
        context["channels"] = list(selectors.channels_of(target))
        context["comments"] = paginate(
            request, selectors.comments(target), param="comments"
        )
        context["reply_form"] = reply_form or ReplyForm()
        context["months"] = [m.month for m in figures.months]
    return context


def redirect_to_login(request: HttpRequest) -> HttpResponse:
    from django.contrib.auth.views import redirect_to_login as to_login

    return to_login(request.get_full_path())


# ------------------------------------------------------------ managers' acts


def _target(kind: str, pk: int) -> Service | Network | Event:
    if kind == "service":
        return get_object_or_404(Service.objects.select_related("organisation"), pk=pk)
    if kind == "network":
        return get_object_or_404(Network, pk=pk)
    if kind == "event":
        return get_object_or_404(Event.objects.select_related("network"), pk=pk)
    raise Http404(_("There is no such page."))


@login_required
@require_POST
def open_channel(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    target = _target(kind, pk)
    permissions.require_manage_target(request.user, target)
    existing = selectors.open_channel(target)
    if existing is not None:
        messages.info(request, _("Feedback is already open: here is its poster."))
        return redirect("feedback:poster", existing.code)
    try:
        channel = services.channel_open(user=request.user, target=target)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(target.get_absolute_url())
    messages.success(request, _("Feedback is open: print the poster for the door."))
    return redirect("feedback:poster", channel.code)


@login_required
@require_POST
def set_state(request: HttpRequest, code: str) -> HttpResponse:
    channel = _managed(request, code)
    wanted = request.POST.get("open")
    if wanted not in ("0", "1"):
        messages.error(request, _("Choose whether to open or close the channel."))
        return redirect("feedback:results", channel.code)
    services.channel_set_open(user=request.user, channel=channel, is_open=wanted == "1")
    messages.success(
        request,
        _("Feedback is open again.") if wanted == "1" else _("Feedback is closed."),
    )
    return redirect("feedback:results", channel.code)


@login_required
@require_POST
def reply(request: HttpRequest, code: str) -> HttpResponse:
    channel = _managed(request, code)
    reply_form = ReplyForm(request.POST)
    if reply_form.is_valid():
        answer = None
        if reply_form.cleaned_data["answer"]:
            answer = (
                Answer.objects.select_related("question", "response")
                .filter(pk=reply_form.cleaned_data["answer"])
                .first()
            )
            if answer is None:
                reply_form.add_error(
                    None, _("This comment is not one of this channel's.")
                )
        if reply_form.is_valid():
            try:
                services.reply_add(
                    user=request.user,
                    channel=channel,
                    text=reply_form.cleaned_data["text"],
                    month=reply_form.cleaned_data["month"],
                    answer=answer,
                    language=get_language(),
                )
            except ValidationError as error:
                add_service_errors(reply_form, error)
            else:
                messages.success(request, _("Your reply is public."))
                return redirect("feedback:results", channel.code)
    return render(
        request,
        "feedback/results.html",
        _results_context(request, channel, reply_form),
        status=400,
    )


@login_required
@require_POST
def reply_delete(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(FeedbackReply.objects.select_related("channel"), pk=pk)
    services.reply_delete(user=request.user, reply=found)
    messages.success(request, _("The reply was taken down."))
    return redirect("feedback:results", found.channel.code)
