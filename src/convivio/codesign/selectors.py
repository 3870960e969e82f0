"""Reads for co-design pages; each reads a fixed number of queries whatever
the number of rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from . import permissions
from .models import (
    PHASES,
    Answer,
    Candidate,
    CandidateVote,
    Comment,
    Idea,
    IdeaVote,
    Meeting,
    Phase,
    Process,
    Prototype,
    Round,
)


def processes(
    user: Any,
    *,
    territory: int | None = None,
    network: int | None = None,
    phase: str | None = None,
) -> QuerySet[Process]:
    """The processes the person may read, newest first, filtered."""
    qs = permissions.visible_processes(user, Process.objects.all())
    if territory:
        qs = qs.filter(territory_id=territory)
    if network:
        qs = qs.filter(network_id=network)
    if phase in PHASES:
        qs = qs.filter(phases__kind=phase, phases__active=True)
    return qs.select_related("territory", "network").prefetch_related(
        "translations",
        "network__translations",
        Prefetch(
            "phases",
            queryset=Phase.objects.filter(active=True),
            to_attr="active_phases",
        ),
    )


def process_for_page(pk: int) -> Process | None:
    return (
        Process.objects.select_related("territory", "network", "organisation")
        .prefetch_related("translations", "network__translations", "phases")
        .filter(pk=pk)
        .first()
    )


@dataclass
class PhaseView:
    phase: Phase
    meetings: list[Meeting] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.phase.kind


def _visible_or_moderated(moderate: bool) -> Q:
    return Q() if moderate else Q(state="visible")


def process_page(process: Process, user: Any) -> dict[str, Any]:
    """Everything the process page shows, phase by phase."""
    moderate = permissions.can_moderate_process(user, process)
    shown = _visible_or_moderated(moderate)
    phases = sorted(process.phases.all(), key=lambda p: PHASES.index(p.kind))
    views = {p.kind: PhaseView(p) for p in phases}
    meetings = Meeting.objects.filter(process=process).prefetch_related(
        "interpretation"
    )
    for meeting in meetings:
        views[meeting.phase].meetings.append(meeting)
    insights = list(process.insights.filter(shown).select_related("author", "language"))
    evidence = list(process.evidence.all())
    candidates = list(
        process.candidates.filter(shown)
        .select_related("author")
        .annotate(vote_count=Count("votes"))
        .order_by("-vote_count", "created_at", "pk")
    )
    ideas = list(
        process.ideas.filter(shown)
        .select_related("author")
        .annotate(
            vote_count=Count("votes", distinct=True),
            comment_count=Count(
                "comments", filter=Q(comments__state="visible"), distinct=True
            ),
        )
        .order_by("-vote_count", "created_at", "pk")
    )
    my_candidate_votes: set[int] = set()
    my_idea_votes: set[int] = set()
    if user.is_authenticated:
        my_candidate_votes = set(
            CandidateVote.objects.filter(
                candidate__process=process, user=user
            ).values_list("candidate_id", flat=True)
        )
        my_idea_votes = set(
            IdeaVote.objects.filter(idea__process=process, user=user).values_list(
                "idea_id", flat=True
            )
        )
    prototypes = list(
        process.prototypes.select_related("idea", "practice").prefetch_related(
            Prefetch(
                "rounds",
                queryset=Round.objects.prefetch_related(
                    Prefetch(
                        "answers",
                        queryset=Answer.objects.filter(shown).select_related("author"),
                    )
                ),
            )
        )
    )
    return {
        "phases": [views[p.kind] for p in phases],
        "active": next((p for p in phases if p.active), None),
        "insights": insights,
        "evidence": evidence,
        "candidates": candidates,
        "ideas": ideas,
        "my_candidate_votes": my_candidate_votes,
        "my_idea_votes": my_idea_votes,
        "votes_left": process.idea_votes - len(my_idea_votes),
        "prototypes": prototypes,
        "can_moderate": moderate,
    }


def idea_comments(idea: Idea, user: Any, process: Process) -> list[Comment]:
    shown = _visible_or_moderated(permissions.can_moderate_process(user, process))
    return list(idea.comments.filter(shown).select_related("author", "language"))


def network_processes(network_id: int, limit: int = 10) -> list[Process]:
    return list(
        Process.objects.filter(network_id=network_id).prefetch_related(
            "translations",
            Prefetch(
                "phases",
                queryset=Phase.objects.filter(active=True),
                to_attr="active_phases",
            ),
        )[:limit]
    )


def network_events(process: Process, user: Any) -> QuerySet[Any]:
    """The events of the process's network a meeting may point at."""
    from convivio.events import permissions as event_permissions
    from convivio.events.models import Event

    if process.network_id is None:
        return Event.objects.none()
    return event_permissions.visible_events(
        user, Event.objects.filter(network_id=process.network_id)
    ).prefetch_related("translations")


def candidate(process: Process, pk: int) -> Candidate | None:
    return Candidate.objects.filter(process=process, pk=pk).first()


def prototype(process: Process, pk: int) -> Prototype | None:
    return (
        Prototype.objects.filter(process=process, pk=pk)
        .select_related("process")
        .first()
    )
