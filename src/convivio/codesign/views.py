"""Pages of co-design processes: the list, the process as a timeline, an idea
with its comments, and the forms that participants write and facilitators run
the process with.  The small forms post to their own address and come back to
the process page, with what went wrong said at its top."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from convivio.core.forms import add_service_errors
from convivio.core.models import Territory
from convivio.core.pagination import paginate

from . import forms, permissions, selectors, services
from .models import (
    PHASES,
    Answer,
    Candidate,
    Comment,
    Idea,
    Insight,
    Participant,
    PhaseKind,
    Process,
    Prototype,
    Round,
)


def _int(value: Any) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**53 else None


class _SignInFirst(Exception):
    """A visitor asking for a members-only process: the sign-in page answers."""


def _process(request: HttpRequest, pk: int) -> Process:
    process = selectors.process_for_page(pk)
    if process is None:
        raise Http404
    if not request.user.is_authenticated and not permissions.can_view_process(
        request.user, process
    ):
        raise _SignInFirst
    permissions.require_view_process(request.user, process)
    return process


def _reading(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Send visitors to the sign-in page for what only members read."""

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except _SignInFirst:
            return redirect_to_login(request.get_full_path())

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _back(process: Process, anchor: str = "") -> HttpResponse:
    url = process.get_absolute_url()
    return redirect(f"{url}#{anchor}" if anchor else url)


def _run(
    request: HttpRequest,
    process: Process,
    form: Any,
    write: Callable[[dict[str, Any]], Any],
    anchor: str,
    done: str = "",
) -> HttpResponse:
    """Check the form, call the service, come back to the process page."""
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return _back(process, anchor)
    try:
        write(form.cleaned_data)
    except ValidationError as error:
        _errors(request, error)
    else:
        if done:
            messages.success(request, done)
    return _back(process, anchor)


# ------------------------------------------------------------------ reading


def process_list(request: HttpRequest) -> HttpResponse:
    territory = _int(request.GET.get("place"))
    network = _int(request.GET.get("network"))
    phase = request.GET.get("phase") or None
    rows = selectors.processes(
        request.user,
        territory=territory,
        network=network,
        phase=phase if phase in PHASES else None,
    )
    page = paginate(request, rows)
    for process in page:
        process.shown = process.translation_for(get_language())
        process.active = process.active_phases[0] if process.active_phases else None
    places = Territory.objects.filter(
        pk__in=Process.objects.values("territory_id")
    ).order_by("name")
    return render(
        request,
        "codesign/process_list.html",
        {
            "processes": page,
            "places": places,
            "phases": PhaseKind.choices,
            "chosen": {"place": territory, "network": network, "phase": phase},
            "can_start": permissions.can_start_process(request.user),
        },
    )


@_reading
def process_detail(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process(request, pk)
    user = request.user
    context = selectors.process_page(process, user)
    role = permissions.role_in(user, process)
    context.update(
        process=process,
        shown=process.translation_for(get_language()),
        role=role,
        can_write=role is not None,
        can_run=role == permissions.FACILITATOR,
        language_choices=forms.language_choices() if role else [],
        current_language=get_language(),
        evidence_kinds=forms.Evidence.Kind.choices,
        decisions=[
            (d.value, d.label)
            for d in (Prototype.Decision.ADOPTED, Prototype.Decision.DROPPED)
        ],
        is_last=context["active"] is not None and context["active"].kind == PHASES[-1],
        tied=_tied(context["candidates"]),
        follow_topic=f"codesign:{process.pk}",
    )
    return render(request, "codesign/process_detail.html", context)


def _tied(candidates: list[Any]) -> list[Any]:
    """The leading candidates when several share the most approvals."""
    visible = [c for c in candidates if c.is_visible]
    if len(visible) < 2 or visible[0].vote_count != visible[1].vote_count:
        return []
    return [c for c in visible if c.vote_count == visible[0].vote_count]


@_reading
def idea_detail(request: HttpRequest, pk: int, idea: int) -> HttpResponse:
    process = _process(request, pk)
    found = get_object_or_404(
        Idea.objects.select_related("author", "language"), process=process, pk=idea
    )
    if not found.is_visible and not permissions.can_moderate_process(
        request.user, process
    ):
        raise Http404
    role = permissions.role_in(request.user, process)
    return render(
        request,
        "codesign/idea_detail.html",
        {
            "process": process,
            "shown": process.translation_for(get_language()),
            "idea": found,
            "comments": selectors.idea_comments(found, request.user, process),
            "can_write": role is not None,
            "can_moderate": permissions.can_moderate_process(request.user, process),
            "language_choices": forms.language_choices() if role else [],
            "current_language": get_language(),
        },
    )


# ------------------------------------------------------------ running it


@login_required
def process_new(request: HttpRequest) -> HttpResponse:
    permissions.require_start_process(request.user)
    networks = permissions.convenable_networks(request.user).prefetch_related(
        "translations"
    )
    form = forms.ProcessForm(
        request.POST or None,
        networks=networks,
        initial={"language": get_language()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            process = services.process_create(
                request.user,
                network=data["network"],
                title=data["title"],
                challenge=data["challenge"],
                description=data["description"],
                language=data["language"].code,
                dates=form.dates(),
                idea_votes=data["idea_votes"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(process)
    return render(request, "codesign/process_form.html", {"form": form})


@login_required
def process_edit(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process(request, pk)
    permissions.require_facilitate(request.user, process)
    row = process.original_translation()
    phases = {p.kind: p for p in process.phases.all()}
    initial: dict[str, Any] = {
        "title": row.title if row else "",
        "challenge": row.challenge if row else "",
        "description": row.description if row else "",
        "idea_votes": process.idea_votes,
    }
    for kind, phase in phases.items():
        initial[f"{kind}_starts"] = phase.starts_on
        initial[f"{kind}_ends"] = phase.ends_on
    form = forms.ProcessEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.process_update(
                request.user,
                process,
                title=data["title"],
                challenge=data["challenge"],
                description=data["description"],
                dates=form.dates(),
                idea_votes=data["idea_votes"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(process)
    return render(
        request, "codesign/process_form.html", {"form": form, "process": process}
    )


@login_required
def participants(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process(request, pk)
    permissions.require_facilitate(request.user, process)
    form = forms.InviteForm(request.POST or None)
    if request.method == "POST":
        remove = _int(request.POST.get("remove"))
        if remove is not None:
            row = Participant.objects.filter(process=process, pk=remove).first()
            if row is None:
                messages.error(request, _("This person is not in this process."))
            else:
                services.participant_remove(request.user, process, row)
            return redirect("codesign:participants", process.pk)
        if form.is_valid():
            person = (
                get_user_model()
                .objects.filter(username=form.cleaned_data["username"], is_active=True)
                .first()
            )
            if person is None:
                form.add_error("username", _("Nobody has this user name."))
            else:
                try:
                    services.participant_invite(
                        request.user, process, person, form.cleaned_data["role"]
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    return redirect("codesign:participants", process.pk)
    rows = Participant.objects.filter(process=process).select_related("user")
    return render(
        request,
        "codesign/participants.html",
        {
            "process": process,
            "shown": process.translation_for(get_language()),
            "participants": rows,
            "form": form,
        },
    )


@login_required
@require_POST
def phase_next(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process(request, pk)
    permissions.require_facilitate(request.user, process)
    try:
        phase = services.phase_next(request.user, process)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request,
            _("The process is now in its %(phase)s phase.")
            % {"phase": PhaseKind(phase.kind).label},
        )
    return _back(process, "phases")


@login_required
@require_POST
def insight_add(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process(request, pk)
    permissions.require_take_part(request.user, process)
    return _run(
        request,
        process,
        forms.WrittenForm(request.POST),
        lambda d: services.insight_add(
            request.user, process, text=d["text"], language=d["language"]
        ),
        "phase-discover",
    )


@login_required
@require_POST
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process(request, pk)
    permissions.require_take_part(request.user, process)
    return _run(
        request,
        process,
        forms.EvidenceForm(request.POST),
        lambda d: services.evidence_add(
            request.user,
            process,
            kind=d["kind"],
            object_id=d["object_id"],
            note=d["note"],
        ),
        "phase-discover",
    )


@login_required
@require_POST
def candidate_add(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process(request, pk)
    permissions.require_take_part(request.user, process)
    return _run(
        request,
        process,
        forms.CandidateForm(request.POST),
        lambda d: services.candidate_add(
            request.user, process, text=d["text"], language=d["language"]
        ),
        "phase-define",
    )


@login_required
@require_POST
def candidate_vote(request: HttpRequest, pk: int, candidate: int) -> HttpResponse:
    process = _process(request, pk)
    permissions.require_take_part(request.user, process)
    found = get_object_or_404(Candidate, process=process, pk=candidate)
    found.process = process
    try:
        services.candidate_vote(request.user, found)
    except ValidationError as error:
        _errors(request, error)
    return _back(process, f"candidate-{found.pk}")


@login_required
@require_POST
def vote_close(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process(request, pk)
    permissions.require_facilitate(request.user, process)

    def write(data: dict[str, Any]) -> None:
        choice = None
        if data.get("choice"):
            choice = selectors.candidate(process, data["choice"])
            if choice is None:
                raise ValidationError(_("Choose one of the leading candidates."))
        services.vote_close(request.user, process, choice=choice)

    return _run(
        request,
        process,
        forms.CloseVoteForm(request.POST),
        write,
        "phase-define",
        _("The vote is closed: the challenge is chosen."),
    )


@login_required
@require_POST
def idea_add(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process(request, pk)
    permissions.require_take_part(request.user, process)
    return _run(
        request,
        process,
        forms.IdeaForm(request.POST),
        lambda d: services.idea_add(
            request.user,
            process,
            title=d["title"],
            text=d["text"],
            language=d["language"],
        ),
        "phase-develop",
    )


@login_required
@require_POST
def idea_vote(request: HttpRequest, pk: int, idea: int) -> HttpResponse:
    process = _process(request, pk)
    permissions.require_take_part(request.user, process)
    found = get_object_or_404(Idea, process=process, pk=idea)
    try:
        services.idea_vote(request.user, found)
    except ValidationError as error:
        _errors(request, error)
    return _back(process, f"idea-{found.pk}")


@login_required
@require_POST
def comment_add(request: HttpRequest, pk: int, idea: int) -> HttpResponse:
    process = _process(request, pk)
    permissions.require_take_part(request.user, process)
    found = get_object_or_404(Idea, process=process, pk=idea)
    found.process = process
    form = forms.WrittenForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(
                request.user,
                found,
                text=form.cleaned_data["text"],
                language=form.cleaned_data["language"],
            )
        except ValidationError as error:
            _errors(request, error)
    else:
        messages.error(request, _("Write something first."))
    return redirect(found)


@login_required
@require_POST
def prototype_add(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process(request, pk)
    permissions.require_facilitate(request.user, process)

    def write(d: dict[str, Any]) -> None:
        idea = Idea.objects.filter(process=process, pk=d["idea"]).first()
        if idea is None:
            raise ValidationError(_("Choose one of this process's ideas."))
        services.prototype_add(
            request.user,
            process,
            idea=idea,
            title=d["title"],
            description=d["description"],
            language=d["language"],
        )

    return _run(
        request, process, forms.PrototypeForm(request.POST), write, "phase-deliver"
    )


def _prototype(process: Process, pk: int) -> Prototype:
    found = selectors.prototype(process, pk)
    if found is None:
        raise Http404
    found.process = process
    return found


@login_required
@require_POST
def round_add(request: HttpRequest, pk: int, prototype: int) -> HttpResponse:
    process = _process(request, pk)
    permissions.require_facilitate(request.user, process)
    found = _prototype(process, prototype)
    return _run(
        request,
        process,
        forms.RoundForm(request.POST),
        lambda d: services.round_add(
            request.user,
            found,
            question=d["question"],
            language=d["language"],
            link_kind=d["link_kind"],
            link_id=d["link_id"],
        ),
        f"prototype-{found.pk}",
    )


@login_required
@require_POST
def answer_add(request: HttpRequest, pk: int, round: int) -> HttpResponse:
    process = _process(request, pk)
    permissions.require_take_part(request.user, process)
    found = get_object_or_404(
        Round.objects.select_related("prototype"), prototype__process=process, pk=round
    )
    found.prototype.process = process
    return _run(
        request,
        process,
        forms.WrittenForm(request.POST),
        lambda d: services.answer_add(
            request.user, found, text=d["text"], language=d["language"]
        ),
        f"round-{found.pk}",
    )


@login_required
@require_POST
def prototype_decide(request: HttpRequest, pk: int, prototype: int) -> HttpResponse:
    process = _process(request, pk)
    permissions.require_facilitate(request.user, process)
    found = _prototype(process, prototype)
    return _run(
        request,
        process,
        forms.DecideForm(request.POST),
        lambda d: services.prototype_decide(
            request.user, found, decision=d["decision"], reasons=d["reasons"]
        ),
        f"prototype-{found.pk}",
    )


@login_required
@require_POST
def practice_make(request: HttpRequest, pk: int, prototype: int) -> HttpResponse:
    process = _process(request, pk)
    permissions.require_facilitate(request.user, process)
    found = _prototype(process, prototype)
    try:
        practice = services.practice_make(request.user, found)
    except ValidationError as error:
        _errors(request, error)
        return _back(process, f"prototype-{found.pk}")
    messages.success(
        request, _("The draft practice is made: complete it and send it for review.")
    )
    return redirect("practices:detail", practice.pk)


@login_required
def meeting_add(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process(request, pk)
    permissions.require_facilitate(request.user, process)
    active = next((p.kind for p in process.phases.all() if p.active), PHASES[0])
    form = forms.MeetingForm(
        request.POST or None,
        initial={"phase": active},
        events=selectors.network_events(process, request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.meeting_add(
                request.user,
                process,
                phase=data["phase"],
                starts_at=data["starts_at"],
                place=data["place"],
                online_url=data["online_url"],
                interpretation=data["interpretation"],
                childcare=data["childcare"],
                schedule_notes=data["schedule_notes"],
                event=data["event"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _back(process, f"phase-{data['phase']}")
    return render(
        request,
        "codesign/meeting_form.html",
        {
            "form": form,
            "process": process,
            "shown": process.translation_for(get_language()),
        },
    )


#: What moderators may hide, by the name in the address.
MODERATED: dict[str, type[Model]] = {
    "insight": Insight,
    "candidate": Candidate,
    "idea": Idea,
    "comment": Comment,
    "answer": Answer,
}


def _moderated(process: Process, kind: str, pk: int) -> Any:
    model = MODERATED.get(kind)
    if model is None:
        raise Http404
    qs: QuerySet[Any]
    if model is Comment:
        qs = Comment.objects.filter(idea__process=process)
    elif model is Answer:
        qs = Answer.objects.filter(round__prototype__process=process)
    else:
        qs = model.objects.filter(process=process)  # type: ignore[attr-defined]
    obj = qs.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


@login_required
@require_POST
def moderate(request: HttpRequest, pk: int, kind: str, obj: int) -> HttpResponse:
    """Hide what somebody wrote, or show it again."""
    process = _process(request, pk)
    permissions.require_moderate_process(request.user, process)
    found = _moderated(process, kind, obj)
    form = forms.HideForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        if found.state == found.State.HIDDEN:
            services.content_restore(request.user, found, reason)
        else:
            services.content_hide(request.user, found, reason)
    except ValidationError as error:
        _errors(request, error)
    return _back(process, f"{kind}-{found.pk}")
