"""Reads for survey pages (the results are in ``results.py``)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import get_language

from . import permissions
from .models import Choice, Invitation, Question, Survey


def surveys_open() -> QuerySet[Survey]:
    """Open surveys anybody may answer, newest first."""
    return (
        Survey.objects.filter(status=Survey.Status.OPEN, access=Survey.Access.ANYONE)
        .select_related("territory")
        .prefetch_related("translations")
    )


def surveys_results_public() -> QuerySet[Survey]:
    """Closed surveys whose results anybody may read, newest first."""
    return (
        Survey.objects.filter(status=Survey.Status.CLOSED, results_public=True)
        .select_related("territory")
        .prefetch_related("translations")
    )


def in_language(surveys: Iterable[Survey], language: str | None) -> list[Survey]:
    """The surveys, each with ``shown``: its row in ``language``, else the
    original (from the prefetched rows, no query)."""
    surveys = list(surveys)
    for survey in surveys:
        survey.shown = survey.translation_for(language)
    return surveys


def surveys_of_territory(
    territory, language: str | None = None
) -> dict[str, list[Survey]]:
    """A place's surveys the public may answer, and those whose results it may
    read, in ``language`` (the page's by default)."""
    language = language or get_language()
    # Both lists in one query (and one for their rows): the place's page
    # gathers many apps' sections and keeps its number of queries small.
    open_q = Q(status=Survey.Status.OPEN, access=Survey.Access.ANYONE)
    published_q = Q(status=Survey.Status.CLOSED, results_public=True)
    both = in_language(
        Survey.objects.filter(open_q | published_q, territory=territory)
        .select_related("territory")
        .prefetch_related("translations")
        .order_by("-created_at", "-id")[:100],
        language,
    )
    return {
        "open": [s for s in both if s.status == Survey.Status.OPEN][:50],
        "published": [s for s in both if s.status == Survey.Status.CLOSED][:50],
    }


def surveys_built_by(user) -> QuerySet[Survey]:
    """Surveys the user may edit (every status), with their answer counts."""
    return permissions.editable_surveys(
        user,
        Survey.objects.select_related("territory")
        .prefetch_related("translations")
        .annotate(answer_count=Count("responses", distinct=True))
        # A grouped query ignores Meta.ordering: say it, so pages stay stable.
        .order_by("-created_at", "-id"),
    )


CHOICES = Choice.objects.order_by("position", "id")


def survey_with_questions(pk: int) -> Survey:
    """A survey with its questions and choices in order, and every one's
    translation rows (six queries)."""
    survey = (
        Survey.objects.select_related("territory")
        .prefetch_related("translations")
        .get(pk=pk)
    )
    questions = list(
        Question.objects.filter(survey=survey)
        .select_related("condition_question")
        .prefetch_related(
            "translations",
            "condition_question__translations",
            Prefetch(
                "choices",
                queryset=Choice.objects.order_by("position", "id").prefetch_related(
                    "translations"
                ),
            ),
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
