"""Reads for survey pages (the results are in ``results.py``)."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from convivio.core.permissions import is_moderator
from convivio.plans.permissions import team_territory_ids

from .models import Choice, Invitation, Question, Survey


def surveys_open() -> QuerySet[Survey]:
    """Open surveys anybody may answer, newest first."""
    return Survey.objects.filter(
        status=Survey.Status.OPEN, access=Survey.Access.ANYONE
    ).select_related("territory", "language")


def surveys_results_public() -> QuerySet[Survey]:
    """Closed surveys whose results anybody may read, newest first."""
    return Survey.objects.filter(
        status=Survey.Status.CLOSED, results_public=True
    ).select_related("territory", "language")


def surveys_of_territory(territory) -> dict[str, list[Survey]]:
    """A place's surveys the public may answer, and those whose results it may read."""
    return {
        "open": list(surveys_open().filter(territory=territory)[:50]),
        "published": list(surveys_results_public().filter(territory=territory)[:50]),
    }


def surveys_built_by(user) -> QuerySet[Survey]:
    """Surveys the user may edit (every status), with their answer counts."""
    if not user.is_authenticated:
        return Survey.objects.none()
    queryset = Survey.objects.select_related("territory", "language").annotate(
        answer_count=Count("responses", distinct=True)
    )
    if user.is_superuser or is_moderator(user):
        return queryset
    return queryset.filter(territory_id__in=team_territory_ids(user))


CHOICES = Choice.objects.order_by("position", "id")


def survey_with_questions(pk: int) -> Survey:
    """A survey with its questions and choices in order (three queries)."""
    survey = Survey.objects.select_related("territory", "language").get(pk=pk)
    questions = list(
        Question.objects.filter(survey=survey)
        .select_related("condition_question")
        .prefetch_related(
            Prefetch("choices", queryset=Choice.objects.order_by("position", "id"))
        )
        .order_by("position", "id")
    )
    survey.ordered_questions = questions
    return survey


def invitations_of(survey: Survey) -> dict:
    rows = list(survey.invitations.order_by("-created_at", "id"))
    counts = survey.invitations.aggregate(
        used=Count("id", filter=Q(used_at__isnull=False)),
        unused=Count("id", filter=Q(used_at__isnull=True)),
    )
    return {"rows": rows, **counts}


def invitation_for(survey: Survey, token: str) -> Invitation | None:
    return Invitation.objects.filter(survey=survey, token=token).first()
