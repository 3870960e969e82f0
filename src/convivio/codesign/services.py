"""Writes on co-design processes; each checks the person's right first
(``permissions``) and the phase the process is in, and refuses bad input with a
``ValidationError`` saying what to do."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from convivio.community import notifications
from convivio.community.models import Network
from convivio.core import ratelimit
from convivio.core.models import Language, Organisation, Territory
from convivio.core.translation import save_original
from convivio.search.backends import Document
from convivio.search.services import index_remove, index_replace

from . import permissions
from .models import (
    PHASES,
    Answer,
    Candidate,
    CandidateVote,
    Comment,
    Evidence,
    Idea,
    IdeaVote,
    Insight,
    Meeting,
    Participant,
    Phase,
    PhaseKind,
    Process,
    Prototype,
    Round,
)

SEARCH_KIND = "codesign"
NOTIFY_PHASE = "codesign.phase"
#: Dates of the phases: {phase: (starts_on, ends_on)}.
Dates = dict[str, tuple[dt.date | None, dt.date | None]]


def _language(code: str) -> Language:
    try:
        return Language.objects.get(code=code)
    except Language.DoesNotExist:
        raise ValidationError({"language": _("Unknown language.")}) from None


def _text(value: str, field: str, message: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    if len(value) > limit:
        raise ValidationError(
            {field: _("At most %(limit)d characters.") % {"limit": limit}}
        )
    return value


def active_phase(process: Process) -> Phase:
    """The one active phase (the prefetched phases when there are)."""
    for phase in process.phases.all():
        if phase.active:
            return phase
    raise Phase.DoesNotExist(process.pk)  # the invariant says this never happens


def require_phase(process: Process, kind: str) -> None:
    if active_phase(process).kind != kind:
        raise ValidationError(
            _("This is done in the %(phase)s phase.") % {"phase": PhaseKind(kind).label}
        )


def check_dates(dates: Dates) -> None:
    """Each phase ends after it starts, and starts after the one before ended."""
    last: dt.date | None = None
    for kind in PHASES:
        start, end = dates.get(kind, (None, None))
        if start and end and end < start:
            raise ValidationError(
                _("The %(phase)s phase ends before it starts.")
                % {"phase": PhaseKind(kind).label}
            )
        for day in (start, end):
            if day is None:
                continue
            if last is not None and day < last:
                raise ValidationError(
                    _("The phases' dates must follow each other in order.")
                )
            last = day


# ------------------------------------------------------------------- processes


@transaction.atomic
def process_create(
    user: Any,
    *,
    network: Network | None,
    title: str,
    challenge: str = "",
    description: str = "",
    language: str,
    territory: Territory | None = None,
    organisation: Organisation | None = None,
    dates: Dates | None = None,
    idea_votes: int = 3,
    source_key: str = "",
    by_system: bool = False,
) -> Process:
    """A new process in its discover phase; its convenor facilitates it."""
    if not by_system:
        permissions.require_start_process(user)
        if (
            network is None
            or not permissions.convenable_networks(user).filter(pk=network.pk).exists()
        ):
            raise ValidationError({"network": _("Choose a network you coordinate.")})
    if network is None and organisation is None:
        raise ValidationError({"network": _("Choose a network you coordinate.")})
    title = _text(title, "title", _("Give the process a title."), 200)
    dates = dates or {}
    check_dates(dates)
    process = Process(
        network=network,
        organisation=organisation,
        territory=territory or network.territory,  # type: ignore[union-attr]
        original_language=_language(language),
        idea_votes=idea_votes,
        source_key=source_key,
        created_by=user,
    )
    process.full_clean(exclude=["original_language", "chosen"])
    if not by_system:
        ratelimit.check_member("codesign", user)
    process.save()
    today = timezone.localdate()
    # The process starts today unless its dates were planned.
    any_date = any(day for pair in dates.values() for day in pair)
    Phase.objects.bulk_create(
        [
            Phase(
                process=process,
                kind=kind,
                starts_on=dates.get(kind, (None, None))[0]
                or (today if kind == PhaseKind.DISCOVER and not any_date else None),
                ends_on=dates.get(kind, (None, None))[1],
                active=kind == PhaseKind.DISCOVER,
            )
            for kind in PHASES
        ]
    )
    save_original(
        process,
        {
            "title": title,
            "challenge": challenge.strip()[:500],
            "description": description.strip(),
        },
        user=user,
    )
    if not by_system and network is None:
        participant_set(process, user, Participant.Role.FACILITATOR)
    process_index(process)
    return process


@transaction.atomic
def process_update(
    user: Any,
    process: Process,
    *,
    title: str,
    challenge: str,
    description: str,
    dates: Dates,
    idea_votes: int,
) -> Process:
    permissions.require_facilitate(user, process)
    title = _text(title, "title", _("Give the process a title."), 200)
    check_dates(dates)
    if not 1 <= idea_votes <= 20:
        raise ValidationError({"idea_votes": _("Between 1 and 20 votes.")})
    process.idea_votes = idea_votes
    process.save(update_fields=["idea_votes", "updated_at"])
    for phase in Phase.objects.filter(process=process):
        phase.starts_on, phase.ends_on = dates.get(phase.kind, (None, None))
        phase.save(update_fields=["starts_on", "ends_on"])
    save_original(
        process,
        {
            "title": title,
            "challenge": challenge.strip()[:500],
            "description": description.strip(),
        },
        user=user,
    )
    process_index(process)
    return process


def participant_set(process: Process, person: Any, role: str) -> Participant:
    """Put a person in the process with a role (callers check who may)."""
    participant, _created = Participant.objects.update_or_create(
        process=process, user=person, defaults={"role": role}
    )
    permissions.forget_roles(person)
    return participant


@transaction.atomic
def participant_invite(
    user: Any, process: Process, person: Any, role: str
) -> Participant:
    permissions.require_facilitate(user, process)
    if role not in Participant.Role.values:
        raise ValidationError({"role": _("Choose a role.")})
    return participant_set(process, person, role)


@transaction.atomic
def participant_remove(user: Any, process: Process, participant: Participant) -> None:
    permissions.require_facilitate(user, process)
    if participant.process_id != process.pk:
        raise ValidationError(_("This person is not in this process."))
    participant.delete()
    permissions.forget_roles(participant.user)


def recipients(process: Process) -> set[int]:
    """Ids of the people taking part (the network's members and the invited)
    and of those who follow the process and may still read it."""
    ids = set(
        Participant.objects.filter(process=process).values_list("user_id", flat=True)
    )
    topic = notifications.topic("codesign", process.pk)
    followers = get_user_model().objects.filter(
        subscriptions__topic=topic, is_active=True
    )
    ids |= {
        person.pk
        for person in followers
        if person.pk not in ids and permissions.can_view_process(person, process)
    }
    if process.network_id:
        ids |= set(process.network.members.values_list("user_id", flat=True))  # type: ignore[union-attr]
    return ids


@transaction.atomic
def phase_next(user: Any, process: Process) -> Phase:
    """Move the process to its next phase: the active one ends today (or the
    day it started), the next starts then; later plans that no longer fit are
    cleared, so the dates stay in order."""
    permissions.require_facilitate(user, process)
    phases = {
        p.kind: p for p in Phase.objects.select_for_update().filter(process=process)
    }
    current = next(p for p in phases.values() if p.active)
    index = PHASES.index(current.kind)
    if index == len(PHASES) - 1:
        raise ValidationError(_("This is the last phase."))
    if current.kind == PhaseKind.DEFINE and process.chosen_id is None:
        raise ValidationError(_("Close the vote on the challenge first."))
    today = timezone.localdate()
    day = max(today, current.starts_on or today)
    current.ends_on = day
    current.active = False
    current.save(update_fields=["ends_on", "active"])
    following = phases[PHASES[index + 1]]
    following.starts_on = day
    following.active = True
    if following.ends_on and following.ends_on < day:
        following.ends_on = None
    following.save(update_fields=["starts_on", "ends_on", "active"])
    for kind in PHASES[index + 2 :]:
        later = phases[kind]
        if (later.starts_on and later.starts_on < day) or (
            later.ends_on and later.ends_on < day
        ):
            later.starts_on = later.ends_on = None
            later.save(update_fields=["starts_on", "ends_on"])
    notifications.notify(
        recipients(process),
        kind=NOTIFY_PHASE,
        params={"process": process.pk, "title": str(process), "phase": following.kind},
        url=process.get_absolute_url(),
        topic=notifications.topic("codesign", process.pk),
        actor=user,
    )
    return following


# -------------------------------------------------------------------- discover


def _written(user: Any, process: Process, text: str, language: str, limit: int = 5000):
    permissions.require_take_part(user, process)
    text = _text(text, "text", _("Write something first."), limit)
    code = _language(language)
    ratelimit.check_member("codesign", user)
    return text, code


@transaction.atomic
def insight_add(user: Any, process: Process, *, text: str, language: str) -> Insight:
    permissions.require_take_part(user, process)
    require_phase(process, PhaseKind.DISCOVER)
    text, code = _written(user, process, text, language)
    return Insight.objects.create(
        process=process, author=user, text=text, language=code
    )


#: kind → function(user, id) -> (title, url), raising ValidationError when the
#: record does not exist or the person may not open it.
Resolver = Callable[[Any, int], tuple[str, str]]


def _survey(user: Any, object_id: int) -> tuple[str, str]:
    from convivio.surveys import permissions as survey_permissions
    from convivio.surveys.models import Survey

    survey = (
        Survey.objects.prefetch_related("translations").filter(pk=object_id).first()
    )
    if survey is None or not survey_permissions.can_view_survey(user, survey):
        raise ValidationError({"object_id": _("No survey has this number.")})
    row = survey.original_translation()
    if survey_permissions.can_view_results(user, survey):
        url = reverse("surveys:results", args=[survey.pk])
    else:
        url = reverse("surveys:answer", args=[survey.pk])
    return (row.title if row else str(survey.pk)), url


def _thread(user: Any, object_id: int) -> tuple[str, str]:
    from convivio.discussions import permissions as thread_permissions
    from convivio.discussions.models import Thread

    thread = Thread.objects.filter(pk=object_id).first()
    if (
        thread is None
        or not thread.is_visible
        or not thread_permissions.can_view_thread(user, thread)
    ):
        raise ValidationError({"object_id": _("No forum thread has this number.")})
    return thread.title, thread.get_absolute_url()


def _feedback(user: Any, object_id: int) -> tuple[str, str]:
    try:
        from convivio.feedback import permissions as feedback_permissions
        from convivio.feedback.models import Channel
    except ImportError:  # the feedback app's models are not there yet
        raise ValidationError(
            {"kind": _("This kind of link cannot be made yet.")}
        ) from None
    channel = Channel.objects.filter(pk=object_id).first()
    if channel is None or not feedback_permissions.can_view_channel(user, channel):
        raise ValidationError({"object_id": _("No feedback channel has this number.")})
    return str(channel.target), reverse("feedback:results", args=[channel.code])


RESOLVERS: dict[str, Resolver] = {
    Evidence.Kind.SURVEY: _survey,
    Evidence.Kind.THREAD: _thread,
    Evidence.Kind.FEEDBACK: _feedback,
}


def resolve_link(user: Any, kind: str, object_id: Any) -> tuple[str, str]:
    """The title and address of what a link points at, checked."""
    resolver = RESOLVERS.get(kind)
    if resolver is None:
        raise ValidationError({"kind": _("This kind of link cannot be made yet.")})
    try:
        number = int(object_id)
    except (TypeError, ValueError):
        raise ValidationError({"object_id": _("Give its number.")}) from None
    if not 0 < number < 2**53:
        raise ValidationError({"object_id": _("Give its number.")})
    title, url = resolver(user, number)
    return title[:200], url


@transaction.atomic
def evidence_add(
    user: Any, process: Process, *, kind: str, object_id: Any, note: str = ""
) -> Evidence:
    permissions.require_take_part(user, process)
    title, url = resolve_link(user, kind, object_id)
    if Evidence.objects.filter(
        process=process, kind=kind, object_id=int(object_id)
    ).exists():
        raise ValidationError(_("This is linked already."))
    return Evidence.objects.create(
        process=process,
        kind=kind,
        object_id=int(object_id),
        title=title,
        url=url,
        note=note.strip()[:500],
        added_by=user,
    )


# ---------------------------------------------------------------------- define


@transaction.atomic
def candidate_add(
    user: Any, process: Process, *, text: str, language: str
) -> Candidate:
    permissions.require_take_part(user, process)
    require_phase(process, PhaseKind.DEFINE)
    if process.vote_closed_at:
        raise ValidationError(_("The vote on the challenge is closed."))
    text, code = _written(user, process, text, language, limit=500)
    return Candidate.objects.create(
        process=process, author=user, text=text, language=code
    )


@transaction.atomic
def candidate_vote(user: Any, candidate: Candidate) -> bool:
    """Approve a candidate, or take the approval back; True when it now counts."""
    process = candidate.process
    permissions.require_take_part(user, process)
    require_phase(process, PhaseKind.DEFINE)
    if process.vote_closed_at:
        raise ValidationError(_("The vote on the challenge is closed."))
    if not candidate.is_visible:
        raise ValidationError(_("This candidate was hidden by a moderator."))
    deleted, _rows = CandidateVote.objects.filter(
        candidate=candidate, user=user
    ).delete()
    if deleted:
        return False
    CandidateVote.objects.create(candidate=candidate, user=user)
    return True


def candidate_tally(process: Process) -> list[tuple[Candidate, int]]:
    """The visible candidates with their votes, most first (then oldest)."""
    rows = (
        Candidate.objects.filter(process=process, state=Candidate.State.VISIBLE)
        .annotate(vote_count=Count("votes"))
        .order_by("-vote_count", "created_at", "pk")
    )
    return [(c, c.vote_count) for c in rows]


def tied_leaders(tally: list[tuple[Candidate, int]]) -> list[Candidate]:
    if not tally:
        return []
    top = tally[0][1]
    return [c for c, n in tally if n == top]


@transaction.atomic
def vote_close(
    user: Any, process: Process, *, choice: Candidate | None = None
) -> Candidate:
    """Close the vote: the candidate with the most approvals becomes the
    process's challenge; when several share the most, the facilitator chooses
    among them (``choice``)."""
    permissions.require_facilitate(user, process)
    require_phase(process, PhaseKind.DEFINE)
    if process.vote_closed_at:
        raise ValidationError(_("The vote on the challenge is closed."))
    leaders = tied_leaders(candidate_tally(process))
    if not leaders:
        raise ValidationError(_("No candidate challenge has been proposed yet."))
    if len(leaders) == 1:
        if choice is not None and choice.pk != leaders[0].pk:
            raise ValidationError(
                {"choice": _("Only a tie is decided by the facilitators.")}
            )
        winner = leaders[0]
    else:
        if choice is None or choice.pk not in {c.pk for c in leaders}:
            raise ValidationError(
                {"choice": _("The vote is tied: choose one of the leading candidates.")}
            )
        winner = choice
    process.chosen = winner
    process.vote_closed_at = timezone.now()
    process.save(update_fields=["chosen", "vote_closed_at", "updated_at"])
    original = process.original_translation()
    save_original(
        process,
        {
            "title": original.title,
            "challenge": winner.text,
            "description": original.description,
        },
        user=user,
    )
    process_index(process)
    return winner


# --------------------------------------------------------------------- develop


@transaction.atomic
def idea_add(
    user: Any, process: Process, *, title: str, text: str, language: str
) -> Idea:
    permissions.require_take_part(user, process)
    require_phase(process, PhaseKind.DEVELOP)
    title = _text(title, "title", _("Give the idea a title."), 200)
    text, code = _written(user, process, text, language)
    return Idea.objects.create(
        process=process, author=user, title=title, text=text, language=code
    )


@transaction.atomic
def idea_vote(user: Any, idea: Idea) -> bool:
    """Give a vote to an idea, or take it back; True when it now counts.  Each
    participant has ``process.idea_votes`` votes for the process's ideas."""
    process = Process.objects.select_for_update().get(pk=idea.process_id)
    permissions.require_take_part(user, process)
    require_phase(process, PhaseKind.DEVELOP)
    deleted, _rows = IdeaVote.objects.filter(idea=idea, user=user).delete()
    if deleted:
        return False
    if not idea.is_visible:
        raise ValidationError(_("This idea was hidden by a moderator."))
    used = IdeaVote.objects.filter(idea__process=process, user=user).count()
    if used >= process.idea_votes:
        raise ValidationError(
            _("You have used your %(count)d votes: take one back first.")
            % {"count": process.idea_votes}
        )
    IdeaVote.objects.create(idea=idea, user=user)
    return True


@transaction.atomic
def comment_add(user: Any, idea: Idea, *, text: str, language: str) -> Comment:
    process = idea.process
    permissions.require_take_part(user, process)
    if not idea.is_visible:
        raise ValidationError(_("This idea was hidden by a moderator."))
    text, code = _written(user, process, text, language)
    return Comment.objects.create(idea=idea, author=user, text=text, language=code)


# --------------------------------------------------------------------- deliver


@transaction.atomic
def prototype_add(
    user: Any,
    process: Process,
    *,
    idea: Idea,
    title: str,
    description: str,
    language: str,
) -> Prototype:
    permissions.require_facilitate(user, process)
    require_phase(process, PhaseKind.DELIVER)
    if idea.process_id != process.pk:
        raise ValidationError({"idea": _("Choose one of this process's ideas.")})
    title = _text(title, "title", _("Give the prototype a title."), 200)
    description = _text(description, "description", _("Write something first."), 5000)
    return Prototype.objects.create(
        process=process,
        idea=idea,
        title=title,
        description=description,
        language=_language(language),
        created_by=user,
    )


@transaction.atomic
def round_add(
    user: Any,
    prototype: Prototype,
    *,
    question: str,
    language: str,
    link_kind: str = "",
    link_id: Any = None,
) -> Round:
    process = prototype.process
    permissions.require_facilitate(user, process)
    require_phase(process, PhaseKind.DELIVER)
    if prototype.decision != Prototype.Decision.PENDING:
        raise ValidationError(_("This prototype has been decided on."))
    question = _text(question, "question", _("Ask a question."), 500)
    title = url = ""
    if link_kind:
        title, url = resolve_link(user, link_kind, link_id)
    return Round.objects.create(
        prototype=prototype,
        question=question,
        language=_language(language),
        link_kind=link_kind,
        link_id=int(link_id) if link_kind else None,
        link_title=title,
        link_url=url,
    )


@transaction.atomic
def answer_add(user: Any, round: Round, *, text: str, language: str) -> Answer:
    process = round.prototype.process
    permissions.require_take_part(user, process)
    require_phase(process, PhaseKind.DELIVER)
    if round.prototype.decision != Prototype.Decision.PENDING:
        raise ValidationError(_("This prototype has been decided on."))
    text, code = _written(user, process, text, language)
    return Answer.objects.create(round=round, author=user, text=text, language=code)


@transaction.atomic
def prototype_decide(
    user: Any, prototype: Prototype, *, decision: str, reasons: str
) -> Prototype:
    process = prototype.process
    permissions.require_facilitate(user, process)
    require_phase(process, PhaseKind.DELIVER)
    if decision not in (Prototype.Decision.ADOPTED, Prototype.Decision.DROPPED):
        raise ValidationError({"decision": _("Choose adopted or dropped.")})
    if prototype.practice_id:
        raise ValidationError(_("This prototype has become a practice already."))
    reasons = _text(reasons, "reasons", _("Say why."), 5000)
    prototype.decision = decision
    prototype.reasons = reasons
    prototype.decided_by = user
    prototype.decided_at = timezone.now()
    prototype.save(update_fields=["decision", "reasons", "decided_by", "decided_at"])
    return prototype


@transaction.atomic
def practice_make(user: Any, prototype: Prototype) -> Any:
    """The draft practice an adopted prototype becomes, written by the
    facilitator in the prototype's language, and linked to it."""
    from convivio.practices.services import PracticeData, practice_create

    process = prototype.process
    permissions.require_facilitate(user, process)
    if prototype.decision != Prototype.Decision.ADOPTED:
        raise ValidationError(_("Only an adopted prototype becomes a practice."))
    if prototype.practice_id:
        raise ValidationError(_("This prototype has become a practice already."))
    row = process.original_translation()
    description = "\n\n".join(
        part for part in (prototype.description, prototype.reasons) if part
    )
    data = PracticeData(
        language=prototype.language_id,
        title=prototype.title,
        summary=(row.challenge if row and row.challenge else prototype.title)[:500],
        country=process.territory.country_code,
        description=description,
        territory_ids=[process.territory_id],
    )
    practice = practice_create(user=user, data=data)
    prototype.practice = practice
    prototype.save(update_fields=["practice"])
    return practice


# --------------------------------------------------------------------- meetings


@transaction.atomic
def meeting_add(
    user: Any,
    process: Process,
    *,
    phase: str,
    starts_at: dt.datetime,
    place: str = "",
    online_url: str = "",
    interpretation: Iterable[Language] = (),
    childcare: bool = False,
    schedule_notes: str = "",
    event: Any = None,
) -> Meeting:
    permissions.require_facilitate(user, process)
    if event is not None and (
        event.network_id is None or event.network_id != process.network_id
    ):
        raise ValidationError({"event": _("Choose one of the network's events.")})
    if phase not in PHASES:
        raise ValidationError({"phase": _("Choose a phase.")})
    if not place.strip() and not online_url.strip():
        raise ValidationError({"place": _("Say where it happens, or give its link.")})
    meeting = Meeting(
        process=process,
        phase=phase,
        starts_at=starts_at,
        place=place.strip(),
        online_url=online_url.strip(),
        childcare=childcare,
        schedule_notes=schedule_notes.strip(),
        event=event,
    )
    meeting.full_clean(exclude=["process"])
    meeting.save()
    meeting.interpretation.set(list(interpretation))
    return meeting


# ------------------------------------------------------------------ moderation


def content_hide(user: Any, obj: Any, reason: str) -> None:
    from convivio.community import moderation

    moderation.hide(user, obj, reason)


def content_restore(user: Any, obj: Any, reason: str = "") -> None:
    from convivio.community import moderation

    moderation.restore(user, obj, reason)


# ---------------------------------------------------------------------- search


def is_public(process: Process) -> bool:
    """Found by search: processes anyone may read."""
    return process.network_id is None or (
        process.network.visibility == Network.Visibility.PUBLIC  # type: ignore[union-attr]
    )


def process_documents(process: Process) -> list[Document]:
    """One entry per language of a public process: title, challenge, description."""
    if not is_public(process):
        return []
    return [
        Document(
            kind=SEARCH_KIND,
            object_id=process.pk,
            language=row.language_id,
            title=row.title,
            body="\n".join(p for p in (row.challenge, row.description) if p),
        )
        for row in process.translations.all()
    ]


def process_index(process: Process) -> None:
    process = (
        Process.objects.select_related("network")
        .prefetch_related("translations")
        .get(pk=process.pk)
    )
    documents = process_documents(process)
    if documents:
        index_replace(kind=SEARCH_KIND, object_id=process.pk, documents=documents)
    else:
        index_remove(kind=SEARCH_KIND, object_id=process.pk)
